// The matrix overview webview. Loaded with the page's nonce; no inline handlers.
// The extension posts { type: 'update', html } (already escaped by renderOverviewBody);
// a click, or Enter/Space, on anything with data-range asks the extension to reveal it.
(function () {
  'use strict';
  const vscode = typeof acquireVsCodeApi === 'function' ? acquireVsCodeApi() : { postMessage() {}, getState() {}, setState() {} };
  const main = document.getElementById('overview');

  function reveal(element) {
    const parts = element.getAttribute('data-range').split(',').map(Number);
    if (parts.length !== 4 || parts.some((n) => !Number.isInteger(n) || n < 0)) return;
    vscode.postMessage({
      type: 'reveal',
      range: { start: { line: parts[0], character: parts[1] }, end: { line: parts[2], character: parts[3] } },
    });
  }

  document.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target.closest('[data-range]') : null;
    if (target) reveal(target);
  });
  document.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter' && event.key !== ' ') return;
    const target = event.target instanceof Element ? event.target.closest('[data-range]') : null;
    if (!target) return;
    event.preventDefault();
    reveal(target);
  });

  window.addEventListener('message', (event) => {
    const message = event.data;
    if (!message || message.type !== 'update' || typeof message.html !== 'string') return;
    const focused = document.activeElement && document.activeElement.getAttribute('data-range');
    main.innerHTML = message.html;
    if (focused) {
      const again = main.querySelector(`[data-range="${CSS.escape(focused)}"]`);
      if (again) again.focus();
    }
  });

  vscode.postMessage({ type: 'ready' });
})();

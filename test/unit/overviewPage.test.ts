/**
 * The matrix overview page in a real browser: the HTML of `renderOverviewPage`, the
 * media/ style sheets and script, served from one origin that plays the webview's
 * `cspSource`. Checks that the strict CSP lets the page work (styles applied, the
 * nonce'd script runs, no violation), that a click asks to reveal the cell, and that
 * an update replaces the content. Leaves a screenshot in test/e2e/artifacts/overview.png,
 * and in docs/images/overview.png with RACI_UPDATE_DOCS_IMAGES=1.
 *
 * Needs /usr/bin/chromium and playwright-core from test/e2e/vscode-host (`bash
 * test/e2e/setup.sh`); skipped with the reason without them, unless RACI_REQUIRE_BROWSER=1.
 */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { renderOverviewPage } from '../../client/src/overview/html';
import { getOverview } from '../../server/src/engine';
import { lint } from '../helpers/engine';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CHROMIUM = process.env.RACI_CHROMIUM ?? '/usr/bin/chromium';
const PLAYWRIGHT = path.join(ROOT, 'test/e2e/vscode-host/node_modules/playwright-core');
const EXAMPLE = 'examples/mistakes.en.md';

const missing = !fs.existsSync(CHROMIUM)
  ? `${CHROMIUM} not found (apt-get install chromium, or bash test/e2e/setup.sh)`
  : !fs.existsSync(path.join(PLAYWRIGHT, 'package.json'))
    ? 'playwright-core not installed in test/e2e/vscode-host (bash test/e2e/setup.sh)'
    : undefined;
if (missing && process.env.RACI_REQUIRE_BROWSER === '1') throw new Error(`RACI_REQUIRE_BROWSER=1 but ${missing}`);

/** What VS Code's Light Modern theme gives a webview, for a faithful screenshot. */
const THEME = `:root {
  --vscode-font-family: system-ui, "Segoe UI", "Ubuntu", "Droid Sans", sans-serif; --vscode-font-size: 13px;
  --vscode-foreground: #3b3b3b; --vscode-editor-background: #ffffff; --vscode-descriptionForeground: #717171;
  --vscode-panel-border: #e5e5e5; --vscode-editorWidget-background: #f8f8f8; --vscode-errorForeground: #f85149;
  --vscode-editorWarning-foreground: #bf8803; --vscode-editorInfo-foreground: #1a85ff; --vscode-focusBorder: #005fb8;
  --vscode-list-hoverBackground: #f2f2f2; --vscode-editor-font-family: "Droid Sans Mono", monospace;
}`;

interface Page {
  goto(url: string): Promise<unknown>;
  evaluate(expression: string): Promise<unknown>;
  addInitScript(script: { content: string }): Promise<void>;
  click(selector: string): Promise<void>;
  setViewportSize(size: { width: number; height: number }): Promise<void>;
  screenshot(options: { path: string; fullPage?: boolean }): Promise<Buffer>;
  on(event: 'console', listener: (message: { text(): string }) => void): void;
}

describe('overview page in Chromium', { skip: missing }, () => {
  let server: http.Server;
  let browser: { newPage(): Promise<Page>; close(): Promise<void> };
  let page: Page;
  const consoleMessages: string[] = [];
  const text = fs.readFileSync(path.join(ROOT, EXAMPLE), 'utf8');

  before(async () => {
    let html = '';
    server = http.createServer((request, response) => {
      const url = request.url ?? '/';
      if (url === '/') response.writeHead(200, { 'content-type': 'text/html' }).end(html);
      else if (url === '/theme.css') response.writeHead(200, { 'content-type': 'text/css' }).end(THEME);
      else if (/^\/media\/[\w-]+\.(css|js)$/.test(url)) {
        const type = url.endsWith('.css') ? 'text/css' : 'text/javascript';
        response.writeHead(200, { 'content-type': type }).end(fs.readFileSync(path.join(ROOT, url)));
      } else response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const data = { uri: `file:///work/${path.basename(EXAMPLE)}`, version: 1, ...getOverview(lint(text)) };
    html = renderOverviewPage(data, {
      cspSource: origin,
      nonce: 'c2NyZWVuc2hvdA',
      styleUris: [`${origin}/theme.css`, `${origin}/media/raci-roles.css`, `${origin}/media/overview.css`],
      scriptUri: `${origin}/media/overview.js`,
      title: 'RACI Overview',
    });
    const { chromium } = createRequire(import.meta.url)(PLAYWRIGHT) as { chromium: { launch(options: object): Promise<typeof browser> } };
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
      timeout: 30_000,
    });
    page = await browser.newPage();
    page.on('console', (message) => consoleMessages.push(message.text()));
    // What the webview host provides: acquireVsCodeApi, here recording what the page posts.
    await page.addInitScript({
      content: `window.posted = []; window.violations = [];
        window.acquireVsCodeApi = () => ({ postMessage: (m) => window.posted.push(m), getState() {}, setState() {} });
        document.addEventListener('securitypolicyviolation', (e) => window.violations.push(e.violatedDirective + ' ' + e.blockedURI));`,
    });
    await page.setViewportSize({ width: 720, height: 640 });
    await page.goto(`${origin}/`);
    await page.evaluate(`document.body.classList.add('vscode-light')`);
  });

  after(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  it("loads under its CSP: styles applied, the nonce'd script runs, no violation", async () => {
    assert.deepEqual(await page.evaluate('window.violations'), []);
    assert.deepEqual(
      consoleMessages.filter((m) => /Content Security Policy/i.test(m)),
      [],
    );
    assert.deepEqual(await page.evaluate('window.posted'), [{ type: 'ready' }]);
    assert.equal(await page.evaluate(`getComputedStyle(document.querySelector('.grid .raci-A')).fontWeight`), '800');
    assert.equal(await page.evaluate(`document.querySelectorAll('table.grid').length`), 1);
  });

  it('a click on a cell, or Enter on an activity, asks to reveal it', async () => {
    await page.click('td.cell.has-error');
    const [, reveal] = (await page.evaluate('window.posted')) as { type: string; range: { start: { line: number; character: number } } }[];
    assert.equal(reveal.type, 'reveal');
    const line = text.split('\n')[reveal.range.start.line];
    assert.equal(line.slice(reveal.range.start.character).replace(/\*/g, '').slice(0, 2), 'RX');
    await page.evaluate(`document.querySelector('th.activity').focus()`);
    await page.evaluate(`document.activeElement.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }))`);
    const posted = (await page.evaluate('window.posted')) as { type: string }[];
    assert.equal(posted.length, 3);
    assert.equal(posted[2].type, 'reveal');
  });

  it('takes a screenshot, then replaces its content on an update', async () => {
    const artifact = path.join(ROOT, 'test/e2e/artifacts/overview.png');
    fs.mkdirSync(path.dirname(artifact), { recursive: true });
    await page.evaluate(`document.activeElement && document.activeElement.blur()`);
    await page.screenshot({ path: artifact, fullPage: true });
    if (process.env.RACI_UPDATE_DOCS_IMAGES === '1') fs.copyFileSync(artifact, path.join(ROOT, 'docs/images/overview.png'));
    await page.evaluate(`window.postMessage({ type: 'update', html: '<p class="empty">replaced</p>' }, '*')`);
    await page.evaluate(`new Promise((resolve) => setTimeout(resolve, 0))`);
    assert.equal(await page.evaluate(`document.getElementById('overview').textContent`), 'replaced');
  });
});

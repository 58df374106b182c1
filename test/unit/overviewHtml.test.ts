import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { getOverview } from '../../server/src/engine';
import { ENGLISH, escapeHtml, renderComparison, renderOverviewBody, renderOverviewPage } from '../../client/src/overview/html';
import { lint } from '../helpers/engine';

const faulty = readFileSync(new URL('../fixtures/lsp/faulty.md', import.meta.url), 'utf8');
const data = (text: string) => ({ uri: 'file:///docs/plan%20A.md', version: 3, ...getOverview(lint(text)) });
const page = (text: string) =>
  renderOverviewPage(data(text), {
    cspSource: 'https://csp.example',
    nonce: 'n0nce',
    styleUris: ['https://csp.example/o.css'],
    scriptUri: 'https://csp.example/o.js',
    title: 'T',
  });

test('overview page: strict CSP, the nonce on the one script, no inline handler or style', () => {
  const html = page(faulty);
  const csp = /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1];
  assert.equal(
    csp,
    'default-src &#39;none&#39;; style-src https://csp.example; img-src https://csp.example; font-src https://csp.example; script-src &#39;nonce-n0nce&#39;',
  );
  assert.deepEqual(
    [...html.matchAll(/<script[^>]*>/g)].map((m) => m[0]),
    ['<script nonce="n0nce" src="https://csp.example/o.js">'],
  );
  assert.doesNotMatch(html, /\son[a-z]+=|style=|<style/i);
});

test('overview body: a grid per matrix with coloured cells, findings marked, totals per party', () => {
  const html = renderOverviewBody(data(faulty));
  assert.match(html, /<h1>plan A\.md<\/h1>/);
  assert.equal((html.match(/<table class="grid">/g) ?? []).length, 1);
  assert.match(
    html,
    /<td class="cell cell-A" tabindex="0" data-range="5,20,5,22"><span class="raci-code raci-R raci-kind-responsible">R<\/span><span class="raci-code raci-A raci-kind-accountable">A<\/span><\/td>/,
  );
  assert.match(
    html,
    /<tr class="has-error"><th scope="row" class="activity" tabindex="0" data-range="4,2,4,19" title="[^"]*missing-accountable\)">Définir le besoin <span class="marker marker-error"/,
  );
  assert.match(html, /class="cell cell-none odd has-error"[^>]*title="[^"]*invalid-role\)"><span class="raw">X<\/span>/);
  assert.match(html, /<td class="cell missing"/);
  assert.match(
    html,
    /<th scope="row">Équipe Ops<\/th><td class="num">1<\/td><td class="num">2<\/td><td class="num">0<\/td><td class="num">2<\/td>/,
  );
  assert.match(html, /Errors: 4/);
});

test('overview body: names from the document are escaped', () => {
  const evil = [
    '| Activity | Client | "Ops" & <b>co</b> |',
    '|---|---|---|',
    "| 1 < 2 & 'quoted' | RA | <img src=x onerror=alert(1)> |",
    '| Run | RA | <script>alert(1)</script> |',
    '| Ship | R | A |',
    '| Test | C | RA |',
    '| Audit | I | RA |',
    '',
  ].join('\n');
  const html = renderOverviewBody(data(evil));
  assert.doesNotMatch(html, /<script|<img|<b>/);
  assert.match(html, /<span class="raw">&lt;img src=x onerror=alert\(1\)&gt;<\/span>/);
  assert.match(html, /<span class="raw">&lt;script&gt;alert\(1\)&lt;\/script&gt;<\/span>/);
  assert.match(html, />1 &lt; 2 &amp; &#39;quoted&#39;</);
  assert.match(html, /&quot;Ops&quot; &amp; co/);
  assert.equal(escapeHtml(`<a href="x" title='y'>&</a>`), '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
});

test('overview body: no document, no matrix', () => {
  assert.match(renderOverviewBody(null), /Open a Markdown document/);
  assert.match(renderOverviewBody(data('# Notes\n\nNo table.\n')), /no RACI matrix/);
});

test('the panel localises exactly the English texts of the page', () => {
  const source = readFileSync(new URL('../../client/src/overview/panel.ts', import.meta.url), 'utf8');
  const block = source.slice(source.indexOf('export function strings()'));
  const localised = Object.fromEntries(
    [...block.matchAll(/(\w+): vscode\.l10n\.t\('((?:\\'|[^'])*)'\)/g)].map((m) => [m[1], m[2].replace(/\\'/g, "'")]),
  );
  assert.deepEqual(localised, ENGLISH);
});

test('the French overview puts a narrow no-break space before the colon of each count', () => {
  const source = readFileSync(new URL('../../client/src/overview/panel.ts', import.meta.url), 'utf8');
  const block = source.slice(source.indexOf('export function strings()'));
  const french = JSON.parse(readFileSync(new URL('../../l10n/bundle.l10n.fr.json', import.meta.url), 'utf8')) as Record<string, string>;
  const strings = Object.fromEntries(
    [...block.matchAll(/(\w+): vscode\.l10n\.t\('((?:\\'|[^'])*)'\)/g)].map((m) => [m[1], french[m[2].replace(/\\'/g, "'")]]),
  ) as unknown as typeof ENGLISH;
  const summary = /<p class="summary">.*?<\/p>/.exec(renderOverviewBody(data(faulty), strings))?.[0] ?? '';
  const text = summary.replace(/<[^>]+>/g, '');
  for (const label of ['Matrices', 'Erreurs', 'Avertissements', 'Informations', 'Indications'])
    assert.match(text, new RegExp(`${label}\u202f: \\d`));
});

test('the comparison: each change in plain words, linked to where it is, escaped; or a line saying nothing changed', () => {
  const range = { start: { line: 6, character: 2 }, end: { line: 6, character: 17 } };
  const html = renderComparison({
    uri: 'file:///docs/keys.md',
    version: 3,
    label: 'HEAD',
    matrices: [
      {
        title: 'Keys <b>',
        range,
        changes: [
          { kind: 'activity-changed', text: 'Rotate API keys — Accountable: Customer → Provider', range },
          { kind: 'activity-removed', text: 'Activity removed: Backup' },
        ],
      },
    ],
  });
  assert.ok(html.includes('<h2>Responsibility changes since HEAD</h2>'), html);
  assert.ok(html.includes('<h3><span class="change" tabindex="0" data-range="6,2,6,17">Keys &lt;b&gt;</span></h3>'), html);
  assert.ok(
    html.includes(
      '<li class="change-activity-changed"><span class="change" tabindex="0" data-range="6,2,6,17">Rotate API keys — Accountable: Customer → Provider</span></li>',
    ),
  );
  assert.ok(html.includes('<li class="change-activity-removed">Activity removed: Backup</li>'));
  assert.match(
    renderComparison({ uri: 'file:///x.md', version: 1, label: 'old.md', matrices: [] }),
    /No responsibility changes since old\.md\./,
  );
  assert.equal(renderComparison(null), '');
});

/** The text a user reads in the cell of `party` on the row of `activity` (markup stripped). */
function cellText(html: string, activity: string, column: number): string {
  const row = new RegExp(`<tr[^>]*><th scope="row" class="activity"[^>]*>${activity}.*?</tr>`).exec(html)?.[0] ?? '';
  const cell = [...row.matchAll(/<td[^>]*>(.*?)<\/td>/g)][column]?.[1] ?? '';
  return cell
    .replace(/<span class="marker[^>]*>/g, '[')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

test('a cell with a finding shows its codes once, then the marker; what is written only when it says more', () => {
  const html = renderOverviewBody(data(readFileSync(new URL('../e2e/screens/legend-list.md', import.meta.url), 'utf8')));
  // `R, S` with S missing from the legend: the badges R and S say it all (not "R S R, S ▲").
  assert.equal(cellText(html, 'Triage tickets', 2), 'R S [▲');
  const odd = renderOverviewBody(
    data(['| Activity | Ann | Bob |', '|---|---|---|', '| Plan | RX | A |', '| Build | R | A, A |', ''].join('\n')),
  );
  // An invalid letter and a code written twice are not in the badges: the written text shows them.
  assert.equal(cellText(odd, 'Plan', 0), 'R RX [✖');
  assert.equal(cellText(odd, 'Build', 1), 'A A, A [▲');
});

test('a matrix with no heading is titled by where it is, not by its first header cell', () => {
  const transposed = readFileSync(new URL('../e2e/screens/transposed.md', import.meta.url), 'utf8');
  const titles = (text: string) =>
    [...renderOverviewBody(data(text)).matchAll(/<section class="matrix"[^>]*><h2[^>]*>(.*?)<\/h2>/g)].map((m) => m[1]);
  assert.deepEqual(titles(transposed), ['Launch plan']);
  const bare = transposed.replace('# Launch plan\n', '');
  const line = bare.split('\n').findIndex((l) => l.startsWith('| Role')) + 1;
  assert.deepEqual(titles(bare), [`Table at line ${line}`]);
  assert.deepEqual(titles(['| Task | Ann |', '|---|---|', '| Plan | RA |', ''].join('\n')), ['Table at line 1']);
});

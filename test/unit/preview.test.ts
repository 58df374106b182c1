import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import MarkdownIt from 'markdown-it';
import { raciPreviewPlugin } from '../../client/src/preview/plugin';
import { settings } from '../helpers/engine';

const seed = readFileSync(new URL('../fixtures/seed-llmaas.fr.md', import.meta.url), 'utf8');
const render = (text: string, md = new MarkdownIt({ html: true }).use(raciPreviewPlugin)) => md.render(text);
/** The text a reader sees: tags dropped, entities kept as written by markdown-it. */
const visible = (html: string) => html.replace(/<[^>]*>/g, '');
const spans = (html: string) =>
  [...html.matchAll(/<span class="raci-code ([^"]*)"[^>]*>([^<]*)<\/span>/g)].map((m) => `${m[1].split(' ')[0]}:${m[2]}`);

const doc = [
  '# Plan',
  '',
  '| Activity | Client | Provider | Notes |',
  '|---|---|---|---|',
  '| Build | __RA__ | C, I | A note with R and A |',
  '| Run | `R` | **A** | |',
  '| Check | r | X | |',
  '',
  '| Task | Ann | Bob |',
  '|---|---|---|',
  '| Build | X | |',
  '| Run | ✓ | X |',
  '',
  '```',
  '| Activity | Client |',
  '|---|---|',
  '| Build | RA |',
  '```',
  '',
].join('\n');

test('preview: the codes of a matrix get a span with their role class', () => {
  const html = render(doc);
  assert.deepEqual(spans(html), ['raci-R:R', 'raci-A:A', 'raci-C:C', 'raci-I:I', 'raci-R:R', 'raci-A:A', 'raci-R:r', 'raci-invalid:X']);
  assert.match(
    html,
    /<strong><span class="raci-code raci-R raci-kind-responsible" title="R: Responsible">R<\/span><span class="raci-code raci-A raci-kind-accountable" title="A: Accountable">A<\/span><\/strong>/,
  );
  assert.match(html, /<code><span class="raci-code raci-R[^"]*"[^>]*>R<\/span><\/code>/);
});

test('preview: the activity names, the notes column, a "who" table (X, ✓) and a code fence get no span', () => {
  const html = render(doc);
  const [matrixTable, namesTable] = html.split('<table>').slice(1);
  assert.doesNotMatch(matrixTable.split('A note with')[1].split('</td>')[0], /raci-code/);
  assert.doesNotMatch(namesTable, /raci-code/);
  assert.doesNotMatch(html.split('<pre>')[1], /raci-code/);
  assert.doesNotMatch(html.split('<thead>')[1].split('</thead>')[0], /raci-code/);
});

test('preview: the text content is unchanged', () => {
  for (const text of [doc, seed]) {
    const plain = new MarkdownIt({ html: true }).render(text);
    const decorated = render(text);
    assert.notEqual(decorated, plain);
    assert.equal(visible(decorated), visible(plain));
  }
});

test('preview: the seed, a real French matrix with a legend, is decorated in every party cell', () => {
  const html = render(seed);
  const codes = spans(html);
  assert.ok(codes.length > 50, `${codes.length} spans`);
  assert.deepEqual(
    codes.filter((c) => c.startsWith('raci-invalid')),
    [],
  );
  assert.match(html, /title="A: Approuve"/);
});

test('preview: tables in block quotes and list items are read; the settings are honoured', () => {
  const quoted = ['> | Activity | Client |', '> |---|---|', '> | Build | RA |', ''].join('\n');
  assert.deepEqual(spans(render(quoted)), ['raci-R:R', 'raci-A:A']);
  const listed = ['- Plan:', '', '  | Activity | Client |', '  |---|---|', '  | Build | C |', ''].join('\n');
  assert.deepEqual(spans(render(listed)), ['raci-C:C']);
  const off = new MarkdownIt().use(raciPreviewPlugin, { settings: () => settings({ enable: false }) });
  assert.deepEqual(spans(off.render(quoted)), []);
  const rasci = new MarkdownIt().use(raciPreviewPlugin, { settings: () => settings({ scheme: 'RASCI' }) });
  assert.deepEqual(spans(rasci.render('| Activity | Client | Provider |\n|---|---|---|\n| Build | RA | S |\n')), [
    'raci-R:R',
    'raci-A:A',
    'raci-S:S',
  ]);
});

test('preview: CRLF documents and front matter keep the lines aligned', () => {
  const text = ['---', 'title: x', '---', '', '| Activity | Client |', '|---|---|', '| Build | RA |', ''].join('\r\n');
  assert.deepEqual(spans(render(text)), ['raci-R:R', 'raci-A:A']);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { applyEdits, createRaciService, FIX_ALL_KIND } from '../../server/src/engine';
import { cursor, lint, matrix, settings } from '../helpers/engine';

const seed = readFileSync(new URL('../fixtures/seed-llmaas.fr.md', import.meta.url), 'utf8');
const doc = (text: string, version = 1) => TextDocument.create('file:///test.md', 'markdown', version, text);
const hoverText = (text: string, marked: string) => {
  const { offset } = cursor(marked);
  const service = createRaciService();
  const document = doc(text);
  const hover = service.getHover(document, settings(), document.positionAt(offset));
  return hover ? (hover.contents as { value: string }).value : '';
};

test('hover on a code: its name from the legend, and who holds what in the row', () => {
  const marked = seed.replace(
    "| Gérer les clés d'accès API (création, rotation, révocation)                        | __RA__",
    "| Gérer les clés d'accès API (création, rotation, révocation)                        | __R$0A__",
  );
  const value = hoverText(marked.replace('$0', ''), marked);
  assert.match(value, /\*\*A\*\* — Approuve/);
  assert.match(value, /\| A \| Approuve \| Rôle Client \|/);
  assert.match(value, /\| C \| Consulte \| — \|/);
});

test("hover without a legend: the scheme's names in the reader's language", () => {
  const marked = matrix(['| Ship | R$0A | C |']);
  const { text, offset } = cursor(marked);
  const service = createRaciService();
  const hover = service.getHover(doc(text), settings({ locale: 'de' }), doc(text).positionAt(offset));
  assert.match((hover?.contents as { value: string }).value, /Rechenschaftspflichtig/);
});

test('hover on a party header counts its roles; on an activity, its assignment', () => {
  const text = matrix(['| Ship | RA | C |', '| Run | I | RA |', '| Stop | RA | I |']);
  const party = hoverText(text, text.replace('| Client |', '| Cli$0ent |'));
  assert.match(party, /\| A \| Accountable \| 2 \|/);
  assert.match(party, /\| I \| Informed \| 1 \|/);
  const activity = hoverText(text, text.replace('| Run |', '| R$0un |'));
  assert.match(activity, /\*\*Run\*\*/);
  assert.match(activity, /\| R \| Responsible \| Provider \|/);
});

test('no hover outside matrices', () => {
  assert.equal(hoverText(seed, seed.replace('Voici le RACI', 'Voici$0 le RACI')), '');
});

test('completion in a cell: A first when the row has no A; codes already there left out', () => {
  const marked = matrix(['| Ship | R$0 | C |']);
  const { text, offset } = cursor(marked);
  const service = createRaciService();
  const items = service.getCompletions(doc(text), settings(), doc(text).positionAt(offset));
  const sorted = [...items].sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? ''));
  assert.equal(sorted[0].label, 'A');
  assert.ok(!items.some((i) => i.label === 'R'));
  assert.deepEqual(items.map((i) => i.label).sort(), ['A', 'C', 'I']);
});

test("completion in an empty cell writes the table's emphasis; none outside a cell", () => {
  const marked = '| Activity | Client | Provider |\n|---|---|---|\n| Ship | __C__ | $0 |\n| Run | __RA__ | __I__ |\n';
  const { text, offset } = cursor(marked);
  const service = createRaciService();
  const items = service.getCompletions(doc(text), settings(), doc(text).positionAt(offset));
  const first = [...items].sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? ''))[0];
  assert.equal(first.label, 'RA');
  assert.equal((first.textEdit as { newText: string }).newText, '__RA__');
  assert.deepEqual(service.getCompletions(doc(text), settings(), { line: 0, character: 3 }), []);
});

test('formatting aligns matrices, keeps content and alignment markers, and is idempotent', () => {
  const text = '# T\n\n| Activity | Client | Provider |\n|:---|:-:|--:|\n| Gérer les clés | __RA__ | I |\n| 運用 | C | __RA__ |\n';
  const service = createRaciService();
  const once = TextDocument.applyEdits(doc(text), service.format(doc(text), settings()));
  assert.equal(
    once,
    [
      '# T',
      '',
      '| Activity       | Client | Provider |',
      '| :------------- | :----: | -------: |',
      '| Gérer les clés | __RA__ |        I |',
      '| 運用           |   C    |   __RA__ |',
      '',
    ].join('\n'),
  );
  assert.deepEqual(service.format(doc(once, 2), settings()), []);
  assert.deepEqual(
    lint(once).findings.map((f) => f.message),
    lint(text).findings.map((f) => f.message),
  );
});

test('formatting leaves non-matrix tables alone and formats the seed without changing a cell', () => {
  const other = '| Name | Email |\n|---|---|\n| Ana | a@x |\n';
  const service = createRaciService();
  assert.deepEqual(service.format(doc(other), settings()), []);
  const formatted = TextDocument.applyEdits(doc(seed), service.format(doc(seed), settings()));
  const cells = (t: string) =>
    lint(t).matrices.flatMap((m) =>
      m.activities.map((a) => [a.name, ...a.assignments.map((x) => x.parsed.tokens.map((k) => k.code).join(''))]),
    );
  assert.deepEqual(cells(formatted), cells(seed));
});

test('document symbols: every heading, each matrix under its heading, its activities inside', () => {
  const symbols = createRaciService().getSymbols(doc(seed), settings());
  // The headings without a matrix too (the legend's): the Markdown outline is a part of this one.
  assert.equal(symbols.length, 7);
  assert.deepEqual(symbols[0], {
    name: 'Définition des différents rôles',
    kind: 15,
    range: { start: { line: 6, character: 0 }, end: { line: 15, character: 59 } },
    selectionRange: { start: { line: 6, character: 0 }, end: { line: 6, character: 34 } },
    children: [],
  });
  assert.equal(symbols[1].name, 'Définir votre besoin');
  const [table] = symbols[1].children!;
  assert.equal(table.name, 'Activité × Rôle Client, Rôle Cloud Temple');
  assert.equal(table.children!.length, 2);
  assert.equal(table.children![1].detail, 'Rôle Client: RA · Rôle Cloud Temple: I');
});

test('document symbols: headings nest by level, a matrix sits under the nearest one', () => {
  const text = [
    'Intro',
    '',
    '| Activity | A | B |',
    '|---|---|---|',
    '| Run | RA | I |',
    '',
    '# Plan',
    '',
    '## Build',
    '',
    '| Activity | A | B |',
    '|---|---|---|',
    '| Ship | RA | C |',
    '',
    '### Notes',
    '',
    'text',
    '',
    '# End',
    '',
  ].join('\n');
  const symbols = createRaciService().getSymbols(doc(text), settings());
  const shape = (list: typeof symbols): unknown[] => list.map((s) => (s.children?.length ? [s.name, shape(s.children)] : s.name));
  assert.deepEqual(shape(symbols), [['Activity × A, B', ['Run']], ['Plan', [['Build', [['Activity × A, B', ['Ship']], 'Notes']]]], 'End']);
  // A section ends where the next heading of its level or above starts.
  assert.equal(symbols[1].range.end.line, 16);
});

test('document symbols: prose the analysis only scans still gives its headings, in a document with or without a matrix, across edits', () => {
  const prose = [
    '# Guide',
    '',
    'Some text.',
    '',
    'Setext title',
    '------------',
    '',
    '> ## Quoted',
    '',
    '```',
    '# not a heading',
    '```',
    '',
  ];
  const names = (list: ReturnType<ReturnType<typeof createRaciService>['getSymbols']>): string[] =>
    list.flatMap((s) => [s.name, ...names(s.children ?? [])]);
  const service = createRaciService();
  const without = prose.join('\n');
  assert.deepEqual(names(service.getSymbols(doc(without), settings())), ['Guide', 'Setext title', 'Quoted']);
  // The next version adds a matrix at the end: the chunks parsed for the outline are reused.
  const withMatrix = `${without}\n## Plan\n\n| Activity | A | B |\n|---|---|---|\n| Run | RA | I |\n`;
  assert.deepEqual(names(service.getSymbols(doc(withMatrix, 2), settings())), [
    'Guide',
    'Setext title',
    'Quoted',
    'Plan',
    'Activity × A, B',
    'Run',
  ]);
  // And a heading added in the prose above it shows in the next.
  const edited = withMatrix.replace('Some text.', '### Added\n\nSome text.');
  assert.deepEqual(names(service.getSymbols(doc(edited, 3), settings())), [
    'Guide',
    'Added',
    'Setext title',
    'Quoted',
    'Plan',
    'Activity × A, B',
    'Run',
  ]);
  // A fresh service gives the same.
  assert.deepEqual(names(createRaciService().getSymbols(doc(edited), settings())), names(service.getSymbols(doc(edited, 3), settings())));
});

test('code actions: every fix as a quickfix, a disable-line action, and fix-all on request', () => {
  const text = matrix(['| Ship | ra | C |']);
  const service = createRaciService();
  const document = doc(text);
  const range = { start: { line: 0, character: 0 }, end: { line: 3, character: 0 } };
  const actions = service.getCodeActions(document, settings(), range);
  assert.ok(actions.some((a) => a.title === 'Write "r" in upper case' && a.kind === 'quickfix'));
  const disable = actions.find((a) => a.title === 'Disable lowercase-role for this line')!;
  const disabled = TextDocument.applyEdits(document, disable.edit!.changes!['file:///test.md']);
  assert.ok(disabled.includes('| Ship <!-- raci-disable-line lowercase-role --> | ra | C |'), disabled);
  assert.deepEqual(
    lint(disabled).findings.filter((f) => f.ruleId === 'lowercase-role'),
    [],
  );
  assert.equal(lint(disabled).matrices[0].activities[0].name, 'Ship');

  assert.ok(!actions.some((a) => a.kind === FIX_ALL_KIND), 'fix-all only when asked');
  const [fixAll] = service.getCodeActions(document, settings(), range, [FIX_ALL_KIND]);
  assert.equal(fixAll.kind, FIX_ALL_KIND);
  const fixed = TextDocument.applyEdits(document, fixAll.edit!.changes!['file:///test.md']);
  assert.ok(fixed.includes('| Ship | RA | C |'));
  assert.deepEqual(
    service.getCodeActions(document, settings(), range, ['quickfix']).filter((a) => a.kind !== 'quickfix'),
    [],
  );
});

test('fix-all applies only safe fixes, and twice is the same as once', () => {
  const text = matrix(['| Ship | r\u0410 | C, C |', '| Run | R | X |']);
  const service = createRaciService();
  const once = applyEdits(
    text,
    service
      .getFixAll(doc(text), settings())
      .map((e) => ({ start: doc(text).offsetAt(e.range.start), end: doc(text).offsetAt(e.range.end), newText: e.newText })),
  );
  assert.ok(once.includes('| Ship | RA | C    |'), once);
  assert.ok(once.includes('| Run | R | X |'), 'unsafe fixes are not applied');
  assert.deepEqual(service.getFixAll(doc(once, 2), settings()), []);
});

test('diagnostic ranges are exact on accented French text (UTF-16) and in UTF-8 when asked', () => {
  const text = matrix(['| Gérer les évolutions | R | X |']);
  const line = 2;
  const x = text.split('\n')[line].indexOf('X');
  const utf16 = createRaciService()
    .getDiagnostics(doc(text), settings())
    .find((d) => d.code === 'invalid-role')!;
  assert.deepEqual(utf16.range, { start: { line, character: x }, end: { line, character: x + 1 } });
  const utf8 = createRaciService({ encoding: 'utf-8' })
    .getDiagnostics(doc(text), settings())
    .find((d) => d.code === 'invalid-role')!;
  assert.equal(utf8.range.start.character, x + 2, 'é and é take two bytes each');
  assert.equal(utf16.source, 'raci');
  assert.match(utf16.codeDescription!.href, /#invalid-role$/);
  // What the quick fixes and hovers know of the finding stays in the model; the editor is sent none of it.
  const finding = lint(text).findings.find((f) => f.ruleId === 'invalid-role')!;
  assert.deepEqual(finding.data, { ruleId: 'invalid-role', activity: 'Gérer les évolutions', parties: ['Provider'], code: 'X' });
  assert.equal(utf16.data, undefined);
});

test('a document above maxDocumentSize is not analysed, and says why', () => {
  const model = lint(matrix(['| Ship | R | C |']), { maxDocumentSize: 10 });
  assert.deepEqual(model.findings, []);
  assert.match(model.skipped ?? '', /maxDocumentSize/);
});

test('a part nested more than 32 quotes and list items deep is skipped with a notice; a long thematic break is no nesting', () => {
  const table = matrix(['| Ship | R | X |']);
  const problems = (prefix: string) => lint(`${prefix}\n\n${table}`).problems.map((p) => p.code);
  const findings = (prefix: string) => lint(`${prefix}\n\n${table}`).findings.map((f) => f.ruleId);
  const alone = lint(table).findings.map((f) => f.ruleId);
  assert.ok(alone.includes('invalid-role'));
  // Deep: the chunk with the line is skipped, the matrix in its own chunk is still read.
  for (const deep of ['> '.repeat(33) + 'x', '- + '.repeat(17) + 'x', '1. '.repeat(33) + 'x', '- + '.repeat(40)]) {
    assert.deepEqual(problems(deep), ['skipped-section'], deep);
    assert.deepEqual(findings(deep), alone, deep);
  }
  // Not deep: 32 levels, and a thematic break of 80 dashes (one bullet and blanks).
  for (const shallow of ['> '.repeat(32) + 'x', '- '.repeat(80)]) assert.deepEqual(problems(shallow), [], shallow);
  // In the editor: under the whole first line of the part skipped, linked to the rule's documentation.
  const deep = '> '.repeat(40) + 'deep';
  const warning = createRaciService()
    .getDiagnostics(doc(`${deep}\n\n${table}`), settings())
    .find((d) => d.code === 'skipped-section')!;
  assert.deepEqual(warning.range, { start: { line: 0, character: 0 }, end: { line: 0, character: deep.length } });
  assert.match(String(warning.codeDescription?.href), /rules\.md#skipped-section$/);
});

test('a part that starts with a pipe is skipped for a deep line further down unless it is read as a table, whose rows nest nothing', () => {
  const table = matrix(['| Ship | R | X |']);
  const reasons = (part: string) =>
    lint(`${part}\n\n${table}`).problems.map((p) => `${p.code}: ${/nested/.test(p.message) ? 'nested' : 'wide'}`);
  // A line of list markers stays in the part (a quote would start another).
  const deep = '- + '.repeat(17) + 'x';
  // No delimiter row: prose, unread but for the deep line.
  assert.deepEqual(reasons(`| a | b |\n${deep}`), ['skipped-section: nested']);
  // A table, then a deep line in the same part: not read as a table alone, so looked at whole.
  assert.deepEqual(reasons(`| a | b |\n|---|---|\n| x | y |\n${deep}`), ['skipped-section: nested']);
  // The first reason in line order: the deep line before a row of too many columns.
  assert.deepEqual(reasons(`| a | b |\n${deep}\n${'| x '.repeat(1_100)}|`), ['skipped-section: nested']);
  assert.deepEqual(reasons(`| a | b |\n${'| x '.repeat(1_100)}|\n${deep}`), ['skipped-section: wide']);
  // A table whose rows are long: read, with nothing skipped.
  const long = ['| a | b |', '|---|---|', ...Array.from({ length: 50 }, (_, i) => `| ${'word '.repeat(20)}${i} | y |`)].join('\n');
  assert.deepEqual(reasons(long), []);
});

test('front matter right above a part skipped for a deep line or a row too wide still configures the document', async () => {
  const { analyze } = await import('../../server/src/engine');
  const front = '---\nraci:\n  scheme: RASCI\n---\n';
  const table = '| Activity | Ann | Ben |\n|---|---|---|\n| Ship | S | RA |\n';
  for (const [why, line] of [
    ['nested', '>'.repeat(33)],
    ['wide', `${'| x '.repeat(1_100)}|`],
  ]) {
    const text = `${front}${line}\n\n${table}`;
    const model = analyze(text, settings());
    // Before, the skipped part took the front matter with it: RACI, and S reported as no role.
    assert.equal(model.settings.scheme, 'RASCI', why);
    assert.deepEqual(
      model.findings.map((f) => f.ruleId),
      [],
      why,
    );
    assert.deepEqual(
      model.problems.map((p) => p.code),
      ['skipped-section'],
      why,
    );
    // As a parse of the whole document reads it.
    const whole = analyze(text, settings(), { wholeDocument: true });
    assert.equal(whole.settings.scheme, 'RASCI', why);
    assert.deepEqual(model.blocks.frontMatter, whole.blocks.frontMatter, why);
  }
});

test("completion in a cell of role columns offers party names: the row's Responsible first for its missing Accountable", () => {
  const table = (accountableCell: string) =>
    [
      '| Task | Responsible | Accountable | Consulted | Informed |',
      '|---|---|---|---|---|',
      '| Release planning | Eng lead | VP Eng | PM, QA lead | Sales |',
      `| Security review | Security team | ${accountableCell} | Eng lead | CTO |`,
      '',
    ].join('\n');
  const complete = (marked: string) => {
    const { text, offset } = cursor(marked);
    return { text, offset, items: createRaciService().getCompletions(doc(text), settings(), doc(text).positionAt(offset)) };
  };
  const { items } = complete(table('$0'));
  assert.equal(items[0].label, 'Security team');
  assert.match(String(items[0].detail), /R/);
  assert.equal(items[1].label, 'Eng lead', 'then the others of the row');
  assert.deepEqual(items.map((i) => i.label).sort(), ['CTO', 'Eng lead', 'PM', 'QA lead', 'Sales', 'Security team', 'VP Eng']);
  assert.ok(!items.some((i) => /^[RACI]$/.test(i.label)), 'no role codes in a cell of names');
  // After a name already in the cell: a separator first, and that name is not offered again.
  const after = complete(table('CISO$0'));
  const security = after.items.find((i) => i.label === 'Security team')!;
  assert.equal(security.textEdit && 'newText' in security.textEdit ? security.textEdit.newText : '', ', Security team');
  const picked = complete(table('VP Eng, $0'));
  assert.ok(!picked.items.some((i) => i.label === 'VP Eng'));
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze, applyEdits, createRaciService, getOverview } from '../../server/src/engine';
import { at, cursor, lint, settings } from '../helpers/engine';

const hoverAt = (marked: string) => {
  const { text, offset } = cursor(marked);
  const document = TextDocument.create('file:///legends.md', 'markdown', 1, text);
  const hover = createRaciService().getHover(document, settings(), document.positionAt(offset));
  return hover ? (hover.contents as { value: string }).value : '';
};
const found = (text: string, overrides = {}) => lint(text, overrides).findings.map((f) => `${f.ruleId} ${at(text, f)}`);

/** A RASCI matrix: S in three rows. */
const RASCI_ROWS = [
  '| Activity | Alice | Bob | Carol |',
  '|----------|-------|-----|-------|',
  '| Design   | R     | A   | S     |',
  '| Build    | R, S  | A   | C     |',
  '| Test     | S     | A   | R, I  |',
].join('\n');

const LEGEND_TABLE = [
  '| Rôle | Description |',
  '|---|---|',
  '| (R) Réalise | fait |',
  '| (A) Approuve | valide |',
  '| (C) Consulté | avis |',
  '| (I) Informé | tenu au courant |',
].join('\n');

test('undefined-role: a letter used throughout a matrix is one finding, not an invalid-role per cell', () => {
  const text = `${LEGEND_TABLE}\n\n${RASCI_ROWS}\n`;
  const model = lint(text);
  assert.deepEqual(
    model.findings.map((f) => [f.ruleId, at(text, f), f.message]),
    [['undefined-role', 'S', '"S" is used 3 times here but not defined: add "S = …" to the legend or set "scheme".']],
  );
  // The row rules go on: S is neither A nor R.
  assert.deepEqual(found(`${LEGEND_TABLE}\n\n${RASCI_ROWS.replace('| Test     | S     | A   |', '| Test     | S     | S   |')}\n`), [
    'undefined-role S',
    'missing-accountable Test',
  ]);
});

test('undefined-role: its first fix adds a row to the legend table, written as its rows are', () => {
  const text = `${LEGEND_TABLE}\n\n${RASCI_ROWS}\n`;
  const [finding] = lint(text).findings;
  assert.equal(finding.fixes[0].title, 'Add "S = Support" to the legend');
  const fixed = applyEdits(text, finding.fixes[0].edits);
  assert.ok(fixed.includes('| (I) Informé | tenu au courant |\n| (S) Support |  |\n'), fixed);
  assert.deepEqual(found(fixed), []);
  // A legend table replaces the scheme: setting one would change nothing, so no fix offers it.
  assert.deepEqual(
    finding.fixes.map((f) => f.title),
    ['Add "S = Support" to the legend'],
  );
  assert.ok(
    finding.fixes.every((f) => !f.safe),
    'not applied unattended: the author says what S means',
  );
});

test('undefined-role: with no legend, a line after the matrix defines the letter; a scheme fix edits the front matter', () => {
  // X is in no scheme, so nothing is inferred.
  const table = RASCI_ROWS.replace(/\bS\b/g, 'X');
  const text = `# Plan\n\n${table}\n\nAfter.\n`;
  const [finding, ...rest] = lint(text).findings;
  assert.deepEqual(rest, []);
  assert.equal(finding.ruleId, 'undefined-role');
  assert.deepEqual(
    finding.fixes.map((f) => f.title),
    ['Add "X = …" to a legend after this table'],
  );
  const fixed = applyEdits(text, finding.fixes[0].edits);
  assert.equal(fixed, `# Plan\n\n${table}\n\nX = …\n\nAfter.\n`);
  assert.deepEqual(found(fixed), []);

  // A configured scheme turns inference off: S is undefined, and the fixes set another scheme.
  const withFrontMatter = `---\ntitle: Plan\nraci:\n  locale: en\n  scheme: RACI\n---\n\n${RASCI_ROWS}\n`;
  const [undefinedS] = lint(withFrontMatter).findings;
  assert.equal(undefinedS.ruleId, 'undefined-role');
  assert.deepEqual(
    undefinedS.fixes.map((f) => f.title),
    [
      'Add "S = Support" to a legend after this table',
      'Set "scheme: RASCI" in the front matter',
      'Set "scheme: RACI-VS" in the front matter',
    ],
  );
  assert.ok(
    undefinedS.fixes.every((f) => !f.safe),
    'not applied unattended: the author says what S means',
  );
  const setScheme = undefinedS.fixes.find((f) => f.title === 'Set "scheme: RASCI" in the front matter')!;
  const rasci = applyEdits(withFrontMatter, setScheme.edits);
  assert.ok(rasci.startsWith('---\ntitle: Plan\nraci:\n  locale: en\n  scheme: RASCI\n---\n'), rasci);
  assert.deepEqual(found(rasci), []);
  const noScheme = `---\ntitle: Plan\nraci:\n    locale: en\n---\n\n${RASCI_ROWS}\n`;
  const [again] = lint(noScheme, { scheme: 'CAIRO' }).findings;
  const added = applyEdits(noScheme, again.fixes.find((f) => f.title.includes('RASCI'))!.edits);
  assert.ok(added.startsWith('---\ntitle: Plan\nraci:\n    scheme: RASCI\n    locale: en\n---\n'), added);
  assert.deepEqual(found(added, { scheme: 'CAIRO' }), []);
  const bare = `${RASCI_ROWS}\n`;
  const [none] = lint(bare, { scheme: 'CAIRO' }).findings;
  const created = applyEdits(bare, none.fixes.find((f) => f.title.includes('RASCI'))!.edits);
  assert.ok(created.startsWith('---\nraci:\n  scheme: RASCI\n---\n\n| Activity'), created);
  assert.deepEqual(found(created, { scheme: 'CAIRO' }), []);

  // Front matter that is not valid YAML configures nothing: a scheme set in it would not take.
  const broken = `---\nraci:\n  scheme: RACI\n  rules: [\n---\n\n${RASCI_ROWS}\n`;
  const brokenFindings = lint(broken).findings;
  assert.ok(brokenFindings.some((f) => f.ruleId === 'undefined-role'));
  for (const f of brokenFindings)
    assert.ok(
      f.fixes.every((fix) => !fix.title.includes('in the front matter')),
      f.message,
    );
});

test('undefined-role: a single stray letter among valid ones stays an invalid-role on its cell', () => {
  const text = `${RASCI_ROWS.replace(/\bS\b/g, 'C').replace('| Build    | R, C  |', '| Build    | R, S  |')}\n`;
  assert.deepEqual(found(text), ['invalid-role S']);
  assert.equal(lint(text).matrices[0].roles, undefined, 'no scheme is inferred from one stray letter');
});

test('legends written as a line, a list, a footnote or a header row define their codes', () => {
  const matrix = `${RASCI_ROWS}\n`;
  const cases: [string, string][] = [
    ['S = Supporting', 'Supporting'],
    ['- **S** – Support: provides resources to the R', 'Support'],
    ['* R: Responsible\n* S: Soutien', 'Soutien'],
    ['R = Responsible, A = Accountable, S = Supporting, C = Consulted, I = Informed', 'Supporting'],
    ['(R) Réalise (A) Approuve (S) Soutien (C) Consulté (I) Informé', 'Soutien'],
    ['Leyenda: see below.\n\nR: Responsable, A: Aprobador, S: Soporte, C: Consultado, I: Informado', 'Soporte'],
    ['Footnote[^1].\n\n[^1]: S = Supporto', 'Supporto'],
    ['> **S:** Unterstützend', 'Unterstützend'],
  ];
  for (const [legend, name] of cases) {
    const text = `# Plan\n\n${legend}\n\n${matrix}`;
    const model = lint(text);
    assert.deepEqual(found(text), [], legend);
    assert.equal(model.roles.codes.get('S')?.name, name, legend);
    assert.equal(model.roles.codes.get('S')?.fromLegend, true, legend);
    assert.equal(model.matrices[0].roles, undefined, `${legend}: read with the legend, nothing inferred`);
  }
});

test('a legend in the header row of a table (DACI) defines its codes and who approves', () => {
  const text = [
    '| D = Driver | A = Approver | C = Contributor | I = Informed |',
    '|---|---|---|---|',
    '',
    '| Decision | Ann | Ben | Cy |',
    '|---|---|---|---|',
    '| Pick DB | D | A | C |',
    '| Pick CI | D | C | I |',
    '',
  ].join('\n');
  const model = lint(text);
  assert.deepEqual(model.roles.order, ['R', 'A', 'C', 'I', 'D']);
  assert.equal(model.roles.codes.get('A')?.name, 'Approver');
  assert.deepEqual(model.roles.accountable, ['A']);
  assert.deepEqual(model.roles.responsible, ['D']);
  assert.deepEqual(found(text), ['missing-accountable Pick CI']);
});

test('German V/M/I legend: V owns the activity', () => {
  const text = [
    '* V: Verantwortung',
    '* M: Mitwirkung',
    '* I: Information',
    '',
    '| Aufgabe | Anna | Ben |',
    '|---|---|---|',
    '| Planen | V | M |',
    '| Bauen | M | I |',
    '',
  ].join('\n');
  assert.deepEqual(found(text), ['missing-accountable Bauen']);
});

test('not legends: a glossary table, a question and answer, a sentence, fenced code', () => {
  const matrix = `${RASCI_ROWS.replace(/\bS\b/g, 'C')}\n`;
  const negatives = [
    'Q: What is it?\nA: It is a tool for all of us.',
    'A: always ask before deploying anything to production',
    'Plan A: the fallback we use when things go wrong.',
    'I think S = T is fine.',
    '```\nS = Support\nA = Approver\nD = Driver\n```',
    '| Term | Definition |\n|---|---|\n| SLA | Service level agreement |\n| API | Application programming interface |',
    '| Item | Done |\n|---|---|\n| Docs | ✓ |\n| Tests | ✗ |',
  ];
  for (const prose of negatives) {
    const text = `${prose}\n\n${matrix}`;
    const model = lint(text);
    assert.deepEqual(model.legend, [], prose);
    assert.deepEqual(model.roles.order, ['R', 'A', 'C', 'I'], prose);
    assert.deepEqual(found(text), [], prose);
  }
});

test('schemes RAPID, DRI, RACIQ, PACSI and V/M/I, configured by name', () => {
  const cases: [string, string[], string[]][] = [
    ['RAPID', ['| Pick | R | D |', '| Ship | D | D |', '| Plan | P, I | A |'], ['multiple-accountable Ship', 'missing-accountable Plan']],
    ['DRI', ['| Pick | DRI | C |', '| Ship | DRI | DRI |', '| Plan | C | I |'], ['multiple-accountable Ship', 'missing-accountable Plan']],
    ['RACIQ', ['| Pick | R | A, Q |', '| Plan | R, Q | I |'], ['missing-accountable Plan']],
    ['PACSI', ['| Pick | P | A, S |', '| Plan | C | A |'], ['missing-responsible Plan']],
    ['VMI', ['| Pick | V | M |', '| Plan | M | I |'], ['missing-accountable Plan']],
  ];
  for (const [scheme, rows, expected] of cases) {
    const text = ['| Activity | Ann | Ben |', '|---|---|---|', ...rows, ''].join('\n');
    assert.deepEqual(found(text, { scheme }), expected, scheme);
  }
  // DRI is one code, never D, R and I; in a RACI document it is one invalid code.
  const dri = '| Activity | Ann | Ben |\n|---|---|---|\n| Pick | DRI | A |\n';
  assert.deepEqual(found(dri), ['missing-responsible Pick', 'invalid-role DRI']);
});

test('a matrix whose letters are those of one scheme is read with it, and its hover says so', () => {
  const cases: [string, string[]][] = [
    ['RASCI', ['| Pick | R | A, S |', '| Plan | S, C | A, R, I |', '| Ship | R, S | A |']],
    ['DRI', ['| Pick | DRI | C |', '| Plan | I | DRI |', '| Ship | DRI | I |']],
    ['RAPID', ['| Pick | R, P | D, A |', '| Plan | I, P | D |', '| Ship | P | D |']],
    ['PACSI', ['| Pick | P | A, S |', '| Plan | C, P | A, S |', '| Ship | P, S | A |']],
    ['RACIQ', ['| Pick | R, Q | A |', '| Plan | R | A, Q |', '| Ship | R, Q | A |']],
    ['CAIRO', ['| Pick | R, O | A |', '| Plan | R | A, O |', '| Ship | R, O | A |']],
    ['VMI', ['| Pick | V | M |', '| Plan | M, I | V |', '| Ship | V | M |']],
  ];
  for (const [scheme, rows] of cases) {
    const text = ['| Activity | Ann | Ben |', '|---|---|---|', ...rows, ''].join('\n');
    const model = lint(text);
    assert.equal(model.matrices[0].roles?.inferred, scheme, scheme);
    assert.deepEqual(found(text), [], scheme);
  }
  const hover = hoverAt('| Activity | Ann | Ben |\n|---|---|---|\n| Pick | $0DRI | C |\n| Plan | I | DRI |\n| Ship | DRI | I |\n');
  assert.match(hover, /\*\*DRI\*\* — Directly responsible individual/);
  assert.match(hover, /Scheme DRI\./);
  assert.match(hover, /Read with scheme DRI, inferred from its letters\./);
  // A legend or a configured scheme decides: nothing is inferred.
  const rasci = '| Activity | Ann | Ben |\n|---|---|---|\n| Pick | R | A, S |\n| Plan | S, C | A, R, I |\n';
  assert.equal(lint(rasci, { scheme: 'CAIRO' }).matrices[0].roles?.inferred, undefined);
  assert.equal(lint(`R: Responsible\n\n${rasci}`).matrices[0].roles?.inferred, undefined);
});

test('the hover on an undefined letter says it is not defined', () => {
  const hover = hoverAt(
    `${LEGEND_TABLE}\n\n${RASCI_ROWS.replace('| Design   | R     | A   | S     |', '| Design   | R     | A   | $0S     |')}\n`,
  );
  // The document has a legend: the hover says the letter is not in it (not that there is none),
  // and its table names the letter's role "not defined" rather than repeating the letter.
  assert.match(hover, /\*\*S\*\* is used in this matrix but is not in the legend that applies to it\./);
  assert.match(hover, /\| S \| \(not defined\) \| Carol \|/);
  const noLegend = hoverAt(`---\nraci:\n  scheme: RACI\n---\n\n${RASCI_ROWS.replace('| Test     | S ', '| Test     | $0S ')}\n`);
  assert.match(noLegend, /\*\*S\*\* is used in this matrix but defined neither by a legend nor by the scheme\./);
  assert.deepEqual(getOverview(lint(`${LEGEND_TABLE}\n\n${RASCI_ROWS}\n`)).roles.find((role) => role.code === 'S')?.name, '(not defined)');
});

test('completion and the overview use the codes of a matrix read with an inferred scheme', () => {
  const marked = '| Activity | Ann | Ben |\n|---|---|---|\n| Pick | DRI | C |\n| Plan | I | DRI |\n| Test | DRI | I |\n| Ship | $0 | I |\n';
  const { text, offset } = cursor(marked);
  const document = TextDocument.create('file:///dri.md', 'markdown', 1, text);
  const service = createRaciService();
  const labels = service.getCompletions(document, settings(), document.positionAt(offset)).map((item) => item.label);
  assert.equal(labels[0], 'DRI', 'the code the row lacks first');
  assert.deepEqual([...labels].sort(), ['C', 'DRI', 'I']);
  const overview = getOverview(lint(text));
  assert.deepEqual(
    overview.matrices[0].activities.map((a) => a.cells.map((c) => c.codes.join())),
    [
      ['DRI', 'C'],
      ['I', 'DRI'],
      ['DRI', 'I'],
      ['', 'I'],
    ],
  );
  assert.ok(overview.roles.some((role) => role.code === 'DRI'));
});

test('an undefined letter is added after the last line of a written legend, in its list', () => {
  const text = `---\nraci:\n  scheme: RACI\n---\n\n- **R** – Responsible\n- **A** – Accountable\n\n${RASCI_ROWS}\n`;
  const [finding] = lint(text).findings;
  assert.equal(finding.ruleId, 'undefined-role');
  assert.equal(finding.fixes[0].title, 'Add "S = Support" to the legend');
  const fixed = applyEdits(text, finding.fixes[0].edits);
  assert.ok(fixed.includes('- **R** – Responsible\n- **A** – Accountable\n- S = Support\n'), fixed);
  assert.deepEqual(found(fixed), []);
});

test("a legend in a section applies to that section's matrices when the document has several", () => {
  const section = (title: string, legend: string) => `## ${title}\n\n${legend}\n\n${RASCI_ROWS}\n`;
  // Section A explains S; section B uses S with no legend of its own: undefined there only.
  const text = `---\nraci:\n  scheme: RACI\n---\n\n# Plan\n\n${section('A', 'S = Supporting')}\n${section('B', '')}`;
  const model = lint(text);
  assert.deepEqual(
    model.findings.map((f) => [f.ruleId, model.lines.positionAt(f.start).line]),
    [['undefined-role', 23]],
  );
  assert.equal(model.matrices[0].roles?.codes.get('S')?.name, 'Supporting');
  // Its fix adds the entry to the legend that applies there: none, so after its table.
  assert.equal(model.findings[0].fixes[0].title, 'Add "S = Support" to a legend after this table');
  // A legend in a section of its own, with no matrix, applies to the whole document.
  const legendSection = `---\nraci:\n  scheme: RACI\n---\n\n${section('A', '')}\n${section('B', '')}\n## Legend\n\nS = Supporting\n`;
  assert.deepEqual(found(legendSection), []);
  // With one matrix, a legend anywhere applies to it.
  assert.deepEqual(found(`---\nraci:\n  scheme: RACI\n---\n\n${section('A', '')}\n## Legend\n\n### Letters\n\nS = Supporting\n`), []);
});

test('undefined-role: the scheme fix edits front matter whose lines end in \\r\\n or a lone \\r, never between a \\r and its \\n', () => {
  const rows = ['| Activity | Client | Provider |', '|---|---|---|', '| Plan | R | A |', '| Build | R | A |', '| Run | R, C | A |', ''];
  // Every line in \r\n; and mixed, as found by the fuzz tests: a lone \r after the opening ---.
  for (const text of [
    ['---', 'raci:', '  scheme: DACI', '---', ...rows].join('\r\n'),
    `---\rraci:\n  scheme: DACI\r\n---\n${rows.join('\n')}`,
  ]) {
    const finding = lint(text).findings.find((f) => f.ruleId === 'undefined-role' && f.data.code === 'R');
    assert.ok(finding, `an undefined R in ${JSON.stringify(text.slice(0, 40))}`);
    const fix = finding.fixes.find((f) => f.title === 'Set "scheme: RACI" in the front matter');
    assert.ok(fix, finding.fixes.map((f) => f.title).join('; '));
    for (const edit of fix.edits) assert.ok(!(text[edit.start - 1] === '\r' && text[edit.start] === '\n'), 'an edit inside a line break');
    const fixed = applyEdits(text, fix.edits);
    assert.equal(fixed, text.replace('scheme: DACI', 'scheme: RACI'));
    assert.equal(lint(fixed).findings.filter((f) => f.ruleId === 'undefined-role').length, 0);
  }
});

test('fenced code in a list item ends with the item: legend lines after it are read, and lines in it are not', () => {
  const matrix = '| Activity | Ann | Ben |\n|---|---|---|\n| Pick | R, S | A |\n| Plan | S | A, R |\n| Ship | S | A |\n';
  // RACI, where S is not a role unless a legend line defines it.
  const undefinedS = (text: string) => found(`---\nraci:\n  scheme: RACI\n---\n\n${text}`).filter((f) => f.startsWith('undefined-role'));
  // A fence left open in an item ends where the item does (the heading, in column 0); S is defined after it.
  assert.deepEqual(undefinedS(`A = Approver\n\n- item\n  \`\`\`\n  fenced in list\n## Section\n\nS = Supporting\n\n${matrix}`), []);
  // The same after a blank line and a line in column 0.
  assert.deepEqual(undefinedS(`- item\n\n  \`\`\`\n  code\n\nS = Supporting\n\n${matrix}`), []);
  // Lines inside a list item's fence are code, not a legend: a fence indented as the item, one
  // on the item's first line, one in a nested item, and one whose closing-looking line has more after it.
  for (const fenced of [
    '- step\n  ```\n  S = Supporting\n  ```\n',
    '1. ```\n   S = Supporting\n   ```\n',
    '- a\n  - b\n    ~~~\n    S = Supporting\n    ~~~\n',
    '```\n``` not a closing fence\nS = Supporting\n```\n',
  ])
    assert.deepEqual(undefinedS(`${fenced}\n${matrix}`), ['undefined-role S'], fenced);
});

test('what ends a list item for the legend scan is what CommonMark says: breaks, underlines, empty items, tables', () => {
  const matrix = '| Activity | PM | Dev |\n|---|---|---|\n| Build | A | R |\n| Test | S | R, A |\n\n';
  const defined = (snippet: string) => {
    const text = `---\nraci:\n  scheme: RACI\n---\n\n${matrix}${snippet}`;
    const chunked = lint(text).findings.some((f) => f.ruleId === 'undefined-role' || f.ruleId === 'invalid-role');
    const whole = analyze(text, settings(), { wholeDocument: true }).findings.some(
      (f) => f.ruleId === 'undefined-role' || f.ruleId === 'invalid-role',
    );
    assert.equal(whole, chunked, `the whole document and its chunks read ${JSON.stringify(snippet)} alike`);
    return !chunked;
  };
  // In code: a top-level fence after a thematic break, a setext underline, an empty item
  // that a blank line ended, a table that ended the list, and after several markers on a line.
  for (const inCode of [
    '* * *\n  ```\nS = Supporting\n',
    'Title\n-\n  ```\nS = Supporting\n',
    '-\n\n  ```\nS = Supporting\n',
    `- a\n\n${matrix}  \`\`\`\nS = Supporting\n`,
    '- - ```\n    S = Supporting\n    ```\n',
    // A numbered item after a bullet list's paragraph opens a list of its own, with its fence.
    '- a\n2. ```\n   S = Supporting\n   ```\n',
  ])
    assert.equal(defined(inCode), false, inCode);
  // Not in code: a numbered item that does not start at 1 cannot interrupt a paragraph, so
  // its fence is none; and a fence in an item ends with the item (here at a heading).
  // A lazy line (`b`) keeps its item open, and `-` under an item is a new item: the
  // indented line after either is an item's paragraph, not indented code.
  for (const legend of [
    'Some text\n2. ```\n   S = Supporting\n',
    '- item\n  ```\n  x\n# Roles\n\nS = Supporting\n',
    '- a\nb\n\n    S = Supporting\n',
    '- a\n-\n    S = Supporting\n',
  ])
    assert.equal(defined(legend), true, legend);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, applyEdits, fixAllText } from '../../server/src/engine';
import { MAX_FIXED_CELL } from '../../server/src/engine/domain/cells';
import { settings } from '../helpers/engine';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createRaciService } from '../../server/src/engine';
import { PieceTextDocument } from '../../server/src/lsp/textDocument';

/**
 * Inputs a few kilobytes long that once took seconds to minutes: each test counts work
 * where the engine lets it be counted, and otherwise allows many times what the linear
 * code needs while the quadratic code needed far more.
 */

/** Milliseconds `run` takes. */
function timed(run: () => void): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

test('applying 24,000 edits to a 120 KB text is one pass, not a copy of the text per edit', () => {
  let text = '';
  for (let i = 0; i < 24_000; i++) text += `| T${i % 10} |\n`;
  const edits: { start: number; end: number; newText: string }[] = [];
  for (let start = 0; start < text.length; start += 5) edits.push({ start, end: start + 1, newText: 'xy' });
  let fixed = '';
  // The quadratic version took 17 s here.
  const took = timed(() => (fixed = applyEdits(text, edits)));
  assert.ok(took < 3_000, `${took} ms`);
  assert.equal(fixed.length, text.length + edits.length);
  assert.equal(fixed.slice(0, 12), 'xy T0 xy\n| T');
});

test('edits at one range go in reverse order, as when applied one after the other from the end', () => {
  const edits = [
    { start: 2, end: 2, newText: 'a' },
    { start: 2, end: 2, newText: 'b' },
    { start: 0, end: 1, newText: 'X' },
    { start: 2, end: 3, newText: 'Z' },
  ];
  assert.equal(applyEdits('0123', edits), 'X1baZ3');
});

test('fix-all on 10,000 rows with three safe fixes each takes about what linting takes', () => {
  let text = '| Activity | Client | Provider |\n|---|---|---|\n';
  for (let i = 0; i < 10_000; i++) text += `| Task ${i} | ra | \u0421 |\n`;
  const model = analyze(text, settings());
  assert.equal(model.findings.length, 30_000);
  let fixed = '';
  // The quadratic version (every fix compared with every chosen one, the text copied per edit) took 35 s.
  const took = timed(() => (fixed = fixAllText(model, settings())));
  assert.ok(took < 8_000, `${took} ms`);
  assert.ok(fixed.includes('| Task 9999 | RA | C |\n'));
  assert.deepEqual(analyze(fixed, settings()).findings, []);
});

/** Analyses `text` within `seconds` (many times what the linear code takes) and returns the analysis. */
function analysedWithin(seconds: number, text: string) {
  let model!: ReturnType<typeof analyze>;
  const took = timed(() => (model = analyze(text, settings())));
  assert.ok(took < seconds * 1_000, `${Math.round(took)} ms`);
  return model;
}

const inCell = (cell: string, name = 'Task') => `| Activity | Client | Provider |\n|---|---|---|\n| ${name} | ${cell} | R |\n`;

test('a cell of 50,000 codes is read once: its findings come without fixes, which would each rewrite the cell', () => {
  // `A A A …` (100 KB): the duplicate fixes re-parsed and rewrote the cell per code, for minutes.
  const model = analysedWithin(20, inCell('A '.repeat(50_000).trim()));
  const duplicates = model.findings.filter((f) => f.ruleId === 'duplicate-role');
  assert.equal(duplicates.length, 49_999);
  assert.ok(duplicates.every((f) => f.fixes.length === 0));
  // `*a *a …` (30 KB): lower-case and duplicate findings, and no fix; it ran the CLI out of memory.
  const stars = analysedWithin(20, inCell('*a '.repeat(10_000).trim()));
  assert.equal(stars.findings.filter((f) => f.ruleId === 'lowercase-role').length, 10_000);
  assert.ok(stars.findings.every((f) => f.fixes.length === 0));
});

test(`a cell up to ${MAX_FIXED_CELL.chars} characters and ${MAX_FIXED_CELL.tokens} codes gets its fixes, a longer one none`, () => {
  const fixes = (cell: string) =>
    analyze(inCell(cell), settings())
      .findings.filter((f) => f.ruleId === 'lowercase-role')
      .map((f) => f.fixes.length);
  assert.deepEqual(fixes(`r${' '.repeat(MAX_FIXED_CELL.chars - 2)}R`), [1]);
  assert.deepEqual(fixes(`r${' '.repeat(MAX_FIXED_CELL.chars - 1)}R`), [0]);
  assert.deepEqual(fixes(`r ${'R '.repeat(MAX_FIXED_CELL.tokens - 1)}`.trim()).slice(0, 1), [1]);
  assert.deepEqual(fixes(`r ${'R '.repeat(MAX_FIXED_CELL.tokens)}`.trim()).slice(0, 1), [0]);
});

test('"make X the only accountable" is offered for a few holders, each cell\'s removal built once; not for dozens', () => {
  const row = (n: number) => {
    const parties = Array.from({ length: n }, (_, i) => `P${i}`);
    return `| Activity | ${parties.join(' | ')} |\n|---|${parties.map(() => '---').join('|')}|\n| Task | ${parties.map((_, i) => (i === 0 ? 'R, A, A' : 'A, C')).join(' | ')} |\n`;
  };
  const few = analyze(row(3), settings()).findings.find((f) => f.ruleId === 'multiple-accountable')!;
  assert.equal(few.fixes.length, 3);
  const text = row(3);
  const kept = applyEdits(text, few.fixes.find((fix) => fix.title.includes('P0'))!.edits);
  assert.ok(kept.replace(/ +/g, ' ').endsWith('| Task | R, A, A | C | C |\n'), kept);
  assert.ok(
    applyEdits(text, few.fixes.find((fix) => fix.title.includes('P1'))!.edits)
      .replace(/ +/g, ' ')
      .endsWith('| Task | R | A, C | C |\n'),
  );
  assert.deepEqual(analyze(row(40), settings()).findings.find((f) => f.ruleId === 'multiple-accountable')!.fixes, []);
});

test('activity names of many unclosed markers are read in linear time', () => {
  // Each of these took from 17 to 51 s with the patterns that backtracked (emphasis, tags).
  analysedWithin(20, inCell('RA', '*a'.repeat(120_000)));
  analysedWithin(20, inCell('RA', '<a'.repeat(80_000)));
  analysedWithin(20, inCell('RA', '<!--'.repeat(60_000)));
  const model = analysedWithin(20, inCell('RA', '**Run** `it` <b>now</b> <!-- x --> \\*'));
  assert.equal(model.matrices[0].activities[0].name, 'Run it now *');
});

test('a heading with a long run of blanks, and a run of unclosed control comments, are read in linear time', () => {
  // The trailing-hashes pattern of headings took 7 s on 80 KB; the control-comment pattern 33 s on 1.8 MB.
  const heading = analysedWithin(20, `# a${' '.repeat(200_000)}b ##\n\n${inCell('RA')}`);
  assert.equal(heading.matrices[0].heading?.text, `a${' '.repeat(200_000)}b`);
  const controls = analysedWithin(30, `${inCell('R')}\n<!-- raci-disable ${'<!-- raci-disable '.repeat(100_000)}\n`);
  assert.equal(controls.findings.filter((f) => f.ruleId === 'missing-accountable').length, 1);
});

test('opening a long document of prose yields while its lines are scanned for legends, so that a server answers a hover meanwhile', async () => {
  const { analyzeSteps } = await import('../../server/src/engine/analyze');
  const paragraph = (i: number) => `Paragraph ${i} says who does what, in words, with a [link](x) and \`code\`; no legend here.`;
  const text = [
    '| Activity | Client | Provider |',
    '|---|---|---|',
    '| Plan | R | A |',
    '',
    ...Array.from({ length: 15_000 }, (_, i) => `${paragraph(i)}\n`),
  ].join('\n');
  const steps = analyzeSteps(text, settings());
  let yields = 0;
  while (!steps.next().done) yields++;
  // Each step scans a few thousand lines: before, the 30,000 lines (15,000 paragraphs) were one step (a hover waited for all of them).
  assert.ok(yields >= 10, `${yields} steps for 30,000 lines of prose`);
});

test("a large matrix's codes and words are first counted a step at a time, and a piece counted once is not counted again", async () => {
  const { tallyPieces } = await import('../../server/src/engine/rules/undefinedRole');
  const { countWords } = await import('../../server/src/engine/read/readWords');
  const { Memo } = await import('../../server/src/engine/incremental/memo');
  const { STEP_ROWS } = await import('../../server/src/engine/incremental/steps');
  const { MAX_PIECE_ROWS } = await import('../../server/src/engine/incremental/tableChunks');
  const cells = ['R', 'A', 'C, I', '', 'Responsable', 'RA'];
  const rows = Array.from({ length: 3_000 }, (_, i) => `| Task ${i} | ${cells[i % 6]} | ${cells[(i * 5 + 1) % 6]} |`);
  const text = ['| Activity | Client | Provider |', '|---|---|---|', ...rows, ''].join('\n');
  const pieces = analyze(text, settings()).matrices[0].pieces;
  for (const count of [tallyPieces, countWords]) {
    const memo = new Memo();
    let steps = 0;
    for (let from = 0; from < pieces.length; steps++) {
      const next = count(pieces, from, memo);
      const counted = pieces.slice(from, next).reduce((sum, piece) => sum + piece.length, 0);
      // Before, all 3,000 rows were counted in the step that added them up (20 ms at 11,000 rows, a hover waiting for it).
      assert.ok(
        next === pieces.length || (counted >= STEP_ROWS && counted < STEP_ROWS + MAX_PIECE_ROWS),
        `${count.name}: ${counted} rows in one step`,
      );
      from = next;
    }
    assert.ok(steps >= 3_000 / (STEP_ROWS + MAX_PIECE_ROWS), `${count.name}: ${steps} steps`);
    assert.equal(count(pieces, 0, memo), pieces.length, `${count.name} counts nothing twice`);
  }
});

test("opening a runbook of two thousand small tables asks them whether they are legends a step's worth at a time", async () => {
  const { legendIndexSteps } = await import('../../server/src/engine/analyze');
  const { Memo } = await import('../../server/src/engine/incremental/memo');
  const { STEP_TABLES } = await import('../../server/src/engine/incremental/steps');
  const section = (i: number) => `## Area ${i}\n\n| Activity | Client | Provider |\n|---|---|---|\n| Task ${i} | R | A |\n`;
  const text = `| Code | Meaning |\n|---|---|\n| R | Responsible |\n| A | Accountable |\n\n${Array.from({ length: 2_000 }, (_, i) => section(i)).join('\n')}`;
  const tables = analyze(text, settings()).blocks.tables;
  assert.equal(tables.length, 2_001);
  const memo = new Memo();
  const steps = legendIndexSteps(tables, memo, text);
  let yields = 0;
  let step = steps.next();
  for (; !step.done; step = steps.next()) yields++;
  // Before, every table was asked in one step (30 to 50 ms in a fresh server, a hover waiting for it).
  assert.equal(yields, Math.ceil(tables.length / STEP_TABLES) - 1);
  assert.deepEqual(step.value.legend, [0]);
  // Asked again with what the memo knows, nothing is read: no step.
  const again = legendIndexSteps(tables, memo, text);
  let more = 0;
  while (!again.next().done) more++;
  assert.equal(more, 0);
});

test("a large matrix's first analysis files its activities for duplicates a step's worth of rows at a time, and an edit files only what changed", async () => {
  const { repeatedActivitiesSteps } = await import('../../server/src/engine/incremental/activityKeys');
  const { Memo } = await import('../../server/src/engine/incremental/memo');
  const { STEP_ROWS } = await import('../../server/src/engine/incremental/steps');
  const { MAX_PIECE_ROWS } = await import('../../server/src/engine/incremental/tableChunks');
  // Every 500th activity repeats the one before it.
  const rows = Array.from({ length: 3_000 }, (_, i) => `| Task ${i % 500 === 499 ? i - 1 : i} | R | A |`);
  const text = ['| Activity | Client | Provider |', '|---|---|---|', ...rows, ''].join('\n');
  const [matrix] = analyze(text, settings()).matrices;
  const run = (memo: InstanceType<typeof Memo>) => {
    const steps = repeatedActivitiesSteps(matrix, memo);
    let yields = 0;
    let step = steps.next();
    for (; !step.done; step = steps.next()) yields++;
    return { yields, repeated: step.value.map(({ activity, first }) => [activity.name, first.name]) };
  };
  const memo = new Memo();
  const first = run(memo);
  // Before, the 3,000 rows were filed in one step (20 to 25 ms at 11,000 rows in a fresh server).
  assert.ok(first.yields >= 3_000 / (STEP_ROWS + MAX_PIECE_ROWS) - 1, `${first.yields} steps`);
  assert.deepEqual(
    first.repeated,
    Array.from({ length: 6 }, (_, k) => [`Task ${k * 500 + 498}`, `Task ${k * 500 + 498}`]),
  );
  // The same pieces again: the index is found, not made, and nothing waits for a step.
  assert.deepEqual(run(memo), { yields: 0, repeated: first.repeated });
});

test('a character typed at the top of a large table steps over the pieces it only moved: a few steps, not one per 128 rows below', () => {
  const rows = Array.from({ length: 4000 }, (_, i) => `| Activity ${i} | ${i % 2 ? 'RA' : 'R'} | ${i % 2 ? 'C' : 'A'} |`);
  const text = `| Activity | Client | Provider |\n| --- | --- | --- |\n${rows.join('\n')}\n`;
  const document = new PieceTextDocument('file:///steps.md', 'markdown', 1, text);
  const service = createRaciService();
  service.getDiagnostics(document, settings());
  // A character typed in the first activity's name moves every row after it.
  document.update([{ range: { start: { line: 2, character: 2 }, end: { line: 2, character: 2 } }, text: 'x' }], 2);
  let steps = 0;
  const model = service.modelSteps(document, settings());
  while (!model.next().done) steps++;
  // Counting each moved piece's rows as read made about 2 × 4,000 / 128 = 62 steps here.
  assert.ok(steps < 20, `${steps} steps`);
  assert.deepEqual(
    service.getDiagnostics(document, settings()).map((d) => d.code),
    createRaciService()
      .getDiagnostics(TextDocument.create('file:///steps.md', 'markdown', 2, document.getText()), settings())
      .map((d) => d.code),
  );
});

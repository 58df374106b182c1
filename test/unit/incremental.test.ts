import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyze, createRaciService, LineIndex, sourceOf, type DocumentModel } from '../../server/src/engine';
import { rescanChunks, rescanChunksSteps, splitChunks } from '../../server/src/engine/parse/chunks';
import { movedFrom } from '../../server/src/engine/incremental/tableChunks';
import { PieceTextDocument } from '../../server/src/lsp/textDocument';
import type { Analysis, AnalysisCache } from '../../server/src/engine/analyze';
import { applyRandomEdit, edit, fraction, markdownDocument, proseDocument } from '../helpers/markdown-gen';
import { settings } from '../helpers/engine';

/**
 * What a user can observe of an analysis: findings, their fixes, matrices (the heading,
 * party and cell of each: where hovers, fixes and the outline point), legends, front-matter problems. Not every heading of the document: prose that
 * cannot hold a table is not parsed, and its headings are read only above a matrix.
 */
function observable(model: DocumentModel) {
  return {
    findings: model.findings.map((f) => [f.ruleId, f.severity, f.start, f.end, f.message, f.fixes.map((x) => [x.title, x.edits])]),
    matrices: model.matrices.map((m) => [
      m.table.start,
      m.table.end,
      m.heading && [m.heading.start, m.heading.end, m.heading.text],
      m.layout,
      // Where each party and cell is: a moved matrix moves them when they are first read.
      m.parties.map((p) => [p.name, p.column, p.header.start, p.header.end]),
      m.activities.map((a) => [
        a.name,
        a.row.start,
        a.row.end,
        a.nameCell.start,
        a.nameCell.contentEnd,
        a.assignments.map((x) => [x.party, x.cell.start, x.cell.end, x.cell.contentStart]),
      ]),
      // Its pieces as many as its activities (how a table is cut in pieces depends on how it was read).
      m.pieces.flat().length === m.activities.length,
    ]),
    legend: model.legend,
    problems: model.problems,
    settings: model.settings,
  };
}

test('parsing in chunks gives what parsing the whole document gives, and so does a one-shot analysis (raci-lint), which files no table by its text', () => {
  fc.assert(
    fc.property(markdownDocument, (text) => {
      const chunked = analyze(text, settings());
      const whole = analyze(text, settings(), { wholeDocument: true });
      assert.deepEqual(observable(chunked), observable(whole));
      const once = analyze(text, settings(), { keep: false });
      assert.deepEqual(observable(once), observable(whole));
      assert.equal(once.cache.tables.size, 0);
    }),
    { seed: 20261124, numRuns: 300 },
  );
});

test("a one-shot analysis (raci-lint) files no piece of a large table for a next version; an editor's analysis does", () => {
  const rows = Array.from({ length: 400 }, (_, i) => `| Task ${i} with a longer name | R | A |`);
  const text = ['| Activity | Client | Provider |', '|---|---|---|', ...rows, ''].join('\n');
  const once = analyze(text, settings(), { keep: false });
  const kept = analyze(text, settings());
  assert.ok(kept.cache.runs.size > 0, 'the pieces are kept for the next version');
  assert.equal(once.cache.runs.size, 0);
  assert.deepEqual(observable(once), observable(kept));
});

test('prose that tempts the table scan (pipes, delimiter-like lines, hidden tables) gives what parsing it whole gives', () => {
  fc.assert(
    fc.property(proseDocument, (text) => {
      assert.deepEqual(observable(analyze(text, settings())), observable(analyze(text, settings(), { wholeDocument: true })));
    }),
    { seed: 20261128, numRuns: 600 },
  );
});

test('edits of tempting prose, reusing cached chunks, give what parsing it whole gives', () => {
  fc.assert(
    fc.property(proseDocument, fc.array(edit, { minLength: 1, maxLength: 6 }), (text, edits) => {
      let cache: AnalysisCache | undefined;
      let current = text;
      for (const e of edits) {
        const incremental = analyze(current, settings(), { cache });
        cache = incremental.cache;
        assert.deepEqual(observable(incremental), observable(analyze(current, settings(), { wholeDocument: true })));
        current = applyRandomEdit(current, e);
      }
    }),
    { seed: 28112026, numRuns: 150 },
  );
});

/** What two versions share: the characters before the first difference and after the last (RaciDocument.changedSince). */
function unchangedBetween(before: string, after: string): { head: number; tail: number } {
  let head = 0;
  while (head < before.length && head < after.length && before[head] === after[head]) head++;
  let tail = 0;
  while (tail < before.length - head && tail < after.length - head && before[before.length - 1 - tail] === after[after.length - 1 - tail])
    tail++;
  return { head, tail };
}

test('after any sequence of edits, reusing cached chunks equals analysing from scratch', () => {
  fc.assert(
    fc.property(markdownDocument, fc.array(edit, { minLength: 1, maxLength: 8 }), (text, edits) => {
      let cache: AnalysisCache | undefined;
      let current = text;
      let previous: string | undefined;
      for (const e of edits) {
        // Told what did not change, as an open document tells it, half of the time.
        const unchanged = previous !== undefined && e.length % 2 === 0 ? unchangedBetween(previous, current) : undefined;
        const incremental = analyze(current, settings(), { cache, unchanged });
        cache = incremental.cache;
        assert.deepEqual(observable(incremental), observable(analyze(current, settings(), { wholeDocument: true })));
        previous = current;
        current = applyRandomEdit(current, e);
      }
    }),
    { seed: 424242, numRuns: 150 },
  );
});

test('the chunks scanned again around an edit are the chunks of a whole scan', () => {
  // Documents of many blocks, so that an edit has chunks before and after it; edits anywhere,
  // including ones that join two chunks (a blank line removed) or split one.
  const documents = fc.array(fc.oneof(markdownDocument, proseDocument), { minLength: 1, maxLength: 6 }).map((parts) => parts.join('\n\n'));
  fc.assert(
    fc.property(documents, fc.array(edit, { minLength: 1, maxLength: 10 }), (text, edits) => {
      let scan = rescanChunks(text, new LineIndex(text).lineStarts);
      let current = text;
      for (const e of edits) {
        const next = applyRandomEdit(current, e);
        const lineStarts = new LineIndex(next).lineStarts;
        scan = rescanChunks(next, lineStarts, scan, unchangedBetween(current, next));
        assert.deepEqual(scan.chunks, splitChunks(next, lineStarts), JSON.stringify({ current, next }));
        assert.equal(scan.states.length, scan.chunks.length);
        assert.deepEqual([scan.rowsFrom, scan.rowsTo], [rescanChunks(next, lineStarts).rowsFrom, rescanChunks(next, lineStarts).rowsTo]);
        current = next;
      }
    }),
    { seed: 20261128, numRuns: 400 },
  );
});

test("a first scan a few lines at a time gives a whole scan's chunks, states and runs of rows, and goes on where the next chunk starts", () => {
  const documents = fc.array(fc.oneof(markdownDocument, proseDocument), { minLength: 1, maxLength: 6 }).map((parts) => parts.join('\n\n'));
  fc.assert(
    fc.property(documents, fc.integer({ min: 1, max: 12 }), (text, lines) => {
      const lineStarts = new LineIndex(text).lineStarts;
      const whole = rescanChunks(text, lineStarts);
      const steps = rescanChunksSteps(text, lineStarts, undefined, undefined, lines);
      let yields = 0;
      let step = steps.next();
      for (; !step.done; step = steps.next()) yields++;
      const scan = step.value;
      assert.deepEqual(
        [scan.chunks, scan.states, scan.rowsFrom, scan.rowsTo, scan.kept, scan.partial],
        [whole.chunks, whole.states, whole.rowsFrom, whole.rowsTo, undefined, false],
        JSON.stringify({ text, lines }),
      );
      // A step stops at the first chunk start after its lines: at most one step per chunk, and
      // each line is scanned once, but for the line each step starts again on.
      assert.ok(yields < whole.chunks.length || yields === 0, `${yields} steps for ${whole.chunks.length} chunks`);
      assert.ok(scan.scanned <= whole.scanned + yields, `${scan.scanned} lines scanned, ${whole.scanned} in one go`);
      // A version whose whole text was replaced (a file reloaded) is scanned so too, where it
      // went through a scan again from its first chunk, in one step.
      const replaced = rescanChunksSteps(text, lineStarts, whole, { head: 0, tail: 0 }, lines);
      let again = 0;
      let last = replaced.next();
      for (; !last.done; last = replaced.next()) again++;
      assert.equal(again, yields);
      assert.deepEqual(last.value.chunks, whole.chunks);
    }),
    { seed: 20261129, numRuns: 400 },
  );
});

test('a one-character edit in a document of 2,000 sections scans the lines around it, not the document', () => {
  const sections = Array.from(
    { length: 2000 },
    (_, i) =>
      `## Area ${i}\n\nSome prose about area ${i}, with a [link](x) and \`code\`.\n\n| Activity | Client | Provider |\n|---|---|---|\n| Task ${i} | R | A |\n`,
  );
  const text = sections.join('\n');
  const lineStarts = new LineIndex(text).lineStarts;
  const first = rescanChunks(text, lineStarts);
  assert.equal(first.scanned, lineStarts.length);
  const at = text.indexOf('| Task 1000 | R |') + '| Task 1000 | '.length;
  const edited = text.slice(0, at) + 'C' + text.slice(at + 1);
  const again = rescanChunks(edited, new LineIndex(edited).lineStarts, first, unchangedBetween(text, edited));
  assert.deepEqual(again.chunks, splitChunks(edited));
  assert.ok(again.scanned < 20, `${again.scanned} lines scanned of ${lineStarts.length}`);
  // A line inserted: the chunks after it move, and are not scanned either.
  const inserted = text.slice(0, at) + 'C |\n| Task new | R' + text.slice(at + 1);
  const moved = rescanChunks(inserted, new LineIndex(inserted).lineStarts, first, unchangedBetween(text, inserted));
  assert.deepEqual(moved.chunks, splitChunks(inserted));
  assert.ok(moved.scanned < 20, `${moved.scanned} lines scanned of ${lineStarts.length}`);
});

test('a one-character edit in a table of 10,000 rows scans the lines around it, not the table', () => {
  const rows = Array.from({ length: 10_000 }, (_, i) => `| Task ${i} | R | A | ${i % 7 === 0 ? 'C' : ''} |`);
  const text = ['# Plan', '', '| Activity | Client | Provider | Auditor |', '|---|---|---|---|', ...rows, '', 'After the table.', ''].join(
    '\n',
  );
  const lineStarts = new LineIndex(text).lineStarts;
  const first = rescanChunks(text, lineStarts);
  for (const [name, edited] of [
    // A code changed in place, a character typed (the rows after it move), and a row inserted.
    ['in place', text.replace('| Task 5000 | R |', '| Task 5000 | C |')],
    ['typed', text.replace('| Task 5000 |', '| Task 5000x |')],
    ['row inserted', text.replace('| Task 5000 |', '| Task new | R | A | |\n| Task 5000 |')],
    // A line break typed after a row's first pipe: the rest of the row is a line that was not one, and no row.
    ['break typed', text.replace('| Task 5000 |', '|\n Task 5000 |')],
  ] as const) {
    const lines = new LineIndex(edited).lineStarts;
    const again = rescanChunks(edited, lines, first, unchangedBetween(text, edited));
    const whole = rescanChunks(edited, lines);
    assert.deepEqual(again.chunks, whole.chunks, name);
    assert.deepEqual([again.rowsFrom, again.rowsTo], [whole.rowsFrom, whole.rowsTo], name);
    // Before, the scan read every row of the table from its start to its end.
    assert.ok(again.scanned < 20, `${name}: ${again.scanned} lines scanned of ${lineStarts.length}`);
  }
});

/** The text cut at random places (inside a line break, a row, a cell, a BOM), as an open document's changes leave it. */
function inPieces(text: string, cuts: number[]) {
  const points = [...new Set(cuts.map((cut) => Math.floor(cut * text.length)))].sort((a, b) => a - b);
  const pieces: string[] = [];
  let from = 0;
  for (const point of points) {
    pieces.push(text.slice(from, point));
    from = point;
  }
  pieces.push(text.slice(from));
  return sourceOf(pieces);
}

test('reading the text through its pieces gives what reading it whole gives, across edits', () => {
  const cuts = fc.array(fraction, { maxLength: 8 });
  fc.assert(
    fc.property(markdownDocument, fc.array(fc.tuple(edit, cuts), { minLength: 1, maxLength: 6 }), (text, steps) => {
      let cache: AnalysisCache | undefined;
      let current = text;
      for (const [e, at] of steps) {
        // With the line table an open document keeps: nothing then needs the text joined.
        const pieced = analyze(inPieces(current, at), settings(), { cache, lineStarts: new LineIndex(current).lineStarts });
        cache = pieced.cache;
        assert.equal(pieced.text, current);
        assert.deepEqual(observable(pieced), observable(analyze(current, settings())));
        current = applyRandomEdit(current, e);
      }
    }),
    { seed: 20261126, numRuns: 200 },
  );
});

/** A large table as generated pages have them, with the odd duplicate, mistake and control comment. */
function largeMatrix(rows: number, seed: number): string {
  const cells = ['__RA__', 'C', '__C, I__', '', 'I', 'R', 'A', '**I**', 'X', 'ra'];
  const lines = ['Intro line.', '', '| Activity | Client | Provider | Auditor |', '|---|:-:|---|---|'];
  for (let row = 0; row < rows; row++) {
    const pick = (k: number) => cells[(row * 7 + k * 3 + seed) % cells.length];
    const name = row % 37 === 5 ? 'Same task' : `Task ${row}`;
    const comment = row % 53 === 7 ? ' <!-- raci-disable-line -->' : '';
    lines.push(`| ${name}${comment} | ${pick(0)} | ${pick(1)} | ${pick(2)} |`);
  }
  return lines.join('\n') + '\n\nAfter.\n';
}

/** An edit inside a large table: a cell rewritten (same or other length), a row added or removed. */
const tableEdit = fc.record({
  at: fraction,
  kind: fc.constantFrom('cell', 'cell', 'insert-row', 'delete-row', 'type', 'intro'),
  text: fc.constantFrom('C', 'RA', '', 'I, C', '__A__', 'X', '| extra', '\\|', 'Task 3'),
});

function applyTableEdit(text: string, e: { at: number; kind: string; text: string }): string {
  const lines = text.split('\n');
  const rows = lines.map((line, i) => i).filter((i) => i > 3 && lines[i].startsWith('| '));
  if (rows.length === 0) return text;
  const line = rows[Math.min(rows.length - 1, Math.floor(e.at * rows.length))];
  if (e.kind === 'intro') lines[0] += e.text || 'x';
  else if (e.kind === 'insert-row') lines.splice(line, 0, `| New ${e.text} | R | A | ${e.text} |`);
  else if (e.kind === 'delete-row') lines.splice(line, 1);
  else if (e.kind === 'type') lines[line] = lines[line].replace(/ \|$/, `${e.text} |`);
  else {
    const cells = lines[line].split(' | ');
    cells[1 + (line % (cells.length - 1))] = e.text;
    lines[line] = cells.join(' | ');
  }
  return lines.join('\n');
}

test('edits inside a large table (pieces reused, moved, re-read) give what analysing from scratch gives', () => {
  fc.assert(
    fc.property(fc.integer({ min: 40, max: 260 }), fc.nat(9), fc.array(tableEdit, { minLength: 1, maxLength: 10 }), (rows, seed, edits) => {
      let current = largeMatrix(rows, seed);
      let cache = analyze(current, settings()).cache;
      for (const e of edits) {
        current = applyTableEdit(current, e);
        const incremental = analyze(current, settings(), { cache });
        cache = incremental.cache;
        assert.deepEqual(observable(incremental), observable(analyze(current, settings(), { wholeDocument: true })));
      }
    }),
    { seed: 20261125, numRuns: 30 },
  );
});

test("edits of a table too large to join (read through the open document's pieces) give what a fresh analysis gives", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1700, max: 2300 }),
      fc.nat(9),
      fc.array(tableEdit, { minLength: 1, maxLength: 6 }),
      (rows, seed, edits) => {
        let current = largeMatrix(rows, seed);
        const document = new PieceTextDocument('file:///large.md', 'markdown', 1, current);
        const service = createRaciService();
        service.getDiagnostics(document, settings());
        for (const e of edits) {
          const next = applyTableEdit(current, e);
          // The change as an editor sends it: the one range that differs.
          let start = 0;
          while (start < current.length && start < next.length && current[start] === next[start]) start++;
          let end = 0;
          while (
            end < current.length - start &&
            end < next.length - start &&
            current[current.length - 1 - end] === next[next.length - 1 - end]
          )
            end++;
          const range = { start: document.positionAt(start), end: document.positionAt(current.length - end) };
          document.update([{ range, text: next.slice(start, next.length - end) }], document.version + 1);
          current = next;
          assert.ok(typeof document.getSource() !== 'string', 'the document is in pieces');
          const fresh = createRaciService().getDiagnostics({ uri: document.uri, version: 1, getText: () => current }, settings());
          assert.deepEqual(service.getDiagnostics(document, settings()), fresh);
          assert.equal(service.getModel(document, settings()).text, current);
        }
      },
    ),
    { seed: 20261127, numRuns: 12 },
  );
});

test('an edit in a large table after versions that left it alone re-reads one piece, not every row', () => {
  const text = largeMatrix(400, 3);
  const first = analyze(text, settings());
  const piecesOf = (model: DocumentModel) => model.blocks.tables[0].pieces;
  // An edit of the intro (the table's chunk is not parsed again), then the same text again (an undo).
  const elsewhere = analyze(text.replace('Intro line.', 'Intro line!'), settings(), { cache: first.cache });
  const undone = analyze(text, settings(), { cache: elsewhere.cache });
  const cell = text.indexOf('| Task 200 |') + '| Task 200 | '.length;
  const edited = analyze(text.slice(0, cell) + 'Q' + text.slice(cell + 1), settings(), { cache: undone.cache });
  const before = new Set(piecesOf(first));
  const kept = piecesOf(edited).filter((piece) => before.has(piece)).length;
  assert.equal(kept, piecesOf(edited).length - 1, `${kept} of ${piecesOf(edited).length} pieces kept`);
});

test('typing into any row of a table re-reads the rows around it, even where the rows after it are cut in pieces out of step with last time', () => {
  // A piece ends after a row whose length is a multiple of 32, once it has 8 rows. Where such
  // rows stand closer than that (here one row in three), typing into one that ended a piece
  // joins its piece to the next, and the pieces after it are cut out of step with last time's
  // until the cuts fall in step again, which can take several pieces.
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const rowOf = (index: number, cut: boolean) => {
    const row = `| Task ${index} | R | A | C |`;
    const pad = cut ? (32 - (row.length % 32)) % 32 : row.length % 32 === 31 ? 2 : 1;
    return `| Task ${index}${'x'.repeat(pad)} | R | A | C |`;
  };
  const lines = ['| Activity | Client | Provider | Auditor |', '|---|---|---|---|'];
  for (let index = 0; index < 600; index++) lines.push(rowOf(index, random() < 0.35));
  const text = lines.join('\n') + '\n';
  const first = analyze(text, settings());
  const before = new Set(first.blocks.tables[0].pieces);
  let most = 0;
  for (let row = 0; row < 600; row += 3) {
    const at = text.indexOf(`| Task ${row}x`) + `| Task ${row}`.length;
    const typed = text.slice(0, at) + 'y' + text.slice(at);
    const edited = analyze(typed, settings(), { cache: first.cache });
    const reread = edited.blocks.tables[0].pieces.filter((piece) => !before.has(piece) && !movedFrom(edited.cache.memo, piece));
    const rows = reread.reduce((sum, piece) => sum + piece.length, 0);
    most = Math.max(most, rows);
    if (row % 60 === 0) assert.deepEqual(observable(edited), observable(analyze(typed, settings())), `typing into row ${row}`);
  }
  // Pieces have at most 80 rows: the edited one and those cut out of step around it. Before, one edit read 500 rows again.
  assert.ok(most > 0 && most <= 240, `${most} of 600 rows read again`);
});

test('a chunk read with front matter is not reused where the same text is not front matter', () => {
  // Found by the differential test above with another seed: the key of a first chunk read
  // with front matter was U+0000 and its text, the very text of a chunk starting with U+0000.
  // And the same text pushed down by a line is a thematic break and a paragraph.
  const text = '---\nraci:\n  scheme: NOPE\n---\n\n| Activity | Client |\n| --- | --- |\n| Ship | R |\n';
  let cache = analyze(text, settings()).cache;
  assert.ok(analyze(text, settings()).problems.length > 0, 'the front matter is read');
  for (const next of ['\u0000' + text, 'R\u0000' + text, text, 'Intro.\n\n' + text]) {
    const incremental = analyze(next, settings(), { cache });
    cache = incremental.cache;
    assert.deepEqual(observable(incremental), observable(analyze(next, settings(), { wholeDocument: true })));
  }
});

test('front matter ends at `---` only, as remark-frontmatter reads it: the chunks agree with the whole document', () => {
  const table = '| Activity | Client |\n| --- | --- |\n| Ship | X |\n';
  const cases = [
    // Closed by `...` (YAML's end of document, not a fence) and later by `---`: all front matter.
    `---\nraci:\n  scheme: RACI\n...\n\n${table}\n---\n`,
    `---\ntitle: x\n...\n\n${table}`,
    `---  \ntitle: x\n--- \t\n\n${table}`,
    `\uFEFF---\r\ntitle: x\r\n...\r\n\r\n${table.replace(/\n/g, '\r\n')}\r\n---\r\n`,
    `Intro.\n---\ntitle: x\n...\n\n${table}\n---\n`,
    `---\ntitle: x\n----\n\n${table}\n---\n`,
  ];
  for (const text of cases) {
    assert.deepEqual(
      observable(analyze(text, settings())),
      observable(analyze(text, settings(), { wholeDocument: true })),
      JSON.stringify(text),
    );
  }
  assert.deepEqual(analyze(cases[0], settings()).findings, []);
});

test('matrices with no blank line between them are parsed one by one: chunks are cut at headings and where a run of rows ends', () => {
  const parts: string[] = [];
  for (let i = 0; i < 60; i++) {
    parts.push(i % 3 === 0 ? `## Matrix ${i}` : `# Matrix ${i}`, '| Activity | Client | Provider |', '|---|---|---|');
    for (let row = 0; row < 20; row++) parts.push(`| Task ${i}.${row} | ${row % 7 === 3 ? 'R' : 'RA'} | C |`);
    if (i % 3 === 1) parts.push('> A note that ends the table.');
    if (i % 3 === 2) parts.push('```', '| Activity | In | Code |', '```');
  }
  const text = parts.join('\n') + '\n';
  const chunks = splitChunks(text);
  // Each heading, each table and each note or code block is a chunk of its own: an edit re-parses one matrix, not the document.
  assert.ok(chunks.length >= 120, `${chunks.length} chunks`);
  assert.ok(Math.max(...chunks.map((c) => c.end - c.start)) < 1_000);
  const chunked = analyze(text, settings());
  assert.equal(chunked.matrices.length, 60);
  assert.deepEqual(observable(chunked), observable(analyze(text, settings(), { wholeDocument: true })));
});

test('a list nested deep in a document where no table can start is no skipped part, for the chunked analysis and its whole-document reference alike', () => {
  const deep = '- + '.repeat(17) + 'x';
  const problems = (text: string) =>
    [analyze(text, settings()), analyze(text, settings(), { wholeDocument: true })].map((model) => model.problems.map((p) => p.code));
  // Nothing in these is read: no line starts a table (the second has no delimiter row).
  assert.deepEqual(problems(`${deep}\n`), [[], []]);
  assert.deepEqual(problems(`| a | b |\n${deep}\n`), [[], []]);
  // With a table in the document, the part is skipped, as both say.
  const table = '| Activity | Client | Provider |\n|---|---|---|\n| Ship | RA | C |\n';
  assert.deepEqual(problems(`${table}\n${deep}\n`), [['skipped-section'], ['skipped-section']]);
});

test('an open document tells the service what an edit left alone: the service scans the lines around it, and answers as a fresh analysis', () => {
  const text = Array.from(
    { length: 1500 },
    (_, i) => `## Area ${i}\n\nProse ${i}.\n\n| Activity | Client | Provider |\n|---|---|---|\n| Task ${i} | R | A |\n`,
  ).join('\n');
  const document = new PieceTextDocument('file:///sections.md', 'markdown', 1, text);
  const service = createRaciService();
  service.getDiagnostics(document, settings());
  const at = document.positionAt(text.indexOf('| Task 700 | R |') + '| Task 700 | '.length);
  document.update([{ range: { start: at, end: { line: at.line, character: at.character + 1 } }, text: '' }], 2);
  document.update([{ range: { start: at, end: at }, text: 'C\n| Task 700b | R' }], 3);
  const diagnostics = service.getDiagnostics(document, settings());
  const scan = (service.getModel(document, settings()) as Analysis).cache.scan!;
  assert.ok(scan.scanned < 20, `${scan.scanned} lines scanned`);
  const current = document.getText();
  assert.deepEqual(diagnostics, createRaciService().getDiagnostics({ uri: document.uri, version: 1, getText: () => current }, settings()));
  assert.ok(
    diagnostics.some((d) => d.code === 'missing-accountable'),
    'Task 700 has no A now',
  );
});

test('the words of a large matrix are counted piece by piece, and an edit elsewhere in it leaves the count right', () => {
  const rows = Array.from(
    { length: 300 },
    (_, i) => `| Tâche ${i} | ${i === 250 ? 'Responsable' : 'Acteur'} | ${i % 7 === 0 ? 'Informé' : 'Consulté'} |`,
  );
  const text = `| Activité | Client | Prestataire |\n|---|---|---|\n${rows.join('\n')}\n`;
  const document = new PieceTextDocument('file:///words.md', 'markdown', 1, text);
  const service = createRaciService();
  const codes = () => service.getDiagnostics(document, settings()).map((d) => d.code);
  const fresh = () => {
    const current = document.getText();
    return createRaciService().getDiagnostics({ uri: document.uri, version: 1, getText: () => current }, settings());
  };
  // "Acteur" is the doer: "Responsable" reads as A, no ambiguity.
  assert.ok(!codes().includes('ambiguous-role'));
  // A row inserted at the top moves every piece; then row 250's word is edited away and back.
  document.update(
    [{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, text: '| Tâche neuve | Responsable | Consulté |\n' }],
    2,
  );
  assert.deepEqual(service.getDiagnostics(document, settings()), fresh());
  const line = 2 + 1 + 250;
  document.update([{ range: { start: { line, character: 0 }, end: { line: line + 1, character: 0 } }, text: '' }], 3);
  assert.deepEqual(service.getDiagnostics(document, settings()), fresh());
  // Every doer word gone: nothing says what "Responsable" means any more.
  const all = document.getText().replace(/Acteur/g, 'Consulté');
  document.update([{ range: { start: { line: 0, character: 0 }, end: document.positionAt(document.getText().length) }, text: all }], 4);
  assert.ok(codes().includes('ambiguous-role'));
  assert.deepEqual(service.getDiagnostics(document, settings()), fresh());
});

test('a letter used undefined in a large table is reported at its first use, which typing above it moves', () => {
  const rows = Array.from({ length: 300 }, (_, i) => `| Task ${i} | ${i >= 150 && i % 3 === 0 ? 'S' : 'R'} | A |`);
  const text = `# Plan\n\nR = Responsible, A = Accountable, C = Consulted, I = Informed\n\n| Activity | Client | Provider |\n|---|---|---|\n${rows.join('\n')}\n`;
  const document = new PieceTextDocument('file:///letters.md', 'markdown', 1, text);
  const service = createRaciService();
  const fresh = () => {
    const current = document.getText();
    return createRaciService().getDiagnostics({ uri: document.uri, version: 1, getText: () => current }, settings());
  };
  const undefinedRole = (diagnostics: ReturnType<typeof fresh>) => diagnostics.filter((d) => d.code === 'undefined-role');
  assert.equal(undefinedRole(service.getDiagnostics(document, settings())).length, 1);
  // Typing in the first activity's name moves every piece of the table after it.
  for (let version = 2; version < 6; version++) {
    document.update([{ range: { start: { line: 6, character: 2 }, end: { line: 6, character: 2 } }, text: 'x' }], version);
    const diagnostics = service.getDiagnostics(document, settings());
    assert.deepEqual(diagnostics, fresh());
    assert.equal(undefinedRole(diagnostics)[0].range.start.line, 6 + 150);
  }
});

/**
 * A runbook of many small matrices, as in the bench's `sections` shape: a heading, a line of
 * prose (now and then a legend line, or a fence), and a matrix of a few rows, per section.
 */
/**
 * A runbook of 80 to 160 sections, each a heading, maybe a paragraph, and a small matrix;
 * maybe a legend table at the end, which an undefined code's fix adds to.
 */
const runbookOf = (prose: string[], legendAtEnd = false) =>
  fc
    .tuple(
      fc.array(
        fc.record({
          depth: fc.constantFrom('##', '###'),
          prose: fc.constantFrom(...prose),
          rows: fc.array(fc.tuple(fc.constantFrom('R', 'A', 'RA', 'C, I', '', 'S', 'X'), fc.constantFrom('A', 'R', 'I', '', 'C')), {
            minLength: 1,
            maxLength: 4,
          }),
        }),
        { minLength: 80, maxLength: 160 },
      ),
      fc.boolean(),
    )
    .map(
      ([sections, legend]) =>
        sections
          .map(
            (s, i) =>
              `${s.depth} Area ${i}\n\n${s.prose ? s.prose + '\n\n' : ''}| Activity | Client | Provider |\n|---|---|---|\n` +
              s.rows.map(([a, b], r) => `| Task ${i}.${r % 2} | ${a} | ${b} |`).join('\n') +
              '\n',
          )
          .join('\n') + (legend && legendAtEnd ? LEGEND_AT_END : ''),
    );

const LEGEND_AT_END =
  '\n## Legend\n\n| Role | Description |\n| --- | --- |\n| (R) Responsible | does it |\n| (A) Accountable | approves it |\n| (C) Consulted | advises |\n| (I) Informed | is told |\n';

const PROSE = [
  'Prose with `a | b` and a [link](x).',
  '```\n| in | code |\n|---|---|\n```',
  '<!-- raci-disable-next-line missing-accountable -->',
  '',
];
/** With legends of their own in some sections. */
const runbook = runbookOf([...PROSE, 'S = Support, V = Verifier']);

/**
 * An edit of a runbook: typing, deleting, replacing a character by another (which moves
 * nothing: what the edit left alone is taken from the last version as it was, before and
 * after it), or joining two matrices (the lines between them deleted) or splitting one; or,
 * between edits, a request for the outline, which parses the prose the analysis scanned.
 */
const runbookEdit = fc.record({
  at: fraction,
  kind: fc.constantFrom('type', 'delete', 'join', 'split', 'legend', 'replace', 'replace', 'heading', 'outline'),
  text: fc.constantFrom('x', 'R', 'A', ' ', '|', 'S', '\n', '#'),
  length: fc.nat({ max: 30 }),
});

/** Edits a runbook as an editor sends the edits, and compares each version with a fresh analysis. */
function editRunbook(text: string, edits: { at: number; kind: string; text: string; length: number }[]): void {
  const document = new PieceTextDocument('file:///runbook.md', 'markdown', 1, text);
  const service = createRaciService();
  service.getDiagnostics(document, settings());
  for (const e of edits) {
    const current = document.getText();
    let start = Math.floor(e.at * current.length);
    let end = start;
    let insert = '';
    if (e.kind === 'outline') {
      // The outline reads every heading, parsing the prose the analysis only scanned.
      service.getSymbols(document, settings());
      continue;
    }
    if (e.kind === 'type') insert = e.text;
    else if (e.kind === 'delete') end = Math.min(current.length, start + e.length);
    else if (e.kind === 'replace') {
      if (start >= current.length) continue;
      end = start + 1;
      insert = e.text;
    } else if (e.kind === 'heading') {
      // A line's first two characters become `# `, or a heading's become `x ` (the same length).
      start = current.lastIndexOf('\n', start) + 1;
      end = start + 2;
      if (end > current.length) continue;
      insert = current.startsWith('#', start) ? 'x ' : '# ';
    } else if (e.kind === 'join') {
      // From the end of a matrix to the header of the next: the two become one table.
      const tableEnd = current.indexOf('|\n\n', start);
      const next = tableEnd < 0 ? -1 : current.indexOf('\n| Activity', tableEnd + 2);
      if (next < 0) continue;
      start = tableEnd + 2;
      end = next + 1;
      // The next matrix's header and delimiter rows become body rows of the first.
    } else if (e.kind === 'split') {
      const row = current.indexOf('\n| Task', start);
      if (row < 0) continue;
      start = end = row;
      insert = '\n';
    } else {
      const line = current.lastIndexOf('\n', start) + 1;
      start = end = line;
      insert = 'R = Realiser, A = Approver, S = Support\n\n';
    }
    document.update([{ range: { start: document.positionAt(start), end: document.positionAt(end) }, text: insert }], document.version + 1);
    const edited = document.getText();
    assert.deepEqual(
      service.getDiagnostics(document, settings()),
      createRaciService().getDiagnostics({ uri: document.uri, version: 1, getText: () => edited }, settings()),
    );
    assert.deepEqual(observable(service.getModel(document, settings())), observable(analyze(edited, settings(), { wholeDocument: true })));
  }
}

test('a runbook of many small matrices, edited as an editor sends it (typing, joining and splitting matrices), answers as a fresh analysis', () => {
  fc.assert(fc.property(runbook, fc.array(runbookEdit, { minLength: 1, maxLength: 6 }), editRunbook), { seed: 19019, numRuns: 12 });
});

test('a runbook with no section legend, whose unchanged matrices are taken from the last version, answers as a fresh analysis', () => {
  fc.assert(fc.property(runbookOf(PROSE, true), fc.array(runbookEdit, { minLength: 1, maxLength: 6 }), editRunbook), {
    seed: 19020,
    numRuns: 12,
  });
});

/** Replaces `from` by `to` at the first place after `after`, through the open document, and returns the model. */
/** Replaces `from` by `to` at the first place after `after`, through the open document. */
function replaceIn(document: PieceTextDocument, after: string, from: string, to: string): void {
  const text = document.getText();
  const at = text.indexOf(from, text.indexOf(after));
  document.update(
    [{ range: { start: document.positionAt(at), end: document.positionAt(at + from.length) }, text: to }],
    document.version + 1,
  );
}

/** The same, and the model of the new version. */
function editAt(document: PieceTextDocument, service: ReturnType<typeof createRaciService>, after: string, from: string, to: string) {
  replaceIn(document, after, from, to);
  return service.getModel(document, settings());
}

test("an edit in one matrix of a runbook takes the other matrices' findings from the last version as they were, not placed again", () => {
  // Each matrix has an activity with no Accountable.
  const text = Array.from(
    { length: 300 },
    (_, i) => `## Area ${i}\n\n| Activity | Client | Provider |\n|---|---|---|\n| Task ${i} | R | C |\n`,
  ).join('\n');
  const document = new PieceTextDocument('file:///runbook.md', 'markdown', 1, text);
  const service = createRaciService();
  const before = service.getModel(document, settings()).findings;
  assert.equal(before.length, 300);
  const inside = (finding: { start: number }, model: DocumentModel, area: string) => {
    const heading = model.text.indexOf(area);
    return finding.start > heading && finding.start < model.text.indexOf('## Area', heading + 1);
  };
  // A code changed in place (C to I) moves nothing: every other matrix's finding is the very same.
  const replaced = editAt(document, service, '## Area 150\n', '| C |', '| I |');
  assert.deepEqual(observable(replaced), observable(analyze(replaced.text, settings())));
  for (let i = 0; i < 300; i++)
    assert.equal(replaced.findings[i] === before[i], !inside(before[i], replaced, '## Area 150\n'), `finding ${i}`);
  // A character typed moves what follows: the findings before it are the same.
  const typed = editAt(document, service, '## Area 200\n', 'Task 200', 'Task 2000');
  assert.deepEqual(observable(typed), observable(analyze(typed.text, settings())));
  for (let i = 0; i < 200; i++) assert.equal(typed.findings[i], replaced.findings[i], `finding ${i}`);
});

test('a character typed near the top of a runbook takes the matrices after it from the last version, moved, without looking up each table again', () => {
  const text = Array.from(
    { length: 300 },
    (_, i) => `## Area ${i}\n\n| Activity | Client | Provider |\n|---|---|---|\n| Task ${i} | ${i % 5 === 2 ? 'R' : 'RA'} | C |\n`,
  ).join('\n');
  const first = analyze(text, settings());
  // Counts the lookups of a table's result in what the document's versions remember.
  let lookups = 0;
  const memo = first.cache.memo;
  const of = memo.of.bind(memo);
  memo.of = ((which: { name: string }) => {
    if (which.name === 'table results') lookups++;
    return of(which as never);
  }) as typeof memo.of;
  const at = text.indexOf('Task 1 ') + 'Task 1'.length;
  const typed = text.slice(0, at) + 'x' + text.slice(at);
  const second = analyze(typed, settings(), { cache: first.cache, unchanged: unchangedBetween(text, typed) });
  assert.deepEqual(observable(second), observable(analyze(typed, settings())));
  assert.equal(second.matrices.length, 300);
  assert.equal(second.matrices[250].heading?.text, 'Area 250');
  // Placing each table after the change again looked each one up (300 lookups).
  assert.ok(lookups < 20, `${lookups} lookups of a table's result`);
});

test("an undefined letter's fix, which adds it to a legend further down, is made again when an edit above the legend moves it", () => {
  // `S` three times in two activities of each matrix: one undefined-role finding per matrix, its fix a row of the legend table at the end.
  const text =
    Array.from(
      { length: 40 },
      (_, i) => `## Area ${i}\n\n| Activity | Client | Provider |\n|---|---|---|\n| Task ${i} | S | RA |\n| Step ${i} | S | S, RA |\n`,
    ).join('\n') + LEGEND_AT_END;
  const document = new PieceTextDocument('file:///runbook.md', 'markdown', 1, text);
  const service = createRaciService();
  const first = service.getModel(document, settings());
  assert.ok(first.findings.filter((f) => f.ruleId === 'undefined-role' && f.fixes.length > 0).length >= 40);
  const typed = editAt(document, service, '## Area 30\n', 'Task 30', 'Task 300');
  assert.deepEqual(observable(typed), observable(analyze(typed.text, settings())));
});

test('a run dropped half-way, after an edit that moved nothing, leaves the next version its legend lines', () => {
  // `~~~` inside the comment opens a fence for the legend scan, not for the chunks: the edit
  // changes how the chunks after it are scanned, and the dropped run scans some of them.
  const text =
    '# Title\n\n<!-- raci-note\n~~~\n-->\n\nZ = Zeta\n\n| Activity | Ann | Ben |\n|---|---|---|\n| Do | Z | RA |\n| Go | Z | RA |\n| Run | Z | RA |\n';
  for (let steps = 0; steps < 4; steps++) {
    const document = new PieceTextDocument('file:///dropped.md', 'markdown', 1, text);
    const service = createRaciService();
    service.getModel(document, settings());
    replaceIn(document, '', '~~~', 'abc');
    const run = service.modelSteps(document, settings());
    for (let step = 0; step < steps; step++) run.next();
    run.return(undefined as never);
    const model = editAt(document, service, '', 'abc', 'abd');
    assert.deepEqual(observable(model), observable(analyze(model.text, settings())), `dropped after ${steps} steps`);
    assert.deepEqual(
      model.legend.map((entry) => entry.code),
      ['Z'],
    );
  }
});

test('a table of over a thousand pieces (8,400 short rows) is read, and edited, as from scratch', () => {
  // Rows of 32 characters end a piece every 8 rows (see pieceEnd): more pieces than are
  // joined in one call (concatPieces), where the rows and the activities of the pieces are joined.
  const row = (i: number) => {
    const text = `| Task ${i} | R | A |`;
    return text.slice(0, -1) + ' '.repeat(32 - text.length) + '|';
  };
  const rows = Array.from({ length: 8_400 }, (_, i) => row(i));
  assert.equal(rows[8_399].length, 32);
  const text = `# Plan\n\n| Activity | Client | Provider |\n| --- | --- | --- |\n${rows.join('\n')}\n`;
  const first = analyze(text, settings());
  assert.equal(first.matrices[0].activities.length, 8_400);
  assert.ok(first.matrices[0].pieces.length > 1024, `${first.matrices[0].pieces.length} pieces`);
  const edited = text.replace('| Task 4000 | R | A ', '| Task 4000 | R | R ');
  const incremental = analyze(edited, settings(), { cache: first.cache });
  assert.deepEqual(observable(incremental), observable(analyze(edited, settings(), { wholeDocument: true })));
  assert.ok(incremental.findings.some((f) => f.ruleId === 'missing-accountable'));
});

test("a large table's pieces read by a dropped run are not trusted by the next versions for text they were not read from", () => {
  // The dropped version reads the table with its seventh line made a row; the next version
  // undoes that (the table chunk is then left as it was) and the one after edits the table
  // further down, where its pieces before the edit are taken unread.
  const rows = (n: number, tag: string) => Array.from({ length: n }, (_, i) => `| ${tag} ${i} | R | A | C |`).join('\n');
  const head = '| Activity | Client | Provider | Ops |\n| --- | --- | --- | --- |\n';
  // Where the dropped run stops: each of these gave a wrong model before (found by trying every step).
  for (const [plain, dropped, drops] of [
    ['x Task 5 | R | A | C |', '| Task 5 | R | A | C |', [6, 20]],
    ['| Task 5 | R | A | C |', '| Task 5 | S | A | C |', [2, 3]],
  ] as const) {
    const text = `# A\n\n${head}${rows(5, 'Task')}\n${plain}\n${rows(900, 'Job')}\n\n## B\n\n${head}${rows(900, 'Step')}\n\nend\n`;
    for (const steps of drops) {
      const document = new PieceTextDocument('file:///stash.md', 'markdown', 1, text);
      const service = createRaciService();
      service.getModel(document, settings());
      replaceIn(document, '', plain, dropped);
      const run = service.modelSteps(document, settings());
      for (let step = 0; step < steps; step++) run.next();
      run.return(undefined as never);
      replaceIn(document, '', dropped, plain);
      editAt(document, service, '', '\nend', '\nends');
      const model = editAt(document, service, '', '| Job 800 |', '| Job 8000 |');
      const fresh = analyze(model.text, settings(), { wholeDocument: true });
      assert.deepEqual(observable(model), observable(fresh), `${dropped}, dropped after ${steps} steps`);
    }
  }
});

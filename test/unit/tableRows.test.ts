import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseChunk } from '../../server/src/engine/parse/markdown';
import { lexRow } from '../../server/src/engine/parse/tableRows';
import { lexTableHead } from '../../server/src/engine/parse/tableHead';
import type { RawRow } from '../../server/src/engine/parse/markdown';
import { ATOMS } from '../helpers/markdown-gen';

const HEAD = '| Activity | Client | Provider |\n| --- | :-: | --: |\n';

/** A body row as remark reads it, under a header, offsets relative to the row's line. */
function remarkRow(line: string) {
  const blocks = parseChunk(HEAD + line + '\n', false);
  assert.equal(blocks.tables.length, 1, 'remark read a table');
  const rows = blocks.tables[0].rows.slice(1);
  assert.equal(rows.length, 1, `remark read one body row from ${JSON.stringify(line)}`);
  const shift = (n: number) => n - HEAD.length;
  const [row] = rows;
  return {
    start: shift(row.start),
    end: shift(row.end),
    cells: row.cells.map((c) => ({
      start: shift(c.start),
      end: shift(c.end),
      contentStart: shift(c.contentStart),
      contentEnd: shift(c.contentEnd),
    })),
  };
}

/** Characters that decide where cells start and end, and atoms that look like cells. */
const piece = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom('|', '|', ' ', '  ', '\t', '\\', '\\|', '\\\\', '`', '``', '*', '_', '<', '>', '-', ':', 'x', 'RA'),
  },
  { weight: 1, arbitrary: fc.constantFrom(...ATOMS.filter((atom) => !/[\r\n\u2028]/.test(atom) && !atom.includes('raci-'))) },
);
const rowLine = fc.array(piece, { maxLength: 14 }).map((parts) => '|' + parts.join(''));

test('a body row is cut into the cells remark reads, at the same offsets', () => {
  fc.assert(
    fc.property(rowLine, fc.nat(40), (line, at) => {
      const padded = ' '.repeat(at) + line;
      const lexed = lexRow(padded, at, padded.length, -at);
      assert.deepEqual(plain(lexed), remarkRow(line));
    }),
    { seed: 20261124, numRuns: 3000 },
  );
});

test('rows people write: escapes, code spans with pipes, missing and extra pipes, trailing blanks', () => {
  for (const line of [
    "| Gérer les clés d'accès API | __RA__ | |",
    '|x|y|z|w|',
    '| x | y |  \t',
    '| x | y',
    '|',
    '||',
    '| x \\| y |',
    '| x \\\\| y |',
    '| `a|b` | c |',
    '| a \\| b \\| c |   ',
    '|\ta\t|\t',
  ]) {
    assert.deepEqual(plain(lexRow(line, 0, line.length)), remarkRow(line), line);
  }
});

test("a table's header and delimiter rows, read without remark, are what remark reads (or left to remark)", () => {
  const delimiterCell = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom('---', '-', ':--', '--:', ':-:', ' --- ', ' :-: ') },
    { weight: 1, arbitrary: fc.constantFrom(':', '', '-\t', 'x', '- -', '::') },
  );
  fc.assert(
    fc.property(
      fc.array(fc.oneof(fc.constantFrom(...ATOMS), fc.constantFrom(' Activity ', ' Rôle ', ' `a|b` ', ' x ')), {
        minLength: 1,
        maxLength: 6,
      }),
      fc.array(delimiterCell, { minLength: 7, maxLength: 7 }),
      fc.constantFrom(0, 0, 0, 0, 1, -1),
      fc.boolean(),
      fc.boolean(),
      fc.constantFrom('', '', '', ' ', '  ', '    ', '\t'),
      fc.constantFrom('', '', ' ', '\t'),
      (cells, cuts, extra, leading, trailing, indent, after) => {
        const delimiter = cuts.slice(0, Math.max(1, cells.length + extra));
        const header = `|${cells.join('|')}${after}`;
        const line = `${indent}${leading ? '|' : ''}${delimiter.join('|')}${trailing ? '|' : ''}${after}`;
        const prefix = `${header}\n${line}\n`;
        const fast = lexTableHead(prefix, 7);
        if (!fast) return;
        const slow = parseChunk(prefix, false);
        assert.equal(slow.tables.length, 1, JSON.stringify(prefix));
        const [table] = slow.tables;
        const [read] = fast.tables;
        assert.deepEqual(
          [plain(read.rows[0]), read.align, read.delimiterStart, read.start],
          [shift(table.rows[0], 7), table.align, table.delimiterStart + 7, table.start + 7],
          JSON.stringify(prefix),
        );
      },
    ),
    { seed: 1512, numRuns: 3000 },
  );
  // And it does read the usual ones.
  assert.ok(lexTableHead('| Activity | Client |\n|:--|--:|\n', 0));
  assert.ok(lexTableHead('| Name | Type | Default |\n| --- | --- | --- |\n', 0));
});

/** A row's offsets as plain data: rows are objects of a class, whose cells are read through a getter. */
function plain(row: RawRow): RawRow {
  return shift(row, 0);
}

function shift(row: RawRow, by: number): RawRow {
  const move = (n: number) => n + by;
  return {
    start: move(row.start),
    end: move(row.end),
    cells: row.cells.map((c) => ({
      start: move(c.start),
      end: move(c.end),
      contentStart: move(c.contentStart),
      contentEnd: move(c.contentEnd),
    })),
  };
}

import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { analyze, type Finding } from '../../server/src/engine';
import { parseCell, parseCellContent } from '../../server/src/engine/domain/cells';
import { settings } from '../helpers/engine';

const ROOT = path.resolve(__dirname, '../..');

/** A finding as a report prints it: everything but its fixes. */
const reported = ({ fixes: _fixes, ...rest }: Finding) => rest;

/** Documents whose findings have fixes of every kind: cells, rows, the legend, the front matter. */
const DOCUMENTS = [
  fs.readFileSync(path.join(ROOT, 'examples/mistakes.en.md'), 'utf8'),
  [
    '## Releases',
    '',
    '| Activity | Dev | Ops | QA |',
    '|---|---|---|---|',
    '| Build | R | A | X |',
    '| Ship | A | A | C |',
    '| Test | C | I | C |',
    '| Deploy | R | S | S |',
    '| Plan | rA | | I |',
    '',
    '| Task | Responsible | Accountable |',
    '|---|---|---|',
    '| Patch | Dev | |',
  ].join('\n'),
];

test('findings without fixes (raci-lint without --fix) are the same findings, with no fix built', () => {
  for (const text of DOCUMENTS) {
    const full = analyze(text, settings());
    const lean = analyze(text, settings(), { fixes: false });
    assert.ok(
      full.findings.some((f) => f.fixes.length > 0),
      'the document has findings with fixes',
    );
    assert.deepEqual(lean.findings.map(reported), full.findings.map(reported));
    assert.deepEqual(
      lean.findings.filter((f) => f.fixes.length > 0),
      [],
    );
    assert.deepEqual(lean.problems, full.problems);
    assert.equal(lean.matrices.length, full.matrices.length);
  }
});

test('a cell of prose read without the memo reads as the full parse reads it', () => {
  // Words that tempt the shortcut: role names and abbreviations (with their dot), accents,
  // look-alike letters, words of four and five letters, codes and parentheses after them.
  const word = fc.constantFrom(
    'Accountable',
    'accountable',
    'Responsable',
    'Responsible',
    'Resp',
    'Info',
    'Infos',
    'Verantw',
    'Consulté',
    'Consulte',
    'Durchführend',
    'Support',
    'Supporting',
    'Owner',
    'Field',
    'Descr',
    'Name',
    'Parameter',
    'NANAN',
    'Realisation',
    'Appr',
    'The',
    'ThE',
    'Of',
    'An',
    'Na',
    'nA',
    'NA',
    'RA',
    'ra',
    'Ra',
    'Acc',
    'Inf',
  );
  const rest = fc.constantFrom('', '.', '. R', ' R', ', A', ' (A)', 'é', 'ß', '\u0410', 'X', ' - note', '<br>', ' of the field', '`', '*');
  fc.assert(
    fc.property(fc.array(fc.oneof(word, rest), { minLength: 1, maxLength: 4 }), (parts) => {
      const cell = parts.join('');
      const text = `|${cell}|`;
      assert.deepEqual(parseCell(text, 1, 1 + cell.length), parseCellContent(cell), cell);
    }),
    { numRuns: 2000 },
  );
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCell } from '../../server/src/engine/domain/cells';

const read = (cell: string) => {
  const parsed = parseCell(cell, 0, cell.length);
  return { kind: parsed.kind, codes: parsed.tokens.map((t) => t.code).join(''), forms: parsed.tokens.map((t) => t.form) };
};

test('real-world spellings of R and A all read as R, A', () => {
  for (const cell of ['RA', 'R, A', 'R/A', 'R A', 'R+A', '__RA__', '**RA**', '*RA*', '`RA`', '**R**, **A**', 'R;A', 'R & A']) {
    assert.deepEqual(read(cell), { kind: 'codes', codes: 'RA', forms: ['plain', 'plain'] }, cell);
  }
  assert.equal(read('A / R').codes, 'AR');
});

test('footnote markers and inline HTML are not codes', () => {
  for (const cell of ['I*', 'I¹', 'I (1)', 'I[^1]', 'I<br>', '<br/>I', 'I <!-- note -->']) {
    assert.deepEqual(read(cell), { kind: 'codes', codes: 'I', forms: ['plain'] }, cell);
  }
  assert.equal(read('RA (1)').codes, 'RA');
  assert.equal(read('RA¹²').codes, 'RA');
});

test('explicit "nobody" and empty cells', () => {
  for (const cell of ['-', '–', '—', 'N/A', 'n/a', '--']) assert.equal(read(cell).kind, 'nobody', cell);
  for (const cell of ['', '____', '** **']) assert.equal(read(cell).kind, 'empty', JSON.stringify(cell));
});

test('lower-case codes are understood and marked', () => {
  assert.deepEqual(read('ra'), { kind: 'codes', codes: 'RA', forms: ['lowercase', 'lowercase'] });
});

test('Cyrillic and Greek look-alikes are read as the letter meant, and marked', () => {
  assert.deepEqual(read('\u0420\u0410'), { kind: 'codes', codes: 'RA', forms: ['lookalike', 'lookalike'] }); // Cyrillic РА
  assert.deepEqual(read('\u0421, \u0406'), { kind: 'codes', codes: 'CI', forms: ['lookalike', 'lookalike'] }); // С, І
  assert.deepEqual(read('\u0391'), { kind: 'codes', codes: 'A', forms: ['lookalike'] }); // Greek Α
  assert.deepEqual(read('R\u0391'), { kind: 'codes', codes: 'RA', forms: ['plain', 'lookalike'] });
});

test('words and names are text, not codes', () => {
  for (const cell of ['Client', 'Gérer les clés', 'Oui', 'Cloud Temple', 'Responsibility', '✓', 'RA 2024']) {
    assert.equal(read(cell).kind, 'text', cell);
  }
});

test('tokens carry exact offsets and the cell style', () => {
  const source = '| __C, I__ |';
  const parsed = parseCell(source, 2, 10);
  // Offsets are relative to the content's start, so the same parse serves every such cell.
  assert.deepEqual(
    parsed.tokens.map((t) => [t.start, t.end, source.slice(2 + t.start, 2 + t.end)]),
    [
      [2, 3, 'C'],
      [5, 6, 'I'],
    ],
  );
  assert.deepEqual(parsed.style, { wrapper: '__', separator: ', ' });
  assert.deepEqual(parseCell('RA', 0, 2).style, { wrapper: '', separator: '' });
});

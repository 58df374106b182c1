import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, applyEdits, fixAllText } from '../../server/src/engine';
import { settings } from '../helpers/engine';

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

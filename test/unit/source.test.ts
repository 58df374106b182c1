import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { flatten, hasLoneCR, sameText, sourceOf, subSource } from '../../server/src/engine/text/source';
import { fraction } from '../helpers/markdown-gen';

const text = fc.array(fc.constantFrom('a', '|', '\r', '\n', '\r\n', 'é', ' '), { maxLength: 40 }).map((parts) => parts.join(''));
const cuts = fc.array(fraction, { maxLength: 6 });

/** `value` cut at the given fractions of its length: a source in pieces (or a string, for one). */
function cut(value: string, at: number[]) {
  const points = [...new Set(at.map((f) => Math.floor(f * value.length)))].sort((a, b) => a - b);
  return sourceOf([0, ...points].map((from, i, all) => value.slice(from, all[i + 1] ?? value.length)));
}

test('a text in pieces answers as the string: lone CRs, comparisons, sub-sources', () => {
  fc.assert(
    fc.property(text, text, cuts, cuts, fc.nat(40), fc.nat(40), (a, b, cutsA, cutsB, x, y) => {
      const pa = cut(a, cutsA);
      assert.equal(flatten(pa), a);
      assert.equal(hasLoneCR(pa), /\r(?!\n)/.test(a));
      assert.equal(sameText(pa, cut(b, cutsB)), a === b);
      assert.equal(sameText(pa, cut(a, cutsB)), true);
      const [from, to] = [Math.min(x, y, a.length), Math.min(Math.max(x, y), a.length)];
      assert.equal(flatten(subSource(pa, from, to)), a.slice(from, to));
    }),
    { seed: 20261124, numRuns: 3000 },
  );
});

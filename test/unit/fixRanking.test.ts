/**
 * Quick fixes are ranked by what they leave: each candidate is applied to the row and the
 * row checked again. The first, preferred fix never brings a new finding.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useLocale } from '../../server/src/lsp/l10nBundles';
import { createRaciService } from '../../server/src/engine';
import { applyFix, lint, matrix, settings } from '../helpers/engine';
import { TextDocument } from 'vscode-languageserver-textdocument';

const HOSTS = matrix(['| Patch the hosts | **A** | **RX** |'], ['Customer', 'Provider']);
const invalid = (text: string) => lint(text).findings.find((f) => f.ruleId === 'invalid-role')!;
const rulesAfter = (text: string) =>
  lint(text)
    .findings.map((f) => f.ruleId)
    .filter((r) => r !== 'unused-party');

test('an invalid code next to R in a row that has its A: "Remove" is preferred, no fix makes a second A or RR', () => {
  const finding = invalid(HOSTS);
  const titles = finding.fixes.map((f) => f.title);
  assert.equal(titles[0], 'Remove "X"');
  assert.equal(finding.fixes[0].preferred, true);
  assert.deepEqual(finding.fixes.filter((f) => f.preferred).length, 1);
  assert.ok(!titles.includes('Replace "X" with "A"'), titles.join('; '));
  assert.ok(!titles.includes('Replace "X" with "R"'), titles.join('; '));
  // Every fix offered leaves the row clean.
  for (const index of finding.fixes.keys()) assert.deepEqual(rulesAfter(applyFix(HOSTS, finding, index)), [], finding.fixes[index].title);
  assert.ok(applyFix(HOSTS, finding, 0).includes('| Patch the hosts | **A** | **R**  |'));
});

test('the code the row lacks is still preferred when it brings nothing new', () => {
  const text = matrix(['| Ship | R | X |']);
  const finding = invalid(text);
  assert.equal(finding.fixes[0].title, 'Replace "X" with "A"');
  assert.equal(finding.fixes[0].preferred, true);
  assert.ok(finding.fixes.some((f) => f.title === 'Remove "X"'));
});

test('a third A is never offered where removing the typo is clean', () => {
  const text = matrix(['| Ship | A | AZ |', '| Run | R | A |'], ['Customer', 'Provider']);
  const finding = invalid(text);
  assert.ok(
    finding.fixes.every((f) => !f.title.endsWith('"A"')),
    'a third A is never offered when removing is clean',
  );
});

test('fixes of a missing A: the party holding R first, the preferred one leaves the row clean', () => {
  const text = matrix(['| Ship | __R__ | __C, I__ |', '| Run | __RA__ | __I__ |']);
  const finding = lint(text).findings.find((f) => f.ruleId === 'missing-accountable')!;
  assert.deepEqual(
    finding.fixes.map((f) => f.title),
    ['Make Client accountable', 'Make Provider accountable'],
  );
  assert.equal(finding.fixes[0].preferred, true);
});

test('completion: a second A in a row that has one comes last, and says what it would do', () => {
  const text = matrix(['| Patch the hosts | **A** | **R** |'], ['Customer', 'Provider']);
  const service = createRaciService();
  const doc = TextDocument.create('file:///c.md', 'markdown', 1, text);
  const offset = text.indexOf('**R**') + 3;
  const items = service.getCompletions(doc, settings(), doc.positionAt(offset));
  const sorted = [...items].sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? ''));
  assert.equal(sorted.at(-1)?.label, 'A', sorted.map((i) => i.label).join(' '));
  assert.match(sorted.at(-1)?.detail ?? '', /Accountable/);
  assert.match(sorted.at(-1)?.detail ?? '', /multiple-accountable|second|2/);
  assert.notEqual(sorted[0].label, 'A');
});

test('the same ranking in French, with French titles', () => {
  useLocale('fr');
  try {
    const finding = invalid(HOSTS);
    assert.equal(finding.fixes[0].preferred, true);
    assert.match(finding.fixes[0].title, /^Supprimer/);
    assert.ok(
      finding.fixes.every((f) => !/«\u202fA\u202f»$/.test(f.title)),
      finding.fixes.map((f) => f.title).join('; '),
    );
  } finally {
    useLocale('en');
  }
});

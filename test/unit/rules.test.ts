import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixAllText } from '../../server/src/engine';
import { applyFix, at, lint, matrix, rules, settings } from '../helpers/engine';

const only = (text: string, rule: string, overrides = {}) => lint(text, overrides).findings.filter((f) => f.ruleId === rule);

test('missing-accountable: an error on the activity, naming it', () => {
  const text = matrix(['| Gérer les clés | R | C |']);
  const [finding] = only(text, 'missing-accountable');
  assert.equal(finding.severity, 'error');
  assert.equal(at(text, finding), 'Gérer les clés');
  assert.match(finding.message, /Gérer les clés/);
});

test('multiple-accountable: names the parties; the maximum is configurable', () => {
  const text = matrix(['| Ship | RA | A |']);
  const [finding] = only(text, 'multiple-accountable');
  assert.equal(finding.severity, 'error');
  assert.match(finding.message, /Client, Provider/);
  assert.deepEqual(only(text, 'multiple-accountable', { maxAccountable: 2 }), []);
});

test('missing-responsible is a warning', () => {
  const [finding] = only(matrix(['| Approve | A | C |']), 'missing-responsible');
  assert.equal(finding.severity, 'warning');
});

test('invalid-role: the typo itself is marked, with the valid codes in the message', () => {
  const text = matrix(['| Ship | RX | A |']);
  const [finding] = only(text, 'invalid-role');
  assert.equal(at(text, finding), 'X');
  assert.match(finding.message, /R, A, C, I/);
  const prose = matrix(['| Ship | RA | Cloud team |', '| Run | R | A |', '| Stop | R | A |']);
  assert.equal(at(prose, only(prose, 'invalid-role')[0]), 'Cloud team');
});

test('lookalike-character: a Cyrillic A is an error, and holds no role: the row has no Accountable', () => {
  const text = matrix(['| Ship | R\u0410 | C |']);
  const findings = lint(text).findings;
  assert.deepEqual(findings.map((f) => f.ruleId).sort(), ['lookalike-character', 'missing-accountable']);
  const lookalike = findings.find((f) => f.ruleId === 'lookalike-character')!;
  assert.equal(lookalike.severity, 'error');
  assert.match(lookalike.message, /U\+0410/);
  // The safe fix makes it the A the row lacks: both findings go.
  assert.deepEqual(lint(applyFix(text, lookalike, 0)).findings, []);
});

test('duplicate-role, lowercase-role', () => {
  const text = matrix(['| Ship | R, R | A |', '| Run | ra | C |']);
  const dup = only(text, 'duplicate-role');
  assert.equal(dup.length, 1);
  assert.equal(dup[0].severity, 'warning');
  const lower = only(text, 'lowercase-role');
  assert.deepEqual(
    lower.map((f) => at(text, f)),
    ['r', 'a'],
  );
  assert.equal(lower[0].severity, 'info');
  assert.deepEqual(only(text, 'missing-accountable'), [], 'lower-case codes still count');
});

test('row-shape: extra cells (lost by GitHub) and missing cells', () => {
  const text = matrix(['| Ship | RA | C | oops |', '| Run | RA |']);
  const findings = only(text, 'row-shape');
  assert.equal(findings.length, 2);
  assert.match(findings[0].message, /oops/);
  assert.equal(at(text, findings[0]), '| oops |');
  assert.match(findings[1].message, /Provider/);
});

test('empty-row: one warning and the missing A, not a third finding', () => {
  const text = matrix(['| Ship | | - |']);
  assert.deepEqual(rules(text).sort(), ['empty-row', 'missing-accountable', 'unused-party', 'unused-party'].sort());
});

test('section rows (a bold title with no roles) are not activities', () => {
  const text = matrix(['| **Build** | | |', '| Ship | RA | C |', '| **Run** |', '| Watch | RA | I |']);
  assert.deepEqual(rules(text), []);
});

test('duplicate-activity points at the second one, with the first as related information', () => {
  const text = matrix(['| Ship | RA | C |', '| Run | RA | I |', '| ship | R | A |']);
  const [finding] = only(text, 'duplicate-activity');
  assert.equal(at(text, finding), 'ship');
  assert.equal(text.slice(finding.related![0].span.start, finding.related![0].span.end), 'Ship');
});

test('unused-party: a hint on the header of a party with no role', () => {
  const text = matrix(['| Ship | RA | |', '| Run | RA | - |'], ['Client', 'Provider']);
  const [finding] = only(text, 'unused-party');
  assert.equal(finding.severity, 'hint');
  assert.equal(at(text, finding), 'Provider');
});

test('severities are configurable and "off" disables a rule', () => {
  const text = matrix(['| Ship | R | C |']);
  assert.equal(only(text, 'missing-accountable', { rules: { 'missing-accountable': 'warning' } })[0].severity, 'warning');
  assert.deepEqual(only(text, 'missing-accountable', { rules: { 'missing-accountable': 'off' } }), []);
});

test('control comments: disable, enable, disable-line in a cell, disable-next-line', () => {
  const rows = (extra: string) => matrix([`| One${extra} | R | C |`, '| Two | R | C |']);
  assert.equal(only(rows(''), 'missing-accountable').length, 2);
  assert.equal(only(rows(' <!-- raci-disable-line missing-accountable -->'), 'missing-accountable').length, 1);
  assert.equal(only(rows(' <!-- raci-disable-line -->'), 'missing-accountable').length, 1);
  assert.equal(only(rows(' <!-- raci-disable-line missing-responsible -->'), 'missing-accountable').length, 2);
  const block = `<!-- raci-disable missing-accountable -->\n\n${matrix(['| One | R | C |'])}\n<!-- raci-enable -->\n\n${matrix(['| Two | R | C |'])}`;
  assert.deepEqual(
    only(block, 'missing-accountable').map((f) => at(block, f)),
    ['Two'],
  );
  const next = `<!-- raci-disable-next-line -->\n${matrix(['| One | R | C |'])}`;
  assert.equal(only(next, 'missing-accountable').length, 1, 'next-line covers only the header line');
  const all = `<!-- raci-disable -->\n\n${matrix(['| One | R | C |'])}`;
  assert.deepEqual(lint(all).findings, []);
});

test("fix: missing A, one fix per party, the party holding R first, in the cell's own style", () => {
  const text = matrix(['| Ship | __R__ | __C, I__ |', '| Run | __RA__ | __I__ |']);
  const [finding] = only(text, 'missing-accountable');
  assert.deepEqual(
    finding.fixes.map((f) => f.title),
    ['Make Client accountable', 'Make Provider accountable'],
  );
  assert.equal(finding.fixes[0].preferred, true);
  assert.ok(applyFix(text, finding, 0).includes('| Ship | __RA__ |'));
  assert.ok(applyFix(text, finding, 1).includes('| Ship | __R__ | __A, C, I__ |'));
});

test("fix: an empty cell gets the table's usual emphasis, and the column stays aligned", () => {
  const text = '| Activity | Client | Provider |\n|---|---|---|\n| Ship     | __R__  |          |\n| Run      | __RA__ | __I__    |\n';
  const [finding] = only(text, 'missing-accountable');
  const fixed = applyFix(text, finding, 1);
  assert.ok(fixed.includes('| Ship     | __R__  | __A__    |'), fixed);
});

test('fix: several A, one fix per party keeping it as the only A', () => {
  const text = matrix(['| Ship | **RA** | A |']);
  const [finding] = only(text, 'multiple-accountable');
  assert.deepEqual(
    finding.fixes.map((f) => f.title),
    ['Make Client the only accountable', 'Make Provider the only accountable'],
  );
  assert.ok(applyFix(text, finding, 0).includes('| Ship | **RA** |   |'));
  assert.ok(applyFix(text, finding, 1).includes('| Ship | **R**  | A |'));
});

test('fix: invalid code replaced by close valid codes, the one the row lacks first', () => {
  const text = matrix(['| Ship | R | X |']);
  const [finding] = only(text, 'invalid-role');
  assert.equal(finding.fixes[0].title, 'Replace "X" with "A"');
  assert.equal(finding.fixes[0].preferred, true);
  assert.ok(applyFix(text, finding, 0).includes('| Ship | R | A |'));
  assert.ok(finding.fixes.every((f) => !f.safe));
});

test('safe fixes: Latinise, upper-case, remove a duplicate', () => {
  const text = matrix(['| Ship | R\u0410 | C |', '| Run | ra | I |', '| Stop | R, R | A |']);
  for (const rule of ['lookalike-character', 'lowercase-role', 'duplicate-role']) {
    const [finding] = only(text, rule);
    assert.equal(finding.fixes[0].safe, true, rule);
    applyFix(text, finding, 0);
  }
  const dup = applyFix(text, only(text, 'duplicate-role')[0], 0);
  assert.ok(dup.includes('| Stop | R    | A |'), dup);
});

test('fix: missing cells appended, and the row is whole again', () => {
  const text = matrix(['| Run | RA |']);
  const fixed = applyFix(text, only(text, 'row-shape')[0], 0);
  assert.deepEqual(
    rules(fixed).filter((r) => r === 'row-shape'),
    [],
  );
});

test('duplicate-role: the fix of any copy leaves the code once, so that fix-all is done in one pass however many copies', () => {
  const text = matrix(['| Ship | R, C, R, R | A |']);
  const dup = only(text, 'duplicate-role');
  assert.equal(dup.length, 2);
  for (const finding of dup) assert.match(applyFix(text, finding, 0), /\| Ship \| R, C\s*\| A \|/);
  // Fifty copies: one fix-all, and a second changes nothing.
  const many = matrix([`| Ship | ${'A '.repeat(50)}| R |`]);
  const once = fixAllText(lint(many), settings());
  assert.match(once, /\| Ship \| A\s+\| R \|/);
  assert.equal(fixAllText(lint(once), settings()), once);
});

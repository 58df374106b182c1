import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CodeActionKind, DiagnosticSeverity, type MarkupContent } from 'vscode-languageserver-protocol/node';
import { positionOf, serverForSuite, summary } from './client';

const TRANSPOSED = [
  '# Plan',
  '',
  '| Role            | Define scope | Approve budget | Deploy | Monitor |',
  '|-----------------|--------------|----------------|--------|---------|',
  '| Project sponsor | A            | A              | I      |         |',
  '| Project manager | R            | R              | A      | C       |',
  '| Ops team        | C            |                | R      | R       |',
  '',
  '## Patch the hosts',
  '',
  '| Role     | RACI |',
  '|----------|------|',
  '| Customer | C    |',
  '| Provider | R    |',
  '',
  '| # | Activity    | Customer | Provider |',
  '|---|-------------|----------|----------|',
  '| 1 | Rotate keys | C        | R        |',
  '',
].join('\n');

describe('matrices in other layouts', () => {
  const session = serverForSuite();

  it('reports a missing A on the activity: its header cell, or the activity name after an ID', async () => {
    const uri = 'file:///virtual/layouts.md';
    await session.open(uri, TRANSPOSED);
    const diagnostics = await session.diagnostics(uri, 1);
    assert.deepEqual(
      summary(diagnostics),
      ['missing-accountable 10:13-10:17', 'missing-accountable 2:61-2:68', 'missing-accountable 17:6-17:17'].sort(),
    );
  });

  it('fixes a transposed column in the party row, and the finding goes', async () => {
    const uri = 'file:///virtual/layouts-fix.md';
    await session.open(uri, TRANSPOSED);
    const diagnostics = await session.diagnostics(uri, 1);
    const monitor = diagnostics.find((d) => d.range.start.line === 2)!;
    const actions = await session.codeActions(uri, monitor.range, [monitor], [CodeActionKind.QuickFix]);
    assert.equal(actions[0].title, 'Make Ops team accountable');
    assert.equal(actions[0].isPreferred, true);
    const version = await session.applyEdits(uri, actions[0].edit!.changes![uri]);
    assert.equal(session.text(uri).split('\n')[6], '| Ops team        | C            |                | R      | RA      |');
    assert.deepEqual(summary((await session.diagnostics(uri, version)).filter((d) => d.range.start.line === 2)), []);
  });

  it('reads words as codes, says once when "Responsable" is undecided, and never stays silent on a table it cannot read', async () => {
    const uri = 'file:///virtual/layouts-words.md';
    const text = [
      '| Activité | Client      | Presta   |',
      '|----------|-------------|----------|',
      '| Gérer    | Responsable | Consulté |',
      '| Payer    | Responsable | Informé  |',
      '',
      '| Task | Responsible | Accountable |',
      '|------|-------------|-------------|',
      '| Ship | X           | X           |',
      '',
      '| Activity | Customer    | Provider    |',
      '|----------|-------------|-------------|',
      '| Rotate   | (Consulted) | Resp. / Appr. |',
      '',
    ].join('\n');
    await session.open(uri, text);
    const diagnostics = await session.diagnostics(uri, 1);
    assert.deepEqual(summary(diagnostics), ['ambiguous-role 2:13-2:24', 'unread-matrix 5:0-5:36']);
    assert.equal(diagnostics.find((d) => d.code === 'unread-matrix')!.severity, DiagnosticSeverity.Information);
    const hover = await session.hover(uri, positionOf(text, 11, 'Appr.'));
    assert.match((hover!.contents as MarkupContent).value, /^\*\*A\*\* — Accountable/);
  });

  it('hovers an activity header and lists the matrix in the outline', async () => {
    const uri = 'file:///virtual/layouts-hover.md';
    await session.open(uri, TRANSPOSED);
    await session.diagnostics(uri, 1);
    const hover = await session.hover(uri, positionOf(TRANSPOSED, 2, 'Deploy'));
    const value = (hover!.contents as MarkupContent).value;
    assert.match(value, /^\*\*Deploy\*\*/);
    assert.match(value, /\| A \| Accountable \| Project manager \|/);
    assert.match(value, /transposed matrix/);
    const symbols = await session.symbols(uri);
    const plan = symbols.find((s) => s.name === 'Plan')!;
    assert.deepEqual(
      plan.children![0].children!.map((c) => c.name),
      ['Define scope', 'Approve budget', 'Deploy', 'Monitor'],
    );
    assert.equal(plan.children![0].children![3].selectionRange.start.line, 2);
  });
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { alignDocuments, cellPairs, sameValue, type MatrixPair } from '../../server/src/engine/features/align';
import { responsibilityChanges } from '../../server/src/engine/features/changes';
import { lint, matrix } from '../helpers/engine';

/** The row pairs of the first matrix, as `base > head` names with flags. */
function rows(base: string, head: string, mode: 'revision' | 'translation' = 'revision'): string[] {
  const [pair] = alignDocuments(lint(base), lint(head), mode);
  return pair.rows.map(
    (row) => `${row.base?.name ?? '-'} > ${row.head?.name ?? '-'}${row.moved ? ' (moved)' : ''}${row.renamed ? ' (renamed)' : ''}`,
  );
}

function changedCells(base: string, head: string, mode: 'revision' | 'translation' = 'revision'): string[] {
  const a = lint(base);
  const b = lint(head);
  return alignDocuments(a, b, mode).flatMap((pair: MatrixPair) =>
    pair.rows.flatMap((row) =>
      cellPairs(row, pair.parties, a, b)
        .filter((cell) => !sameValue(cell.base, cell.head))
        .map((cell) => `${row.head!.name}/${cell.party.head!.name}: ${cell.base.codes.join('')} > ${cell.head.codes.join('')}`),
    ),
  );
}

const three = matrix(['| Plan | R | A |', '| Build | A | R |', '| Run | RA | I |']);

test('align: identical matrices pair every row with itself', () => {
  assert.deepEqual(rows(three, three), ['Plan > Plan', 'Build > Build', 'Run > Run']);
});

test('align: a row moved elsewhere is a move, not a removal and an addition', () => {
  const head = matrix(['| Run | RA | I |', '| Plan | R | A |', '| Build | A | R |']);
  assert.deepEqual(rows(three, head), ['Run > Run (moved)', 'Plan > Plan', 'Build > Build']);
  assert.deepEqual(changedCells(three, head), []);
});

test('align: an inserted and a deleted row stand alone, the others still pair', () => {
  const head = matrix(['| Plan | R | A |', '| Test | R | A |', '| Run | RA | I |']);
  assert.deepEqual(rows(three, head), ['Plan > Plan', 'Build > -', '- > Test', 'Run > Run']);
});

test('align: a reworded row in the same place is a rename, and its cells are compared', () => {
  const head = matrix(['| Plan | R | A |', '| Build the thing | R | A |', '| Run | RA | I |']);
  assert.deepEqual(rows(three, head), ['Plan > Plan', 'Build > Build the thing (renamed)', 'Run > Run']);
  assert.deepEqual(changedCells(three, head), ['Build the thing/Client: A > R', 'Build the thing/Provider: R > A']);
});

test('align: formatting-only changes are not changes', () => {
  const head = matrix(['| Plan | **R** | A (1) |', '| Build | __A__ | r |', '| Run | R, A | I* |']);
  assert.deepEqual(
    changedCells(three, head).filter((c) => !c.includes('r')),
    [],
  );
  assert.deepEqual(changedCells(three, matrix(['| Plan | R | A |', '| Build | A | R |', '| Run | A/R | **I** |'])), []);
});

test('align: parties pair by name when a column is added or moved', () => {
  const base = matrix(['| Plan | R | A |'], ['Client', 'Provider']);
  const head = matrix(['| Plan | A | C | R |'], ['Provider', 'Security', 'Client']);
  const [pair] = alignDocuments(lint(base), lint(head), 'revision');
  const names = pair.parties.filter((p) => p.base && p.head).map((p) => `${p.base!.name} > ${p.head!.name}`);
  assert.deepEqual(names.sort(), ['Client > Client', 'Provider > Provider']);
  assert.ok(pair.parties.some((p) => !p.base && p.head?.name === 'Security'));
  assert.deepEqual(changedCells(base, head), []);
});

test('align: translations pair by order; a missing row is found by the codes of the rest', () => {
  const fr = matrix(['| Planifier | R | A |', '| Construire | A | R |', '| Exploiter | RA | I |', '| Archiver | C | RA |']);
  const de = matrix(['| Planen | R | A |', '| Betreiben | RA | I |', '| Archivieren | C | RA |']);
  assert.deepEqual(rows(fr, de, 'translation'), [
    'Planifier > Planen',
    'Construire > -',
    'Exploiter > Betreiben',
    'Archiver > Archivieren',
  ]);
  const drifted = matrix(['| Planen | R | A |', '| Bauen | A | R |', '| Betreiben | R | I |', '| Archivieren | C | RA |']);
  assert.deepEqual(changedCells(fr, drifted, 'translation'), ['Betreiben/Client: RA > R']);
});

test('align: matrices pair by heading in revisions and by order in translations', () => {
  const doc = (first: string, second: string) =>
    `# ${first}\n\n${matrix(['| Plan | R | A |'])}\n# ${second}\n\n${matrix(['| Run | R | A |', '| Stop | R | A |'])}`;
  const swapped = `# Two\n\n${matrix(['| Run | R | A |', '| Stop | R | A |'])}\n# One\n\n${matrix(['| Plan | R | A |'])}`;
  const pairs = alignDocuments(lint(doc('One', 'Two')), lint(swapped), 'revision').filter((p) => p.base && p.head);
  assert.deepEqual(pairs.map((p) => `${p.base!.heading!.text} > ${p.head!.heading!.text}`).sort(), ['One > One', 'Two > Two']);
  const translated = alignDocuments(lint(doc('One', 'Two')), lint(doc('Un', 'Deux')), 'translation');
  assert.deepEqual(
    translated.map((p) => `${p.base!.heading!.text} > ${p.head!.heading!.text}`),
    ['One > Un', 'Two > Deux'],
  );
  const missing = alignDocuments(
    lint(doc('One', 'Two')),
    lint(`# Deux\n\n${matrix(['| Run | R | A |', '| Stop | R | A |'])}`),
    'translation',
  );
  assert.deepEqual(
    missing.map((p) => `${p.base?.heading?.text ?? '-'} > ${p.head?.heading?.text ?? '-'}`),
    ['One > -', 'Two > Deux'],
  );
});

test('changes: who gained and lost which role, in plain words', () => {
  const base = matrix(
    ['| Rotate API keys | A | R |', '| Backup | R | A |', '| Plan | R | A |', '| Deploy | R | A |'],
    ['Customer', 'Provider'],
  );
  const head = matrix(
    ['| Deploy | R | A | |', '| Rotate API keys | R | A | C |', '| Plan | R | A | |', '| Audit | I | RA | |'],
    ['Customer', 'Provider', 'Security'],
  );
  const [matrixChanges] = responsibilityChanges(lint(base), lint(head));
  assert.deepEqual(
    matrixChanges.changes.map((change) => change.text),
    [
      'Party added: Security',
      'Deploy (moved)',
      'Rotate API keys — Responsible: Provider → Customer; Accountable: Customer → Provider; Consulted: + Security',
      'Activity removed: Backup',
      'Activity added: Audit — Responsible: + Provider; Accountable: + Provider; Informed: + Customer',
    ],
  );
  const formatted = matrix(
    ['| Rotate API keys | **A** | r |', '| Backup | R | A |', '| Plan | R, | A |', '| Deploy | R (1) | A |'],
    ['Customer', 'Provider'],
  );
  assert.deepEqual(responsibilityChanges(lint(base), lint(formatted)), []);
});

// Other layouts: the alignment sees activities and parties, whichever way the table runs.
const transposed = (rows: string[], activities = ['Define scope', 'Approve budget', 'Deploy']) =>
  [`| Role | ${activities.join(' | ')} |`, `|---|${activities.map(() => '---').join('|')}|`, ...rows].join('\n') + '\n';
const roleColumns = (rows: string[]) =>
  ['| Task | Responsible | Accountable | Consulted | Informed |', '|---|---|---|---|---|', ...rows].join('\n') + '\n';

test('align: a transposed matrix pairs activities by column and parties by row', () => {
  const base = transposed(['| Sponsor | A | A | I |', '| Manager | R | R | A |', '| Ops | C | | R |']);
  assert.equal(lint(base).matrices[0].layout, 'transposed');
  assert.deepEqual(rows(base, base), ['Define scope > Define scope', 'Approve budget > Approve budget', 'Deploy > Deploy']);
  // The party rows in another order: the same responsibilities.
  const reordered = transposed(['| Ops | C | | R |', '| Sponsor | A | A | I |', '| Manager | R | R | A |']);
  assert.deepEqual(changedCells(base, reordered), []);
  // One code changed in the Deploy column, and a new activity column.
  const head = transposed(
    ['| Sponsor | A | A | I | A |', '| Manager | R | R | C | R |', '| Ops | C | | RA | |'],
    ['Define scope', 'Approve budget', 'Deploy', 'Monitor'],
  );
  assert.deepEqual(changedCells(base, head), ['Deploy/Manager: A > C', 'Deploy/Ops: R > RA']);
  const [changes] = responsibilityChanges(lint(base), lint(head));
  assert.deepEqual(
    changes.changes.map((change) => change.text),
    [
      'Deploy — Accountable: Manager → Ops; Consulted: + Manager',
      'Activity added: Monitor — Responsible: + Manager; Accountable: + Sponsor',
    ],
  );
});

test('align: a role-column matrix compares who holds each role, not the cells as written', () => {
  const base = roleColumns([
    '| Release planning | Eng lead | VP Eng | PM, QA lead | Sales |',
    '| Security review | Security team | CISO | Eng lead | CTO |',
  ]);
  assert.equal(lint(base).matrices[0].layout, 'role-columns');
  // The same people, written in another order in a cell: no change.
  const same = roleColumns([
    '| Release planning | Eng lead | VP Eng | QA lead, PM | Sales |',
    '| Security review | Security team | CISO | Eng lead | CTO |',
  ]);
  assert.deepEqual(responsibilityChanges(lint(base), lint(same)), []);
  // The accountable of the security review changes hands.
  const head = roleColumns([
    '| Release planning | Eng lead | VP Eng | PM, QA lead | Sales |',
    '| Security review | Security team | CTO | Eng lead | CISO |',
  ]);
  const [changes] = responsibilityChanges(lint(base), lint(head));
  assert.deepEqual(
    changes.changes.map((change) => change.text),
    ['Security review — Accountable: CISO → CTO; Informed: CTO → CISO'],
  );
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { getOverview } from '../../server/src/engine';
import { lint } from '../helpers/engine';

const faulty = readFileSync(new URL('../fixtures/lsp/faulty.md', import.meta.url), 'utf8');

test('overview: one grid per matrix, parties, activities and codes per cell', () => {
  const overview = getOverview(lint(faulty));
  assert.equal(overview.matrices.length, 1);
  const [matrix] = overview.matrices;
  assert.equal(matrix.title, 'Activité');
  assert.equal(matrix.heading, 'Projet Éléphant');
  assert.deepEqual(
    matrix.parties.map((p) => p.name),
    ['Équipe Produit', 'Équipe Ops', 'Sécurité'],
  );
  assert.deepEqual(
    matrix.activities.map((a) => a.name),
    ['Définir le besoin', 'Déployer', 'Surveiller', 'Auditer'],
  );
  assert.deepEqual(
    matrix.activities.map((a) => a.cells.map((c) => (c.present ? c.codes.join('') : '∅'))),
    [
      ['R', 'I', ''],
      ['RA', 'A', 'C'],
      ['R', 'RA', ''],
      ['C', 'I', '∅'],
    ],
  );
  assert.deepEqual(
    overview.roles.map((r) => r.code),
    ['R', 'A', 'C', 'I'],
  );
});

test('overview: each cell carries the LSP range of its content', () => {
  const overview = getOverview(lint(faulty));
  const lines = faulty.split('\n');
  const cell = overview.matrices[0].activities[1].cells[2]; // Déployer × Sécurité
  assert.equal(cell.range.start.line, 5);
  assert.equal(lines[5].slice(cell.range.start.character, cell.range.end.character), 'C');
  const name = overview.matrices[0].activities[2].range;
  assert.equal(lines[name.start.line].slice(name.start.character, name.end.character), 'Surveiller');
});

test('overview: findings land on their cell, their row or their party', () => {
  const overview = getOverview(lint(faulty));
  const [matrix] = overview.matrices;
  const rules = (list: { ruleId: string }[]) => list.map((f) => f.ruleId).sort();
  assert.deepEqual(rules(matrix.activities[0].findings), ['missing-accountable']);
  assert.deepEqual(rules(matrix.activities[1].findings), ['multiple-accountable']);
  assert.deepEqual(rules(matrix.activities[2].cells[0].findings), ['lowercase-role']);
  assert.deepEqual(rules(matrix.activities[2].cells[2].findings), ['invalid-role']);
  assert.equal(matrix.activities[2].cells[2].text, 'X');
  assert.deepEqual(rules(matrix.activities[3].findings), ['missing-accountable', 'missing-responsible', 'row-shape']);
  // Every finding is placed exactly once.
  const total = Object.values(overview.findingCounts).reduce((a, b) => a + b, 0);
  assert.equal(total, lint(faulty).findings.length);
  assert.deepEqual(overview.findingCounts, { error: 4, warning: 2, info: 1, hint: 0 });
});

test('overview: totals per party across every matrix of the document, by party name', () => {
  const text = [
    '| Activity | Client | Provider |',
    '|---|---|---|',
    '| Build | R | A |',
    '| Run | RA | C, I |',
    '',
    '| Task | Provider | Auditor |',
    '|---|---|---|',
    '| Audit | I | RA |',
    '',
  ].join('\n');
  const overview = getOverview(lint(text));
  assert.equal(overview.matrices.length, 2);
  assert.deepEqual(overview.totals, [
    { party: 'Client', counts: { R: 2, A: 1, C: 0, I: 0 } },
    { party: 'Provider', counts: { R: 0, A: 1, C: 1, I: 2 } },
    { party: 'Auditor', counts: { R: 1, A: 1, C: 0, I: 0 } },
  ]);
});

test('overview: a document without matrices, and invalid codes are not counted', () => {
  assert.deepEqual(getOverview(lint('# Nothing\n\n| Name | Role |\n|---|---|\n| Ann | Dev |\n')).matrices, []);
  const overview = getOverview(lint('| Activity | Client | Provider |\n|---|---|---|\n| Build | RX | A |\n'));
  assert.deepEqual(overview.matrices[0].activities[0].cells[0].codes, ['R']);
  assert.deepEqual(overview.totals[0].counts, { R: 1, A: 0, C: 0, I: 0 });
});

test('overview: the result is plain JSON', () => {
  const overview = getOverview(lint(faulty));
  assert.deepEqual(JSON.parse(JSON.stringify(overview)), overview);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { lint } from '../helpers/engine';

const seed = readFileSync(new URL('../fixtures/seed-llmaas.fr.md', import.meta.url), 'utf8');

test('the seed: six matrices, 24 activities, its French legend, and no finding', () => {
  const model = lint(seed);
  assert.equal(model.matrices.length, 6);
  assert.equal(
    model.matrices.reduce((n, m) => n + m.activities.length, 0),
    24,
  );
  assert.deepEqual(
    model.matrices[0].parties.map((p) => p.name),
    ['Rôle Client', 'Rôle Cloud Temple'],
  );
  assert.deepEqual(
    model.legend.map((e) => [e.code, e.name, e.kind]),
    [
      ['R', 'Réalise', 'responsible'],
      ['A', 'Approuve', 'accountable'],
      ['C', 'Consulte', 'other'],
      ['I', 'Informé', 'other'],
    ],
  );
  assert.deepEqual(model.findings, []);
});

test('the seed is found under its headings', () => {
  const model = lint(seed);
  assert.deepEqual(
    model.matrices.map((m) => m.heading?.text),
    [
      'Définir votre besoin',
      'Mettre en oeuvre le service',
      'Opérations récurrentes',
      'Gestion de la sécurité',
      "Continuité d'activité",
      'Réversibilité',
    ],
  );
});

test('tables in code fences, indented code, HTML blocks and comments are not matrices', () => {
  const table = '| Activity | Client |\n|---|---|\n| Do it | X |\n';
  const doc = [
    '```markdown',
    table,
    '```',
    '',
    '~~~',
    table,
    '~~~',
    '',
    table
      .split('\n')
      .map((l) => (l ? '    ' + l : l))
      .join('\n'),
    '',
    '<!--',
    table,
    '-->',
    '',
    '<div>',
    table.trimEnd(),
    '</div>',
    '',
  ].join('\n');
  const model = lint(doc);
  assert.equal(model.matrices.length, 0);
  assert.deepEqual(model.findings, []);
});

test('tables in block quotes and list items are matrices', () => {
  const doc = '> | Activity | Client |\n> |---|---|\n> | Do it | C |\n\n- Item\n\n  | Task | Client |\n  |---|---|\n  | Do it | A |\n';
  const model = lint(doc);
  assert.equal(model.matrices.length, 2);
  assert.deepEqual(model.findings.map((f) => f.ruleId).sort(), ['missing-accountable', 'missing-responsible', 'missing-responsible']);
});

test('matrices are found by their activity header in five languages, ignoring emphasis', () => {
  for (const header of ['Activity', '**Tâche**', 'Aufgabe', 'Actividad', '_Attività_', 'Livrable', 'Tätigkeit', 'Tarea', 'Deliverable']) {
    const model = lint(`| ${header} | Client |\n|---|---|\n| Do it | RA |\n`);
    assert.equal(model.matrices.length, 1, header);
  }
});

test('a table of codes is a matrix whatever its first header says', () => {
  const model = lint('| Step | Client | Provider |\n|---|---|---|\n| One | RA | C |\n| Two | R | A |\n');
  assert.equal(model.matrices.length, 1);
  assert.deepEqual(model.findings, []);
});

test('tables whose cells are not codes get no role diagnostics', () => {
  const docs = [
    '| Name | Team | Email |\n|---|---|---|\n| Ana | Ops | ana@example.com |\n| Bo | Dev | bo@example.com |\n',
    // A "who" table.
    '| Activity | Client | Provider |\n|---|---|---|\n| Deploy | X | |\n| Patch | | ✓ |\n',
  ];
  for (const doc of docs) {
    const model = lint(doc);
    assert.equal(model.matrices.length, 0, doc);
    assert.deepEqual(model.findings, [], doc);
  }
});

test('a legend is read, never linted as a matrix, and defines the codes', () => {
  const doc = [
    '| Rôle | Description |',
    '|---|---|',
    '| (R) Réalise | __R__éalise |',
    '| (A) Approuve | __A__pprouve |',
    '| (S) Support | __S__upport |',
    '',
    '| Activité | Client | Fournisseur |',
    '|---|---|---|',
    '| Installer | RA | S |',
    '| Vérifier | R | A, C |',
    '',
  ].join('\n');
  const model = lint(doc);
  assert.equal(model.matrices.length, 1);
  assert.deepEqual([...model.roles.codes.keys()], ['R', 'A', 'S']);
  // C is not in this document's legend, S is.
  assert.deepEqual(
    model.findings.map((f) => [f.ruleId, doc.slice(f.start, f.end)]),
    [['invalid-role', 'C']],
  );
});

test('the German legend: the code is the letter in parentheses, not the emphasised one', () => {
  const doc = [
    '| Rolle | Beschreibung |',
    '|---|---|',
    '| (R) Durchführend | __D__urchführend |',
    '| (A) Genehmigt | __G__enehmigt |',
    '| (C) Konsultiert | __K__onsultiert |',
    '| (I) Informiert | __I__nformiert |',
    '',
    '| Aktivität | Kunde | Anbieter |',
    '|---|---|---|',
    '| Betrieb | I | RA |',
    '| Daten | RA | C |',
    '',
  ].join('\n');
  const model = lint(doc);
  assert.deepEqual(
    model.legend.map((e) => e.code),
    ['R', 'A', 'C', 'I'],
  );
  assert.deepEqual(model.findings, []);
});

test('a legend with "Responsable / Acteur" swaps A and R as the document says', () => {
  const doc = [
    '| Rôle | Description |',
    '|---|---|',
    '| (R) Responsable | Rend des comptes |',
    '| (A) Acteur | Réalise |',
    '',
    '| Activité | Client | Fournisseur |',
    '|---|---|---|',
    '| Installer | A | R |',
    '',
  ].join('\n');
  const model = lint(doc);
  assert.deepEqual(model.roles.accountable, ['R']);
  assert.deepEqual(model.roles.responsible, ['A']);
  assert.deepEqual(model.findings, []);
});

test('schemes from settings and from front matter change the valid codes', () => {
  const table = '| Activity | Client | Provider |\n|---|---|---|\n| Build | RA | S |\n';
  assert.deepEqual(
    lint(table).findings.map((f) => f.ruleId),
    ['invalid-role'],
  );
  assert.deepEqual(lint(table, { scheme: 'RASCI' }).findings, []);
  assert.deepEqual(lint(`---\ntitle: x\nraci:\n  scheme: RASCI\n---\n\n${table}`).findings, []);
  const daci = '| Decision | Ana | Bo |\n|---|---|---|\n| Pick a DB | D | A |\n';
  assert.deepEqual(lint(daci, { scheme: 'DACI' }).findings, []);
});

test('front matter problems are reported, not thrown', () => {
  const model = lint('---\nraci:\n  scheme: NOPE\n  maxAccountable: zero\n---\n\n| Activity | A |\n|---|---|\n| x | RA |\n');
  assert.equal(model.problems.length, 2);
  assert.match(model.problems[0].message, /scheme/);
  assert.equal(lint('---\nraci: [unclosed\n---\n').problems.length, 1);
});

test('role columns with names in the cells are read as such, not as parties named R, A, C, I', () => {
  const doc = '| Activity | R | A | C | I |\n|---|---|---|---|---|\n| Deploy | Ana | Bo | Cy | Dee |\n| Patch | Bo | Ana | Dee | Cy |\n';
  const model = lint(doc);
  assert.deepEqual(
    model.matrices.map((m) => [m.layout, m.parties.map((p) => p.name)]),
    [['role-columns', ['Ana', 'Bo', 'Cy', 'Dee']]],
  );
  assert.deepEqual(model.findings, []);
});

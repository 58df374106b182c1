import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze, applyEdits, createRaciService, getOverview } from '../../server/src/engine';
import { applyFix, at, cursor, lint, settings } from '../helpers/engine';

const doc = (text: string, version = 1) => TextDocument.create('file:///layouts.md', 'markdown', version, text);
const hoverAt = (marked: string) => {
  const { text, offset } = cursor(marked);
  const document = doc(text);
  const hover = createRaciService().getHover(document, settings(), document.positionAt(offset));
  return hover ? (hover.contents as { value: string }).value : '';
};

const transposed = [
  '| Role            | Define scope | Approve budget | Deploy | Monitor |',
  '|-----------------|--------------|----------------|--------|---------|',
  '| Project sponsor | A            | A              | I      |         |',
  '| Project manager | R            | R              | A      | C       |',
  '| Ops team        | C            |                | R      | R       |',
  '',
].join('\n');

test('transposed: parties as rows, activities as columns, read as the same matrix', () => {
  const model = lint(transposed);
  assert.equal(model.matrices.length, 1);
  const [matrix] = model.matrices;
  assert.equal(matrix.layout, 'transposed');
  assert.deepEqual(
    matrix.parties.map((p) => p.name),
    ['Project sponsor', 'Project manager', 'Ops team'],
  );
  assert.deepEqual(
    matrix.activities.map((a) => a.name),
    ['Define scope', 'Approve budget', 'Deploy', 'Monitor'],
  );
  // Only Monitor lacks an A; the finding sits on Monitor's header cell.
  assert.deepEqual(
    model.findings.map((f) => [f.ruleId, at(transposed, f)]),
    [['missing-accountable', 'Monitor']],
  );
});

test('transposed: the missing-A fix writes into the right party cell, the R first, and only there', () => {
  const model = lint(transposed);
  const [missing] = model.findings;
  assert.deepEqual(
    missing.fixes.map((f) => f.title),
    ['Make Ops team accountable', 'Make Project sponsor accountable', 'Make Project manager accountable'],
  );
  const fixed = applyFix(transposed, missing, 0);
  assert.equal(fixed.split('\n')[4], '| Ops team        | C            |                | R      | RA      |');
  assert.deepEqual(lint(fixed).findings, []);
  const other = applyFix(transposed, missing, 1);
  assert.equal(other.split('\n')[2], '| Project sponsor | A            | A              | I      | A       |');
});

test('transposed: two A in a column, typos and unused parties are found on their cells', () => {
  const text = [
    '| Rôle     | Cadrer | Déployer |',
    '|----------|--------|----------|',
    '| Client   | A      | A        |',
    '| Presta   | R      | RA       |',
    '| Juridique | Q     |          |',
    '| Achats   |        |          |',
    '',
  ].join('\n');
  const model = lint(text);
  assert.deepEqual(
    model.findings.map((f) => [f.ruleId, at(text, f)]),
    [
      ['invalid-role', 'Q'],
      ['multiple-accountable', 'Déployer'],
      ['unused-party', 'Achats'],
    ].sort((a, b) => text.indexOf(a[1]) - text.indexOf(b[1])),
  );
  const multiple = model.findings.find((f) => f.ruleId === 'multiple-accountable')!;
  assert.match(multiple.message, /"Déployer" has 2 Accountables \(Client, Presta\)/);
  const fixed = applyEdits(text, multiple.fixes[0].edits);
  assert.equal(fixed.split('\n')[3], '| Presta   | R      | R        |');
});

test('transposed: the first header names the rows as parties in five languages', () => {
  for (const first of [
    'Role',
    'Roles',
    'Rôle',
    'Rolle',
    'Rol',
    'Ruolo',
    'Team',
    'Équipe',
    'Stakeholder',
    'Partie prenante',
    'Beteiligte',
    'Role / Activity',
    'Rôle \\ Activité',
  ]) {
    const model = lint(`| ${first} | Build | Run |\n|---|---|---|\n| Dev | RA | C |\n| Ops | I | RA |\n`);
    assert.equal(model.matrices[0]?.layout, 'transposed', first);
    assert.deepEqual(model.findings, [], first);
  }
});

test('transposed: hover on an activity header, a party and a code says what it holds and how the table was read', () => {
  const activity = hoverAt(transposed.replace('| Monitor |', '| Moni$0tor |'));
  assert.match(activity, /\*\*Monitor\*\*/);
  assert.match(activity, /\| R \| Responsible \| Ops team \|/);
  assert.match(activity, /transposed matrix: parties as rows/);
  const party = hoverAt(transposed.replace('| Ops team ', '| Ops$0 team '));
  assert.match(party, /\*\*Ops team\*\* — 4 activities/);
  assert.match(party, /\| R \| Responsible \| 2 \|/);
  const code = hoverAt(transposed.replace('| Deploy |\n', '| Deploy |\n').replace('| I      |', '| I$0      |'));
  assert.match(code, /\*\*I\*\* — Informed/);
  assert.match(code, /\*\*Deploy\*\*/);
  assert.match(code, /\| A \| Accountable \| Project manager \|/);
});

test('transposed: the overview shows it as activities by parties, its finding on the activity', () => {
  const overview = getOverview(lint(transposed));
  const [matrix] = overview.matrices;
  assert.deepEqual(
    matrix.parties.map((p) => p.name),
    ['Project sponsor', 'Project manager', 'Ops team'],
  );
  assert.deepEqual(
    matrix.activities.map((a) => [a.name, a.cells.map((c) => c.codes.join('')).join(','), a.findings.map((f) => f.ruleId).join()]),
    [
      ['Define scope', 'A,R,C', ''],
      ['Approve budget', 'A,R,', ''],
      ['Deploy', 'I,A,R', ''],
      ['Monitor', ',C,R', 'missing-accountable'],
    ],
  );
  assert.equal(overview.totals.find((t) => t.party === 'Ops team')?.counts.R, 2);
});

test('transposed: formatting aligns it and keeps it transposed', () => {
  const ragged = '| Role | Build | Run |\n|---|---|---|\n| Dev | RA | C |\n| Operations | I | RA |\n';
  const service = createRaciService();
  const formatted = TextDocument.applyEdits(doc(ragged), service.format(doc(ragged), settings()));
  assert.equal(
    formatted,
    '| Role       | Build | Run |\n| ---------- | ----- | --- |\n| Dev        | RA    | C   |\n| Operations | I     | RA  |\n',
  );
  assert.equal(lint(formatted).matrices[0].layout, 'transposed');
});

test('transposed is told from a legend, a people table and a "who" table by its cells', () => {
  const notMatrices = [
    '| Role | Description |\n|---|---|\n| Responsible | Does the work |\n| Accountable | Approves the work |\n',
    '| Rôle | Description |\n|---|---|\n| (R) Réalise | Fait le travail |\n| (A) Approuve | Répond du résultat |\n',
    '| Role | Name | Email |\n|---|---|---|\n| Product owner | Ana Silva | ana@example.com |\n| Tech lead | Bo Chen | bo@example.com |\n',
    '| Rolle | Name | Telefon |\n|---|---|---|\n| Projektleitung | Frau Berg | 0301234 |\n| Qualität | Herr Kühn | 0305678 |\n',
    '| Team | Build | Run |\n|---|---|---|\n| Dev | ✓ | ✗ |\n| Ops | ✗ | ✓ |\n',
    '| Equipo | Miembros |\n|---|---|\n| Plataforma | Ana, Luis |\n| Datos | Marta |\n',
    '| Ruolo | Persona |\n|---|---|\n| Responsabile di progetto | Giulia Rossi |\n| Referente tecnico | Marco Bianchi |\n',
  ];
  for (const text of notMatrices) {
    const model = lint(text);
    assert.deepEqual(
      model.matrices.map((m) => m.layout),
      [],
      text,
    );
    assert.deepEqual(model.findings, [], text);
  }
});

test('one table per activity: `| Role | RACI |` under the activity heading', () => {
  const text = [
    '## Rotate the keys',
    '',
    '| Role     | RACI |',
    '|----------|------|',
    '| Customer | C    |',
    '| Provider | R    |',
    '',
    '## Patch the hosts',
    '',
    '| Rola     | RACI |',
    '|----------|------|',
    '| Customer | A    |',
    '| Provider | R    |',
    '',
  ].join('\n');
  const model = lint(text);
  assert.deepEqual(
    model.matrices.map((m) => [m.layout, m.title, m.activities.map((a) => a.name), m.parties.map((p) => p.name)]),
    [
      ['per-activity', 'Rotate the keys', ['Rotate the keys'], ['Customer', 'Provider']],
      ['per-activity', 'Patch the hosts', ['Patch the hosts'], ['Customer', 'Provider']],
    ],
  );
  // One finding for the first activity (no A), on its RACI header: never one per party.
  assert.deepEqual(
    model.findings.map((f) => [f.ruleId, at(text, f), f.message]),
    [['missing-accountable', 'RACI', 'Activity "Rotate the keys" has no Accountable (A): exactly one party must approve it.']],
  );
  const fixed = applyFix(text, model.findings[0], 0);
  assert.match(fixed, /\| Provider \| RA {3}\|\n\n## Patch/);
  assert.match(hoverAt(text.replace('| Provider | R ', '| Provider | R$0 ')), /one table per activity/);
});

test('one table per activity: a new heading text renames the activity, incrementally as from scratch', () => {
  const text = '## Rotate keys\n\n| Role | RACI |\n|---|---|\n| Customer | C |\n| Provider | R |\n';
  const first = analyze(text, settings());
  const edited = text.replace('Rotate keys', 'Revoke keys');
  const incremental = analyze(edited, settings(), { cache: first.cache });
  const fresh = analyze(edited, settings());
  assert.equal(incremental.findings[0].message, fresh.findings[0].message);
  assert.match(incremental.findings[0].message, /"Revoke keys"/);
});

test('an ID column before the activity is not a party', () => {
  const text = [
    '| #  | Activity    | Customer | Provider |',
    '|----|-------------|----------|----------|',
    '| 1  | Rotate keys | A        | R        |',
    '| 2  | Patch hosts | C        | R        |',
    '| 3  | Rotate keys | A        | R        |',
    '',
  ].join('\n');
  const model = lint(text);
  const [matrix] = model.matrices;
  assert.equal(matrix.layout, 'numbered');
  assert.deepEqual(
    matrix.parties.map((p) => p.name),
    ['Customer', 'Provider'],
  );
  assert.deepEqual(
    matrix.activities.map((a) => a.name),
    ['Rotate keys', 'Patch hosts', 'Rotate keys'],
  );
  assert.deepEqual(
    model.findings.map((f) => [f.ruleId, at(text, f)]),
    [
      ['missing-accountable', 'Patch hosts'],
      ['duplicate-activity', 'Rotate keys'],
    ],
  );
  const fixed = applyFix(text, model.findings[0], 0);
  assert.equal(fixed.split('\n')[3], '| 2  | Patch hosts | C        | RA       |');
  for (const header of ['ID', 'No.', 'N°', 'Nr.', 'Ref']) {
    const other = lint(text.replace('| #  |', `| ${header} |`));
    assert.deepEqual(
      other.matrices[0].parties.map((p) => p.name),
      ['Customer', 'Provider'],
      header,
    );
  }
  assert.match(hoverAt(text.replace('| Patch hosts |', '| Patch$0 hosts |')), /ID column first/);
});

test('a moved table of another layout keeps its reading on the moved cells', () => {
  const text = `# Title\n\n${transposed}`;
  const first = analyze(text, settings());
  const moved = `# A longer title\n\nSome prose.\n\n${transposed}`;
  const incremental = analyze(moved, settings(), { cache: first.cache });
  const fresh = analyze(moved, settings());
  assert.deepEqual(
    incremental.findings.map((f) => [f.start, f.end, f.fixes.map((x) => x.edits)]),
    fresh.findings.map((f) => [f.start, f.end, f.fixes.map((x) => x.edits)]),
  );
  assert.deepEqual(
    incremental.matrices[0].activities.map((a) => a.assignments.map((s) => s.cell.start)),
    fresh.matrices[0].activities.map((a) => a.assignments.map((s) => s.cell.start)),
  );
});

test('plans, people tables, tick tables, glossaries and tables in code are not matrices, in five languages', () => {
  const negatives = [
    // Plans with a "Responsable" column of names and dates.
    '| Tâche | Responsable | Échéance |\n|---|---|---|\n| Migrer la base | Alice Martin | 12/03/2026 |\n| Former les équipes | Bruno Petit | 30/04/2026 |\n',
    '| Task | Owner | Due |\n|---|---|---|\n| Migrate the database | Alice | 2026-03-12 |\n| Train the teams | Bruno | 2026-04-30 |\n',
    '| Aufgabe | Verantwortlich | Termin |\n|---|---|---|\n| Datenbank migrieren | Frau Berg | 12.03.2026 |\n| Schulung | Herr Kühn | 30.04.2026 |\n',
    '| Tarea | Responsable | Fecha |\n|---|---|---|\n| Migrar la base | Ana López | 12/03/2026 |\n| Formar equipos | Luis Gil | 30/04/2026 |\n',
    '| Attività | Responsabile | Scadenza |\n|---|---|---|\n| Migrare il database | Giulia Rossi | 12/03/2026 |\n| Formare i team | Marco Bianchi | 30/04/2026 |\n',
    // People tables.
    '| Nom | Rôle | Courriel |\n|---|---|---|\n| Alice | Cheffe de projet | alice@example.fr |\n| Bruno | Architecte | bruno@example.fr |\n',
    '| # | Name | Team |\n|---|---|---|\n| 1 | Ana Silva | Platform |\n| 2 | Bo Chen | Data |\n',
    // Tick tables.
    '| Rolle | Planung | Betrieb |\n|---|---|---|\n| Entwicklung | ✓ | ✗ |\n| Betrieb | ✗ | ✓ |\n',
    '| # | Actividad | Cliente | Proveedor |\n|---|---|---|---|\n| 1 | Rotar claves | X | |\n| 2 | Parchear | | X |\n',
    // Glossaries of the roles.
    '| Ruolo | Significato |\n|---|---|\n| Responsabile | Esegue il lavoro |\n| Consultato | Dà un parere |\n',
    '| Role | Meaning |\n|---|---|\n| Responsible | Does the work |\n| Accountable | Owns the outcome |\n',
    // Tables in code.
    '```markdown\n| Role | Build | Run |\n|---|---|---|\n| Dev | RA | Q |\n```\n',
    '~~~\n| # | Activity | Customer | Provider |\n|---|---|---|---|\n| 1 | Rotate | Q | Q |\n~~~\n',
  ];
  for (const text of negatives) {
    const model = lint(text);
    assert.deepEqual(
      model.matrices.map((m) => m.title),
      [],
      text,
    );
    assert.deepEqual(model.findings, [], text);
  }
});

test('whole words and their abbreviations are codes, in parentheses or not, in five languages', () => {
  const text = [
    '| # | Activity    | Customer    | Provider      |',
    '|---|-------------|-------------|---------------|',
    '| 1 | Rotate keys | Accountable | Responsible   |',
    '| 2 | Patch hosts | (Consulted) | Resp. / Appr. |',
    '',
  ].join('\n');
  const model = lint(text);
  assert.deepEqual(
    model.matrices[0].activities.map((a) => a.assignments.map((s) => s.parsed.tokens.map((t) => t.code).join('')).join(',')),
    ['A,R', 'C,RA'],
  );
  assert.deepEqual(model.findings, []);
  const languages = [
    ['| Activité | Client | Prestataire |', '| Gérer | Approuve | Réalise |', '| Payer | Consulté | Réalisateur, Approbateur |'],
    [
      '| Aufgabe | Kunde | Anbieter |',
      '| Planen | Rechenschaftspflichtig | Verantwortlich |',
      '| Zahlen | Informiert | Durchführend, Genehmigend |',
    ],
    ['| Actividad | Cliente | Proveedor |', '| Gestionar | Aprobador | Responsable |', '| Pagar | Consultado | Responsable, Aprobador |'],
    [
      '| Attività | Cliente | Fornitore |',
      '| Gestire | Approvatore | Responsabile |',
      '| Pagare | Informato | Responsabile / Supervisore |',
    ],
    ['| Activity | Customer | Provider |', '| Plan | **Accountable** | _Responsible_ |', '| Pay | informed | Responsible & Accountable |'],
  ];
  for (const [header, ...rows] of languages) {
    const doc = [header, '|---|---|---|', ...rows, ''].join('\n');
    const read = lint(doc);
    assert.equal(read.matrices.length, 1, doc);
    assert.deepEqual(
      read.findings.map((f) => [f.ruleId, at(doc, f)]),
      [],
      doc,
    );
  }
  // A missing A is still found in a table of words.
  const missing = lint('| Tâche | Client | Presta |\n|---|---|---|\n| Payer | Consulté | Réalise |\n');
  assert.deepEqual(
    missing.findings.map((f) => f.ruleId),
    ['missing-accountable'],
  );
});

test('a code followed by a qualifier is read as its codes, the qualifier shown on hover', () => {
  const text = [
    '| Activity | Customer                           | Provider    |',
    '|----------|------------------------------------|-------------|',
    '| Onboard  | C, I - only for existing customers | R (EMEA), A |',
    '| Bill     | I – see the contract               | R (EMEA)    |',
    '',
  ].join('\n');
  const model = lint(text);
  assert.deepEqual(
    model.matrices[0].activities.map((a) => a.assignments.map((s) => s.parsed.tokens.map((t) => t.code).join('')).join(',')),
    ['CI,RA', 'I,R'],
  );
  assert.deepEqual(
    model.findings.map((f) => [f.ruleId, at(text, f)]),
    [['missing-accountable', 'Bill']],
  );
  // The fix writes the code among the codes; the qualifier stays.
  const provider = model.findings[0].fixes.findIndex((f) => f.title === 'Make Provider accountable');
  assert.equal(
    applyFix(text, model.findings[0], provider).split('\n')[3],
    '| Bill     | I – see the contract               | R, A (EMEA) |',
  );
  const customer = model.findings[0].fixes.findIndex((f) => f.title === 'Make Customer accountable');
  assert.equal(
    applyFix(text, model.findings[0], customer).split('\n')[3],
    '| Bill     | A, I – see the contract            | R (EMEA)    |',
  );
  const hover = hoverAt(text.replace('| R (EMEA), A |', '| R$0 (EMEA), A |'));
  assert.match(hover, /As written: `R \(EMEA\), A`/);
});

test('French "Responsable": the legend or the other words decide; when nothing does, one finding for the matrix', () => {
  const undecided =
    '| Activité | Client | Presta |\n|---|---|---|\n| Gérer | Responsable | Consulté |\n| Payer | Responsable | Informé |\n';
  const model = lint(undecided);
  assert.deepEqual(
    model.findings.map((f) => [f.ruleId, at(undecided, f)]),
    [['ambiguous-role', 'Responsable']],
  );
  assert.match(model.findings[0].message, /used 2 times in this matrix/);
  // With a word for the doer, Responsable approves.
  const swapped = lint('| Activité | Client | Presta |\n|---|---|---|\n| Gérer | Responsable | Acteur |\n');
  assert.deepEqual(swapped.findings, []);
  assert.deepEqual(
    swapped.matrices[0].activities[0].assignments.map((a) => a.parsed.tokens[0].code),
    ['A', 'R'],
  );
  // With a word for A, it does the work.
  const plain = lint('| Activité | Client | Presta |\n|---|---|---|\n| Gérer | Approuve | Responsable |\n');
  assert.deepEqual(plain.findings, []);
  assert.deepEqual(
    plain.matrices[0].activities[0].assignments.map((a) => a.parsed.tokens[0].code),
    ['A', 'R'],
  );
  // The legend decides over the words.
  const legend =
    '| Rôle | Description |\n|---|---|\n| (R) Réalise | fait |\n| (A) Responsable | répond du résultat |\n| (C) Consulté | avis |\n| (I) Informé | informé |\n\n';
  const decided = lint(legend + undecided);
  assert.deepEqual(
    decided.findings.map((f) => f.ruleId),
    ['missing-responsible', 'missing-responsible'],
  );
});

test('words that are no role here, and role words in names, do not make a matrix', () => {
  const negatives = [
    '| Task | Owner | Status |\n|---|---|---|\n| Migrate | Support | Done |\n| Train | Support | Open |\n',
    '| Tâche | Responsable | Statut |\n|---|---|---|\n| Migrer | Équipe support | Fait |\n| Former | Alice | En cours |\n',
    '| Aufgabe | Verantwortlich | Termin |\n|---|---|---|\n| Planen | Frau Berg | Montag |\n',
  ];
  for (const text of negatives) {
    const model = lint(text);
    assert.deepEqual(model.findings, [], text);
  }
});

test('never silent: a table that looks like a matrix but is not read gets one unread-matrix on its header, saying why', () => {
  // Role columns holding ticks, not names: who holds the role is not said.
  const roleColumns = '| Task | Responsible | Accountable | Consulted |\n|---|---|---|---|\n| Ship | X | X | |\n| Plan | | X | X |\n';
  const letters = '| Item | Eng | Ops |\n|---|---|---|\n| Build | P | Q |\n| Run | Q | A |\n| Stop | P | Z |\n';
  const heading = '## Matrice RACI\n\n| Sujet | Qui |\n|---|---|\n| Déployer | Ana (fait), Bo (valide) |\n';
  for (const [text, why] of [
    [roleColumns, /its columns are roles \(Responsible, Accountable, Consulted\)/],
    [letters, /letters that are not role codes here \(P, Q, Z; valid: R, A, C, I\)\. Add a legend line such as "P = …"/],
    [heading, /under the heading "Matrice RACI"/],
  ] as const) {
    const model = lint(text);
    assert.equal(model.matrices.length, 0, text);
    assert.deepEqual(
      model.findings.map((f) => [f.ruleId, f.severity, at(text, f)]),
      [['unread-matrix', 'info', text.split('\n')[text.startsWith('##') ? 2 : 0]]],
      text,
    );
    assert.match(model.findings[0].message, why);
  }
  // The heading speaks for the first table under it only, and the rule can be turned off.
  assert.deepEqual(
    lint(`${heading}\n| Tâche | Responsable | Échéance |\n|---|---|---|\n| Migrer | Alice | 12/03 |\n`).findings.map((f) => f.ruleId),
    ['unread-matrix'],
  );
  assert.deepEqual(lint(roleColumns, { rules: { 'unread-matrix': 'off' } }).findings, []);
});

const roleColumns = [
  '| Task             | Responsible   | Accountable | Consulted   | Informed |',
  '|------------------|---------------|-------------|-------------|----------|',
  '| Release planning | Eng lead      | VP Eng      | PM, QA lead | Sales    |',
  '| Security review  | Security team |             | Eng lead    | CTO      |',
  '| Pricing change   | Finance       | CFO, CEO    | Sales       | All      |',
  '',
].join('\n');

test('role columns: an empty Accountable cell is a missing A, two names are two A, each on its activity', () => {
  const model = lint(roleColumns);
  const [matrix] = model.matrices;
  assert.equal(matrix.layout, 'role-columns');
  assert.deepEqual(
    matrix.parties.map((p) => p.name),
    ['Eng lead', 'VP Eng', 'PM', 'QA lead', 'Sales', 'Security team', 'CTO', 'Finance', 'CFO', 'CEO', 'All'],
  );
  assert.deepEqual(
    model.findings.map((f) => [f.ruleId, at(roleColumns, f)]),
    [
      ['missing-accountable', 'Security review'],
      ['multiple-accountable', 'Pricing change'],
    ],
  );
  assert.match(model.findings[1].message, /2 Accountables \(CFO, CEO\)/);
});

test('role columns: the missing-A fix offers the parties of the row, the R first, written into the A cell', () => {
  const model = lint(roleColumns);
  const missing = model.findings[0];
  assert.deepEqual(
    missing.fixes.map((f) => f.title),
    ['Make Security team accountable', 'Make Eng lead accountable', 'Make CTO accountable'],
  );
  assert.equal(missing.fixes[0].preferred, true);
  const fixed = applyEdits(roleColumns, missing.fixes[1].edits);
  assert.equal(fixed.split('\n')[3], '| Security review  | Security team | Eng lead    | Eng lead    | CTO      |');
  assert.deepEqual(
    lint(fixed).findings.map((f) => f.ruleId),
    ['multiple-accountable'],
  );
  const only = applyEdits(roleColumns, model.findings[1].fixes[1].edits);
  assert.equal(only.split('\n')[4], '| Pricing change   | Finance       | CEO         | Sales       | All      |');
});

test('role columns: the hover on a name says its role; headers as words, letters or both, names split on any separator', () => {
  const hover = hoverAt(roleColumns.replace('PM, QA lead', 'PM, QA$0 lead'));
  // The cursor is on a name, not a letter: the hover says whose role it is first.
  assert.match(hover, /^\*\*QA lead\*\* holds C in this activity\.\n\n\*\*C\*\* — Consulted/);
  assert.match(hover, /\| C \| Consulted \| PM, QA lead \|/);
  for (const header of [
    '| Tâche | Réalise | Approuve | Consulté | Informé |',
    '| Aufgabe | Verantwortlich | Rechenschaftspflichtig | Konsultiert | Informiert |',
    '| Tarea | R | A | C | I |',
    '| Attività | Responsabile (R) | Accountable (A) | Consultato (C) | Informato (I) |',
    '| Task | R — Responsible | A — Approver | C — Consulted | I — Informed |',
  ]) {
    const text = `${header}\n|---|---|---|---|---|\n| Ship | Ana / Bo | Cy | Dee; Eve & Fay | Gil<br>Hal und Ida |\n`;
    const model = lint(text);
    assert.deepEqual(
      model.matrices[0]?.parties.map((p) => p.name),
      ['Ana', 'Bo', 'Cy', 'Dee', 'Eve', 'Fay', 'Gil', 'Hal', 'Ida'],
      header,
    );
    assert.deepEqual(model.findings, [], header);
  }
});

test('role columns: party abbreviations in the cells are names, not codes', () => {
  const text = '| Task | Responsible | Accountable |\n|---|---|---|\n| Ship | QA, DB | PO |\n| Plan | PM | |\n';
  const model = lint(text);
  assert.deepEqual(
    model.matrices[0].parties.map((p) => p.name),
    ['QA', 'DB', 'PO', 'PM'],
  );
  assert.deepEqual(
    model.findings.map((f) => [f.ruleId, at(text, f)]),
    [['missing-accountable', 'Plan']],
  );
});

test('role columns: codes under role headers (`A D`, `RD`) are codes, so a fix that writes them keeps the reading', () => {
  // The header row is a legend (`D = Driver`…) and names the parties; its cells hold codes.
  const text = '| D = Driver | A = Approver | C = Contributor | I = Informed |\n|---|---|---|---|\n| Task | A A | A | I |\n';
  const model = lint(text);
  assert.equal(model.matrices[0].layout, undefined);
  const missing = model.findings.find((f) => f.ruleId === 'missing-responsible')!;
  const fix = missing.fixes.find((f) => f.title === 'Make C = Contributor responsible')!;
  assert.ok(fix, missing.fixes.map((f) => f.title).join('; '));
  const fixed = applyEdits(text, fix.edits);
  assert.ok(fixed.includes('| Task | A A | A D | I |'), fixed);
  // Read as before: D is now held, where reading `A D` as a name made role columns with no D.
  assert.equal(lint(fixed).matrices[0].layout, undefined);
  assert.deepEqual(
    lint(fixed).findings.map((f) => f.ruleId),
    ['multiple-accountable', 'duplicate-role'],
  );
  // Codes run together (`RA`) are codes too: a fix that writes `RD` keeps the reading, beside a row of names.
  const runTogether =
    '| D = Driver | A = Approver | C = Contributor | I = Informed |\n|---|---|---|---|\n| Activity | Client | Provider |\n| Plan | RA | C |\n| Task 2 | R | A |\n';
  const task = lint(runTogether).findings.find((f) => f.ruleId === 'missing-responsible' && f.data.activity === 'Task 2')!;
  const writeD = task.fixes.find((f) => f.title === 'Make A = Approver responsible')!;
  const withD = applyEdits(runTogether, writeD.edits);
  assert.ok(withD.includes('| Task 2 | RD | A |'), withD);
  assert.equal(lint(withD).matrices[0].layout, undefined);
  assert.ok(!lint(withD).findings.some((f) => f.ruleId === 'missing-responsible' && f.data.activity === 'Task 2'));
});

test('hover in other layouts: a transposed activity is a column, and role columns say how they were read', () => {
  // On a code in the Monitor column: its missing A is a finding of that column, not of the row.
  const code = hoverAt(transposed.replace('| R      | R       |', '| R      | $0R       |'));
  assert.match(code, /In this column:\n- ✖ Activity "Monitor" has no Accountable/);
  assert.doesNotMatch(code, /In this row/);
  const name = hoverAt(roleColumns.replace('PM, QA lead', 'PM, QA$0 lead'));
  assert.match(name, /Read with a column per role: the cells name the parties\./);
});

test('overview of other layouts: no "Role" over the activities, no missing cell where a role column does not name a party', () => {
  const [matrix] = getOverview(lint(transposed)).matrices;
  assert.equal(matrix.activitiesHeader, undefined, 'a transposed table has no header naming its activities');
  const [columns] = getOverview(lint(roleColumns)).matrices;
  assert.equal(columns.activitiesHeader, 'Task');
  // Release planning names 5 of the 11 parties: the others hold nothing there, they do not lack a cell.
  assert.deepEqual(
    columns.activities.map((a) => a.cells.filter((c) => !c.present).length),
    [0, 0, 0],
  );
  assert.deepEqual(
    columns.activities[0].cells.map((c) => c.codes.join('')),
    ['R', 'A', 'C', 'C', 'I', '', '', '', '', '', ''],
  );
});

test('role columns: the outline names the matrix by its role headers, not by every name found in its cells', () => {
  const [matrix] = createRaciService().getSymbols(doc(roleColumns), settings());
  assert.equal(matrix.name, 'Task × Responsible, Accountable, Consulted, Informed');
  const [transposedMatrix] = createRaciService().getSymbols(doc(transposed), settings());
  assert.equal(transposedMatrix.name, 'Role × Project sponsor, Project manager, Ops team');
});

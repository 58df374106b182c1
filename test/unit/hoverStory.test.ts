/**
 * One story per cell, findings where the user looks: a look-alike letter is counted
 * nowhere, a hover on any code of a faulty row lists the row's findings (not the one the
 * editor shows already), each A of a double A is marked, and no role name is said twice.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position } from 'vscode-languageserver-types';
import { createRaciService } from '../../server/src/engine';
import { getOverview } from '../../server/src/engine/features/overview';
import { useLocale } from '../../server/src/lsp/l10nBundles';
import { cursor, lint, matrix, settings } from '../helpers/engine';

const seed = readFileSync(new URL('../fixtures/seed-llmaas.fr.md', import.meta.url), 'utf8');
const doc = (text: string) => TextDocument.create('file:///story.md', 'markdown', 1, text);
function hoverAt(marked: string, overrides = {}): string {
  const { text, offset } = cursor(marked);
  const document = doc(text);
  const hover = createRaciService().getHover(document, settings(overrides), document.positionAt(offset));
  return hover ? (hover.contents as { value: string }).value : '';
}

const CYRILLIC_C = '\u0421';

test('a Cyrillic С: the hover says it looks like C and is not counted, and offers the fix', () => {
  const value = hoverAt(matrix([`| Ship | RA | $0${CYRILLIC_C} |`]));
  assert.match(value, new RegExp(`^\\*\\*${CYRILLIC_C}\\*\\* looks like C, but is Cyrillic ${CYRILLIC_C}: not counted\\.`));
  assert.match(value, /Quick fix: write the Latin letter C\./);
  assert.doesNotMatch(value, /C\*\* — Consulted/);
  // Who holds what: nobody is Consulted.
  assert.match(value, /\| C \| Consulted \| — \|/);
});

test('a Cyrillic С counts nowhere: overview cells and totals, party hover, completion', () => {
  const text = matrix([`| Ship | RA | ${CYRILLIC_C} |`, '| Run | RA | I |']);
  const overview = getOverview(lint(text));
  assert.deepEqual(overview.matrices[0].activities[0].cells[1].codes, []);
  assert.equal(overview.totals.find((t) => t.party === 'Provider')?.counts.C, 0);
  assert.match(hoverAt(text.replace('| Provider |', '| Prov$0ider |')), /\| C \| Consulted \| 0 \|/);
  const { text: plain, offset } = cursor(text.replace(`| ${CYRILLIC_C} |`, `| ${CYRILLIC_C}$0 |`));
  const document = doc(plain);
  const labels = createRaciService()
    .getCompletions(document, settings(), document.positionAt(offset))
    .map((i) => i.label);
  assert.ok(labels.includes('C'), labels.join(' '));
});

test('the hover on any code of a faulty row lists its findings; not the diagnostics the editor shows beside it', () => {
  const text = matrix(['| Ship | R, A | A |'], ['Customer', 'Provider']);
  const onR = hoverAt(text.replace('| R, A |', '| $0R, A |'));
  assert.match(onR, /In this row:\n- ✖ Activity "Ship" has 2 Accountables \(Customer, Provider\)/);
  // Beside an A of a double A, the editor shows the A's mark (which party holds A here), and
  // the hover the finding (what to do): the mark links to nothing, so it is said here.
  const besideMark = hoverAt(matrix(['| Ship | RA | A |'], ['Customer', 'Provider']).replace('| RA |', '| $0RA |'));
  assert.match(besideMark, /In this row:\n- ✖ Activity "Ship" has 2 Accountables \(Customer, Provider\): at most 1 party may hold A\./);
  const invalid = matrix(['| Ship | RA | CX |']);
  const onX = hoverAt(invalid.replace('CX', 'C$0X'));
  const diagnostic = lint(invalid).findings.find((f) => f.ruleId === 'invalid-role')!;
  assert.ok(!onX.includes(diagnostic.message), 'the hover repeats the diagnostic the editor shows beside it');
  assert.match(onX, /^Role codes here: R, A, C, I\./);
  // The editor shows the diagnostics within a character of the cursor: on the C of `CX`, the X's.
  assert.ok(!hoverAt(invalid.replace('CX', '$0CX')).includes('"X" is not a role code'));
  const apart = matrix(['| Ship | RA | C, X |']);
  const onC = hoverAt(apart.replace('C, X', '$0C, X'));
  assert.ok(onC.includes('"X" is not a role code'), onC);
});

test('a hover puts what to act on before the table of codes, which the editor cuts off first', () => {
  const text = matrix(['| Ship | R, A | A |', '| Run | R | I |', '| Plan | RA | X |'], ['Customer', 'Provider']);
  const before = (value: string, first: string, then: string) => {
    assert.ok(value.includes(first) && value.includes(then), value);
    assert.ok(value.indexOf(first) < value.indexOf(then), `${first} comes after ${then} in:\n${value}`);
  };
  // On a code, and on the activity's name: the row's findings, then who holds what.
  before(
    hoverAt(text.replace('| R, A | A |', '| $0R, A | A |')),
    'In this row:\n- ✖ Activity "Ship" has 2 Accountables',
    '| | Role | Held by |',
  );
  before(hoverAt(text.replace('| R | I |', '| $0R | I |')), 'In this row:\n- ✖ Activity "Run" has no Accountable', '| | Role | Held by |');
  before(hoverAt(text.replace('| Plan |', '| Pl$0an |')), 'In this row:\n- ✖ "X" is not a role code', '| | Role | Held by |');
  // The code under the cursor and the activity's name still open the hover.
  assert.match(hoverAt(text.replace('| R, A | A |', '| $0R, A | A |')), /^\*\*R\*\* — Responsible[\s\S]*\n\*\*Ship\*\*\n\nIn this row:/);
});

test('a double A is marked on each A; the finding links to each, a mark to nothing', () => {
  const text = matrix(['| Ship | RA | A |'], ['Customer', 'Provider']);
  const service = createRaciService();
  const document = doc(text);
  const marks = service.getDiagnostics(document, settings()).filter((d) => d.code === 'multiple-accountable');
  assert.equal(marks.length, 3);
  const textOf = (range: { start: Position; end: Position }) => text.slice(document.offsetAt(range.start), document.offsetAt(range.end));
  const onA = marks.filter((d) => textOf(d.range) === 'A');
  assert.equal(onA.length, 2);
  // The finding, on the activity's name, lists the two places (both on this row).
  const [found] = marks.filter((d) => !onA.includes(d));
  assert.equal(found.severity, 1);
  assert.deepEqual(
    found.relatedInformation?.map((r) => [textOf(r.location.range), r.location.range.start.character]),
    onA.map((d) => ['A', d.range.start.character]),
  );
  for (const mark of onA) {
    // Information: the row's one problem is the finding; each mark says which party holds A.
    assert.equal(mark.severity, 3);
    assert.equal(mark.relatedInformation, undefined);
    assert.match(String(mark.message), /holds A here; activity "Ship" has 2 Accountables/);
    assert.equal(mark.codeDescription?.href, found.codeDescription?.href);
    // The fixes are offered at the A too.
    const titles = service.getCodeActions(document, settings(), mark.range).map((a) => a.title);
    assert.ok(titles.includes('Make Customer the only accountable'), titles.join('; '));
  }
});

test('a legend meaning that starts with the name is not preceded by it ("Approuve: Approuve…")', () => {
  const marked = seed.replace(/(\| Gérer les clés d'accès API[^|]*\| __R)(A__)/, '$1$0$2');
  const value = hoverAt(marked);
  assert.match(value, /^\*\*A\*\* — Approuve la réalisation du processus/);
});

test('in French: a narrow no-break space before the colon, and the look-alike story', () => {
  useLocale('fr');
  try {
    const value = hoverAt(matrix([`| Ship | RA | $0${CYRILLIC_C} |`]));
    assert.match(value, new RegExp(`ressemble à C, mais c'est le ${CYRILLIC_C} cyrillique\u202f: non compté\\.`));
    const scheme = (marked: string) => hoverAt(marked, { locale: 'fr' });
    assert.match(scheme(matrix(['| Ship | RA | $0C |'])), /^\*\*C\*\* — Consulté\u202f: donne son avis/);
    assert.match(scheme(matrix(['| Ship | R$0A | C |'])), /^\*\*A\*\* — Approuve la réalisation et répond du résultat\u202f; un seul/);
  } finally {
    useLocale('en');
  }
});

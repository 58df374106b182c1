import type { RoleSet } from '../domain/legend';
import type { RawHeading, RawTable } from '../parse/markdown';
import { ACTIVITY_HEADER, NOTES_HEADER, type Activity, type Matrix, type Party } from './matrix';
import { activityOf, assignmentOf, count, emptyCounts, isGroupTitle, looksLikeMatrix, matrixOf, textOf } from './readCommon';
import type { Source } from '../text/source';

/**
 * Transposed matrices: parties as rows, activities as columns (common in cloud adoption
 * guides), and its smallest case, one table per activity (`| Role | RACI |` under the
 * activity's heading). Both become the same model as the classic layout: an activity's
 * name cell is its header cell (where its findings go), its assignments are the cells of
 * its column, one per party row. Read as the classic layout, such a table would make
 * every party an activity with no A: the loudest possible noise.
 */

/** A first header that names the rows as parties, alone or with the columns (`Role / Activity`). */
const PARTY_WORDS =
  'r[ôo]les?|rollen?|rol(?:es|a)?|ruol[oi]|pap[eé]is|papel|part(?:y|ies)|stakeholders?|parties prenantes|partie prenante|acteurs?|actors?|akteure?|teams?|[ée]quipes?|who|qui|wer|qui[ée]n|chi|personn?es?|persons?|people|beteiligte|funci[oó]n(?:es)?|funzion[ei]|fonctions?|functions?|intervenants?|stellen?|organi[sz]ations?';
const PARTY_HEADER = new RegExp(`^(?:${PARTY_WORDS})(?:\\s*[\\\\/↓→×x]\\s*\\S.*)?$`, 'iu');

/** The second header of a one-table-per-activity table. */
const CODES_HEADER =
  /^(?:raci|rasci|rasic|daci|raci-?vs|cairo|rapid|pacsi|raciq|dri|r[ôo]les?|rollen?|rol|ruolo|codes?|responsabilit[ée]s?|responsibilit(?:y|ies)|verantwortung|responsabilidad(?:es)?|responsabilit[àa]|resp\.?|raci (?:role|code|rôle)s?)$/iu;

/** Whether the table can only be read with the heading above it: its reading (the activity's name) depends on that heading. */
export function readsHeading(table: RawTable, source: Source): boolean {
  const header = table.rows[0];
  return (
    header?.cells.length === 2 && PARTY_HEADER.test(textOf(source, header.cells[0])) && CODES_HEADER.test(textOf(source, header.cells[1]))
  );
}

export function readTransposed(table: RawTable, source: Source, roles: RoleSet, heading?: RawHeading): Matrix | undefined {
  const header = table.rows[0];
  if (!header || header.cells.length < 2 || table.rows.length < 2) return undefined;
  const title = textOf(source, header.cells[0]);
  if (!PARTY_HEADER.test(title) || ACTIVITY_HEADER.test(title)) return undefined;
  const columns: number[] = [];
  for (let column = 1; column < header.cells.length; column++)
    if (!NOTES_HEADER.test(textOf(source, header.cells[column]))) columns.push(column);
  const rows = table.rows.slice(1).filter((row) => !isGroupTitle(source, row, 0));
  const counts = emptyCounts();
  for (const row of rows) for (const column of columns) count(counts, source, row.cells[column], roles);
  if (columns.length === 0 || rows.length === 0 || !looksLikeMatrix(counts, true)) return undefined;

  const parties: Party[] = rows.map((row) => ({
    name: textOf(source, row.cells[0]) || `#${table.rows.indexOf(row) + 1}`,
    column: 0,
    header: row.cells[0],
  }));
  const perActivity = readsHeading(table, source);
  const activities: Activity[] = columns.map((column) => {
    const nameCell = header.cells[column];
    const name = perActivity && heading ? heading.text : textOf(source, nameCell);
    const assignments = rows.flatMap((row, party) => (row.cells[column] ? [assignmentOf(source, party, row.cells[column])] : []));
    return activityOf(name, header, nameCell, assignments);
  });
  return matrixOf(table, perActivity && heading ? heading.text : title, parties, activities, perActivity ? 'per-activity' : 'transposed');
}

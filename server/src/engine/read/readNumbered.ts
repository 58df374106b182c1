import type { RoleSet } from '../domain/legend';
import type { RawTable } from '../parse/markdown';
import { ACTIVITY_HEADER, NOTES_HEADER, type Activity, type Matrix, type Party } from './matrix';
import {
  activityOf,
  assignmentOf,
  count,
  emptyCounts,
  isGroupTitle,
  looksLikeMatrix,
  matrixOf,
  textOf,
  type CellCounts,
} from './readCommon';
import type { Source } from '../text/source';

/**
 * The classic layout with an ID or number column first (`| # | Activity | Customer | Provider |`):
 * the ID is not a party, and the activity is named by the column after it.
 */
const ID_HEADER = /^(?:#|n[o°º]\.?|nr\.?|n°|num(?:ber|[ée]ro|ero|mer)?|id|ref\.?|r[ée]f\.?|lfd\.?\s?nr\.?|s\/n)$/iu;
/** An ID as written in such a column: `1`, `1.2`, `A-3`, `SEC-01`. */
const ID_CELL = /^[\p{L}\d][\p{L}\d._-]{0,11}$/u;

export function readNumbered(table: RawTable, source: Source, roles: RoleSet): Matrix | undefined {
  const header = table.rows[0];
  if (!header || header.cells.length < 3 || table.rows.length < 2) return undefined;
  if (!ID_HEADER.test(textOf(source, header.cells[0]))) return undefined;
  const body = table.rows.slice(1);
  const ids = body.filter((row) => ID_CELL.test(textOf(source, row.cells[0]))).length;
  if (ids * 2 < body.length) return undefined;

  const partyColumns: number[] = [];
  const total = emptyCounts();
  for (let column = 2; column < header.cells.length; column++) {
    if (NOTES_HEADER.test(textOf(source, header.cells[column]))) continue;
    const counts = emptyCounts();
    for (const row of body) count(counts, source, row.cells[column], roles);
    add(total, counts);
    // A column of prose next to codes is an annotation ("Owner", "Due"), not a party.
    if (counts.text > 0 && counts.text > counts.codes) continue;
    partyColumns.push(column);
  }
  const kept = emptyCounts();
  for (const column of partyColumns) for (const row of body) count(kept, source, row.cells[column], roles);
  // Annotation columns count as prose against the table, as in the classic layout.
  kept.text = total.text;
  if (partyColumns.length === 0 || !looksLikeMatrix(kept, ACTIVITY_HEADER.test(textOf(source, header.cells[1])))) return undefined;

  const parties: Party[] = partyColumns.map((column) => ({
    name: textOf(source, header.cells[column]) || `#${column + 1}`,
    column,
    header: header.cells[column],
  }));
  const activities: Activity[] = body.map((row) => {
    const assignments = parties.flatMap((party, index) =>
      row.cells[party.column] ? [assignmentOf(source, index, row.cells[party.column])] : [],
    );
    const nameCell = row.cells[1] ?? row.cells[0];
    const section = assignments.every((a) => a.parsed.kind === 'empty') && isGroupTitle(source, row, row.cells[1] ? 1 : 0);
    return activityOf(textOf(source, nameCell), row, nameCell, assignments, section);
  });
  return matrixOf(table, textOf(source, header.cells[1]), parties, activities, 'numbered');
}

function add(total: CellCounts, counts: CellCounts): void {
  total.codes += counts.codes;
  total.valid += counts.valid;
  total.text += counts.text;
  total.who += counts.who;
}

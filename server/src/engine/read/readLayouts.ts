import type { RoleSet } from '../domain/legend';
import type { RawCell, RawHeading, RawRow, RawTable } from '../parse/markdown';
import type { Matrix } from './matrix';
import { readNumbered } from './readNumbered';
import { readRoleColumns } from './readRoleColumns';
import { readTransposed } from './readTransposed';
import { moveFinding, moveMatrixLazily, type MovedParts, type TableResult } from '../incremental/tableCache';
import type { Source } from '../text/source';

export { readsHeading } from './readTransposed';

/**
 * The readers of the layouts other than the classic one, tried before it: each looks at
 * the first header cells only before reading any row, so a large classic matrix (whose
 * first header names activities) costs them nothing.
 */
export function readOtherLayout(table: RawTable, source: Source, roles: RoleSet, heading?: RawHeading): Matrix | undefined {
  return readTransposed(table, source, roles, heading) ?? readRoleColumns(table, source, roles) ?? readNumbered(table, source, roles);
}

/**
 * The result of a table of another layout, for the same text moved to `table`: the same
 * reading on the moved table's cells (found by their place in the rows), findings moved.
 */
export function moveLayoutResult(result: TableResult, table: RawTable): TableResult {
  const delta = table.start - result.base;
  if (delta === 0 && result.matrix!.table === table) return result;
  const matrix = moveMatrixLazily(result.matrix!, table, moveLayout);
  return { base: table.start, context: result.context, matrix, findings: result.findings.map((finding) => moveFinding(finding, delta)) };
}

/** A matrix of another layout on the cells of `table`, a move of its table: cells found by their place in the rows. */
function moveLayout(old: Matrix, table: RawTable): MovedParts {
  const delta = table.start - old.table.start;
  const rows = new Map<RawRow, RawRow>();
  const cells = new Map<RawCell, RawCell>();
  old.table.rows.forEach((row, r) => {
    rows.set(row, table.rows[r]);
    row.cells.forEach((cell, c) => cells.set(cell, table.rows[r].cells[c]));
  });
  // A name in a cell of role columns is a span of its own: it moves with the table.
  const move = (cell: RawCell): RawCell =>
    cells.get(cell) ?? {
      start: cell.start + delta,
      end: cell.end + delta,
      contentStart: cell.contentStart + delta,
      contentEnd: cell.contentEnd + delta,
    };
  const activities = old.activities.map((activity) => {
    const moved = {
      ...activity,
      row: rows.get(activity.row)!,
      nameCell: move(activity.nameCell),
      assignments: activity.assignments.map((a) => ({ ...a, cell: move(a.cell) })),
    };
    if (activity.roleCells)
      moved.roleCells = Object.fromEntries(Object.entries(activity.roleCells).map(([code, cell]) => [code, move(cell)]));
    return moved;
  });
  return { parties: old.parties.map((party) => ({ ...party, header: move(party.header) })), activities, pieces: [activities] };
}

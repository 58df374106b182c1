import type { DocumentModel } from '../analyze';
import { tokenSpan, type CodeToken } from '../domain/cells';
import type { Activity, Assignment, Matrix } from '../read/matrix';
import type { Span } from '../model';

export type Location =
  | { kind: 'party'; matrix: Matrix; party: number; span: Span }
  | { kind: 'activity'; matrix: Matrix; activity: Activity; span: Span }
  | { kind: 'cell'; matrix: Matrix; activity: Activity; assignment: Assignment; token?: CodeToken; span: Span };

const inside = (span: Span, offset: number) => span.start <= offset && offset <= span.end;

/** What is at an offset: a party header, an activity name or a role cell. */
export function locate(model: DocumentModel, offset: number): Location | undefined {
  const matrix = findBySpan(model.matrices, (m) => m.table, offset);
  return matrix && locateIn(matrix, offset);
}

function locateIn(matrix: Matrix, offset: number): Location | undefined {
  if (matrix.layout === 'transposed' || matrix.layout === 'per-activity') return locateByCells(matrix, offset);
  const header = matrix.table.rows[0];
  if (inside(header, offset)) {
    const party = matrix.parties.findIndex((p) => inside(p.header, offset));
    return party < 0
      ? undefined
      : {
          kind: 'party',
          matrix,
          party,
          span: { start: matrix.parties[party].header.contentStart, end: matrix.parties[party].header.contentEnd },
        };
  }
  const activity = findBySpan(matrix.activities, (a) => a.row, offset);
  if (!activity) return undefined;
  if (inside(activity.nameCell, offset) && offset < activity.nameCell.end) {
    return { kind: 'activity', matrix, activity, span: { start: activity.nameCell.contentStart, end: activity.nameCell.contentEnd } };
  }
  const assignment = activity.assignments.find((a) => a.cell.start <= offset && offset <= a.cell.end);
  return assignment && cellAt(matrix, activity, assignment, offset);
}

/** In a table whose activities are columns: a party's name cell, an activity's header cell, or a cell of both. */
function locateByCells(matrix: Matrix, offset: number): Location | undefined {
  const within = (cell: Span & { end: number }) => cell.start <= offset && offset <= cell.end;
  const party = matrix.parties.findIndex((p) => within(p.header) && offset < p.header.end);
  if (party >= 0)
    return {
      kind: 'party',
      matrix,
      party,
      span: { start: matrix.parties[party].header.contentStart, end: matrix.parties[party].header.contentEnd },
    };
  for (const activity of matrix.activities) {
    if (within(activity.nameCell)) {
      return { kind: 'activity', matrix, activity, span: { start: activity.nameCell.contentStart, end: activity.nameCell.contentEnd } };
    }
    const assignment = activity.assignments.find((a) => within(a.cell));
    if (assignment) return cellAt(matrix, activity, assignment, offset);
  }
  return undefined;
}

function cellAt(matrix: Matrix, activity: Activity, assignment: Assignment, offset: number): Location {
  // Between two letters (`R|A`) the cursor belongs to the one after it, as in word selection.
  const tokens = assignment.parsed.tokens;
  const at = offset - assignment.cell.contentStart;
  const found = tokens.find((t) => t.start <= at && at < t.end) ?? tokens.find((t) => t.end === at);
  // The parse is relative to the cell's content; who asks for a token wants it in the document.
  const token = found && { ...found, ...tokenSpan(assignment.cell, found) };
  return { kind: 'cell', matrix, activity, assignment, token, span: { start: assignment.cell.start, end: assignment.cell.end } };
}

/** Binary search in items sorted by their (disjoint) spans. */
function findBySpan<T>(items: T[], spanOf: (item: T) => Span, offset: number): T | undefined {
  let low = 0;
  let high = items.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const span = spanOf(items[mid]);
    if (offset < span.start) high = mid - 1;
    else if (offset > span.end) low = mid + 1;
    else return items[mid];
  }
  return undefined;
}

import { cellText, parseCell, type CellStyle, type ParsedCell } from '../domain/cells';
import type { RoleSet } from '../domain/legend';
import type { RawCell, RawRow, RawTable } from '../parse/markdown';
import type { Activity, Assignment, Matrix, Party } from './matrix';
import { WHO_MARKS, wordsValid } from './matrix';
import { detach } from '../text/strings';
import type { Source } from '../text/source';

/**
 * What the readers of the other layouts share: how a cell counts when deciding whether a
 * table is a matrix, and how an activity is built from the cells that hold its roles.
 * These tables are small (a handful of parties, a few dozen activities): each is read
 * whole at each version, without the piece-by-piece memory of the classic reader.
 */

export interface CellCounts {
  /** Cells of role codes, and of those, codes valid in the document. */
  codes: number;
  valid: number;
  /** Cells of prose. */
  text: number;
  /** Cells of X, ✓, yes: a "who" table, not a responsibility matrix. */
  who: number;
}

export function emptyCounts(): CellCounts {
  return { codes: 0, valid: 0, text: 0, who: 0 };
}

export function textOf(source: Source, cell: RawCell | undefined): string {
  return cell ? cellText(source.slice(cell.contentStart, cell.contentEnd)) : '';
}

export function parsedOf(source: Source, cell: RawCell): ParsedCell {
  return parseCell(source, cell.contentStart, cell.contentEnd);
}

/** Adds what a cell holds to `counts`. */
export function count(counts: CellCounts, source: Source, cell: RawCell | undefined, roles: RoleSet): void {
  if (!cell) return;
  const parsed = parsedOf(source, cell);
  if (WHO_MARKS.test(textOf(source, cell))) counts.who++;
  if (parsed.kind === 'codes' && !wordsValid(parsed, roles)) counts.text++;
  else if (parsed.kind === 'codes') {
    counts.codes++;
    if (parsed.tokens.every((token) => roles.codes.has(token.code))) counts.valid++;
  } else if (parsed.kind === 'text') counts.text++;
}

/**
 * Whether cells counted as `counts` make a matrix: most filled cells are codes, most codes
 * are valid ones, and it is not a table of ticks. With a header that names activities or
 * parties, fewer codes are needed (half the cells), as with the classic layout.
 */
export function looksLikeMatrix(counts: CellCounts, namedHeader: boolean): boolean {
  const filled = counts.codes + counts.text;
  if (counts.codes === 0) return false;
  if (counts.who > 0 && counts.who >= counts.codes) return false;
  if (counts.valid * 2 < counts.codes) return false;
  return namedHeader ? counts.codes * 2 >= filled : counts.codes * 3 >= filled * 2 && counts.codes >= 2;
}

/** The name as compared for duplicates: case and spacing ignored. */
export function keyOf(name: string): string {
  return detach(name.toLowerCase().replace(/\s+/g, ' '));
}

export function activityOf(name: string, row: RawRow, nameCell: RawCell, assignments: Assignment[], section = false): Activity {
  return { name, key: keyOf(name), row, nameCell, assignments, section };
}

export function assignmentOf(source: Source, party: number, cell: RawCell): Assignment {
  return { party, cell, parsed: parsedOf(source, cell) };
}

/** The emphasis and separator most code cells use; on a tie the shorter spelling (`RA` over `R, A`). */
export function usualStyleOf(activities: Activity[]): CellStyle {
  const wrappers = new Map<string, number>();
  const separators = new Map<string, number>();
  for (const activity of activities) {
    for (const { parsed } of activity.assignments) {
      if (parsed.kind !== 'codes') continue;
      wrappers.set(parsed.style.wrapper, (wrappers.get(parsed.style.wrapper) ?? 0) + 1);
      const separator = parsed.style.separator;
      if (separator !== undefined) separators.set(separator, (separators.get(separator) ?? 0) + 1);
    }
  }
  const top = (map: Map<string, number>) => [...map.entries()].sort((a, b) => b[1] - a[1] || a[0].length - b[0].length)[0]?.[0];
  return { wrapper: top(wrappers) ?? '', separator: top(separators) ?? '' };
}

export function matrixOf(table: RawTable, title: string, parties: Party[], activities: Activity[], layout: Matrix['layout']): Matrix {
  return { table, title, parties, activities, pieces: [activities], usualStyle: usualStyleOf(activities), layout };
}

/** A row that titles a group (`| **Build** |` with nothing else): no party, no activity. */
export function isGroupTitle(source: Source, row: RawRow, nameColumn: number): boolean {
  const name = row.cells[nameColumn];
  if (!name) return false;
  const others = row.cells.filter((cell, column) => column !== nameColumn && cell.contentEnd > cell.contentStart);
  const raw = source.slice(name.contentStart, name.contentEnd).trim();
  return others.every((cell) => column0(row, cell)) && (row.cells.length <= nameColumn + 1 || /^(\*\*|__)[\s\S]+\1$/.test(raw));
}

/** Whether `cell` is the row's first cell (an ID before the name does not make a row more than a title). */
function column0(row: RawRow, cell: RawCell): boolean {
  return row.cells[0] === cell;
}

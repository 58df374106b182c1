import { cellText, parseCell, type CellStyle, type ParsedCell } from './cells';
import type { RawCell, RawHeading, RawRow, RawTable } from './markdown';
import type { RoleSet } from './legend';

export interface Party {
  name: string;
  column: number;
  header: RawCell;
}

export interface Assignment {
  party: number;
  cell: RawCell;
  parsed: ParsedCell;
}

export interface Activity {
  name: string;
  /** The name as compared for duplicates: case and spacing ignored. */
  key: string;
  row: RawRow;
  nameCell: RawCell;
  /** One per party column the row has (a short row has fewer). */
  assignments: Assignment[];
  /** A row that titles a group of activities (`| **Build** |`): no role rules. */
  section: boolean;
}

export interface Matrix {
  table: RawTable;
  heading?: RawHeading;
  /** The first header cell, e.g. "Activité". */
  title: string;
  parties: Party[];
  activities: Activity[];
  /** The emphasis and separator most cells of this table use, for writing new codes. */
  usualStyle: CellStyle;
}

const ACTIVITY_HEADER =
  /^(?:activit(?:y|ies|é|és|e|ies)|t[aâ]ches?|tasks?|deliverables?|livrables?|aktivit[äa]t(?:en)?|aufgaben?|t[äa]tigkeit(?:en)?|actividad(?:es)?|tareas?|attivit[àa]|compiti|compito|atividades?|tarefas?|processus|process(?:es)?|prozess(?:e)?|proceso|processo|entregables?|step|steps|[ée]tapes?|action|actions|responsibilit(?:y|ies)|responsabilit[ée]s?|work ?items?|decisions?|d[ée]cisions?)(?!\p{L})/iu;
const NOTES_HEADER = /^(?:notes?|comments?|commentaires?|remarques?|remarks?|description|d[ée]tails?|bemerkung(?:en)?|anmerkung(?:en)?|notas?|comentarios?|osservazioni|commenti|observa[çc][õo]es)$/i;
const WHO_MARKS = /^(?:x|✓|✔|✗|☑|yes|oui|ja|s[ií])$/i;

export function headerText(table: RawTable, source: string, column: number): string {
  const cell = table.rows[0]?.cells[column];
  return cell ? cellText(source.slice(cell.contentStart, cell.contentEnd)) : '';
}

/**
 * Decides whether a table is a responsibility matrix and, if so, reads it.
 * A table is a matrix when most of its filled cells (outside the first column)
 * are role codes, or when its first header names activities and its cells are
 * not mostly prose. "Who" tables (cells of X or ✓) and tables of names are not.
 */
export function readMatrix(table: RawTable, source: string, roles: RoleSet): Matrix | undefined {
  const header = table.rows[0];
  if (!header || header.cells.length < 2) return undefined;
  const bodyRows = table.rows.slice(1).map((row) => readRow(row, source));
  const parsedRows = bodyRows.map((row) => row.cells);
  const width = header.cells.length;
  const partyColumns: number[] = [];
  let codeCells = 0;
  let validCells = 0;
  let textCells = 0;
  let whoCells = 0;
  for (let column = 1; column < width; column++) {
    if (NOTES_HEADER.test(headerText(table, source, column))) continue;
    let columnCodes = 0;
    let columnText = 0;
    for (const row of bodyRows) {
      const parsed = row.cells[column];
      if (!parsed) continue;
      if (row.who[column]) whoCells++;
      if (parsed.kind === 'codes') {
        columnCodes++;
        if (allValid(row.codes[column]!, roles)) validCells++;
      } else if (parsed.kind === 'text') columnText++;
    }
    // A column of prose next to codes is an annotation ("Owner", "Due"), not a party.
    if (columnText > 0 && columnText > columnCodes) {
      textCells += columnText;
      continue;
    }
    codeCells += columnCodes;
    textCells += columnText;
    partyColumns.push(column);
  }
  const filled = codeCells + textCells;
  const activityHeader = ACTIVITY_HEADER.test(headerText(table, source, 0));
  if (partyColumns.length === 0) return undefined;
  if (whoCells > 0 && whoCells >= codeCells) return undefined;
  const isMatrix =
    filled === 0
      ? activityHeader
      : activityHeader
        ? codeCells * 2 >= filled
        : codeCells * 3 >= filled * 2 && validCells * 2 >= codeCells && codeCells >= 2;
  if (!isMatrix) return undefined;

  const parties = partyColumns.map((column) => ({
    name: headerText(table, source, column) || `#${column + 1}`,
    column,
    header: header.cells[column],
  }));
  const signature = partyColumns.join(',');
  const activities: Activity[] = table.rows.slice(1).map((row, index) => {
    const known = activityOf.get(row);
    if (known?.signature === signature) return known.activity;
    const activity = readActivity(row, parsedRows[index], parties, source);
    activityOf.set(row, { signature, activity });
    return activity;
  });
  return { table, title: headerText(table, source, 0), parties, activities, usualStyle: usualStyle(parsedRows) };
}

/**
 * What is read from a row depends on the row alone (and, for its activity, on which
 * columns are parties). Rows of an unchanged piece of a large table are the very same
 * objects from one version to the next, so their reading is kept by identity: an edit
 * in a 10,000-row table reads one row again, not all of them.
 */
const rowOf = new WeakMap<RawRow, RowReading>();
const activityOf = new WeakMap<RawRow, { signature: string; activity: Activity }>();

interface RowReading {
  cells: ParsedCell[];
  who: boolean[];
  /** Per cell, its codes run together (`RA`), for a quick validity check; undefined unless codes. */
  codes: (string | undefined)[];
}

export function readRow(row: RawRow, source: string): RowReading {
  let known = rowOf.get(row);
  if (!known) {
    const cells = row.cells.map((cell) => parseCell(source, cell.contentStart, cell.contentEnd));
    known = {
      cells,
      who: row.cells.map((cell) => WHO_MARKS.test(cellText(source.slice(cell.contentStart, cell.contentEnd)))),
      codes: cells.map((cell) => (cell.kind === 'codes' ? cell.tokens.map((t) => t.code).join('') : undefined)),
    };
    rowOf.set(row, known);
  }
  return known;
}

function readActivity(row: RawRow, cells: ParsedCell[], parties: Party[], source: string): Activity {
  const assignments: Assignment[] = [];
  parties.forEach((party, partyIndex) => {
    const cell = row.cells[party.column];
    if (cell) assignments.push({ party: partyIndex, cell, parsed: cells[party.column] });
  });
  const nameCell = row.cells[0];
  const nameSource = source.slice(nameCell.contentStart, nameCell.contentEnd);
  const empty = assignments.every((a) => a.parsed.kind === 'empty');
  const section = empty && (row.cells.length === 1 || /^(\*\*|__)[\s\S]+\1$/.test(nameSource.trim()));
  const name = cellText(nameSource);
  return { name, key: name.toLowerCase().replace(/\s+/g, ' '), row, nameCell, assignments, section };
}

const validRuns = new WeakMap<RoleSet, Map<string, boolean>>();

/** Whether every letter of a run of codes is valid: a handful of distinct runs, each checked once. */
function allValid(codes: string, roles: RoleSet): boolean {
  let known = validRuns.get(roles);
  if (!known) validRuns.set(roles, (known = new Map()));
  let valid = known.get(codes);
  if (valid === undefined) {
    valid = [...codes].every((code) => roles.codes.has(code));
    known.set(codes, valid);
  }
  return valid;
}

function usualStyle(rows: ParsedCell[][]): CellStyle {
  const wrappers = new Map<string, number>();
  const separators = new Map<string, number>();
  for (const cells of rows) {
    for (let column = 1; column < cells.length; column++) {
      const cell = cells[column];
      if (cell.kind !== 'codes') continue;
      wrappers.set(cell.style.wrapper, (wrappers.get(cell.style.wrapper) ?? 0) + 1);
      if (cell.style.separator !== undefined)
        separators.set(cell.style.separator, (separators.get(cell.style.separator) ?? 0) + 1);
    }
  }
  // On a tie the shorter spelling wins: `RA` over `R, A`.
  const top = (map: Map<string, number>) => [...map.entries()].sort((a, b) => b[1] - a[1] || a[0].length - b[0].length)[0]?.[0];
  return { wrapper: top(wrappers) ?? '', separator: top(separators) ?? '' };
}

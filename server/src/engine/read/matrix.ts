import { cellText, parseCell, type CellStyle, type ParsedCell } from '../domain/cells';
import type { RawCell, RawHeading, RawRow, RawTable } from '../parse/markdown';
import type { RoleSet } from '../domain/legend';
import { STEP_ROWS } from '../incremental/steps';
import { movedFrom } from '../incremental/tableChunks';
import { slot, type Memo } from '../incremental/memo';
import { detach } from '../text/strings';
import { concatPieces } from '../incremental/pieces';
import type { Source } from '../text/source';

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
  /** In a table of role columns, the cell of each role's column: where a fix writes a party's name. */
  roleCells?: Record<string, RawCell>;
}

export interface Matrix {
  table: RawTable;
  heading?: RawHeading;
  /** The first header cell, e.g. "Activité". */
  title: string;
  parties: Party[];
  activities: Activity[];
  /** The same activities, piece by piece as the table's rows come (RawTable.pieces). */
  pieces: Activity[][];
  /** The emphasis and separator most cells of this table use, for writing new codes. */
  usualStyle: CellStyle;
  /** How the table was read, when not in the classic layout (activities as rows, read here). */
  layout?: Layout;
  /** The codes in force in this matrix, when not the document's: a scheme inferred from its letters, or letters it uses undefined. */
  roles?: RoleSet;
  /** The codes its cells use, when some are not the document's (for the fixes that set a scheme). */
  used?: string[];
}

/**
 * `numbered`: activities as rows after an ID column; `transposed`: parties as rows, activities
 * as columns; `per-activity`: one table per activity (`| Role | RACI |`), named by its heading;
 * `role-columns`: one column per role (`| Task | Responsible | Accountable |`), party names in the cells.
 */
export type Layout = 'numbered' | 'transposed' | 'per-activity' | 'role-columns';

export const ACTIVITY_HEADER =
  /^(?:activit(?:y|ies|é|és|e|ies)|t[aâ]ches?|tasks?|deliverables?|livrables?|aktivit[äa]t(?:en)?|aufgaben?|t[äa]tigkeit(?:en)?|actividad(?:es)?|tareas?|attivit[àa]|compiti|compito|atividades?|tarefas?|processus|process(?:es)?|prozess(?:e)?|proceso|processo|entregables?|step|steps|[ée]tapes?|action|actions|responsibilit(?:y|ies)|responsabilit[ée]s?|work ?items?|decisions?|d[ée]cisions?)(?!\p{L})/iu;
export const NOTES_HEADER =
  /^(?:notes?|comments?|commentaires?|remarques?|remarks?|description|d[ée]tails?|bemerkung(?:en)?|anmerkung(?:en)?|notas?|comentarios?|osservazioni|commenti|observa[çc][õo]es)$/i;
export const WHO_MARKS = /^(?:x|✓|✔|✗|☑|yes|oui|ja|s[ií])$/i;

export function headerText(table: RawTable, source: Source, column: number): string {
  const cell = table.rows[0]?.cells[column];
  return cell ? cellText(source.slice(cell.contentStart, cell.contentEnd)) : '';
}

/**
 * Decides whether a table is a responsibility matrix and, if so, reads it.
 * A table is a matrix when most of its filled cells (outside the first column)
 * are role codes, or when its first header names activities and its cells are
 * not mostly prose. "Who" tables (cells of X or ✓) and tables of names are not.
 */
export function* readMatrixSteps(table: RawTable, source: Source, roles: RoleSet, memo: Memo): Generator<void, Matrix | undefined> {
  const header = table.rows[0];
  if (!header || header.cells.length < 2) return undefined;
  const summaries = table.pieces.map((piece) => summarizePiece(piece, source, roles, memo));
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
    for (const summary of summaries) {
      whoCells += summary.who[column] ?? 0;
      columnCodes += summary.codes[column] ?? 0;
      validCells += summary.valid[column] ?? 0;
      columnText += summary.text[column] ?? 0;
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
  if (partyColumns.length === 0) return undefined;
  if (whoCells > 0 && whoCells >= codeCells) return undefined;
  // Cells mostly valid codes make a matrix whatever the first header says (two thirds codes
  // are more than half): the header is read only when it decides.
  const mostlyCodes = filled > 0 && codeCells * 3 >= filled * 2 && validCells * 2 >= codeCells && codeCells >= 2;
  const activityHeader = () => ACTIVITY_HEADER.test(headerText(table, source, 0));
  const isMatrix = mostlyCodes || (filled === 0 ? activityHeader() : activityHeader() && codeCells * 2 >= filled);
  if (!isMatrix) return undefined;

  const parties = partyColumns.map((column) => ({
    name: headerText(table, source, column) || `#${column + 1}`,
    column,
    header: header.cells[column],
  }));
  const signature = partyColumns.join(',');
  const pieces: Activity[][] = [];
  while (readActivities(table.pieces, pieces, signature, parties, source, memo) < table.pieces.length) yield;
  return {
    table,
    title: headerText(table, source, 0),
    parties,
    activities: concatPieces([], pieces),
    pieces,
    usualStyle: usualStyle(summaries),
  };
}

/**
 * What is read from a row depends on the row alone, and what is read from a piece of
 * rows on its rows (and, for activities, on which columns are parties). A piece that an
 * edit did not touch is the same array from one version to the next (RawTable.pieces),
 * so its reading is kept by identity: an edit in a 10,000-row table reads one piece
 * again and adds up a few hundred summaries, instead of reading every row.
 */
const PIECE_ACTIVITIES = slot<RawRow[], { signature: string; activities: Activity[] }>('piece activities');
const PIECE_SUMMARIES = slot<RawRow[], { roles: RoleSet; summary: PieceSummary }>('piece summaries');

interface RowReading {
  cells: ParsedCell[];
  who: boolean[];
  /** Per cell, its codes run together (`RA`), for a quick validity check; undefined unless codes. */
  codes: (string | undefined)[];
}

/** Per column of a piece: how many cells are codes (and of those, valid codes), prose, who-marks. */
interface PieceSummary {
  codes: number[];
  valid: number[];
  text: number[];
  who: number[];
  /** How often each emphasis and separator is used in the piece's code cells. */
  wrappers: Map<string, number>;
  separators: Map<string, number>;
}

/**
 * Summarises pieces from `from` on until a step's worth of rows was read; returns where
 * it stopped. Plain functions, not generators, hold the loops over pieces: V8 optimises
 * a hot loop in a generator late, and these run over hundreds of pieces on every edit.
 */
export function summarizePieces(pieces: RawRow[][], from: number, source: Source, roles: RoleSet, memo: Memo): number {
  let read = 0;
  for (let i = from; i < pieces.length; i++) {
    if (knownSummary(pieces[i], roles, memo)) continue;
    summarizePiece(pieces[i], source, roles, memo);
    read += pieces[i].length;
    if (read >= STEP_ROWS) return i + 1;
  }
  return pieces.length;
}

/** Reads the activities of the pieces after those in `out`, until a step's worth of rows was read. */
function readActivities(pieces: RawRow[][], out: Activity[][], signature: string, parties: Party[], source: Source, memo: Memo): number {
  let read = 0;
  for (let i = out.length; i < pieces.length; i++) {
    const piece = pieces[i];
    const known = memo.of(PIECE_ACTIVITIES).get(piece) ?? movedActivities(piece, parties, memo);
    if (known?.signature === signature) {
      out.push(known.activities);
      continue;
    }
    const activities = piece.map((row) => readActivity(row, parties, source));
    memo.of(PIECE_ACTIVITIES).set(piece, { signature, activities });
    out.push(activities);
    if ((read += piece.length) >= STEP_ROWS) return i + 1;
  }
  return pieces.length;
}

/** The activities of a piece that moved, moved from those of the piece it was. */
function movedActivities(piece: RawRow[], parties: Party[], memo: Memo): { signature: string; activities: Activity[] } | undefined {
  const origin = movedFrom(memo, piece);
  const old = origin && memo.of(PIECE_ACTIVITIES).get(origin.from);
  if (!origin || !old) return undefined;
  const activities = old.activities.map((activity, index) => moveActivity(activity, piece[index], parties));
  const moves = memo.of(MOVED_ACTIVITY_PIECES);
  moves.set(activities, { from: old.activities, delta: origin.delta });
  moves.delete(old.activities);
  const moved = { signature: old.signature, activities };
  memo.of(PIECE_ACTIVITIES).set(piece, moved);
  return moved;
}

/** Which piece of activities a moved one was, and how far it moved: rules.ts moves its findings. */
const MOVED_ACTIVITY_PIECES = slot<Activity[], { from: Activity[]; delta: number }>('moved activity pieces');

export function activitiesMovedFrom(memo: Memo, piece: Activity[]): { from: Activity[]; delta: number } | undefined {
  return memo.of(MOVED_ACTIVITY_PIECES).get(piece);
}

/** A piece's summary, and whether it was known already. */
/** A piece's summary if it is known already, for these codes. */
function knownSummary(piece: RawRow[], roles: RoleSet, memo: Memo): PieceSummary | undefined {
  const summaries = memo.of(PIECE_SUMMARIES);
  const own = summaries.get(piece);
  if (own) return own.roles === roles ? own.summary : undefined;
  // A summary counts what the rows say, not where they are: a moved piece keeps it.
  const origin = movedFrom(memo, piece);
  const known = origin && summaries.get(origin.from);
  if (known?.roles !== roles) return undefined;
  summaries.set(piece, known);
  return known.summary;
}

function summarizePiece(piece: RawRow[], source: Source, roles: RoleSet, memo: Memo): PieceSummary {
  const known = knownSummary(piece, roles, memo);
  if (known) return known;
  const summaries = memo.of(PIECE_SUMMARIES);
  const summary: PieceSummary = { codes: [], valid: [], text: [], who: [], wrappers: new Map(), separators: new Map() };
  for (let r = 0; r < piece.length; r++) {
    const reading = readRow(piece[r], source);
    for (let column = 1; column < reading.cells.length; column++) {
      const parsed = reading.cells[column];
      if (reading.who[column]) add(summary.who, column);
      // A word that is no role here (`Support` in plain RACI) is a name, not a typo: prose.
      if (parsed.kind === 'codes' && !wordsValid(parsed, roles)) add(summary.text, column);
      else if (parsed.kind === 'codes') {
        add(summary.codes, column);
        if (allValid(reading.codes[column]!, roles, memo)) add(summary.valid, column);
        const { wrapper, separator } = parsed.style;
        summary.wrappers.set(wrapper, (summary.wrappers.get(wrapper) ?? 0) + 1);
        if (separator !== undefined) summary.separators.set(separator, (summary.separators.get(separator) ?? 0) + 1);
      } else if (parsed.kind === 'text') add(summary.text, column);
    }
  }
  summaries.set(piece, { roles, summary });
  return summary;
}

function add(counts: number[], column: number): void {
  counts[column] = (counts[column] ?? 0) + 1;
}

const NAME_CELL: ParsedCell = {
  kind: 'text',
  tokens: [],
  style: { wrapper: '', separator: undefined },
  innerStart: 0,
  innerEnd: 0,
  qualifierStart: -1,
};

/** How a row's cells read; not kept (a piece keeps its summary and activities instead). */
export function readRow(row: RawRow, source: Source): RowReading {
  // One loop, no closures: every row of a first analysis is read here before V8 optimises it.
  const count = row.cells.length;
  const cells: ParsedCell[] = new Array(count);
  const who: boolean[] = new Array(count);
  const codes: (string | undefined)[] = new Array(count);
  for (let column = 0; column < count; column++) {
    const cell = row.cells[column];
    // The first column names the activity: its text is read as a name, never as codes.
    const parsed = column === 0 ? NAME_CELL : parseCell(source, cell.contentStart, cell.contentEnd);
    cells[column] = parsed;
    who[column] = column > 0 && mayBeMark(source, cell) && WHO_MARKS.test(cellText(source.slice(cell.contentStart, cell.contentEnd)));
    let run: string | undefined;
    if (parsed.kind === 'codes') {
      run = '';
      for (let t = 0; t < parsed.tokens.length; t++) run += parsed.tokens[t].code;
    }
    codes[column] = run;
  }
  return { cells, who, codes };
}

/**
 * Whether a cell's text may be one of WHO_MARKS (three characters at most). Its plain
 * text (cellText) keeps every character but blanks, emphasis markers, escaping
 * backslashes, and tags and comments (which need a `<`): a cell with no `<` and four
 * other characters is no mark, and its text is not worth reading.
 */
function mayBeMark(source: Source, cell: RawCell): boolean {
  let kept = 0;
  for (let i = cell.contentStart; i < cell.contentEnd; i++) {
    const code = source.charCodeAt(i);
    if (code === 60) return true;
    // `*`, `_`, `` ` ``, `~`, `\`, and blanks (`\s`, as cellText reads them).
    if (code === 42 || code === 95 || code === 96 || code === 126 || code === 92) continue;
    if (code <= 32 ? code >= 9 : code > 127 && /\s/.test(String.fromCharCode(code))) continue;
    if (++kept > 3) return false;
  }
  return true;
}

function readActivity(row: RawRow, parties: Party[], source: Source): Activity {
  // Kept with the model: an array of its exact length (push() leaves room for seventeen).
  let count = 0;
  for (let partyIndex = 0; partyIndex < parties.length; partyIndex++) if (row.cells[parties[partyIndex].column]) count++;
  const assignments: Assignment[] = new Array(count);
  let empty = true;
  count = 0;
  for (let partyIndex = 0; partyIndex < parties.length; partyIndex++) {
    const cell = row.cells[parties[partyIndex].column];
    if (!cell) continue;
    const parsed = parseCell(source, cell.contentStart, cell.contentEnd);
    assignments[count++] = { party: partyIndex, cell, parsed };
    if (parsed.kind !== 'empty') empty = false;
  }
  const nameCell = row.cells[0];
  const nameSource = source.slice(nameCell.contentStart, nameCell.contentEnd);
  const section = empty && (row.cells.length === 1 || /^(\*\*|__)[\s\S]+\1$/.test(nameSource.trim()));
  // cellText's answers are copies already (see detach), and its memo holds them anyway.
  const name = cellText(nameSource);
  const lower = name.toLowerCase();
  // replace() would build the key from pieces (a cons string per row, kept for the model's life).
  const key = /\s\s|[^\S ]/.test(lower) ? detach(lower.replace(/\s+/g, ' ')) : lower;
  return { name, key, row, nameCell, assignments, section };
}

/** Whether the words of a cell (`Accountable`, `Resp.`) stand for codes valid in the document. */
export function wordsValid(parsed: ParsedCell, roles: RoleSet): boolean {
  // An index loop: every cell of a first analysis comes here before V8 optimises it, and a for-of allocates per step until then.
  const tokens = parsed.tokens;
  for (let i = 0; i < tokens.length; i++) if (tokens[i].form === 'word' && !roles.codes.has(tokens[i].code)) return false;
  return true;
}

const VALID_RUNS = slot<RoleSet, Map<string, boolean>>('valid runs');

/** Whether every letter of a run of codes is valid: a handful of distinct runs, each checked once. */
function allValid(codes: string, roles: RoleSet, memo: Memo): boolean {
  const runs = memo.of(VALID_RUNS);
  let known = runs.get(roles);
  if (!known) runs.set(roles, (known = new Map()));
  let valid = known.get(codes);
  if (valid === undefined) {
    valid = [...codes].every((code) => roles.codes.has(code));
    known.set(codes, valid);
  }
  return valid;
}

function usualStyle(summaries: PieceSummary[]): CellStyle {
  // A table of one piece (most) has its piece's counts.
  if (summaries.length === 1) return { wrapper: top(summaries[0].wrappers) ?? '', separator: top(summaries[0].separators) ?? '' };
  // Added up at every version of a large table: plain loops, with nothing made per piece.
  const wrappers = new Map<string, number>();
  const separators = new Map<string, number>();
  for (let i = 0; i < summaries.length; i++) {
    summaries[i].wrappers.forEach(addCount, wrappers);
    summaries[i].separators.forEach(addCount, separators);
  }
  return { wrapper: top(wrappers) ?? '', separator: top(separators) ?? '' };
}

function addCount(this: Map<string, number>, count: number, key: string): void {
  this.set(key, (this.get(key) ?? 0) + count);
}

/** The most used; on a tie the shorter spelling wins (`RA` over `R, A`), then the first seen. */
function top(map: Map<string, number>): string | undefined {
  let best: string | undefined;
  let most = 0;
  map.forEach((count, key) => {
    if (best === undefined || count > most || (count === most && key.length < best.length)) {
      best = key;
      most = count;
    }
  });
  return best;
}

/** An activity read from a row that moved: the same reading, on the moved row's cells. */
export function moveActivity(activity: Activity, row: RawRow, parties: Party[]): Activity {
  return new MovedActivity(activity, row, parties);
}

/**
 * An activity on a moved row, its cells found when something reads them (see Row in
 * parse/tableRows.ts). Its name, key and row are its own: a spread of it keeps those, and
 * whoever spreads one sets `nameCell` and `assignments` (see withCode, cellEdit).
 */
class MovedActivity implements Activity {
  readonly name: string;
  readonly key: string;
  readonly row: RawRow;
  readonly section: boolean;
  private from: Activity | undefined;
  private readonly parties: Party[];
  private moved: Assignment[] | undefined;

  constructor(activity: Activity, row: RawRow, parties: Party[]) {
    this.name = activity.name;
    this.key = activity.key;
    this.row = row;
    this.section = activity.section;
    this.from = activity instanceof MovedActivity && activity.moved === undefined ? activity.from : activity;
    this.parties = parties;
  }

  get nameCell(): RawCell {
    return this.row.cells[0];
  }

  get assignments(): Assignment[] {
    if (this.moved === undefined) {
      this.moved = this.from!.assignments.map((a) => ({
        party: a.party,
        cell: this.row.cells[this.parties[a.party].column],
        parsed: a.parsed,
      }));
      // The activity it was is needed no more: moved again, this one is the one to move.
      this.from = undefined;
    }
    return this.moved;
  }
}

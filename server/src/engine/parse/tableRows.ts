import type { RawCell, RawRow } from '../model';

/**
 * Reads one body row of a GFM table the way micromark-extension-gfm-table does, without
 * building a syntax tree: on the large tables that make up generated pages, remark costs
 * about a hundred times more than this, in time and in garbage.
 *
 * Only for a line that starts with a pipe in column 0 and follows a table's delimiter
 * row: such a line cannot start another block, so it is a row, and a row is read from its
 * own line alone. The cells are cut at unescaped pipes (`\|` and `\\` are escapes; code
 * spans do not protect a pipe, as in GFM). Inline content is not read: the caller keeps
 * remark for a row that may hold an inline control comment. The result is what remark's
 * positions give after `readCell`, which the differential tests check.
 *
 * `end` is the end of the line's content, before its line break; `shift` is added to
 * every offset of the result (where `text` stands in the document).
 */
export function lexRow(text: string, start: number, end: number, shift = 0): RawRow {
  const pipes: number[] = [];
  // Pipes found with indexOf, which is native (a document's first rows are read before V8
  // has compiled a loop over their characters). A backslash escapes the next backslash or
  // pipe, so a pipe is escaped when an odd number of backslashes come right before it.
  for (let p = text.indexOf('|', start); p >= 0 && p < end; p = text.indexOf('|', p + 1)) {
    let slashes = 0;
    while (p - slashes > start && text.charCodeAt(p - slashes - 1) === 92 /* \ */) slashes++;
    if (slashes % 2 === 0) pipes.push(p);
  }
  // A last pipe followed by nothing but blanks closes the row; otherwise it opens a cell.
  let last = pipes.length;
  if (pipes.length > 1 && isBlankBetween(text, pipes[pipes.length - 1] + 1, end)) last--;
  // Kept with the model: an array of its exact length (push() leaves room for seventeen).
  const cells: RawCell[] = new Array(last);
  for (let k = 0; k < last; k++) {
    const cell = readCell(text, pipes[k], k + 1 < last ? pipes[k + 1] : end);
    if (shift !== 0) {
      cell.start += shift;
      cell.end += shift;
      cell.contentStart += shift;
      cell.contentEnd += shift;
    }
    cells[k] = cell;
  }
  return new Row(start + shift, end + shift, cells);
}

function isBlankBetween(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isSpace(text.charCodeAt(i))) return false;
  return true;
}

/** mdast cell positions include their pipes; the rules and fixes work on what is between them. */
export function readCell(text: string, start: number, end: number): RawCell {
  let inner = start;
  let innerEnd = end;
  if (text.charCodeAt(inner) === 124) inner++;
  // The last cell runs to the end of the line: blanks after its closing pipe are outside it.
  let trimmed = innerEnd;
  while (trimmed > inner && isSpace(text.charCodeAt(trimmed - 1))) trimmed--;
  if (trimmed > inner && text.charCodeAt(trimmed - 1) === 124 && text.charCodeAt(trimmed - 2) !== 92) innerEnd = trimmed - 1;
  let contentStart = inner;
  let contentEnd = innerEnd;
  while (contentStart < contentEnd && isSpace(text.charCodeAt(contentStart))) contentStart++;
  while (contentEnd > contentStart && isSpace(text.charCodeAt(contentEnd - 1))) contentEnd--;
  return { start: inner, end: innerEnd, contentStart, contentEnd };
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9;
}

/**
 * A table row, as read or as moved. One class for both: the code that reads rows (the
 * reader of matrices, the rules) meets one hidden class, where rows as read and rows moved
 * used to be two, and V8, having optimised that code for the first during the open of a
 * large document, threw it away at the first keystrokes that moved rows.
 *
 * A moved row shares the cells it was read with and moves them when something reads them:
 * a piece of a large table that an edit moved is read again rarely (what was concluded
 * about its rows moves with them), and the cells of thousands of rows moved at every
 * keystroke were most of the time and garbage of typing in a large table. Cells are never
 * changed once read, so sharing them is safe, and a row moved many times keeps no chain.
 */
export class Row implements RawRow {
  readonly start: number;
  readonly end: number;
  /** The cells, `shift` characters before where they are now. */
  private read: RawCell[];
  private shift: number;

  constructor(start: number, end: number, cells: RawCell[], shift = 0) {
    this.start = start;
    this.end = end;
    this.read = cells;
    this.shift = shift;
  }

  get cells(): RawCell[] {
    if (this.shift !== 0) {
      this.read = moveCells(this.read, this.shift);
      this.shift = 0;
    }
    return this.read;
  }

  /** This row `delta` characters further, its cells moved when read. */
  moved(delta: number): Row {
    return delta === 0 ? this : new Row(this.start + delta, this.end + delta, this.read, this.shift + delta);
  }
}

/** `row` `delta` characters further, its cells moved when read (see Row). */
export function moveRow(row: RawRow, delta: number): RawRow {
  if (row instanceof Row) return row.moved(delta);
  return delta === 0 ? row : new Row(row.start + delta, row.end + delta, row.cells, delta);
}

/** Cells `delta` characters further. */
function moveCells(cells: RawCell[], delta: number): RawCell[] {
  return cells.map((cell) => ({
    start: cell.start + delta,
    end: cell.end + delta,
    contentStart: cell.contentStart + delta,
    contentEnd: cell.contentEnd + delta,
  }));
}

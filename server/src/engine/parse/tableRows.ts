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
  return { start: start + shift, end: end + shift, cells };
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

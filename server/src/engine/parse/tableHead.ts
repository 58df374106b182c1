import type { ParsedBlocks, RawTable } from './markdown';
import { lexRow } from './tableRows';

/**
 * The header and delimiter rows of a table chunk (see parseTableChunk), read as
 * micromark-extension-gfm-table reads them, without remark: a remark call costs a fixed
 * fraction of a millisecond however short its text, and a documentation repository has
 * thousands of small tables. `prefix` is the chunk's first two lines (with their line
 * breaks); the header line starts with a pipe in column 0, so it can be nothing but a
 * table's header or a paragraph. Anything this does not read for certain (a delimiter
 * row that is indented, holds a tab or something other than cells of `-` and `:`, a
 * header that may hold a control comment or a NUL, a cell count that differs) gives
 * undefined, and the caller asks remark. Offsets are relative to `prefix`, shifted by `at`.
 */
export function lexTableHead(prefix: string, at: number): ParsedBlocks | undefined {
  if (prefix.includes('raci-') || prefix.includes('\0') || prefix.includes('\r')) return undefined;
  const headerEnd = prefix.indexOf('\n');
  if (headerEnd < 0) return undefined;
  const delimiterStart = headerEnd + 1;
  let delimiterEnd = prefix.indexOf('\n', delimiterStart);
  if (delimiterEnd < 0) delimiterEnd = prefix.length;
  if (prefix.charCodeAt(0) !== 124) return undefined;
  // A header of one pipe and blanks is no header (micromark wants more than one pipe or some content).
  if (/^\|[ \t]*$/.test(prefix.slice(0, headerEnd))) return undefined;
  const align = readDelimiterRow(prefix, delimiterStart, delimiterEnd);
  if (!align) return undefined;
  const header = lexRow(prefix, 0, headerEnd, at);
  if (header.cells.length !== align.length) return undefined;
  const table: RawTable = {
    start: at,
    end: at + delimiterEnd,
    align,
    rows: [header],
    pieces: [[]],
    delimiterStart: at + delimiterStart,
  };
  return { tables: [table], headings: [], comments: [] };
}

type Align = RawTable['align'][number];

/** The alignments of a delimiter row such as `| :-- | :-: | --: |`, or undefined when it is not one for certain. */
function readDelimiterRow(text: string, start: number, end: number): Align[] | undefined {
  const align: Align[] = [];
  let i = start;
  let seen = false;
  // Indented, it may be code or a lazy line: remark decides.
  if (text.charCodeAt(i) === 32) return undefined;
  if (text.charCodeAt(i) === 124) {
    seen = true;
    i++;
  }
  for (;;) {
    while (i < end && text.charCodeAt(i) === 32) i++;
    if (i >= end) break;
    let left = false;
    let right = false;
    if (text.charCodeAt(i) === 58) {
      left = true;
      seen = true;
      i++;
    }
    const dashes = i;
    while (i < end && text.charCodeAt(i) === 45) i++;
    if (i === dashes) return undefined;
    if (i < end && text.charCodeAt(i) === 58) {
      right = true;
      seen = true;
      i++;
    }
    align.push(left && right ? 'center' : left ? 'left' : right ? 'right' : null);
    while (i < end && text.charCodeAt(i) === 32) i++;
    if (i >= end) break;
    if (text.charCodeAt(i) !== 124) return undefined;
    seen = true;
    i++;
  }
  return seen && align.length > 0 ? align : undefined;
}

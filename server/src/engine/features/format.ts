import type { DocumentModel } from '../analyze';
import type { RawTable } from '../parse/markdown';
import type { Span, TextEdit } from '../model';

/**
 * Aligns the columns of every matrix (in `span`, when given): same content,
 * emphasis and alignment markers, pipes lined up. Rows keep their number of
 * cells, so a short or long row stays visible to the row-shape rule.
 */
export function formatTables(model: DocumentModel, span?: Span): TextEdit[] {
  const edits: TextEdit[] = [];
  for (const matrix of model.matrices) {
    const table = matrix.table;
    if (span && (table.end < span.start || table.start > span.end)) continue;
    edits.push(...formatTable(model, table));
  }
  return edits;
}

function formatTable(model: DocumentModel, table: RawTable): TextEdit[] {
  const { text, lines } = model;
  const headerLine = lines.lineOf(table.rows[0].start);
  const prefix = text.slice(lines.lineStarts[headerLine], table.rows[0].start);
  const rowLines = table.rows.map((row) => lines.lineOf(row.start));
  // The delimiter row is not in the tree; it is the line after the header, behind the same prefix.
  const delimiterLine = headerLine + 1;
  const delimiterText = text.slice(lines.lineStarts[delimiterLine], lines.lineEnd(delimiterLine));
  if (!delimiterText.startsWith(prefix)) return [];
  for (const [index, row] of table.rows.entries()) {
    const line = rowLines[index];
    if (text.slice(lines.lineStarts[line], row.start) !== prefix) return [];
    if (index > 0 && line !== rowLines[index - 1] + (index === 1 ? 2 : 1)) return [];
  }

  const cells = table.rows.map((row) => row.cells.map((cell) => text.slice(cell.contentStart, cell.contentEnd)));
  const columns = Math.max(...cells.map((row) => row.length));
  const widths: number[] = [];
  for (let column = 0; column < columns; column++) {
    widths.push(Math.max(3, ...cells.map((row) => (row[column] === undefined ? 0 : displayWidth(row[column])))));
  }
  const align = (column: number) => table.align[column] ?? null;
  const render = (row: string[]) => prefix + '| ' + row.map((cell, column) => pad(cell, widths[column], align(column))).join(' | ') + ' |';
  const delimiter =
    prefix +
    '| ' +
    table.rows[0].cells
      .map((_, column) => {
        const a = align(column);
        const width = widths[column];
        if (a === 'center') return ':' + '-'.repeat(width - 2) + ':';
        if (a === 'left') return ':' + '-'.repeat(width - 1);
        if (a === 'right') return '-'.repeat(width - 1) + ':';
        return '-'.repeat(width);
      })
      .join(' | ') +
    ' |';

  const edits: TextEdit[] = [];
  const replaceLine = (line: number, newText: string) => {
    const start = lines.lineStarts[line];
    const end = lines.lineEnd(line);
    if (text.slice(start, end) !== newText) edits.push({ start, end, newText });
  };
  replaceLine(headerLine, render(cells[0]));
  replaceLine(delimiterLine, delimiter);
  for (let index = 1; index < cells.length; index++) replaceLine(rowLines[index], render(cells[index]));
  return edits;
}

function pad(cell: string, width: number, align: 'left' | 'right' | 'center' | null): string {
  const space = Math.max(0, width - displayWidth(cell));
  if (align === 'right') return ' '.repeat(space) + cell;
  if (align === 'center') return ' '.repeat(space >> 1) + cell + ' '.repeat(space - (space >> 1));
  return cell + ' '.repeat(space);
}

/** Columns a string takes in a monospace editor: wide East Asian characters count two, combining marks none. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (/\p{M}/u.test(ch) || code === 0x200d || (code >= 0xfe00 && code <= 0xfe0f)) continue;
    width += isWide(code) ? 2 : 1;
  }
  return width;
}

function isWide(code: number): boolean {
  return (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    (code >= 0x1f300 && code <= 0x1faff) ||
    (code >= 0x20000 && code <= 0x3fffd)
  );
}

import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkFrontmatter from 'remark-frontmatter';
import type { Nodes, Root, Table } from 'mdast';
import { readCell } from './tableRows';
import { detach } from '../text/strings';

/**
 * What the engine needs from the Markdown syntax tree, with absolute offsets.
 * Everything else in the tree is dropped right after parsing: the model is small
 * and positions can be shifted when a chunk moves.
 */
export interface RawCell {
  /** Between the pipes (or the row's edge). */
  start: number;
  end: number;
  /** The trimmed content inside. */
  contentStart: number;
  contentEnd: number;
}

export interface RawRow {
  start: number;
  end: number;
  cells: RawCell[];
}

export interface RawTable {
  start: number;
  end: number;
  align: ('left' | 'right' | 'center' | null)[];
  /** rows[0] is the header; the delimiter row is not a row in mdast. */
  rows: RawRow[];
  /**
   * The body rows (rows[1] on), in pieces. A table read by `parseTableChunk` comes in
   * pieces of a few dozen rows, and a piece the edit did not touch is the same
   * array from one version to the next: what is concluded about a piece is kept by its
   * identity, so an edit of one cell costs a piece, not the table. Other tables are one piece.
   */
  pieces: RawRow[][];
  /** Offset where the delimiter row starts. */
  delimiterStart: number;
}

export interface RawHeading {
  start: number;
  end: number;
  depth: number;
  text: string;
}

export interface RawComment {
  start: number;
  end: number;
  value: string;
}

export interface ParsedBlocks {
  tables: RawTable[];
  headings: RawHeading[];
  comments: RawComment[];
  /** Chunks left unparsed because a row in them is wider than MAX_COLUMNS. */
  skipped?: { start: number; end: number }[];
  frontMatter?: { start: number; end: number; value: string };
}

const withFrontMatter = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']);
const plain = unified().use(remarkParse).use(remarkGfm);

/** Parses one chunk; offsets in the result are relative to the chunk's start (after a leading BOM). */
export function parseChunk(source: string, first: boolean): ParsedBlocks {
  const tree = (first ? withFrontMatter : plain).parse(source) as Root;
  // micromark drops one leading BOM (only one) and counts offsets from after it.
  const text = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  const blocks: ParsedBlocks = { tables: [], headings: [], comments: [] };
  visit(tree, text, blocks);
  return blocks;
}

function visit(node: Nodes, text: string, blocks: ParsedBlocks): void {
  switch (node.type) {
    case 'table':
      blocks.tables.push(readTable(node, text));
      for (const row of node.children) for (const cell of row.children) for (const child of cell.children) visit(child, text, blocks);
      return;
    case 'heading': {
      const { start, end } = offsets(node);
      blocks.headings.push({ start, end, depth: node.depth, text: detach(headingText(text.slice(start, end))) });
      break;
    }
    case 'html': {
      const { start, end } = offsets(node);
      if (node.value.includes('raci-')) blocks.comments.push({ start, end, value: detach(node.value) });
      return;
    }
    case 'yaml': {
      const { start, end } = offsets(node);
      blocks.frontMatter = { start, end, value: detach(node.value) };
      return;
    }
    case 'code':
    case 'inlineCode':
    case 'text':
      return;
  }
  if ('children' in node) for (const child of node.children) visit(child as Nodes, text, blocks);
}

function readTable(node: Table, text: string): RawTable {
  const rows: RawRow[] = node.children.map((row) => {
    const { start, end } = offsets(row);
    const cells = row.children.map((cell) => {
      const { start, end } = offsets(cell);
      return readCell(text, start, end);
    });
    return { start, end, cells };
  });
  const headerEnd = rows[0].end;
  const afterHeader = text.indexOf('\n', headerEnd);
  const { start, end } = offsets(node);
  return {
    start,
    end,
    align: node.align ?? [],
    rows,
    pieces: [rows.slice(1)],
    delimiterStart: afterHeader < 0 ? headerEnd : afterHeader + 1,
  };
}

function offsets(node: Nodes): { start: number; end: number } {
  return { start: node.position?.start.offset ?? 0, end: node.position?.end.offset ?? 0 };
}

function headingText(source: string): string {
  const firstLine = source.split(/\r?\n|\r/)[0];
  return firstLine
    .replace(/^\s{0,3}#{1,6}\s*/, '')
    .replace(/\s+#+\s*$/, '')
    .replace(/[*_`]/g, '')
    .trim();
}

/** Moves a chunk's blocks to absolute offsets. */
export function shiftBlocks(blocks: ParsedBlocks, delta: number): ParsedBlocks {
  if (delta === 0) return blocks;
  const span = <T extends { start: number; end: number }>(s: T): T => ({ ...s, start: s.start + delta, end: s.end + delta });
  // Literals of the lexer's shape, not spreads: V8 gives a spread copy a hidden class of
  // its own, and code that met both kinds of rows was optimised late and deoptimised.
  const row = (r: RawRow): RawRow => ({
    start: r.start + delta,
    end: r.end + delta,
    cells: r.cells.map((cell) => ({
      start: cell.start + delta,
      end: cell.end + delta,
      contentStart: cell.contentStart + delta,
      contentEnd: cell.contentEnd + delta,
    })),
  });
  return {
    tables: blocks.tables.map((table) => {
      const pieces = table.pieces.map((piece) => piece.map(row));
      const rows = [row(table.rows[0])];
      for (const piece of pieces) for (const moved of piece) rows.push(moved);
      return { ...span(table), delimiterStart: table.delimiterStart + delta, rows, pieces };
    }),
    headings: blocks.headings.map(span),
    comments: blocks.comments.map(span),
    frontMatter: blocks.frontMatter && span(blocks.frontMatter),
    skipped: blocks.skipped?.map(span),
  };
}

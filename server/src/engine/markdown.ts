import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkFrontmatter from 'remark-frontmatter';
import type { Nodes, Root, Table } from 'mdast';
import type { Chunk } from './chunks';

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
      blocks.headings.push({ start, end, depth: node.depth, text: headingText(text.slice(start, end)) });
      break;
    }
    case 'html': {
      const { start, end } = offsets(node);
      if (node.value.includes('raci-')) blocks.comments.push({ start, end, value: node.value });
      return;
    }
    case 'yaml': {
      const { start, end } = offsets(node);
      blocks.frontMatter = { start, end, value: node.value };
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
    const cells = row.children.map((cell) => readCell(offsets(cell), text));
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
    delimiterStart: afterHeader < 0 ? headerEnd : afterHeader + 1,
  };
}

/** mdast cell positions include their pipes; the rules and fixes work on what is between them. */
function readCell({ start, end }: { start: number; end: number }, text: string): RawCell {
  let inner = start;
  let innerEnd = end;
  if (text[inner] === '|') inner++;
  // The last cell runs to the end of the line: blanks after its closing pipe are outside it.
  let end2 = innerEnd;
  while (end2 > inner && isSpace(text.charCodeAt(end2 - 1))) end2--;
  if (end2 > inner && text[end2 - 1] === '|' && text[end2 - 2] !== '\\') innerEnd = end2 - 1;
  let contentStart = inner;
  let contentEnd = innerEnd;
  while (contentStart < contentEnd && isSpace(text.charCodeAt(contentStart))) contentStart++;
  while (contentEnd > contentStart && isSpace(text.charCodeAt(contentEnd - 1))) contentEnd--;
  return { start: inner, end: innerEnd, contentStart, contentEnd };
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9;
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
  return {
    tables: blocks.tables.map((table) => ({
      ...span(table),
      delimiterStart: table.delimiterStart + delta,
      rows: table.rows.map((row) => ({
        ...span(row),
        cells: row.cells.map((cell) => ({
          start: cell.start + delta,
          end: cell.end + delta,
          contentStart: cell.contentStart + delta,
          contentEnd: cell.contentEnd + delta,
        })),
      })),
    })),
    headings: blocks.headings.map(span),
    comments: blocks.comments.map(span),
    frontMatter: blocks.frontMatter && span(blocks.frontMatter),
    skipped: blocks.skipped?.map(span),
  };
}

/** Rows per piece of a large table: an edit re-parses one piece, not the whole table. */
const PIECE_ROWS = 16;

/** Parses of chunks by their text, at the offset where they stood last time. */
export type ChunkCache = Map<string, { at: number; blocks: ParsedBlocks }>;

/**
 * Parses a whole document through its chunks, reusing the parses of unchanged
 * chunks; a chunk that did not move is reused as the very same objects, so what is
 * cached downstream by identity stays valid.
 */
export function parseDocument(text: string, chunks: Chunk[], cache?: ChunkCache, next?: ChunkCache): ParsedBlocks {
  return drain(parseDocumentSteps(text, chunks, cache, next));
}

/** The same, one step per chunk parsed, so a caller can yield to its event loop in between. */
export function* parseDocumentSteps(text: string, chunks: Chunk[], cache?: ChunkCache, next?: ChunkCache): Generator<void, ParsedBlocks> {
  const all: ParsedBlocks = { tables: [], headings: [], comments: [] };
  for (const chunk of chunks) {
    // micromark drops one leading BOM and counts offsets without it: count it back.
    const bom = chunk.start === 0 && text.charCodeAt(0) === 0xfeff ? 1 : 0;
    const at = chunk.start + bom;
    const source = text.slice(chunk.start, chunk.end);
    const key = chunk.first ? '\u0000' + source : source;
    const known = cache?.get(key) ?? next?.get(key);
    const blocks = known
      ? shiftBlocks(known.blocks, at - known.at)
      : hasHugeRow(source)
        ? { tables: [], headings: [], comments: [], skipped: [{ start: at, end: chunk.end }] }
        : ((yield* parseLargeTable(source, at, cache, next)) ?? shiftBlocks(parseChunk(source, chunk.first), at));
    next?.set(key, { at, blocks });
    if (!known) yield;
    all.tables.push(...blocks.tables);
    all.headings.push(...blocks.headings);
    all.comments.push(...blocks.comments);
    if (blocks.skipped) (all.skipped ??= []).push(...blocks.skipped);
    if (blocks.frontMatter) all.frontMatter = blocks.frontMatter;
  }
  return all;
}

/**
 * A row this wide is generated data, not a table someone edits: remark-gfm takes
 * seconds on a 20,000-column row (a 1 MB cell is no problem), so its chunk is skipped.
 */
export const MAX_COLUMNS = 1_000;

function hasHugeRow(source: string): boolean {
  let pipes = 0;
  for (let i = 0; i < source.length; i++) {
    const code = source.charCodeAt(i);
    if (code === 10 || code === 13) pipes = 0;
    else if (code === 124 && ++pipes > MAX_COLUMNS) return true;
  }
  return false;
}

export function drain<T>(steps: Generator<void, T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * A chunk that is one large table (every line after the header and delimiter
 * starts with a pipe, so each is a row of it) is parsed in pieces: the header and
 * delimiter, then PIECE_ROWS rows at a time, each piece cached by its text. GFM
 * reads a row from its own line only, so the pieces make the same table. Anything
 * unexpected returns undefined and the chunk is parsed whole.
 */
function* parseLargeTable(source: string, at: number, cache?: ChunkCache, next?: ChunkCache): Generator<void, ParsedBlocks | undefined> {
  if (source.charCodeAt(0) !== 124 /* | */) return undefined;
  const lineStarts = [0];
  for (let i = source.indexOf('\n'); i >= 0 && i < source.length - 1; i = source.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  let bodyLines = lineStarts.length;
  const lineText = (line: number) => source.slice(lineStarts[line], line + 1 < lineStarts.length ? lineStarts[line + 1] : source.length);
  while (bodyLines > 2 && /^[ \t\r\n]*$/.test(lineText(bodyLines - 1))) bodyLines--;
  if (bodyLines < 2 + PIECE_ROWS * 2 || source.includes('\r\r') || /\r(?!\n)/.test(source)) return undefined;
  for (let line = 2; line < bodyLines; line++) if (source.charCodeAt(lineStarts[line]) !== 124) return undefined;

  const prefix = source.slice(0, lineStarts[2]);
  const table: RawTable = { start: at, end: at, align: [], rows: [], delimiterStart: at };
  const comments: RawComment[] = [];
  for (let line = 2; line < bodyLines; line += PIECE_ROWS) {
    const pieceStart = lineStarts[line];
    const last = Math.min(line + PIECE_ROWS, bodyLines);
    const pieceEnd = last < lineStarts.length ? lineStarts[last] : source.length;
    const pieceText = prefix + source.slice(pieceStart, pieceEnd);
    // Pieces are kept where they stood (absolute offsets): one that did not move is
    // reused as the same row objects, which is what the row caches downstream key on.
    const delta = at + pieceStart - prefix.length;
    const key = '\u0001' + pieceText;
    const known = cache?.get(key) ?? next?.get(key);
    const piece = known ? shiftBlocks(known.blocks, delta - known.at) : shiftBlocks(parseChunk(pieceText, false), delta);
    next?.set(key, { at: delta, blocks: piece });
    if (!known) yield;
    const [parsed] = piece.tables;
    if (piece.tables.length !== 1 || parsed.start !== delta || parsed.rows.length !== 1 + last - line) return undefined;
    if (line === 2) {
      // In the first piece the prefix is the document's own header and delimiter.
      table.rows.push(parsed.rows[0]);
      table.align = parsed.align;
      table.delimiterStart = parsed.delimiterStart;
    }
    for (let i = 1; i < parsed.rows.length; i++) table.rows.push(parsed.rows[i]);
    table.end = parsed.end;
    for (const comment of piece.comments) if (line === 2 || comment.start >= delta + prefix.length) comments.push(comment);
  }
  return { tables: [table], headings: [], comments };
}

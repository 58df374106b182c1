import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkFrontmatter from 'remark-frontmatter';
import type { Nodes, Root, Table } from 'mdast';
import type { Chunk } from './chunks';
import { lexRow, readCell } from './tableRows';
import { detach } from './strings';

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

/**
 * Rows read, summarised or checked between two steps of an analysis: a few ms of work,
 * so that a server running the steps in slices answers a request without a wait.
 */
export const STEP_ROWS = 128;


/** Parses by their text, at the offset where they stood last time. */
export type ChunkCache = Map<string, { at: number; blocks: ParsedBlocks }>;

/**
 * Chunks by their text (a key is a slice of the document, with no prefix: a prefixed
 * key is a copy of the text to hash, and the key of a one-table document is the whole
 * document), and the pieces each table chunk was read in, by where the chunk starts.
 */
export interface ParseCache {
  chunks: ChunkCache;
  runs: Map<number, PieceEntry[]>;
}

/** A piece of a table chunk as it was read: its text, where it stood, what it gave. */
export interface PieceEntry {
  text: string;
  at: number;
  rows: RawRow[];
  comments: RawComment[];
}

/**
 * A piece that an edit moved (the text after it got longer or shorter) is a new array
 * of new rows, shifted; this says which piece it was and by how much it moved, so that
 * what was concluded about the old piece can be moved with it instead of redone.
 */
const movedPieces = new WeakMap<RawRow[], { from: RawRow[]; delta: number }>();

export function movedFrom(piece: RawRow[]): { from: RawRow[]; delta: number } | undefined {
  return movedPieces.get(piece);
}

/**
 * Parses a whole document through its chunks, reusing the parses of unchanged
 * chunks; a chunk that did not move is reused as the very same objects, so what is
 * cached downstream by identity stays valid.
 */
export function parseDocument(text: string, chunks: Chunk[], cache?: ParseCache, next?: ParseCache): ParsedBlocks {
  return drain(parseDocumentSteps(text, chunks, cache, next));
}

/** The same, one step per chunk parsed, so a caller can yield to its event loop in between. */
export function* parseDocumentSteps(
  text: string,
  chunks: Chunk[],
  cache?: ParseCache,
  next?: ParseCache,
  lineStarts?: number[],
): Generator<void, ParsedBlocks> {
  const all: ParsedBlocks = { tables: [], headings: [], comments: [] };
  for (const chunk of chunks) {
    // micromark drops one leading BOM and counts offsets without it: count it back.
    const bom = chunk.start === 0 && text.charCodeAt(0) === 0xfeff ? 1 : 0;
    const at = chunk.start + bom;
    const source = text.slice(chunk.start, chunk.end);
    // Front matter is read in the first chunk only: the same text elsewhere is another parse.
    const key = chunk.first && /^\uFEFF?---/.test(source) ? '\u0000' + source : source;
    const known = cache?.chunks.get(key) ?? next?.chunks.get(key);
    const blocks = known
      ? shiftBlocks(known.blocks, at - known.at)
      : hasHugeRow(source)
        ? { tables: [], headings: [], comments: [], skipped: [{ start: at, end: chunk.end }] }
        : ((yield* parseTableChunk(source, at, cache, next, bom === 0 && lineStarts ? chunkLineStarts(lineStarts, chunk) : undefined)) ??
          shiftBlocks(parseChunk(source, chunk.first), at));
    next?.chunks.set(key, { at, blocks });
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
  // Only a line longer than MAX_COLUMNS can have more pipes: the others are skipped whole.
  for (let start = 0; start < source.length; ) {
    let end = source.indexOf('\n', start);
    if (end < 0) end = source.length;
    if (end - start > MAX_COLUMNS) {
      let pipes = 0;
      for (let i = start; i < end; i++) {
        const code = source.charCodeAt(i);
        if (code === 13) pipes = 0;
        else if (code === 124 && ++pipes > MAX_COLUMNS) return true;
      }
    }
    start = end + 1;
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
 * A chunk that is one table (every line after the header and delimiter starts with a
 * pipe, so each is a row of it) is read without remark but for its first two lines:
 * GFM reads a body row from its own line, and `lexRow` reads it as micromark does. Rows
 * come in pieces (see pieceEnd); a piece the edit did not touch is found again and is
 * the same array of the same rows, which is what the caches downstream key on. A piece
 * that may hold an inline control comment is parsed with remark, under the table's
 * header. Anything unexpected returns undefined and the chunk is parsed whole.
 */
function* parseTableChunk(source: string, at: number, cache?: ParseCache, next?: ParseCache, lines?: number[]): Generator<void, ParsedBlocks | undefined> {
  if (source.charCodeAt(0) !== 124 /* | */) return undefined;
  const lineStarts = lines ?? localLineStarts(source);
  const contentEnd = (line: number) => {
    let end = line + 1 < lineStarts.length ? lineStarts[line + 1] : source.length;
    if (end > lineStarts[line] && source.charCodeAt(end - 1) === 10) end--;
    if (end > lineStarts[line] && source.charCodeAt(end - 1) === 13) end--;
    return end;
  };
  let bodyLines = lineStarts.length;
  while (bodyLines > 2 && isBlankLine(source, lineStarts[bodyLines - 1], contentEnd(bodyLines - 1))) bodyLines--;
  if (bodyLines < 3 || (source.includes('\r') && /\r(?!\n)/.test(source))) return undefined;
  for (let line = 2; line < bodyLines; line++) if (source.charCodeAt(lineStarts[line]) !== 124) return undefined;

  const prefix = source.slice(0, lineStarts[2]);
  const head = cachedParse(prefix, at, cache?.chunks, next?.chunks, () => shiftBlocks(parseChunk(prefix, false), at));
  const [headTable] = head.blocks.tables;
  if (head.blocks.tables.length !== 1 || headTable.start !== at || headTable.rows.length !== 1) return undefined;
  if (!head.known) yield;
  const table: RawTable = { ...headTable, rows: [headTable.rows[0]], pieces: [] };
  const comments: RawComment[] = [...head.blocks.comments];
  const previous = cache?.runs.get(at) ?? next?.runs.get(at);
  const entries: PieceEntry[] = [];
  next?.runs.set(at, entries);
  const state: PieceReader = { source, at, prefix, lineStarts, bodyLines, contentEnd, previous, matched: 0, entries, line: 2, table, comments };
  for (;;) {
    const status = readPieces(state);
    if (status === 'failed') return undefined;
    if (status === 'done') break;
    yield;
  }
  table.end = table.rows[table.rows.length - 1].end;
  return { tables: [table], headings: [], comments };
}

interface PieceReader {
  source: string;
  at: number;
  prefix: string;
  lineStarts: number[];
  bodyLines: number;
  contentEnd: (line: number) => number;
  /** The pieces this chunk was read in last time, and how many of them were passed. */
  previous?: PieceEntry[];
  matched: number;
  entries: PieceEntry[];
  /** The first line not read yet. */
  line: number;
  table: RawTable;
  comments: RawComment[];
}

/** Pieces have between MIN and MAX_PIECE_ROWS rows; where one ends depends on its rows (see pieceEnd). */
const MIN_PIECE_ROWS = 4;
const MAX_PIECE_ROWS = 40;

/**
 * Where the piece starting at `line` ends. The cut falls after a row whose length is a
 * multiple of 16 (one row in 16, at random as far as tables go), not every N rows: an
 * inserted or deleted row then changes its own piece, and every other piece keeps its
 * text and is found again, where a fixed count would shift every later boundary.
 */
function pieceEnd(state: PieceReader, line: number): number {
  const { lineStarts, bodyLines, contentEnd } = state;
  const limit = Math.min(line + MAX_PIECE_ROWS, bodyLines);
  for (let end = line + MIN_PIECE_ROWS; end < limit; end++) {
    if (((contentEnd(end - 1) - lineStarts[end - 1]) & 15) === 0) return end;
  }
  return limit;
}

/**
 * Reads pieces of a table chunk until a step's worth of new rows was read. Each piece
 * is compared with the pieces of last time, in order (a string comparison, cheaper than
 * hashing every piece): the same text at the same place is the same rows, the same text
 * moved is the same rows shifted, anything else is read. A plain function, not part of
 * the generator: V8 optimises a hot loop in a generator late, and this one runs over
 * hundreds of pieces per edit of a large table.
 */
function readPieces(state: PieceReader): 'more' | 'done' | 'failed' {
  const { source, at, prefix, lineStarts, bodyLines, contentEnd, previous, entries, table, comments } = state;
  let fresh = 0;
  for (let line = state.line; line < bodyLines; ) {
    const last = pieceEnd(state, line);
    const pieceStart = lineStarts[line];
    const pieceText = source.slice(pieceStart, last < lineStarts.length ? lineStarts[last] : source.length);
    let entry: PieceEntry | undefined;
    for (let q = state.matched; previous && q < Math.min(state.matched + 3, previous.length); q++) {
      const old = previous[q];
      if (old.text.length !== pieceText.length || old.text !== pieceText) continue;
      state.matched = q + 1;
      const delta = at + pieceStart - old.at;
      // The entry's text becomes this version's slice: a view into an older text would keep it alive.
      if (delta === 0) entry = { text: pieceText, at: old.at, rows: old.rows, comments: old.comments };
      else {
        const moved = shiftBlocks(asBlocks(old.rows, old.comments), delta);
        entry = { text: pieceText, at: at + pieceStart, rows: moved.tables[0].pieces[0], comments: moved.comments };
        movedPieces.set(entry.rows, { from: old.rows, delta });
        // Only the last move matters: a longer chain would keep every older version's rows.
        movedPieces.delete(old.rows);
      }
      break;
    }
    const known = entry !== undefined;
    if (!entry) {
      const read = pieceText.includes('raci-')
        ? shiftBlocks(parseUnderHeader(prefix, pieceText), at + pieceStart)
        : lexPiece(source, lineStarts, line, last, contentEnd, at);
      const rows = read.tables[0]?.pieces[0];
      if (!rows || rows.length !== last - line) return 'failed';
      entry = { text: pieceText, at: at + pieceStart, rows, comments: read.comments };
    }
    entries.push(entry);
    for (const row of entry.rows) table.rows.push(row);
    table.pieces.push(entry.rows);
    for (const comment of entry.comments) comments.push(comment);
    line = last;
    // A step every few hundred rows read: a large table's first reading takes tens of ms.
    if (!known && ((fresh += entry.rows.length) >= STEP_ROWS || pieceText.includes('raci-')) && line < bodyLines) {
      state.line = line;
      return 'more';
    }
  }
  return 'done';
}

/** Rows (and the comments among them) as parsed blocks, for shiftBlocks. */
function asBlocks(rows: RawRow[], comments: RawComment[]): ParsedBlocks {
  return { tables: [{ start: 0, end: 0, align: [], rows: [rows[0], ...rows], pieces: [rows], delimiterStart: 0 }], headings: [], comments };
}

/** Where each line of `source` starts (line breaks are LF or CRLF here: a lone CR makes the caller give up). */
function localLineStarts(source: string): number[] {
  const starts = [0];
  for (let i = source.indexOf('\n'); i >= 0 && i < source.length - 1; i = source.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** The document's line starts that fall in a chunk, relative to the chunk: no second scan of its text. */
function chunkLineStarts(documentStarts: number[], chunk: Chunk): number[] {
  const starts: number[] = [];
  for (let line = chunk.line; line < documentStarts.length && documentStarts[line] < chunk.end; line++) starts.push(documentStarts[line] - chunk.start);
  return starts;
}

/** A parse kept in the chunk cache, moved to `at`; `parse` gives it at `at`. */
function cachedParse(key: string, at: number, cache: ChunkCache | undefined, next: ChunkCache | undefined, parse: () => ParsedBlocks) {
  const known = cache?.get(key) ?? next?.get(key);
  const blocks = known ? shiftBlocks(known.blocks, at - known.at) : parse();
  next?.set(key, { at, blocks });
  return { blocks, known: known !== undefined };
}

/** The rows of a piece (a table of rows only), at absolute offsets: `at` is where the chunk starts. */
function lexPiece(source: string, lineStarts: number[], from: number, to: number, contentEnd: (line: number) => number, at: number): ParsedBlocks {
  const rows: RawRow[] = [];
  for (let line = from; line < to; line++) rows.push(lexRow(source, lineStarts[line], contentEnd(line), at));
  return asBlocks(rows, []);
}

/** A piece read by remark under the table's header; relative to the piece, header dropped. */
function parseUnderHeader(prefix: string, pieceText: string): ParsedBlocks {
  const parsed = shiftBlocks(parseChunk(prefix + pieceText, false), -prefix.length);
  const [table] = parsed.tables;
  if (parsed.tables.length !== 1 || table.start !== -prefix.length) return { tables: [], headings: [], comments: [] };
  return {
    tables: [{ ...table, rows: table.rows, pieces: [table.rows.slice(1)] }],
    headings: [],
    comments: parsed.comments.filter((comment) => comment.start >= 0),
  };
}

function isBlankLine(source: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const code = source.charCodeAt(i);
    if (code !== 32 && code !== 9) return false;
  }
  return true;
}

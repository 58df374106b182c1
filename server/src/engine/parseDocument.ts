import type { Chunk } from './chunks';
import { parseChunk, shiftBlocks, type ParsedBlocks, type RawComment, type RawRow } from './markdown';
import { parseTableChunk } from './tableChunks';

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
 * Parses a whole document through its chunks, reusing the parses of unchanged
 * chunks; a chunk that did not move is reused as the very same objects, so what is
 * cached downstream by identity stays valid. One step per chunk parsed, so a caller can yield to its event loop in between. */
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

/** The document's line starts that fall in a chunk, relative to the chunk: no second scan of its text. */
function chunkLineStarts(documentStarts: number[], chunk: Chunk): number[] {
  const starts: number[] = [];
  for (let line = chunk.line; line < documentStarts.length && documentStarts[line] < chunk.end; line++) starts.push(documentStarts[line] - chunk.start);
  return starts;
}

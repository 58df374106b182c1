import type { Chunk } from '../parse/chunks';
import { parseChunk, shiftBlocks, type ParsedBlocks } from '../parse/markdown';
import { computeLineStarts, type LineStarts } from '../text/positions';
import { parseTableChunk } from './tableChunks';
import { noteMovedTable } from './tableCache';
import { flatten, sameText, subSource, type Source } from '../text/source';
import type { Memo } from './memo';
import type { ChunkEntry, ChunkParse, ParseCache } from './parseCache';

export type { ChunkCache, ParseCache, PieceEntry } from './parseCache';

/**
 * Parses a whole document through its chunks, reusing the parses of unchanged
 * chunks; a chunk that did not move is reused as the very same objects, so what is
 * cached downstream by identity stays valid. One step per chunk parsed, so a caller can yield to its event loop in between. */
export function* parseDocumentSteps(
  text: Source,
  chunks: Chunk[],
  cache?: ParseCache,
  next?: ParseCache,
  lineStarts?: LineStarts,
): Generator<void, ParsedBlocks> {
  const all: ParsedBlocks = { tables: [], headings: [], comments: [] };
  const previous = cache?.order;
  let matched = 0;
  const order: ChunkEntry[] = [];
  if (next) next.order = order;
  for (const chunk of chunks) {
    // micromark drops one leading BOM and counts offsets without it: count it back.
    const bom = chunk.start === 0 && text.charCodeAt(0) === 0xfeff ? 1 : 0;
    const at = chunk.start + bom;
    const source = subSource(text, chunk.start, chunk.end);
    // Front matter is read in the first chunk only: the same text elsewhere is another parse,
    // told apart by the flag kept with it (not by a prefixed key: that is a copy to hash).
    const frontMatter = chunk.first && /^\uFEFF?---/.test(source.slice(0, Math.min(4, source.length)));
    const key = source;
    // The chunks of last time, in order, are compared first: comparing two texts is a
    // fraction of the cost of hashing one, and hashing every chunk of a large document
    // at every edit is not. The map is for chunks that moved further.
    let known: ChunkParse | undefined;
    for (let q = matched; previous && q < Math.min(matched + 3, previous.length); q++) {
      const old = previous[q];
      if (old.key.length !== key.length || !sameText(old.key, key) || old.frontMatter !== frontMatter) continue;
      known = old;
      matched = q + 1;
      break;
    }
    const inOrder = known !== undefined;
    if (typeof key === 'string') known ??= cache?.chunks.get(key) ?? next?.chunks.get(key);
    if (known && (known.frontMatter ?? false) !== frontMatter) known = undefined;
    let blocks: ParsedBlocks;
    if (known) {
      blocks = shiftKnown(known.blocks, at - known.at, next?.memo);
      // A table chunk's pieces go along to the next version, which compares its pieces with
      // them: without them, an edit after a version that left the table alone (an edit
      // elsewhere, or an undo) would read all its rows again. Not when the
      // chunk moved: the pieces are the old rows, and kept beside the moved ones they doubled
      // the table in memory; the next edit in it reads its rows again.
      const run = at === known.at ? (cache?.runs.get(at) ?? next?.runs.get(at)) : undefined;
      if (run) next?.runs.set(at, run);
    } else {
      const starts = bom === 0 && lineStarts ? chunkLineStarts(lineStarts, chunk) : undefined;
      blocks = hasHugeRow(source, starts ?? computeLineStarts(flatten(source)))
        ? { tables: [], headings: [], comments: [], skipped: [{ start: at, end: chunk.end }] }
        : ((yield* parseTableChunk(source, at, cache, next, starts)) ?? shiftBlocks(parseChunk(flatten(source), chunk.first), at));
    }
    if (!inOrder && typeof key === 'string') next?.chunks.set(key, { at, blocks, frontMatter });
    order.push({ key, at, blocks, frontMatter });
    if (!known) yield;
    all.tables.push(...blocks.tables);
    all.headings.push(...blocks.headings);
    all.comments.push(...blocks.comments);
    if (blocks.skipped) (all.skipped ??= []).push(...blocks.skipped);
    if (blocks.frontMatter) all.frontMatter = blocks.frontMatter;
  }
  return all;
}

/** Known blocks, moved; each moved table remembers which one it was (see noteMovedTable). */
function shiftKnown(blocks: ParsedBlocks, delta: number, memo: Memo | undefined): ParsedBlocks {
  const moved = shiftBlocks(blocks, delta);
  if (moved !== blocks && memo) moved.tables.forEach((table, i) => noteMovedTable(memo, table, blocks.tables[i]));
  return moved;
}

/**
 * A row this wide is generated data, not a table someone edits: remark-gfm's time grows
 * faster than the number of columns (a long cell is no problem), so its chunk is skipped.
 */
export const MAX_COLUMNS = 1_000;

function hasHugeRow(source: Source, lineStarts: LineStarts): boolean {
  // Only a line longer than MAX_COLUMNS can have more pipes: the others are skipped whole.
  for (let line = 0; line < lineStarts.length; line++) {
    const start = lineStarts[line];
    const end = line + 1 < lineStarts.length ? lineStarts[line + 1] : source.length;
    if (end - start <= MAX_COLUMNS) continue;
    let pipes = 0;
    for (let i = start; i < end; i++) {
      const code = source.charCodeAt(i);
      if (code === 13) pipes = 0;
      else if (code === 124 && ++pipes > MAX_COLUMNS) return true;
    }
  }
  return false;
}

/** The document's line starts that fall in a chunk, relative to the chunk: no second scan of its text. */
function chunkLineStarts(documentStarts: LineStarts, chunk: Chunk): LineStarts {
  let end = chunk.line;
  while (end < documentStarts.length && documentStarts[end] < chunk.end) end++;
  const starts = documentStarts.slice(chunk.line, end);
  for (let i = 0; i < starts.length; i++) starts[i] -= chunk.start;
  return starts;
}

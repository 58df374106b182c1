import type { Chunk } from '../parse/chunks';
import { parseChunk, shiftBlocks, shiftBlocksLazily, type ParsedBlocks } from '../parse/markdown';
import { computeLineStarts, firstFrom, type LineStarts } from '../text/positions';
import { isFencedCode, mayHoldHeading, mayHoldTable, readFrontMatter, readHeadingChunk, type ChunkParser } from '../parse/prose';
import { parseTableChunk, type Unchanged } from './tableChunks';
import { listMarkerEnd } from '../parse/blockMarkers';
import { flatten, sameText, subSource, type Source } from '../text/source';
import type { ChunkEntry, ChunkParse, ParseCache } from './parseCache';

export type { ChunkCache, ParseCache, PieceEntry } from './parseCache';

export interface ParseOptions {
  /** The parser of chunks (parseChunk); tests count its calls. */
  parse?: ChunkParser;
  /** Parse every chunk, prose too: the reference the prose scan is tested against. */
  parseProse?: boolean;
  /**
   * Which chunks are the last version's (ChunkScan.kept), when `chunks` is a scan again of
   * the chunks that `cache` was parsed from: those are taken without comparing their text.
   */
  kept?: { head: number; tail: number };
  /** What the edit since `cache`'s version left alone (see parseTableChunk). */
  unchanged?: Unchanged;
  /**
   * The reference the chunked parse is tested against: one chunk, parsed whole, with no
   * part skipped (the caller cuts out what a chunked parse skips: see skippedAsChunked).
   */
  wholeDocument?: boolean;
  /**
   * `false`: no later version is parsed from this one (a one-shot analysis, as raci-lint's):
   * chunks are not filed by their text, which is hashing every chunk of the document.
   */
  keep?: boolean;
}

/**
 * Parses a whole document through its chunks, reusing the parses of unchanged
 * chunks; a chunk that did not move is reused as the very same objects, so what is
 * cached downstream by identity stays valid. One step per chunk parsed, so a caller can yield to its event loop in between.
 *
 * A chunk that cannot hold a table (see mayHoldTable) and has no control comment is not
 * parsed: from prose the analysis needs only the heading above a matrix, and those are
 * read (by parsing the chunks above, nearest first) when a chunk with a table comes.
 * Parsing prose with remark was most of the time spent on a documentation repository.
 */
export function* parseDocumentSteps(
  text: Source,
  chunks: Chunk[],
  cache?: ParseCache,
  next?: ParseCache,
  lineStarts?: LineStarts,
  options: ParseOptions = {},
): Generator<void, ParsedBlocks> {
  const parse = options.parse ?? parseChunk;
  const all: ParsedBlocks = { tables: [], headings: [], comments: [] };
  // The last version's chunks, read in its text (a chunk entry keeps only where it stood).
  const previousText = cache?.text;
  const previous = previousText === undefined ? undefined : cache?.order;
  // The chunks before the change and after it, as the scan says: the last version's, in order.
  const kept =
    previous && cache?.blocks && options.kept && options.kept.head + options.kept.tail <= Math.min(chunks.length, previous.length)
      ? options.kept
      : undefined;
  const tailFrom = kept ? chunks.length - kept.tail : chunks.length;
  // Those before the change are the last version's entries and blocks, as they were: taken in
  // one slice, not chunk by chunk (a keystroke in a document of thousands of chunks passed
  // over every one of them). So are those after it when the edit moved nothing.
  const order: ChunkEntry[] = kept ? previous!.slice(0, kept.head) : [];
  if (next) {
    next.order = order;
    next.text = text;
  }
  let matched = order.length;
  if (kept) takeBlocks(all, cache!.blocks!, 0, kept.head < chunks.length ? chunks[kept.head].start : text.length);
  const sameLength = previousText?.length === text.length;
  let index = order.length;
  for (; index < chunks.length; index++) {
    const first = chunks[index];
    if (index === tailFrom && sameLength && !headingsAboveUnread(order)) {
      // The rest is the last version's, where it was, and no table in it needs a heading
      // from a chunk the edit changed (with a chunk above left unread, one may: see readHeadingsAbove).
      for (let q = previous!.length - kept!.tail; q < previous!.length; q++) order.push(previous![q]);
      takeBlocks(all, cache!.blocks!, first.start, text.length);
      break;
    }
    if (index >= tailFrom && !sameLength && !options.parseProse) {
      // The rest is the last version's, moved: taken as it was, up to a chunk that needs more.
      index = takeMovedTail(chunks, index, previous!, order, all);
      if (index === chunks.length) break;
    }
    const chunk = chunks[index];
    // micromark drops one leading BOM and counts offsets without it: count it back.
    const bom = chunk.start === 0 && text.charCodeAt(0) === 0xfeff ? 1 : 0;
    const at = chunk.start + bom;
    let known: ChunkParse | undefined;
    if (kept && index >= tailFrom) {
      const q = index - chunks.length + previous!.length;
      known = previous![q];
      matched = q + 1;
    }
    const source = subSource(text, chunk.start, chunk.end);
    // Front matter is read in the first chunk only: the same text elsewhere is another parse,
    // told apart by the flag kept with it (not by a prefixed key: that is a copy to hash).
    const frontMatter = chunk.first && /^\uFEFF?---/.test(source.slice(0, Math.min(4, source.length)));
    const key = source;
    // The other chunks of last time, in order, are compared first: comparing two texts is a
    // fraction of the cost of hashing one, and hashing every chunk of a large document
    // at every edit is not. The map is for chunks that moved further.
    for (let q = matched; !known && previous && q < Math.min(matched + 3, previous.length); q++) {
      const old = previous[q];
      if (old.end - old.start !== key.length || old.frontMatter !== frontMatter) continue;
      if (!sameText(subSource(previousText!, old.start, old.end), key)) continue;
      known = old;
      matched = q + 1;
      break;
    }
    const inOrder = known !== undefined;
    const byText = typeof key === 'string' && options.keep !== false;
    if (byText) known ??= cache?.chunks.get(key) ?? next?.chunks.get(key);
    if (known && (known.frontMatter ?? false) !== frontMatter) known = undefined;
    // Prose left unread is read when every chunk must be parsed.
    if (known?.unread && options.parseProse) known = undefined;
    let blocks: ParsedBlocks;
    let unread = false;
    if (known) {
      unread = known.unread ?? false;
      blocks = shiftKnown(known.blocks, at - known.at);
      // A table chunk's pieces go along to the next version, which compares its pieces with
      // them: without them, an edit after a version that left the table alone (an edit
      // elsewhere, or an undo) would read all its rows again. Not when the
      // chunk moved: the pieces are the old rows, and kept beside the moved ones they doubled
      // the table in memory; the next edit in it reads its rows again.
      const run = at === known.at ? (cache?.runs.get(at) ?? next?.runs.get(at)) : undefined;
      if (run) next?.runs.set(at, run);
    } else {
      const starts = bom === 0 && lineStarts ? chunkLineStarts(lineStarts, chunk) : undefined;
      const lines = starts ?? computeLineStarts(flatten(source));
      // A chunk that parseTableChunk reads has a pipe at the start of every line after its first
      // two, and such a line nests nothing: in a chunk that starts with a pipe, only those two
      // are looked at for nesting before it is read so, the others only if it is not. This runs
      // at every edit of a large table, over all its lines.
      const tableLike = !options.wholeDocument && source.charCodeAt(0) === 124; /* | */
      let why = options.wholeDocument ? undefined : unparsedFor(source, lines, tableLike ? HEAD_LINES : lines.length);
      // The first reason in line order, as the whole-document reference finds it (skippedAsChunked).
      if (why === 'wide' && tableLike) why = unparsedFor(source, lines);
      // No closures here: a variable a closure captures is kept in a context for the whole
      // generator, and every chunk of a first analysis runs this code before V8 optimises it.
      if (why) {
        blocks = skippedBlocks(at, chunk.end, why, frontMatter ? frontMatterAt(source, at) : undefined);
      } else if (isFencedCode(source)) {
        // What remark reads in it: nothing.
        blocks = { tables: [], headings: [], comments: [] };
      } else if (
        !options.parseProse &&
        lineStarts &&
        !mayHoldTable(text, lineStarts, chunk.line, chunk.end) &&
        !flatten(source).includes('raci-')
      ) {
        if (tableLike && unparsedFor(source, lines) === 'nested') blocks = skippedBlocks(at, chunk.end, 'nested');
        else {
          unread = true;
          blocks = { tables: [], headings: [], comments: [], frontMatter: frontMatter ? frontMatterAt(source, at) : undefined };
        }
      } else {
        blocks =
          (yield* parseTableChunk(source, at, cache, next, starts, parse, options.unchanged, options.keep !== false)) ??
          (tableLike && unparsedFor(source, lines) === 'nested'
            ? skippedBlocks(at, chunk.end, 'nested')
            : shiftBlocks(parse(flatten(source), chunk.first), at));
      }
    }
    if (needsHeadingAbove(blocks, order)) yield* readHeadingsAbove(text, order, all, parse, next);
    // The scan of its lines goes along while its text and place in the fences stay (see writtenLegend).
    const entry: ChunkEntry = { start: chunk.start, end: chunk.end, at, blocks, frontMatter, unread, legend: known?.legend };
    if (!inOrder && byText) next?.chunks.set(key, entry);
    order.push(entry);
    if (!known && !unread) yield;
    addBlocks(all, blocks);
  }
  // The pieces of the large tables in the chunks taken as they were (see above).
  if (kept && cache && next) {
    const headEnd = kept.head < chunks.length ? chunks[kept.head].start : text.length;
    const tailStart = index < chunks.length ? chunks[index].start : text.length;
    for (const [at, run] of cache.runs) {
      if ((at < headEnd || at >= tailStart) && chunkAt(chunks, at, text)) next.runs.set(at, run);
    }
  }
  if (next) {
    next.blocks = all;
    // What the pass over the tables may take from the last version's (see placeKnownTables).
    if (kept) {
      next.leftAlone = {
        head: kept.head,
        before: kept.head < chunks.length ? chunks[kept.head].start : text.length,
        tail: kept.tail,
        after: kept.tail > 0 ? chunks[tailFrom].start : undefined,
        delta: text.length - previousText!.length,
      };
    }
  }
  return all;
}

/**
 * Appends the blocks of `from` that start in [start, end): those of the chunks there, as a
 * version's blocks are in document order (chunk by chunk, each in its own order).
 */
/**
 * Takes the chunks from `index` on, which the scan says are the last version's moved (the
 * edit changed the length of the text before them), as the loop of parseDocumentSteps takes
 * a chunk it knows, until one needs more: the first chunk, front matter, or a table that may
 * need a heading from a chunk above left unread. Returns the index of that chunk, or the
 * number of chunks. A plain function, not part of the generator: V8 optimises a hot loop
 * in a generator late, and an edit that types a character moves every chunk after it.
 */
function takeMovedTail(chunks: Chunk[], index: number, previous: ChunkEntry[], order: ChunkEntry[], all: ParsedBlocks): number {
  const offset = previous.length - chunks.length;
  for (; index < chunks.length; index++) {
    const chunk = chunks[index];
    const known = previous[index + offset];
    if (chunk.first || known.frontMatter) return index;
    const blocks = shiftKnown(known.blocks, chunk.start - known.at);
    if (needsHeadingAbove(blocks, order)) return index;
    order.push({
      start: chunk.start,
      end: chunk.end,
      at: chunk.start,
      blocks,
      frontMatter: false,
      unread: known.unread ?? false,
      legend: known.legend,
    });
    addBlocks(all, blocks);
  }
  return index;
}

/** Whether a chunk's first table has no heading above it in the chunk while one above is prose left unread (see readHeadingsAbove). */
function needsHeadingAbove(blocks: ParsedBlocks, order: ChunkEntry[]): boolean {
  return (
    blocks.tables.length > 0 &&
    !(blocks.headings.length > 0 && blocks.headings[0].end <= blocks.tables[0].start) &&
    headingsAboveUnread(order)
  );
}

/** Adds a chunk's blocks to the document's, in document order. */
function addBlocks(all: ParsedBlocks, blocks: ParsedBlocks): void {
  for (let i = 0; i < blocks.tables.length; i++) all.tables.push(blocks.tables[i]);
  for (let i = 0; i < blocks.headings.length; i++) all.headings.push(blocks.headings[i]);
  for (let i = 0; i < blocks.comments.length; i++) all.comments.push(blocks.comments[i]);
  if (blocks.skipped) (all.skipped ??= []).push(...blocks.skipped);
  if (blocks.frontMatter) all.frontMatter = blocks.frontMatter;
}

function takeBlocks(all: ParsedBlocks, from: ParsedBlocks, start: number, end: number): void {
  all.tables = takeRange(all.tables, from.tables, start, end);
  all.headings = takeRange(all.headings, from.headings, start, end);
  all.comments = takeRange(all.comments, from.comments, start, end);
  if (from.skipped) for (const span of from.skipped) if (span.start >= start && span.start < end) (all.skipped ??= []).push(span);
  if (from.frontMatter && from.frontMatter.start >= start && from.frontMatter.start < end) all.frontMatter = from.frontMatter;
}

/** `into` and the items of `from` that start in [start, end): a native copy when `into` is empty (the blocks before an edit). */
function takeRange<T extends { start: number }>(into: T[], from: T[], start: number, end: number): T[] {
  const first = firstFrom(from, start);
  if (into.length === 0) return from.slice(first, firstFrom(from, end));
  for (let i = first; i < from.length && from[i].start < end; i++) into.push(from[i]);
  return into;
}

/** Whether a chunk starts at offset `at` (a table chunk's pieces are kept by where it starts). */
function chunkAt(chunks: Chunk[], at: number, text: Source): boolean {
  const index = firstFrom(chunks, at);
  if (index < chunks.length && chunks[index].start === at) return true;
  // The first chunk's offsets count a leading BOM back (see parseDocumentSteps).
  return at === 1 && chunks.length > 0 && text.charCodeAt(0) === 0xfeff;
}

/** Whether a chunk above, up to the nearest one with a heading, is prose left unread (see readHeadingsAbove). */
function headingsAboveUnread(order: ChunkEntry[]): boolean {
  for (let i = order.length - 1; i >= 0; i--) {
    if (order[i].unread) return true;
    if (order[i].blocks.headings.length > 0) return false;
  }
  return false;
}

/**
 * Reads the headings of the unread chunks above a table that has none above it in its own
 * chunk, nearest first, up to the first chunk with a heading: the table's heading is the
 * last one above it. Every chunk after that one has none, so its headings go last.
 */
function* readHeadingsAbove(
  text: Source,
  order: ChunkEntry[],
  all: ParsedBlocks,
  parse: ChunkParser,
  next?: ParseCache,
): Generator<void, void> {
  for (let i = order.length - 1; i >= 0; i--) {
    const entry = order[i];
    const source = entry.unread ? subSource(text, entry.start, entry.end) : undefined;
    if (source !== undefined && !mayHoldHeading(source)) {
      // No line of it can be a heading: it has none, as parsing it would say.
      order[i] = { ...entry, unread: false };
      continue;
    }
    if (source !== undefined) {
      // The first chunk too: one that starts with a heading (not a BOM) holds no front matter.
      const headings = readHeadingChunk(source, entry.at) ?? shiftBlocks(parse(flatten(source), i === 0), entry.at).headings;
      const blocks: ParsedBlocks = { ...entry.blocks, headings };
      order[i] = { ...entry, blocks, unread: false };
      if (typeof source === 'string') next?.chunks.set(source, { at: entry.at, blocks, frontMatter: entry.frontMatter });
      all.headings.push(...headings);
      yield;
    }
    if (order[i].blocks.headings.length > 0) return;
  }
}

/** Known blocks, moved: each moved table keeps the identity of the one it was (see tableIdentity). */
function shiftKnown(blocks: ParsedBlocks, delta: number): ParsedBlocks {
  return shiftBlocksLazily(blocks, delta);
}

/**
 * A row this wide is generated data, not a table someone edits: remark-gfm's time grows
 * faster than the number of columns (a long cell is no problem), so its chunk is skipped.
 */
export const MAX_COLUMNS = 1_000;

export function hasHugeRow(source: Source, lineStarts: LineStarts): boolean {
  return unparsedFor(source, lineStarts, 0) === 'wide';
}

/**
 * Lists and quotes nested deeper than this are no document someone writes: remark's time on
 * a line of nested markers grows with the square of their number (a thousand `- + ` took over
 * a second), so a chunk with such a line is skipped, as one with a row too wide is.
 */
export const MAX_NESTING = 32;

/** The lines of a chunk that parseTableChunk reads with remark: its header row and delimiter row. */
const HEAD_LINES = 2;

/**
 * Why a chunk is left unparsed, if it is: a row wider than MAX_COLUMNS (`wide`) or a line,
 * among its first `nestingLines` (all by default), that opens more than MAX_NESTING quotes
 * and list items before its text (`nested`). One pass over the chunk's lines, reading only
 * the long ones; the first reason in line order.
 */
export function unparsedFor(source: Source, lineStarts: LineStarts, nestingLines = lineStarts.length): 'wide' | 'nested' | undefined {
  for (let line = 0; line < lineStarts.length; line++) {
    const start = lineStarts[line];
    const end = line + 1 < lineStarts.length ? lineStarts[line + 1] : source.length;
    // Each level of nesting, and each column, takes a character at least.
    if (end - start <= MAX_NESTING) continue;
    // Only a line that starts with a blank, a quote or a list marker can nest.
    if (line < nestingLines && mayNest(source.charCodeAt(start)) && nestsDeeper(source, start, end)) return 'nested';
    if (end - start > MAX_COLUMNS && morePipes(source, start, end)) return 'wide';
  }
  return undefined;
}

/**
 * Whether the line opens more than MAX_NESTING quotes and list items (`> `, `- `, `1. `)
 * before its text. A line of one bullet and blanks only (`- - - - …`) is a thematic break,
 * which micromark reads at once.
 */
function nestsDeeper(source: Source, start: number, end: number): boolean {
  let level = 0;
  let bullet = 0;
  let oneBullet = true;
  let i = start;
  while (i < end) {
    const c = source.charCodeAt(i);
    if (c === 10 || c === 13) break;
    if (c === 32 || c === 9 || c === 62 /* > */) {
      if (c === 62) {
        level++;
        oneBullet = false;
      }
      i++;
      continue;
    }
    const marker = listMarkerEnd(source, i, end);
    // Text: the line is as deep as the markers before it.
    if (marker === 0) return level > MAX_NESTING;
    if (marker - i > 1 || (bullet !== 0 && bullet !== c)) oneBullet = false;
    bullet = c;
    level++;
    i = marker;
  }
  return level > MAX_NESTING && !oneBullet;
}

/** Whether a line starting with this character can open a quote or a list item (see listMarkerEnd). */
function mayNest(c: number): boolean {
  return c === 32 || c === 9 || c === 62 /* > */ || c === 45 /* - */ || c === 43 /* + */ || c === 42 /* * */ || (c >= 48 && c <= 57);
}

/** Whether the line holds more than MAX_COLUMNS pipes (a lone CR starts a line again, as micromark reads it). */
function morePipes(source: Source, start: number, end: number): boolean {
  let pipes = 0;
  for (let i = start; i < end; i++) {
    const code = source.charCodeAt(i);
    if (code === 13) pipes = 0;
    else if (code === 124 && ++pipes > MAX_COLUMNS) return true;
  }
  return false;
}

/**
 * The blocks of a document parsed whole, less those in the chunks a chunked parse skips (see
 * unparsedFor), with those chunks as skipped: what the chunked parse must equal.
 */
export function skippedAsChunked(text: string, chunks: readonly Chunk[], blocks: ParsedBlocks): ParsedBlocks {
  const skipped: NonNullable<ParsedBlocks['skipped']> = [];
  for (const chunk of chunks) {
    const source = text.slice(chunk.start, chunk.end);
    const why = unparsedFor(source, computeLineStarts(source));
    const at = chunk.start === 0 && text.charCodeAt(0) === 0xfeff ? 1 : chunk.start;
    if (why) skipped.push(skippedSpan(at, chunk.end, why));
  }
  if (skipped.length === 0) return blocks;
  const kept = <T extends { start: number }>(list: T[]) => list.filter((x) => !skipped.some((s) => x.start >= s.start && x.start < s.end));
  return { ...blocks, tables: kept(blocks.tables), headings: kept(blocks.headings), comments: kept(blocks.comments), skipped };
}

/**
 * The blocks of a chunk left unparsed: none, and the chunk as skipped; but for its front
 * matter, if it is the first and holds one: the document's configuration holds whatever
 * follows it (a parse of the whole document keeps it, see skippedAsChunked).
 */
function skippedBlocks(start: number, end: number, why: 'wide' | 'nested', frontMatter?: ParsedBlocks['frontMatter']): ParsedBlocks {
  return { tables: [], headings: [], comments: [], skipped: [skippedSpan(start, end, why)], ...(frontMatter && { frontMatter }) };
}

/** A first chunk's front matter, read without remark, where it stands in the document (`at`: where the chunk's text starts). */
function frontMatterAt(source: Source, at: number): ParsedBlocks['frontMatter'] {
  const front = readFrontMatter(source);
  return front && { ...front, start: front.start + at, end: front.end + at };
}

function skippedSpan(start: number, end: number, why: 'wide' | 'nested'): NonNullable<ParsedBlocks['skipped']>[number] {
  return why === 'nested' ? { start, end, nested: true } : { start, end };
}

/** The document's line starts that fall in a chunk, relative to the chunk: no second scan of its text. */
function chunkLineStarts(documentStarts: LineStarts, chunk: Chunk): LineStarts {
  let end = chunk.line;
  while (end < documentStarts.length && documentStarts[end] < chunk.end) end++;
  const starts = documentStarts.slice(chunk.line, end);
  for (let i = 0; i < starts.length; i++) starts[i] -= chunk.start;
  return starts;
}

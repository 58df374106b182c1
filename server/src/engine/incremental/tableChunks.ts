import { parseChunk, shiftBlocks, type ParsedBlocks, type RawComment, type RawRow, type RawTable } from '../parse/markdown';
import type { ChunkCache, ParseCache, PieceEntry } from './parseCache';
import { computeLineStarts, type LineStarts } from '../text/positions';
import type { ChunkParser } from '../parse/prose';
import { lexTableHead } from '../parse/tableHead';
import { STEP_ROWS } from './steps';
import { flatten, hasLoneCR, type Source } from '../text/source';
import { detach } from '../text/strings';
import { lexRow, moveRow } from '../parse/tableRows';
import { slot, type Memo } from './memo';
import { concatPieces } from './pieces';

/**
 * A piece that an edit moved (the text after it got longer or shorter) is a new array
 * of new rows, shifted; this says which piece it was and by how much it moved, so that
 * what was concluded about the old piece can be moved with it instead of redone.
 */
const MOVED_PIECES = slot<RawRow[], { from: RawRow[]; delta: number }>('moved pieces');

export function movedFrom(memo: Memo, piece: RawRow[]): { from: RawRow[]; delta: number } | undefined {
  return memo.of(MOVED_PIECES).get(piece);
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
export function* parseTableChunk(
  source: Source,
  at: number,
  cache?: ParseCache,
  next?: ParseCache,
  lines?: LineStarts,
  parse: ChunkParser = parseChunk,
  unchanged?: Unchanged,
  /** `false`: no later version is read from this one (AnalysisOptions.keep), so its pieces are not copied out of the text. */
  keep = true,
): Generator<void, ParsedBlocks | undefined> {
  if (source.charCodeAt(0) !== 124 /* | */) return undefined;
  const lineStarts = lines ?? localLineStarts(flatten(source));
  const contentEnd = (line: number) => {
    let end = line + 1 < lineStarts.length ? lineStarts[line + 1] : source.length;
    if (end > lineStarts[line] && source.charCodeAt(end - 1) === 10) end--;
    if (end > lineStarts[line] && source.charCodeAt(end - 1) === 13) end--;
    return end;
  };
  let bodyLines = lineStarts.length;
  while (bodyLines > 2 && isBlankLine(source, lineStarts[bodyLines - 1], contentEnd(bodyLines - 1))) bodyLines--;
  if (bodyLines < 3 || hasLoneCR(source)) return undefined;
  // Whether every body line starts with a pipe is asked of the pieces read anew (readPieces):
  // a piece found again has the text it had, whose lines did.

  const prefix = source.slice(0, lineStarts[2]);
  const head = cachedParse(
    prefix,
    at,
    cache?.chunks,
    next?.chunks,
    () => lexTableHead(prefix, at) ?? shiftBlocks(parse(prefix, false), at),
  );
  const [headTable] = head.blocks.tables;
  if (head.blocks.tables.length !== 1 || headTable.start !== at || headTable.rows.length !== 1) return undefined;
  if (!head.known) yield;
  const table: RawTable = { ...headTable, rows: [], pieces: [] };
  const comments: RawComment[] = [...head.blocks.comments];
  const previous = cache?.runs.get(at) ?? next?.runs.get(at);
  const entries: PieceEntry[] = [];
  const state: PieceReader = {
    source,
    at,
    parse,
    prefix,
    lineStarts,
    bodyLines,
    contentEnd,
    previous,
    matched: 0,
    entries,
    line: 2,
    table,
    comments,
    memo: next?.memo,
    unchanged,
    keep,
  };
  for (;;) {
    const status = readPieces(state);
    if (status === 'failed') return undefined;
    if (status === 'done') break;
    yield;
  }
  // Kept once complete: the pieces of a run dropped half-way (a burst of keystrokes) would
  // hide the rest of the table from the next run, which would then read every row again.
  // Only a table of several pieces: reading one piece again costs less than keeping, at
  // every version, the pieces of every small table of the document (see parseDocumentSteps).
  if (entries.length > 1 && keep) next?.runs.set(at, entries);
  // One row per body line, joined natively (a copy per version, of one slot per row).
  table.rows = concatPieces([headTable.rows[0]], table.pieces);
  table.end = table.rows[table.rows.length - 1].end;
  return { tables: [table], headings: [], comments };
}

interface PieceReader {
  source: Source;
  at: number;
  parse: ChunkParser;
  prefix: string;
  lineStarts: LineStarts;
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
  keep: boolean;
  /** Where moved pieces are noted, if anything downstream will look (the analysis's cache). */
  memo?: Memo;
  /** What the edit since the last version left alone, in absolute offsets, if known. */
  unchanged?: Unchanged;
}

/**
 * What an edit left alone, for the table reader: the text is the same as last version's before
 * `head` and in the last `tail` characters; `delta` is how much longer the text got.
 */
export interface Unchanged {
  head: number;
  tail: number;
  length: number;
  delta: number;
}

/** Whether the text from `start` to `end` (absolute) is the text that stood at `was` last version. */
function untouched(unchanged: Unchanged | undefined, start: number, end: number, was: number): boolean {
  if (!unchanged) return false;
  if (end <= unchanged.head) return was === start;
  return start >= unchanged.length - unchanged.tail && was === start - unchanged.delta;
}

/**
 * Pieces have between MIN and MAX_PIECE_ROWS rows; where one ends depends on its rows (see
 * pieceEnd). Their size weighs what every edit pays per piece of the table (found again,
 * summaries and findings added up) against what it pays per row of the piece it changed
 * (read and checked again): measured on tables of 1,000, 4,000 and 11,000 rows, pieces of
 * about 40 rows were the best or near it at every size (4 to 40 rows, about 17, made an edit
 * of the largest table a third slower; 16 to 160 made one of the smallest a fifth slower).
 */
const MIN_PIECE_ROWS = 8;
export const MAX_PIECE_ROWS = 80;
/** A piece ends after a row whose length is a multiple of this mask plus one (32). */
const CUT_MASK = 31;

/**
 * Where the piece starting at `line` ends. The cut falls after a row whose length is a
 * multiple of 32 (one row in 32, at random as far as tables go), not every N rows: an
 * inserted or deleted row then changes its own piece, and every other piece keeps its
 * text and is found again, where a fixed count would shift every later boundary.
 */
function pieceEnd(state: PieceReader, line: number): number {
  const { lineStarts, bodyLines, contentEnd } = state;
  const limit = Math.min(line + MAX_PIECE_ROWS, bodyLines);
  for (let end = line + MIN_PIECE_ROWS; end < limit; end++) {
    if (((contentEnd(end - 1) - lineStarts[end - 1]) & CUT_MASK) === 0) return end;
  }
  return limit;
}

/**
 * Whether `old`, a piece of last time, is the piece starting at `line`: its text is there,
 * ends at a line start, and its cut would fall in the same place (it ended by the rule of
 * pieceEnd, or at the table's end, which is also where the table ends now).
 */
function sameRowsAt(state: PieceReader, old: PieceEntry, line: number): boolean {
  const { source, lineStarts, bodyLines, contentEnd } = state;
  const rows = old.rows.length;
  const end = line + rows;
  if (rows === 0 || end > bodyLines) return false;
  const stop = end < lineStarts.length ? lineStarts[end] : source.length;
  if (stop - lineStarts[line] !== old.text.length) return false;
  // Text the edit left alone, where it stood, is not compared; slice() and === compare as
  // memcmp does (startsWith() at a position went character by character).
  const at = state.at + lineStarts[line];
  if (!untouched(state.unchanged, at, at + old.text.length, old.at) && source.slice(lineStarts[line], stop) !== old.text) return false;
  if (end === bodyLines) return true;
  return rows === MAX_PIECE_ROWS || (rows >= MIN_PIECE_ROWS && ((contentEnd(end - 1) - lineStarts[end - 1]) & CUT_MASK) === 0);
}

/**
 * Reads pieces of a table chunk until a step's worth of new rows was read. Each piece
 * is compared with the pieces of last time, in order, and further on where it stood (see
 * lastTimes; a string comparison, cheaper than hashing every piece): the same text at the
 * same place is the same rows, the same text moved is the same rows shifted, anything else is read. A plain function, not part of
 * the generator: V8 optimises a hot loop in a generator late, and this one runs over
 * hundreds of pieces per edit of a large table.
 */
function readPieces(state: PieceReader): 'more' | 'done' | 'failed' {
  const { source, at, parse, prefix, lineStarts, bodyLines, contentEnd, previous, entries, table, comments } = state;
  let fresh = 0;
  for (let line = state.line; line < bodyLines;) {
    const pieceStart = lineStarts[line];
    // Most pieces are last time's next one: when its text is here, it ends where it ended
    // (the cut depends on its rows alone), and neither the cut nor a slice is needed.
    const expected = previous?.[state.matched];
    const same = expected !== undefined && sameRowsAt(state, expected, line);
    const last = same ? line + expected.rows.length : pieceEnd(state, line);
    const pieceText = same ? expected.text : source.slice(pieceStart, last < lineStarts.length ? lineStarts[last] : source.length);
    let entry: PieceEntry | undefined;
    const q = previous ? lastTimes(state, previous, pieceText, line, same ? expected : undefined) : -1;
    if (q >= 0) {
      const old = previous![q];
      state.matched = q + 1;
      const delta = at + pieceStart - old.at;
      if (delta === 0) entry = old;
      else {
        const comments = old.comments.map((comment) => ({ ...comment, start: comment.start + delta, end: comment.end + delta }));
        entry = { text: old.text, at: at + pieceStart, rows: old.rows.map((row) => moveRow(row, delta)), comments };
        const moves = state.memo?.of(MOVED_PIECES);
        moves?.set(entry.rows, { from: old.rows, delta });
        // Only the last move matters: a longer chain would keep every older version's rows.
        moves?.delete(old.rows);
      }
    }
    const known = entry !== undefined;
    if (!entry) {
      if (!pipesStart(pieceText, lineStarts, line, last, pieceStart)) return 'failed';
      const read = pieceText.includes('raci-')
        ? shiftBlocks(parseUnderHeader(parse, prefix, pieceText), at + pieceStart)
        : lexPiece(pieceText, pieceStart, lineStarts, line, last, contentEnd, at);
      const rows = read.tables[0]?.pieces[0];
      if (!rows || rows.length !== last - line) return 'failed';
      // A copy: runs are handed on from version to version (parseDocumentSteps), and a view
      // into this version's text would keep it alive as long as the table is left alone.
      entry = { text: state.keep ? detach(pieceText) : pieceText, at: at + pieceStart, rows, comments: read.comments };
    }
    entries.push(entry);
    table.pieces.push(entry.rows);
    for (const comment of entry.comments) comments.push(comment);
    line = last;
    // A step every few hundred rows read, so that a large table's first reading does not hold up requests.
    if (!known && ((fresh += entry.rows.length) >= STEP_ROWS || pieceText.includes('raci-')) && line < bodyLines) {
      state.line = line;
      return 'more';
    }
  }
  return 'done';
}

/**
 * Which of last time's pieces `pieceText`, the piece starting at `line`, is, or -1. Most often
 * one of the next few. Rows that end pieces can stand close together (a row ends a piece only
 * if the piece has MIN_PIECE_ROWS rows), and then an edit that adds or removes a cut leaves the pieces after
 * it cut out of step with last time's until such rows thin out: they may pass more of last
 * time's pieces than the next few, and without a look further on, every piece after them
 * would be read again. Further on, the piece is looked for where it stood, given how much
 * longer the chunk got (text after the edit moved by that much): one binary search.
 */
function lastTimes(state: PieceReader, previous: PieceEntry[], pieceText: string, line: number, expected: PieceEntry | undefined): number {
  const near = Math.min(state.matched + 3, previous.length);
  for (let q = state.matched; q < near; q++) {
    const old = previous[q];
    if (old === expected || (old.text.length === pieceText.length && old.text === pieceText)) return q;
  }
  if (near === previous.length) return -1;
  const last = previous[previous.length - 1];
  const { bodyLines, lineStarts, source } = state;
  const end = state.at + (bodyLines < lineStarts.length ? lineStarts[bodyLines] : source.length);
  const was = state.at + lineStarts[line] - (end - (last.at + last.text.length));
  let low = near;
  let high = previous.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const at = previous[middle].at;
    if (at === was) return previous[middle].text === pieceText ? middle : -1;
    if (at < was) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}

/** Whether each of lines `from` to `to` (a piece whose text is `pieceText`, from `pieceStart` in the chunk) starts with a pipe. */
function pipesStart(pieceText: string, lineStarts: LineStarts, from: number, to: number, pieceStart: number): boolean {
  for (let line = from; line < to; line++) if (pieceText.charCodeAt(lineStarts[line] - pieceStart) !== 124) return false;
  return true;
}

/** Rows (and the comments among them) as parsed blocks, for shiftBlocks. */
function asBlocks(rows: RawRow[], comments: RawComment[]): ParsedBlocks {
  return { tables: [{ start: 0, end: 0, align: [], rows: [rows[0], ...rows], pieces: [rows], delimiterStart: 0 }], headings: [], comments };
}

/** Where each line of `source` starts, but for an empty last line (a lone CR makes the caller give up). */
function localLineStarts(source: string): LineStarts {
  const starts = computeLineStarts(source);
  return starts.length > 1 && starts[starts.length - 1] === source.length ? starts.subarray(0, starts.length - 1) : starts;
}

/** A parse kept in the chunk cache, moved to `at`; `parse` gives it at `at`. */
function cachedParse(key: string, at: number, cache: ChunkCache | undefined, next: ChunkCache | undefined, parse: () => ParsedBlocks) {
  const known = cache?.get(key) ?? next?.get(key);
  const blocks = known ? shiftBlocks(known.blocks, at - known.at) : parse();
  next?.set(key, { at, blocks });
  return { blocks, known: known !== undefined };
}

/**
 * The rows of a piece (a table of rows only), at absolute offsets: `at` is where the chunk
 * starts, `pieceStart` where the piece starts in it. Read from the piece's own text, a
 * string, where reading the chunk's would go through its pieces a character at a time.
 */
function lexPiece(
  pieceText: string,
  pieceStart: number,
  lineStarts: LineStarts,
  from: number,
  to: number,
  contentEnd: (line: number) => number,
  at: number,
): ParsedBlocks {
  const rows: RawRow[] = [];
  for (let line = from; line < to; line++)
    rows.push(lexRow(pieceText, lineStarts[line] - pieceStart, contentEnd(line) - pieceStart, at + pieceStart));
  return asBlocks(rows, []);
}

/** A piece read by remark under the table's header; relative to the piece, header dropped. */
function parseUnderHeader(parse: ChunkParser, prefix: string, pieceText: string): ParsedBlocks {
  const parsed = shiftBlocks(parse(prefix + pieceText, false), -prefix.length);
  const [table] = parsed.tables;
  if (parsed.tables.length !== 1 || table.start !== -prefix.length) return { tables: [], headings: [], comments: [] };
  return {
    tables: [{ ...table, pieces: [table.rows.slice(1)] }],
    headings: [],
    comments: parsed.comments.filter((comment) => comment.start >= 0),
  };
}

function isBlankLine(source: Source, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const code = source.charCodeAt(i);
    if (code !== 32 && code !== 9) return false;
  }
  return true;
}

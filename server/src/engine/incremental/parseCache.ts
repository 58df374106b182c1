/** What a version's chunked parse leaves for the next version's: the types, shared by the parse and the table-chunk reader. */
import type { ParsedBlocks, RawComment, RawRow } from '../model';
import type { Source } from '../text/source';
import type { ChunkScan } from '../parse/chunks';
import type { Memo } from './memo';
import type { ChunkLegend } from '../domain/legendLines';

/** Parses by their text, at the offset where they stood last time. */
export type ChunkCache = Map<string, ChunkParse>;

/** A chunk's parse and where it stood; `frontMatter` when read as the document's first chunk, with front matter. */
export interface ChunkParse {
  at: number;
  blocks: ParsedBlocks;
  frontMatter?: boolean;
  /** Prose left unparsed (no table can be in it): its headings are read when a table after it needs one. */
  unread?: boolean;
  /** What the scan of its lines for legends found (see writtenLegend), once scanned. */
  legend?: ChunkLegend;
}

/**
 * Chunks by their text (a key is a slice of the document, with no prefix: a prefixed
 * key is a copy of the text to hash, and the key of a one-table document is the whole
 * document), and the pieces each table chunk was read in, by where the chunk starts.
 */
export interface ParseCache {
  chunks: ChunkCache;
  runs: Map<number, PieceEntry[]>;
  /** The version's chunks in document order, for the next version (see parseDocumentSteps). */
  order?: ChunkEntry[];
  /** The text `order` was parsed from: a chunk's text is a view of it (see ChunkEntry). */
  text?: Source;
  /**
   * What the parse of `order` gathered, in document order: the next version takes the blocks
   * of the chunks an edit left alone from it in one slice, not chunk by chunk.
   */
  blocks?: ParsedBlocks;
  /** What this version's parse took from the last version's as it was (see LeftAlone). */
  leftAlone?: LeftAlone;
  /** What is remembered about the objects the parses made; handed from version to version. */
  memo: Memo;
  /** The version's chunks with the scanner's state at each, for the next version's scan (see rescanChunks). */
  scan?: ChunkScan;
}

/**
 * The chunks a version's parse took from the last version's: the first `head` chunks, which
 * end by offset `before` and are the same objects at the same offsets, and the last `tail`,
 * which start at `after` (undefined when none) and are the last version's moved by `delta`
 * characters (the same objects when `delta` is 0), their tables in the same order.
 */
export interface LeftAlone {
  head: number;
  before: number;
  tail: number;
  after?: number;
  delta: number;
}

/**
 * A chunk of a version: where it stands in that version's text, which is all it keeps of
 * it. An entry goes on unchanged to the versions after it while the edits leave its chunk
 * where it was; a view of the text kept in it would keep alive the version it was made in.
 */
export interface ChunkEntry extends ChunkParse {
  start: number;
  end: number;
}

/** A piece of a table chunk as it was read: its text, where it stood, what it gave. */
export interface PieceEntry {
  text: string;
  at: number;
  rows: RawRow[];
  comments: RawComment[];
}

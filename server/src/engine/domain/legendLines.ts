import { codeOfWord } from './cellWords';
import { cellText, MULTI_LETTER_CODES } from './cells';
import { classify, type LegendEntry } from './legend';
import type { ParsedBlocks, RawTable } from '../parse/markdown';
import type { Source } from '../text/source';
import type { Span } from '../model';
import { STEP_LINES } from '../incremental/steps';
import { listMarkerEnd } from '../parse/blockMarkers';

/**
 * Legends written outside a legend table: a line or a sentence (`S = Supporting`,
 * `R: Responsible, A: Accountable`, `(R) Réalise`), a list item (`- **S** – Support: …`,
 * `* R: Responsible`), a footnote (`[^1]: R = Responsible`) and the header row of a table
 * (`| D = Driver | A = Approver | … |`).
 *
 * Read from the text by one scan of its lines, not from a Markdown tree, so that the
 * document is parsed only where it can hold a table; each line is looked at through its
 * first characters, and only a line that starts like a legend entry is read further,
 * by a forward scan (no backtracking pattern runs on it).
 */

/** A legend entry with where it is written. */
export interface PlacedEntry extends LegendEntry {
  start: number;
  end: number;
  /** Whether its name names its code (starts with its letter, or is a role word for it). */
  named?: boolean;
}

/** The legend entries written outside legend tables, their kinds read from their names as a legend table's are. */
export interface WrittenLegend {
  /** All of them, in document order. */
  entries: PlacedEntry[];
  /** The entries written in lines (not in header rows), in document order: where a fix adds one. */
  lines: PlacedEntry[];
  /** Those that apply to the whole document. */
  global: PlacedEntry[];
  /** Those that apply to some tables only: the legend of their section. */
  byTable: Map<RawTable, PlacedEntry[]>;
}

/** An ATX heading (`## Title`) found by the line scan: where it starts, and its level. */
export interface ScannedHeading {
  start: number;
  depth: number;
}

export function writtenLegend(
  source: Source,
  lineStarts: ArrayLike<number>,
  blocks: ParsedBlocks,
  legendTables: readonly RawTable[],
  /** The header-row entries of a table: the analysis remembers them per table (see ofTable). */
  headersOf: (table: RawTable) => readonly PlacedEntry[] = (table) => headerEntries(table, source),
  /** The document's chunks and what each version remembers of them: the lines are then scanned chunk by chunk, and a chunk an edit left alone is not scanned again. */
  chunks?: ScannedChunks,
  /** The tables that may have legend entries in their header row, when the caller knows them: all of them by default. */
  headerTables: readonly RawTable[] = blocks.tables,
): WrittenLegend {
  // With no table there is nothing for a legend to apply to: prose-only documents are not scanned.
  if (blocks.tables.length === 0) return { entries: [], lines: [], global: [], byTable: new Map() };
  let headings: ScannedHeading[] = [];
  let lines: PlacedEntry[];
  if (chunks && chunks.chunks.length === chunks.entries.length) {
    lines = scanChunks(source, lineStarts, chunks, blocks.frontMatter);
    if (lines.length > 0) headings = headingsOf(chunks);
  } else {
    const scan = scanLines(source, lineStarts, 0, source.length, blocks.tables, NO_FENCE, blocks.frontMatter);
    lines = scan.entries;
    headings = scan.headings;
  }
  const legends = new Set(legendTables);
  const entries = [...lines];
  for (const table of headerTables) {
    if (legends.has(table)) continue;
    const found = headersOf(table);
    for (let i = 0; i < found.length; i++) entries.push(found[i]);
  }
  if (entries.length === 0) return { entries, lines, global: entries, byTable: new Map() };
  entries.sort((a, b) => a.start - b.start);
  classify(entries);
  // A table with a body, not a legend table: what may be a matrix.
  const tables = blocks.tables.filter((table) => table.rows.length > 1 && !legends.has(table));
  return { entries, lines, ...scope(entries, headings, tables) };
}

/** The chunks of a version (parse/chunks.ts) and, for each, what the last scan of its lines found. */
export interface ScannedChunks {
  chunks: readonly { start: number; end: number; line: number }[];
  /** One per chunk, in the same order: its tables, and the slot where its scan is kept. */
  entries: readonly { blocks: ParsedBlocks; legend?: ChunkLegend }[];
  /** The chunks whose scan found legend entries, when known (every chunk's scan is then done). */
  withLines?: readonly number[];
}

/** What the scan of one chunk's lines found, at the offset it was scanned at, and the fence it started and ended in. */
export interface ChunkLegend {
  at: number;
  fenceIn: number;
  fenceOut: number;
  entries: PlacedEntry[];
  headings: ScannedHeading[];
}

/**
 * The legend lines of the document, chunk by chunk: a chunk the edit left alone (the same
 * text, reached in the same fence) gives what it gave, moved; the others are scanned. A
 * table never spans two chunks, so the result is the whole scan's.
 */
function scanChunks(source: Source, lineStarts: ArrayLike<number>, chunks: ScannedChunks, skip?: Span): PlacedEntry[] {
  const found: PlacedEntry[] = [];
  if (chunks.withLines) {
    // Every chunk's scan is done: only those that found entries give any.
    for (const i of chunks.withLines) {
      const legend = chunks.entries[i].legend!;
      const delta = chunks.chunks[i].start - legend.at;
      for (const placed of legend.entries) found.push({ ...placed, start: placed.start + delta, end: placed.end + delta });
    }
    return found;
  }
  let fence = NO_FENCE;
  for (let i = 0; i < chunks.chunks.length; i++) {
    const chunk = chunks.chunks[i];
    const legend = chunkLegend(source, lineStarts, chunk, chunks.entries[i], fence, skip);
    fence = legend.fenceOut;
    // Copies: classify sets their kinds from the whole document's entries.
    const delta = chunk.start - legend.at;
    for (const placed of legend.entries) found.push({ ...placed, start: placed.start + delta, end: placed.end + delta });
  }
  return found;
}

/** What the scan of a chunk's lines found, reached in `fence`: kept with the chunk, scanned when not known for that fence. */
function chunkLegend(
  source: Source,
  lineStarts: ArrayLike<number>,
  chunk: ScannedChunks['chunks'][number],
  entry: ScannedChunks['entries'][number],
  fence: number,
  skip?: Span,
): ChunkLegend {
  const known = entry.legend;
  if (known !== undefined && known.fenceIn === fence) return known;
  const scan = scanLines(source, lineStarts, chunk.line, chunk.end, entry.blocks.tables, fence, skip);
  const legend = { at: chunk.start, fenceIn: fence, fenceOut: scan.fence, entries: scan.entries, headings: scan.headings };
  entry.legend = legend;
  return legend;
}

/**
 * The scan of every chunk's lines that writtenLegend reads, in steps of a few thousand lines,
 * so that a server opening a large document of prose answers a request in between: a first
 * scan of a megabyte of prose was one step of tens of milliseconds. writtenLegend then finds
 * every chunk's scan done.
 */
export function* scanLegendLinesSteps(
  source: Source,
  lineStarts: ArrayLike<number>,
  chunks: ScannedChunks,
  skip?: Span,
  /**
   * The chunks before `from` are the last version's, whose scan left every chunk's scan in
   * its entry (the caller gives no window otherwise: after an outline request, which parses
   * prose into new entries, or a run dropped half-way, which scanned into shared entries):
   * their scans hold as they are. So do those from `to` on, reached in the fence they were
   * last reached in (then every one after it is too): the scan stops at the first such chunk.
   */
  window?: { from: number; to: number },
): Generator<void, { from: number; to: number }> {
  const count = chunks.chunks.length;
  if (count !== chunks.entries.length) return { from: 0, to: 0 };
  let fence = NO_FENCE;
  let from = 0;
  const before = window && window.from > 0 && window.from <= count ? chunks.entries[window.from - 1].legend : undefined;
  if (before) {
    from = window!.from;
    fence = before.fenceOut;
  }
  let scanned = 0;
  for (let i = from; i < count; i++) {
    const chunk = chunks.chunks[i];
    const known = chunks.entries[i].legend;
    const legend = chunkLegend(source, lineStarts, chunk, chunks.entries[i], fence, skip);
    fence = legend.fenceOut;
    if (legend === known) {
      if (window && i >= window.to) return { from, to: i };
      continue;
    }
    const next = i + 1 < count ? chunks.chunks[i + 1].line : lineStarts.length;
    if ((scanned += next - chunk.line) >= STEP_LINES) {
      scanned = 0;
      yield;
    }
  }
  return { from, to: count };
}

/** The ATX headings of every chunk, where they are now: read only when a legend needs its section. */
function headingsOf(chunks: ScannedChunks): ScannedHeading[] {
  const headings: ScannedHeading[] = [];
  for (let i = 0; i < chunks.chunks.length; i++) {
    const legend = chunks.entries[i].legend!;
    const delta = chunks.chunks[i].start - legend.at;
    for (const heading of legend.headings) headings.push({ start: heading.start + delta, depth: heading.depth });
  }
  return headings;
}

/**
 * Where each entry applies. A legend written in a section applies to the tables of that
 * section (its subsections included) when the document has several tables and that
 * section holds one; otherwise, and before the first heading, to the whole document.
 * Headings are ATX headings found by the same line scan (setext headings are not), so
 * that the scope does not depend on which parts of the document were parsed.
 */
function scope(
  entries: PlacedEntry[],
  headings: ScannedHeading[],
  tables: RawTable[],
): { global: PlacedEntry[]; byTable: Map<RawTable, PlacedEntry[]> } {
  const byTable = new Map<RawTable, PlacedEntry[]>();
  if (entries.length === 0 || tables.length < 2 || headings.length === 0) return { global: entries, byTable };
  // Each heading's enclosing one (a heading of a lower level before it): at most six deep.
  const parent: number[] = [];
  const stack: number[] = [];
  for (let k = 0; k < headings.length; k++) {
    while (stack.length > 0 && headings[stack[stack.length - 1]].depth >= headings[k].depth) stack.pop();
    parent.push(stack.length > 0 ? stack[stack.length - 1] : -1);
    stack.push(k);
  }
  const sectionOf = (offset: number, from: number): number => {
    let h = from;
    while (h + 1 < headings.length && headings[h + 1].start < offset) h++;
    return h;
  };
  const global: PlacedEntry[] = [];
  const groups = new Map<number, PlacedEntry[]>();
  let h = -1;
  for (const entry of entries) {
    h = sectionOf(entry.start, h);
    if (h < 0) global.push(entry);
    else {
      const group = groups.get(h);
      if (group) group.push(entry);
      else groups.set(h, [entry]);
    }
  }
  const sectionsOf = (table: RawTable, inner: number): number[] => {
    const chain: number[] = [];
    for (let k = inner; k >= 0; k = parent[k]) if (groups.has(k)) chain.push(k);
    return chain;
  };
  const inner = new Map<RawTable, number>();
  const holding = new Set<number>();
  h = -1;
  for (const table of tables) {
    h = sectionOf(table.start, h);
    inner.set(table, h);
    for (const k of sectionsOf(table, h)) holding.add(k);
  }
  for (const [k, group] of groups) if (!holding.has(k)) global.push(...group);
  for (const table of tables) {
    // The innermost section's legend first: it wins over an enclosing one.
    const own = sectionsOf(table, inner.get(table)!).flatMap((k) => groups.get(k)!);
    if (own.length > 0) byTable.set(table, own);
  }
  global.sort((a, b) => a.start - b.start);
  return { global, byTable };
}

/** Lines longer than this are prose or data, never a legend line: only their start is read. */
const MAX_LINE = 2_000;
/** A role's name is a few words ("Out of the loop", "Directly responsible individual"). */
const MAX_NAME_WORDS = 4;
const MAX_NAME_CHARS = 48;

/**
 * No fence is open; an open one is written `length * 2 + (tilde ? 1 : 0)`. Only a fence at
 * the top level is carried from one chunk to the next: one in a list item ends with the
 * item, at the latest at the next chunk's first line, which starts in column 0.
 */
const NO_FENCE = 0;
/** How far the scan looks into a line's indentation for its containers: list items nest a few levels deep. */
const MAX_INDENT = 64;

/**
 * The legend entries written in the lines of `source` from line `fromLine` up to offset
 * `until`, outside front matter, fenced code and `tables` (whose header rows are read by
 * `headerEntries`), starting in `fence`; with the ATX headings met and the fence it ends in.
 *
 * Fenced code in a list item ends with the item (CommonMark): a line indented less than
 * the item's content ends both, where a flat scan kept the fence open to the end of the
 * document and lost every legend line after it. So the scan follows the list items that
 * hold a fence: their content columns, an item ending at a line indented less that is no
 * lazy continuation of its paragraph.
 */
function scanLines(
  source: Source,
  lineStarts: ArrayLike<number>,
  fromLine: number,
  until: number,
  tables: readonly RawTable[],
  fenceIn: number,
  skip?: Span,
): { entries: PlacedEntry[]; headings: ScannedHeading[]; fence: number } {
  const entries: PlacedEntry[] = [];
  const headings: ScannedHeading[] = [];
  let table = 0;
  let fence = fenceIn;
  // The content columns of the open list items, innermost last; the column of the item that holds the open fence.
  const items: number[] = [];
  let fenceColumn = 0;
  // Whether the last line is paragraph text, which a setext underline, an empty item or a
  // numbered item not starting at 1 cannot interrupt; whether the item it opened is empty
  // (a blank line then ends it).
  let paragraph = false;
  let emptyItem = false;
  // How many items were open when the paragraph started: a line indented less than the
  // innermost of them that starts no block goes on with the paragraph (a lazy line).
  let paragraphDepth = 0;
  for (let line = fromLine; line < lineStarts.length && lineStarts[line] < until; line++) {
    const start = lineStarts[line];
    const end = line + 1 < lineStarts.length ? lineStarts[line + 1] : source.length;
    if (skip && start >= skip.start && start < skip.end) continue;
    // The first character that is not indentation, and its column (a tab to the next multiple of 4).
    let k = start;
    let indent = 0;
    while (k < end && k - start < MAX_INDENT && isBlank(source.charCodeAt(k))) {
      indent = source.charCodeAt(k) === 9 ? indent + 4 - (indent % 4) : indent + 1;
      k++;
    }
    while (table < tables.length && tables[table].end <= start) table++;
    if (table < tables.length && tables[table].start <= start) {
      // A table's rows hold no legend line: past its last one at once (a chunk of one large
      // table is scanned again at every edit in it, and went through its rows one by one).
      // It ends the list items it is not in.
      while (items.length > 0 && indent < items[items.length - 1]) items.pop();
      paragraph = false;
      emptyItem = false;
      line = firstLineFrom(lineStarts, tables[table].end, line) - 1;
      continue;
    }
    const blank = k >= end || isLineBreak(source.charCodeAt(k));
    if (fence !== NO_FENCE) {
      if (blank) continue;
      if (fenceColumn > 0 && indent < fenceColumn) {
        // The list item ends, and its fence with it: the line is read as any other.
        fence = NO_FENCE;
        fenceColumn = 0;
      } else {
        if (indent - fenceColumn <= 3 && closesFence(source, k, end, fence)) {
          fence = NO_FENCE;
          fenceColumn = 0;
        }
        continue;
      }
    }
    if (blank) {
      if (emptyItem) items.pop();
      paragraph = false;
      emptyItem = false;
      continue;
    }
    emptyItem = false;
    let lazy = false;
    let openedText = false;
    if (paragraph && paragraphDepth > 0 && indent < items[paragraphDepth - 1]) {
      // Outside the paragraph's item: a block start there ends the paragraph, anything else continues it.
      if (startsBlock(source, k, end)) paragraph = false;
      else lazy = true;
    }
    if (!lazy) while (items.length > 0 && indent < items[items.length - 1]) items.pop();
    const container = items.length > 0 ? items[items.length - 1] : 0;
    if (lazy) {
      // Read below as the paragraph's text.
    } else if (indent - container <= 3) {
      const c = source.charCodeAt(k);
      if ((c === 45 || c === 42 || c === 95) && isBreakOrUnderline(source, k, end, paragraph)) {
        // A thematic break (`* * *`) or a setext underline (`-` under a paragraph): no list item.
        paragraph = false;
        continue;
      }
      const opened = openItems(source, k, end, indent, paragraph, items);
      if (opened !== NO_ITEM) {
        if (opened === EMPTY_ITEM) emptyItem = true;
        else if (opened === TEXT_ITEM) openedText = true;
        else {
          // A fence on the item's first line (`1. ````): its content column is the item's.
          fence = opened;
          fenceColumn = items[items.length - 1];
          paragraph = false;
          continue;
        }
      } else {
        // A fence opens: ``` or ~~~, three or more, indented at most three spaces in its container.
        const fenceOpened = opensFence(source, k, end);
        if (fenceOpened !== NO_FENCE) {
          fence = fenceOpened;
          fenceColumn = container;
          paragraph = false;
          continue;
        }
      }
    } else if (!paragraph) {
      // Indented code (four blanks past its container, where no paragraph goes on): no legend.
      continue;
    }
    const i = k - start < 8 ? k : start + 8;
    const first = source.charCodeAt(i);
    const depth = i - start <= 3 ? atxDepth(source, i, end) : 0;
    if (depth > 0) headings.push({ start, depth });
    // Text, or an item's first line with text: a paragraph (an ATX heading is none).
    const wasParagraph = paragraph;
    paragraph = depth === 0 && !emptyItem;
    if (paragraph && (!wasParagraph || openedText)) paragraphDepth = items.length;
    if (first === 124 /* | */ || first === 35 /* # */) continue;
    if (!startsLikeEntry(source, i, end)) continue;
    const text = source.slice(start, Math.min(end, start + MAX_LINE));
    const found = readLine(text);
    if (!isLegend(found)) continue;
    for (const entry of found) entries.push({ ...entry, start: start + entry.start, end: start + entry.end });
  }
  // A fence in a list item ends at the latest where the next chunk starts (in column 0).
  return { entries, headings, fence: fenceColumn > 0 ? NO_FENCE : fence };
}

/** The fence a line opens at `at` (``` or ~~~, three or more; a backtick fence's info has no backtick), or NO_FENCE. */
function opensFence(source: Source, at: number, end: number): number {
  const c = source.charCodeAt(at);
  if (c !== 96 && c !== 126) return NO_FENCE;
  let j = at;
  while (j < end && source.charCodeAt(j) === c) j++;
  if (j - at < 3) return NO_FENCE;
  if (c === 96) for (let x = j; x < end; x++) if (source.charCodeAt(x) === 96) return NO_FENCE;
  return (j - at) * 2 + (c === 126 ? 1 : 0);
}

/** Whether the line from `at` closes `fence`: its character, at least as many, then only blanks. */
function closesFence(source: Source, at: number, end: number, fence: number): boolean {
  const c = fence % 2 === 1 ? 126 : 96;
  let j = at;
  while (j < end && source.charCodeAt(j) === c) j++;
  if (j - at < fence >> 1) return false;
  while (j < end && isBlank(source.charCodeAt(j))) j++;
  return j >= end || isLineBreak(source.charCodeAt(j));
}

/** What openItems found: no list item, an empty one, one with text; else the fence its first line opens. */
const NO_ITEM = -1;
const EMPTY_ITEM = -2;
const TEXT_ITEM = -3;

/**
 * Opens the list items a line starts with (`- `, `1. `, or several: `- 1. `), pushing their
 * content columns onto `items` (after the marker and one to four blanks; one blank when the
 * item is empty or its text is indented code). After a paragraph line, an empty item or a
 * numbered one that does not start at 1 is no item (CommonMark: it cannot interrupt one).
 */
function openItems(source: Source, at: number, end: number, indent: number, paragraph: boolean, items: number[]): number {
  let result = NO_ITEM;
  let column = indent;
  for (let k = at; ;) {
    const marker = listMarkerEnd(source, k, end);
    if (marker === 0) return result;
    let m = marker;
    const markerColumn = column + (marker - k);
    let contentColumn = markerColumn;
    while (m < end && isBlank(source.charCodeAt(m)) && contentColumn - markerColumn <= 4) {
      contentColumn = source.charCodeAt(m) === 9 ? contentColumn + 4 - (contentColumn % 4) : contentColumn + 1;
      m++;
    }
    const empty = m >= end || isLineBreak(source.charCodeAt(m));
    if (result === NO_ITEM && paragraph && (empty || !startsAtOne(source, k))) return NO_ITEM;
    const codeAfter = contentColumn - markerColumn > 4;
    items.push(empty || codeAfter ? markerColumn + 1 : contentColumn);
    if (empty) return EMPTY_ITEM;
    if (codeAfter) return TEXT_ITEM;
    const fence = opensFence(source, m, end);
    if (fence !== NO_FENCE) return fence;
    result = TEXT_ITEM;
    k = m;
    column = contentColumn;
  }
}

/** Whether the marker at `at` is a bullet, or a number that reads 1 (`1.`, `01)`). */
function startsAtOne(source: Source, at: number): boolean {
  let j = at;
  if (!isDigit(source.charCodeAt(j))) return true;
  while (source.charCodeAt(j) === 48) j++;
  return source.charCodeAt(j) === 49 && !isDigit(source.charCodeAt(j + 1));
}

/** Whether the line from `at` starts a block (a list item, a fence, a break, an ATX heading, a quote, a table row or HTML): no lazy line. */
function startsBlock(source: Source, at: number, end: number): boolean {
  const c = source.charCodeAt(at);
  if (c === 62 /* > */ || c === 124 /* | */ || c === 60 /* < */) return true;
  if (listMarkerEnd(source, at, end) > 0 || opensFence(source, at, end) !== NO_FENCE) return true;
  if ((c === 45 || c === 42 || c === 95) && isBreakOrUnderline(source, at, end, false)) return true;
  return atxDepth(source, at, end) > 0;
}

/** The depth of the ATX heading (`## Title`) whose `#` run starts at `at`, or 0 when it is none. */
function atxDepth(source: Source, at: number, end: number): number {
  let j = at;
  while (j < end && j - at < 7 && source.charCodeAt(j) === 35) j++;
  if (j === at || j - at > 6) return 0;
  return j >= end || isBlank(source.charCodeAt(j)) || isLineBreak(source.charCodeAt(j)) ? j - at : 0;
}

/**
 * Whether the line from `at` is a thematic break (three or more `-`, `*` or `_`, blanks
 * between) or, after a paragraph, a setext underline of `-`: neither opens a list item.
 */
function isBreakOrUnderline(source: Source, at: number, end: number, paragraph: boolean): boolean {
  const c = source.charCodeAt(at);
  let count = 0;
  let blankSeen = false;
  // A blank between two of its characters: `- -` is no underline (trailing blanks are).
  let gaps = false;
  let j = at;
  for (; j < end; j++) {
    const x = source.charCodeAt(j);
    if (x === c) {
      count++;
      if (blankSeen) gaps = true;
    } else if (isBlank(x)) blankSeen = true;
    else break;
  }
  if (j < end && !isLineBreak(source.charCodeAt(j))) return false;
  if (count >= 3) return true;
  return paragraph && c === 45 && !gaps;
}

/** The first line from `line` on that starts at or after `offset`: a binary search. */
function firstLineFrom(lineStarts: ArrayLike<number>, offset: number, line: number): number {
  let low = line;
  let high = lineStarts.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (lineStarts[middle] < offset) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The legend entries written in the lines of `source` (see scanLines). */
export function scanLegendLines(source: Source, lineStarts: ArrayLike<number>, tables: readonly RawTable[], skip?: Span): PlacedEntry[] {
  return scanLines(source, lineStarts, 0, source.length, tables, NO_FENCE, skip).entries;
}

/** Entries written in the header cells of `table`, when at least two of its cells are entries. */
export function headerEntries(table: RawTable, source: Source): PlacedEntry[] {
  const header = table.rows[0];
  if (!header || header.cells.length < 2) return [];
  const entries: PlacedEntry[] = [];
  for (const cell of header.cells) {
    // Most header cells are names (`Activity`, `Customer`): dismissed by their first characters.
    if (cell.contentEnd <= cell.contentStart || !startsLikeEntry(source, cell.contentStart, cell.contentEnd)) continue;
    const text = cellText(source.slice(cell.contentStart, cell.contentEnd));
    const found = readEntriesAt(text, 0);
    if (found.length !== 1) continue;
    entries.push({ ...found[0], start: cell.contentStart, end: cell.contentEnd });
  }
  return entries.length >= 2 && isLegend(entries) ? entries : [];
}

/**
 * Whether the line can start with an entry, from its first characters: after a list,
 * quote or footnote marker, a code (`S`, `DRI`), a code in emphasis or in brackets.
 * Prose starts with a word (`The`, `A team`): most lines are dismissed here.
 */
function startsLikeEntry(source: Source, i: number, end: number): boolean {
  const c = source.charCodeAt(i);
  if (c === 45 /* - */ || c === 43 /* + */ || c === 62 /* > */ || isDigit(c) || c === 91 /* [ */ || c === 42 /* * */) return true;
  if (c === 95 /* _ */ || c === 96 /* ` */ || c === 40 /* ( */) return true;
  if (!isLetter(c)) return false;
  const next = i + 1 < end ? source.charCodeAt(i + 1) : 10;
  if (isUpper(c) && !isLower(next)) return true;
  // `Legend: R = …`: a label first (a dozen characters read, for lines starting with its letters).
  return LABEL_INITIALS.includes(c | 32) && afterLabel(source.slice(i, Math.min(end, i + 16)), 0) > 0;
}

/** The entries of one line, offsets in the line; none unless the line starts with one. */
function readLine(line: string): PlacedEntry[] {
  let i = 0;
  while (i < line.length && isBlank(line.charCodeAt(i))) i++;
  if (line[i] === '>') {
    i++;
    while (i < line.length && isBlank(line.charCodeAt(i))) i++;
  }
  // A list marker: `-`, `*`, `+` or `1.`/`1)`, then a blank.
  const marker = listMarkerEnd(line, i, line.length);
  if (marker > 0 && isBlank(line.charCodeAt(marker))) i = marker + 1;
  // A footnote's definition: `[^label]:`.
  if (line.startsWith('[^', i)) {
    const close = line.indexOf(']:', i + 2);
    if (close < 0 || close - i > 40) return [];
    i = close + 2;
  }
  while (i < line.length && isBlank(line.charCodeAt(i))) i++;
  return readEntriesAt(line, afterLabel(line, i));
}

/** Words that introduce a legend on its line: `Legend: R = …`, `Légende : (R) …`. */
const LABELS = ['legend', 'legende', 'leyenda', 'legenda', 'key', 'codes', 'roles', 'rollen', 'ruoli'];
const LABEL_INITIALS = [...new Set(LABELS.map((label) => label.charCodeAt(0)))];

/** Where the entries start after a label (`**Legend:**`, `Légende :`), or `i` when there is none. */
function afterLabel(line: string, i: number): number {
  let j = skipMarkers(line, i);
  const word = j;
  while (j < line.length && j - word < 10 && isLetter(line.charCodeAt(j))) j++;
  const label = line
    .slice(word, j)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
  if (!LABELS.includes(label)) return i;
  j = skipMarkers(line, j);
  while (j < line.length && (isBlank(line.charCodeAt(j)) || line.charCodeAt(j) === 0x202f || line.charCodeAt(j) === 0xa0)) j++;
  if (line[j] !== ':') return i;
  j = skipMarkers(line, j + 1);
  while (j < line.length && isBlank(line.charCodeAt(j))) j++;
  return j;
}

/**
 * The entries of `text` from `from`, the first of them starting there: `S = Support`,
 * `**R**: Responsible, **A**: Accountable`, `(R) Réalise (A) Approuve`. An entry whose name
 * does not name its code (`Q: What is it?`, `A: It is a tool`) makes the whole text prose.
 */
function readEntriesAt(text: string, from: number): PlacedEntry[] {
  const heads: Head[] = [];
  const first = readHead(text, from);
  if (!first) return [];
  heads.push(first);
  // Each later entry starts after a separator; trying a head there reads a few characters.
  for (let i = first.nameStart; i < text.length; i++) {
    const c = text[i];
    if (c !== ',' && c !== ';' && c !== '·' && c !== '|' && c !== '•' && c !== ' ' && c !== '\t') continue;
    let j = i + 1;
    while (j < text.length && isBlank(text.charCodeAt(j))) j++;
    if (j >= text.length) break;
    const head = readHead(text, j);
    if (!head) continue;
    heads.push(head);
    i = head.nameStart - 1;
  }
  const entries: PlacedEntry[] = [];
  for (let k = 0; k < heads.length; k++) {
    const head = heads[k];
    const end = k + 1 < heads.length ? heads[k + 1].start : text.length;
    const written = trimEnd(text.slice(head.nameStart, end));
    const { name, description } = splitName(written);
    const named = namesCode(name, head.code);
    if (named === undefined) return [];
    entries.push({ code: head.code, name, description, kind: 'other', start: head.start, end: head.nameStart + written.length, named });
  }
  return entries;
}

/**
 * Whether entries read together are a legend: each name names its code, or, in a legend
 * of three codes or more, all but one do (`D = Impulsor` beside `A = Aprobador`, …).
 */
function isLegend(entries: readonly PlacedEntry[]): boolean {
  const unnamed = entries.filter((entry) => !entry.named).length;
  return unnamed === 0 || (entries.length >= 3 && unnamed <= 1);
}

interface Head {
  start: number;
  code: string;
  /** Where the name starts, after the separator. */
  nameStart: number;
}

/** A code and its separator at `i`: `S =`, `**S** –`, `**R:**`, `(R)`, `` `DRI`: ``. Constant work: codes are short. */
function readHead(text: string, i: number): Head | undefined {
  const start = i;
  i = skipMarkers(text, i);
  let bracket = '';
  if (text[i] === '(' || text[i] === '[') {
    bracket = text[i] === '(' ? ')' : ']';
    i++;
  }
  let j = i;
  while (j < text.length && j - i <= 3 && isUpper(text.charCodeAt(j))) j++;
  const code = text.slice(i, j);
  if (!(code.length === 1 || MULTI_LETTER_CODES.includes(code))) return undefined;
  if (j < text.length && (isLetter(text.charCodeAt(j)) || isDigit(text.charCodeAt(j)))) return undefined;
  i = j;
  if (bracket) {
    if (text[i] !== bracket) return undefined;
    i++;
  }
  i = skipMarkers(text, i);
  while (i < text.length && isBlank(text.charCodeAt(i))) i++;
  const sep = text[i];
  if (sep === '=' || sep === ':' || sep === '–' || sep === '—' || sep === '-' || sep === '→') {
    i++;
  } else if (!bracket) {
    return undefined;
  }
  i = skipMarkers(text, i);
  // `R = Responsible`: the separator is followed by a blank or the name; `R-1` or `A:B` is not an entry.
  if (!bracket && !isBlank(text.charCodeAt(i)) && text[i - 1] !== ':' && text[i - 1] !== '=') return undefined;
  while (i < text.length && isBlank(text.charCodeAt(i))) i++;
  if (i >= text.length) return undefined;
  return { start, code, nameStart: i };
}

function skipMarkers(text: string, i: number): number {
  let j = i;
  while (j < text.length && j - i < 3 && (text[j] === '*' || text[j] === '_' || text[j] === '`')) j++;
  return j;
}

/** The name is what comes before its description (`Support: provides…`, `Driver – drives…`, `Accountable (approves)`). */
function splitName(written: string): { name: string; description: string } {
  let cut = written.length;
  for (let i = 0; i < written.length; i++) {
    const c = written[i];
    if (
      c === ':' ||
      c === '(' ||
      c === ',' ||
      c === ';' ||
      c === '.' ||
      ((c === '–' || c === '—' || c === '-') && written[i - 1] === ' ')
    ) {
      cut = i;
      break;
    }
  }
  const name = stripMarkers(written.slice(0, cut)).trim();
  const description = stripMarkers(written.slice(cut).replace(/^[\s:(,;.–—-]+/, '')).trim();
  return { name, description: description.endsWith(')') && !description.includes('(') ? description.slice(0, -1) : description };
}

/**
 * Whether `name` names `code`: it starts with the code's letter (`Support` for S,
 * `Réalise` for R, `Directly responsible individual` for DRI) or is one of the role
 * words for it (`Verantwortlich` for R). Undefined when it cannot be a role's name at
 * all: a sentence, a question, more than a few words. `…` stands for a name still to
 * be written (as a fix inserts it).
 */
function namesCode(name: string, code: string): boolean | undefined {
  if (name === '…' || name === '...') return true;
  if (name.length === 0 || name.length > MAX_NAME_CHARS || /[?!]/.test(name)) return undefined;
  const words = name.split(/\s+/);
  if (words.length > MAX_NAME_WORDS) return undefined;
  const initial = plainLetter(name);
  if (initial === code[0]) return true;
  return codeOfWord(words[0]) === code;
}

function plainLetter(name: string): string {
  return name.charAt(0).normalize('NFD').charAt(0).toUpperCase();
}

function stripMarkers(text: string): string {
  let out = '';
  for (const c of text) if (c !== '*' && c !== '_' && c !== '`') out += c;
  return out;
}

function trimEnd(text: string): string {
  let end = text.length;
  while (end > 0 && ' \t\r\n,;·|•'.includes(text[end - 1])) end--;
  return text.slice(0, end);
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9;
}

function isLineBreak(c: number): boolean {
  return c === 10 || c === 13;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isUpper(c: number): boolean {
  return c >= 65 && c <= 90;
}

function isLower(c: number): boolean {
  return (c >= 97 && c <= 122) || c >= 0xdf;
}

function isLetter(c: number): boolean {
  return isUpper(c) || isLower(c);
}

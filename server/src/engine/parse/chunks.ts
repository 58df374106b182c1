import { computeLineStarts, lineAt, type LineStarts } from '../text/positions';
import { flatten, type Source } from '../text/source';

/**
 * Splits a document into chunks that Markdown parses the same way alone as in
 * place, so an edit re-parses only its chunk. Outside front matter, fenced code and
 * multi-line HTML blocks, a chunk starts at a line that begins in column 0
 * - right after a blank line: there every container (list, block quote, paragraph,
 *   table) has already ended;
 * - at an ATX heading (`# Title`), and right after one: a heading interrupts a
 *   paragraph or a table and is never a lazy continuation line, so in column 0 it
 *   closes every container, and it is a block of one line;
 * - at a block quote or a fence that ends a run of rows (lines starting with `|`)
 *   that began where every container was closed: the run is a table or a paragraph,
 *   both of which a block quote and a fence interrupt. Any other line after a table
 *   is a row of it (GFM) or, after a paragraph, may continue it, so a document with
 *   no blank lines and no headings stays whole.
 * Where the scanner cannot be sure of the parser's state (fences inside containers,
 * HTML that may or may not be a block) it stops splitting: the rest of the document
 * is one chunk, which is always right.
 */
export interface Chunk {
  start: number;
  end: number;
  /** 0-based line of `start`. */
  line: number;
  /** Only the first chunk may hold front matter. */
  first: boolean;
}

const FENCE = /^(`{3,}|~{3,})(.*)$/;
const ATX_HEADING = /^#{1,6}(?:[ \t]|$)/;
const CLOSING_FENCE = /^ {0,3}(`{3,}|~{3,})[ \t]*$/;
const PREFIXED_FENCE = /^(?:[ \t>*+\-.)]|\d)+(`{3,}|~{3,})/;
const PREFIXED_HTML = /^(?:[ \t>*+\-.)]|\d)+<(?:!--|\?|![A-Za-z]|!\[CDATA\[|(?:script|pre|style|textarea)\b)/i;
const HTML_ENDS: [RegExp, RegExp][] = [
  [/^<(?:script|pre|style|textarea)(?:[\s>]|$)/i, /<\/(?:script|pre|style|textarea)>/i],
  [/^<!--/, /-->/],
  [/^<\?/, /\?>/],
  [/^<![A-Za-z]/, />/],
  [/^<!\[CDATA\[/, /\]\]>/],
];

export function splitChunks(text: Source, lineStarts = computeLineStarts(flatten(text))): Chunk[] {
  return scanChunks(text, lineStarts).chunks;
}

/**
 * The chunks of one version, with what the scanner knew where each starts, so that the next
 * version's scan can start again there (see rescanChunks).
 */
export interface ChunkScan {
  chunks: Chunk[];
  /** Per chunk, the scanner's state where it starts (a bit set: see STATE_*). */
  states: number[];
  /**
   * Per chunk, the lines [from, to) of the last run of table rows in it (lines that start
   * with `|`, outside fences, HTML and front matter), or -1, -1: a scan again skips the rows
   * of a large table that the edit left alone instead of reading them one by one.
   */
  rowsFrom: number[];
  rowsTo: number[];
  /** The text's length and line count. */
  length: number;
  lines: number;
  /** How many lines this scan read: tests count it. */
  scanned: number;
  /**
   * When it was a scan again (rescanChunks): its first `head` chunks are the previous scan's
   * own, and its last `tail` chunks are the previous scan's last ones, moved.
   */
  kept?: { head: number; tail: number };
  /**
   * Set when the scan stopped after a step's worth of lines (see rescanChunksSteps): its last
   * chunk, which runs to the end of the text, is where the next step starts again.
   */
  partial?: boolean;
}

/** What the scan of the next version may take from this one's: the text is the same before `head` and in its last `tail` characters. */
export interface Unchanged {
  head: number;
  tail: number;
}

// The scanner's state between two lines, where a chunk may start (there no fence, HTML block
// or front matter is open): what it knows of the lines before, as bits.
const STATE_BLANK = 1;
const STATE_HEADING = 2;
const STATE_FRONT_MATTER = 4;
const STATE_ROW_RUN = 8;
const STATE_HTML = 16;

/**
 * The chunks of a version whose text differs from `previous`'s only between `unchanged.head`
 * and its last `unchanged.tail` characters: the scan starts again at the last chunk that
 * starts on a line before the change, and stops at the first chunk start after it where the
 * scanner is in the state the previous scan was in there; the chunks after it are the
 * previous ones, moved. An edit's scan reads the lines around it, not the document.
 */
export function rescanChunks(text: Source, lineStarts: LineStarts, previous?: ChunkScan, unchanged?: Unchanged): ChunkScan {
  return scanChunks(text, lineStarts, resumeOf(text, lineStarts, previous, unchanged));
}

/**
 * Where a scan again starts (see rescanChunks), or undefined when the whole text is to be
 * scanned: nothing is known of the last version, the edit left nothing alone (the whole text
 * replaced, as when a file is reloaded), or what it says it left alone cannot be.
 */
function resumeOf(text: Source, lineStarts: LineStarts, previous?: ChunkScan, unchanged?: Unchanged): Resume | undefined {
  if (!previous || !unchanged) return undefined;
  const { head, tail } = unchanged;
  if (head > text.length - tail || head > previous.length - tail || head < 0 || tail < 0 || (head === 0 && tail === 0)) return undefined;
  // The start of the line that holds `head`: a chunk that starts before it was decided by unchanged lines.
  const changeLine = lineAt(lineStarts, head);
  const headLine = lineStarts[changeLine] ?? 0;
  let from = 0;
  for (let i = previous.chunks.length - 1; i > 0; i--) {
    if (previous.chunks[i].start < headLine) {
      from = i;
      break;
    }
  }
  return { previous, from, tailStart: text.length - tail, changeLine };
}

/**
 * As rescanChunks, with a step every `lines` lines or so when the whole text is scanned (a
 * document's first analysis, or a version whose whole text was replaced): the scan of a megabyte of headings and small tables was one
 * step of 12 to 18 ms in a fresh server, which a hover sent with the document waited for. A
 * step stops where a chunk starts, and the next goes on from there as a scan again after an
 * edit does, from the scanner's state at that chunk (see Resume), filling the same lists.
 */
export function* rescanChunksSteps(
  text: Source,
  lineStarts: LineStarts,
  previous: ChunkScan | undefined,
  unchanged: Unchanged | undefined,
  /** Lines per step: the analysis's STEP_LINES (the parse layer knows nothing of steps). */
  lines: number,
): Generator<void, ChunkScan> {
  const resume = resumeOf(text, lineStarts, previous, unchanged);
  if (resume) return scanChunks(text, lineStarts, resume);
  let scan = scanChunks(text, lineStarts, undefined, lines);
  let scanned = scan.scanned;
  while (scan.partial) {
    yield;
    const from = scan.chunks.length - 1;
    const chunk = scan.chunks[from];
    scan = scanChunks(text, lineStarts, { previous: scan, from, tailStart: Infinity, changeLine: chunk.line, inPlace: true }, lines);
    scanned += scan.scanned;
  }
  // One scan of the whole text, as far as the next version's is concerned: nothing was kept.
  return { ...scan, scanned, kept: undefined };
}

interface Resume {
  previous: ChunkScan;
  /** The previous chunk to start again from (its start is before the change). */
  from: number;
  /** Where the unchanged end of the text starts, in this version. */
  tailStart: number;
  /** The first line the edit may have changed: the lines before it are the previous scan's, at the same numbers. */
  changeLine: number;
  /** The previous scan is a step of this one's (rescanChunksSteps): its lists are taken and filled on, not copied. */
  inPlace?: boolean;
}

/** Where the run of table rows that holds `line` (a line of the scan's text) ends, if the scan found one there, else -1. */
function rowsEndAt(scan: ChunkScan, line: number): number {
  let low = 0;
  let high = scan.chunks.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (scan.chunks[middle].line <= line) low = middle;
    else high = middle - 1;
  }
  return scan.rowsFrom[low] >= 0 && scan.rowsFrom[low] <= line && line < scan.rowsTo[low] ? scan.rowsTo[low] : -1;
}

/**
 * `stopAfter`: a number of lines, after which the scan stops where the next chunk starts
 * (a partial scan, see rescanChunksSteps), counted in the lines of a scan it goes on from.
 */
function scanChunks(text: Source, lineStarts: LineStarts, resume?: Resume, stopAfter = Infinity): ChunkScan {
  // The previous scan's chunks before the change, as they were: copied natively, not pushed
  // one by one (a keystroke in a document of thousands of chunks copied each of them); the
  // lists themselves when the previous scan is a step of this one.
  const head = resume && resume.from > 0 ? resume.from : 0;
  // Where the scan starts again, read before the lists are cut to their head.
  const restart = head > 0 ? { chunk: resume!.previous.chunks[head], state: resume!.previous.states[head] } : undefined;
  const headOf = <T>(list: T[]): T[] => {
    if (head === 0) return [];
    if (!resume!.inPlace) return list.slice(0, head);
    list.length = head;
    return list;
  };
  const chunks: Chunk[] = headOf(resume ? resume.previous.chunks : []);
  const states: number[] = headOf(resume ? resume.previous.states : []);
  const rowsFrom: number[] = headOf(resume ? resume.previous.rowsFrom : []);
  const rowsTo: number[] = headOf(resume ? resume.previous.rowsTo : []);
  /** Where the run of table rows the scan is in began, or -1; and the last run that ended, [from, to). */
  let run = -1;
  let lastFrom = -1;
  let lastTo = -1;
  let chunkStart = 0;
  let chunkLine = 0;
  let fence: { char: string; length: number } | undefined;
  let htmlEnd: RegExp | undefined;
  let htmlUntilBlank = false;
  let frontMatter = false;
  let previousBlank = false;
  /** The previous line is an ATX heading in column 0: every container is closed after it. */
  let afterHeading = false;
  /** The previous line ends the front matter, which closes nothing but is followed by the top level. */
  let afterFrontMatter = false;
  /** The lines since a point where every container was closed all start with `|` (and there is one). */
  let rowRun = false;
  let first = 0;
  let scanned = 0;
  const delta = resume ? text.length - resume.previous.length : 0;
  const lineDelta = resume ? lineStarts.length - resume.previous.lines : 0;
  /** The next previous chunk that may start where a chunk starts now, in the unchanged end. */
  let match = 0;
  if (resume && restart) {
    const state = restart.state;
    chunkStart = restart.chunk.start;
    chunkLine = first = restart.chunk.line;
    previousBlank = (state & STATE_BLANK) !== 0;
    afterHeading = (state & STATE_HEADING) !== 0;
    afterFrontMatter = (state & STATE_FRONT_MATTER) !== 0;
    rowRun = (state & STATE_ROW_RUN) !== 0;
    htmlUntilBlank = (state & STATE_HTML) !== 0;
    match = resume.from + 1;
  }
  states.push(chunkLine === 0 ? 0 : (restart?.state ?? 0));
  let kept: ChunkScan['kept'] = resume && { head: resume.from > 0 ? resume.from : 0, tail: 0 };
  let partial = false;
  const done = (): ChunkScan => ({
    chunks,
    states,
    rowsFrom,
    rowsTo,
    length: text.length,
    lines: lineStarts.length,
    scanned,
    kept,
    partial,
  });
  /** Ends the last chunk's record of its rows (see ChunkScan.rowsFrom), at `line`. */
  const closeRows = (line: number) => {
    const from = run >= 0 ? run : lastFrom;
    const inChunk = from >= 0 && from >= chunkLine;
    rowsFrom.push(inChunk ? from : -1);
    rowsTo.push(inChunk ? (run >= 0 ? line : lastTo) : -1);
    lastFrom = lastTo = -1;
  };
  /**
   * Ends the chunk before line `line` (starting at `start`). Returns true when the rest is
   * the previous scan's, moved: the new chunk starts where one did, in the unchanged end
   * of the text, with the scanner in the same state.
   */
  const cut = (line: number, start: number): boolean => {
    chunks.push({ start: chunkStart, end: start, line: chunkLine, first: chunks.length === 0 });
    closeRows(line);
    chunkStart = start;
    chunkLine = line;
    const state =
      (previousBlank ? STATE_BLANK : 0) |
      (afterHeading ? STATE_HEADING : 0) |
      (afterFrontMatter ? STATE_FRONT_MATTER : 0) |
      (rowRun ? STATE_ROW_RUN : 0) |
      (htmlUntilBlank ? STATE_HTML : 0);
    states.push(state);
    if (scanned >= stopAfter) {
      // A step's worth of lines: the chunk that starts here is left open, to the end of the
      // text, for the next step to scan again from its start, in the state pushed for it.
      chunks.push({ start, end: text.length, line, first: false });
      rowsFrom.push(-1);
      rowsTo.push(-1);
      partial = true;
      return true;
    }
    if (!resume || start < resume.tailStart) return false;
    const previous = resume.previous;
    while (match < previous.chunks.length && previous.chunks[match].start + delta < start) match++;
    if (match >= previous.chunks.length || previous.chunks[match].start + delta !== start || previous.states[match] !== state) return false;
    states.pop();
    kept = { head: resume.from > 0 ? resume.from : 0, tail: previous.chunks.length - match };
    for (let i = match; i < previous.chunks.length; i++) {
      const chunk = previous.chunks[i];
      chunks.push(
        delta === 0 && lineDelta === 0
          ? chunk
          : { start: chunk.start + delta, end: chunk.end + delta, line: chunk.line + lineDelta, first: false },
      );
      states.push(previous.states[i]);
      rowsFrom.push(previous.rowsFrom[i] < 0 ? -1 : previous.rowsFrom[i] + lineDelta);
      rowsTo.push(previous.rowsTo[i] < 0 ? -1 : previous.rowsTo[i] + lineDelta);
    }
    return true;
  };
  /**
   * The line to go on from after row `line`, in a run of rows: the end of the run the previous
   * scan found there, when the lines up to it are text the edit left alone. Those rows change
   * nothing in the scanner's state (it is in a run, and stays in it), so skipping them is
   * reading them.
   */
  const skipRows = (line: number): number => {
    const next = line + 1;
    if (!resume || next >= lineStarts.length) return next;
    if (next < resume.changeLine) {
      const end = rowsEndAt(resume.previous, next);
      return end < 0 ? next : Math.min(end, resume.changeLine);
    }
    // A line of the unchanged end whose line break before it is unchanged too: the same line
    // as the previous text's `next - lineDelta` (a break typed into a row starts a line that was not one).
    if (lineStarts[next] - 1 < resume.tailStart) return next;
    const end = rowsEndAt(resume.previous, next - lineDelta);
    return end < 0 ? next : end + lineDelta;
  };

  for (let line = first; line < lineStarts.length; line++) {
    scanned++;
    const start = lineStarts[line];
    const end = line + 1 < lineStarts.length ? lineStarts[line + 1] : text.length;
    if (text.charCodeAt(start) === 124 /* | */ && line > 0 && !frontMatter && !fence && !htmlEnd) {
      // A table row, most lines of a large document: it is not blank and opens nothing.
      if ((previousBlank || afterHeading) && line > chunkLine && cut(line, start)) return done();
      rowRun ||= previousBlank || afterHeading || afterFrontMatter;
      previousBlank = afterHeading = afterFrontMatter = false;
      if (run < 0) run = line;
      else line = skipRows(line) - 1;
      continue;
    }
    if (run >= 0) {
      lastFrom = run;
      lastTo = line;
      run = -1;
    }
    let content = lineContent(text, start, end);
    if (line === 0 && content.charCodeAt(0) === 0xfeff) content = content.slice(1);
    // A line of prose (a letter first) is not blank and opens no fence, heading, HTML or
    // container: the expressions below are not tried on it (most lines of a document).
    const lead = content.charCodeAt(0);
    const letter = (lead >= 65 && lead <= 90) || (lead >= 97 && lead <= 122);
    const blank = !letter && /^[ \t]*$/.test(content);

    if (line === 0 && /^---[ \t]*$/.test(content)) {
      frontMatter = true;
      previousBlank = false;
      continue;
    }
    if (frontMatter) {
      // Only `---` closes it, as remark-frontmatter reads YAML (a YAML `...` does not); unclosed,
      // it is no front matter, and the rest of the document stays one chunk, which is right.
      if (/^---[ \t]*$/.test(content)) frontMatter = false;
      afterFrontMatter = !frontMatter;
      previousBlank = false;
      continue;
    }
    if (fence) {
      const closing = CLOSING_FENCE.exec(content);
      if (closing && closing[1][0] === fence.char && closing[1].length >= fence.length) fence = undefined;
      previousBlank = blank;
      continue;
    }
    if (htmlEnd) {
      if (htmlEnd.test(content)) htmlEnd = undefined;
      previousBlank = blank;
      continue;
    }

    const topBefore = line === 0 || previousBlank || afterHeading || afterFrontMatter;
    const match = letter ? null : FENCE.exec(content);
    const opening = match && !(match[1][0] === '`' && match[2].includes('`')) ? match : null;
    // A chunk may not start with U+FEFF: parsed alone, micromark would take it for a BOM.
    const column0 = letter || (!blank && !/^[ \t\uFEFF]/.test(content));
    const heading = !letter && column0 && !htmlUntilBlank && ATX_HEADING.test(content);
    const endsRun = column0 && rowRun && (content.charCodeAt(0) === 62 /* > */ || opening !== null);
    if (column0 && (previousBlank || afterHeading || heading || endsRun) && line > chunkLine && cut(line, start)) return done();
    rowRun = content.charCodeAt(0) === 124 /* | */ && (topBefore || rowRun);
    afterHeading = heading;
    afterFrontMatter = false;

    if (opening) {
      // A fence after an HTML line that may be a block (which fences cannot interrupt)
      // or a paragraph (which they can): the parser's state is unknown from here.
      if (htmlUntilBlank) return giveUp(chunks, { rowsFrom, rowsTo }, chunkStart, chunkLine, text, done);
      fence = { char: opening[1][0], length: opening[1].length };
    } else if (!letter && (PREFIXED_FENCE.test(content) || PREFIXED_HTML.test(content))) {
      const after = previousBlank && !htmlUntilBlank ? fenceInListEnd(text, lineStarts, line, content) : -1;
      if (after < 0) return giveUp(chunks, { rowsFrom, rowsTo }, chunkStart, chunkLine, text, done);
      scanned += after - line;
      line = after;
      previousBlank = false;
      continue;
    } else if (content.startsWith('<')) {
      const kind = HTML_ENDS.find(([open]) => open.test(content));
      if (kind) {
        // Inside an HTML block `<script>` starts nothing; after a paragraph it starts a block.
        if (!kind[1].test(content.slice(1))) {
          if (htmlUntilBlank) return giveUp(chunks, { rowsFrom, rowsTo }, chunkStart, chunkLine, text, done);
          htmlEnd = kind[1];
        }
      } else {
        htmlUntilBlank = true;
      }
    }
    if (blank) htmlUntilBlank = false;
    previousBlank = blank;
  }
  chunks.push({ start: chunkStart, end: text.length, line: chunkLine, first: chunks.length === 0 });
  closeRows(lineStarts.length);
  return done();
}

/**
 * Where a fence in a list item ends, for the commonest container case (numbered steps with
 * code): the fence line comes after a blank line, its prefix is indentation and list
 * markers (`1. `, `- `), every line up to a closing fence with the same indentation is
 * blank or indented at least as much, and the closing fence is in the same column. Then
 * the fence is closed there whatever the containers are (a list item whose content starts
 * in that column, or none), or it was never a fence (indented code), and no line in
 * between can start a chunk. Returns the closing line, or -1 (the caller gives up).
 */
function fenceInListEnd(text: Source, lineStarts: LineStarts, line: number, content: string): number {
  let width = 0;
  // Indentation, then markers each followed by spaces: `  1. - ```` but not `-```` (a paragraph).
  while (content.charCodeAt(width) === 32) width++;
  for (;;) {
    const marker = /^(?:[-*+]|\d{1,9}[.)]) /.exec(content.slice(width, width + 12));
    if (!marker) break;
    width += marker[0].length;
    while (content.charCodeAt(width) === 32) width++;
  }
  const opening = FENCE.exec(content.slice(width));
  if (!opening || (opening[1][0] === '`' && opening[2].includes('`'))) return -1;
  const closing = new RegExp(`^ {${width}}${opening[1][0] === '`' ? '`' : '~'}{${opening[1].length},}[ \t]*$`);
  for (let next = line + 1; next < lineStarts.length; next++) {
    const start = lineStarts[next];
    const end = next + 1 < lineStarts.length ? lineStarts[next + 1] : text.length;
    const body = lineContent(text, start, end);
    if (closing.test(body)) return next;
    if (/^[ \t]*$/.test(body)) continue;
    let indent = 0;
    while (indent < width && body.charCodeAt(indent) === 32) indent++;
    if (indent < width) return -1;
  }
  return -1;
}

/** The rest of the document as one chunk, which is always right. */
function giveUp(
  chunks: Chunk[],
  rows: { rowsFrom: number[]; rowsTo: number[] },
  start: number,
  line: number,
  text: Source,
  done: () => ChunkScan,
): ChunkScan {
  chunks.push({ start, end: text.length, line, first: chunks.length === 0 });
  // No run of rows is skipped in it: a scan again reads it whole.
  rows.rowsFrom.push(-1);
  rows.rowsTo.push(-1);
  return done();
}

/** A line without its line break (`\n`, `\r\n` or `\r`): one slice, where a replace() made two strings per line. */
function lineContent(text: Source, start: number, end: number): string {
  let stop = end;
  if (stop > start && text.charCodeAt(stop - 1) === 10) stop--;
  if (stop > start && text.charCodeAt(stop - 1) === 13) stop--;
  return text.slice(start, stop);
}

import { headingText, type ParsedBlocks, type RawHeading } from './markdown';
import { detach } from '../text/strings';
import type { LineStarts } from '../text/positions';
import type { Source } from '../text/source';

/** Parses a piece of Markdown as `parseChunk` does; a seam, so tests can count the parses. */
export type ChunkParser = (source: string, first: boolean) => ParsedBlocks;

/**
 * Whether lines `[fromLine, …)` up to offset `end` may hold a GFM table. A table needs a
 * delimiter row right under a non-blank header line; micromark-extension-gfm-table reads
 * a delimiter row (after the container's `>` and indentation) as cells of `-` with an
 * optional `:` at either end, between pipes, and takes it only when it holds a `|` or a
 * `:` (a line of dashes alone is a thematic break or a setext underline). So a line of
 * nothing but spaces, tabs, `>`, `|`, `:` and `-`, with a `-` and a `|` or `:`, under a
 * line with something on it, is a candidate; a text with no candidate has no table, and
 * its prose is not worth a Markdown parse. Most lines are ruled out by their first
 * character that is not indentation or `>`.
 */
export function mayHoldTable(source: Source, lineStarts: LineStarts, fromLine: number, end: number): boolean {
  for (let line = fromLine + 1; line < lineStarts.length && lineStarts[line] < end; line++) {
    const start = lineStarts[line];
    const stop = line + 1 < lineStarts.length ? Math.min(lineStarts[line + 1], end) : end;
    let i = start;
    let code = source.charCodeAt(i);
    while (i < stop && (code === 32 || code === 9 || code === 62)) code = source.charCodeAt(++i);
    if (i >= stop || (code !== 124 && code !== 58 && code !== 45)) continue;
    if (isDelimiterLike(source, i, stop) && !isBlank(source, lineStarts[line - 1], start)) return true;
  }
  return false;
}

/**
 * Whether `source` may hold a heading: a line with `#` after nothing but indentation and
 * container or list markers (an ATX heading, in a quote or a list item too), or a line of
 * nothing but `=` or `-` (a setext underline, or a thematic break). A chunk with neither
 * has no heading, and is not parsed to look for one.
 */
export function mayHoldHeading(source: Source): boolean {
  // In a string with no CR, a line's end is found with indexOf, which is native: prose is
  // read here before V8 has compiled a loop over its characters.
  const lineFeedsOnly = typeof source === 'string' && !source.includes('\r');
  let lineStart = true;
  let underline = 0;
  let other = false;
  for (let i = 0; i < source.length; i++) {
    const code = source.charCodeAt(i);
    if (code === 10 || code === 13) {
      if (underline !== 0 && !other) return true;
      lineStart = true;
      underline = 0;
      other = false;
      continue;
    }
    if (lineStart) {
      // Indentation, a BOM, `>`, list markers (`-`, `*`, `+`, `1.`, `1)`): the line may still be a heading.
      if (
        code === 32 ||
        code === 9 ||
        code === 0xfeff ||
        code === 62 ||
        code === 42 ||
        code === 43 ||
        code === 46 ||
        code === 41 ||
        (code >= 48 && code <= 57)
      )
        continue;
      if (code === 35) return true;
      if (code === 45 || code === 61) {
        if (underline === 0) underline = code;
        else if (underline !== code) other = true;
        continue;
      }
      lineStart = false;
      other = true;
      // The rest of the line cannot make it a heading: on to its end.
      if (lineFeedsOnly) {
        const end = (source as string).indexOf('\n', i + 1);
        i = (end < 0 ? source.length : end) - 1;
      } else while (i + 1 < source.length && source.charCodeAt(i + 1) !== 10 && source.charCodeAt(i + 1) !== 13) i++;
    }
  }
  return underline !== 0 && !other;
}

/**
 * The headings of a chunk that is one heading and blank lines, the usual chunk above a
 * table, read without remark; undefined for any other chunk. An ATX heading (`## Title`)
 * reads as remark gives it: from the first `#` to the end of the line's content, trailing
 * blanks included. A setext heading (a line of text, then a line of `=` or `-`) is read
 * when its text line starts with a letter in column 0 (no other block starts so); it
 * spans both lines, to the end of the underline's content. `at` is where the chunk stands.
 */
export function readHeadingChunk(source: Source, at: number): RawHeading[] | undefined {
  const first = source.charCodeAt(0);
  if (first !== 35 && !isAsciiLetter(first)) return undefined;
  let end = lineEnd(source, 0);
  let depth = 0;
  if (first !== 35) {
    // A setext heading: the underline is the next line, after one line ending.
    const under = end + (source.charCodeAt(end) === 13 && source.charCodeAt(end + 1) === 10 ? 2 : 1);
    const marker = source.charCodeAt(under);
    if (under >= source.length || (marker !== 61 && marker !== 45)) return undefined;
    const underEnd = lineEnd(source, under);
    let i = under;
    while (i < underEnd && source.charCodeAt(i) === marker) i++;
    while (i < underEnd && (source.charCodeAt(i) === 32 || source.charCodeAt(i) === 9)) i++;
    if (i < underEnd) return undefined;
    depth = marker === 61 ? 1 : 2;
    end = underEnd;
  }
  for (let i = end; i < source.length; i++) {
    const code = source.charCodeAt(i);
    if (code !== 10 && code !== 13 && code !== 32 && code !== 9) return undefined;
  }
  const line = source.slice(0, end);
  if (line.includes('\0')) return undefined;
  if (depth === 0) {
    while (depth < line.length && line.charCodeAt(depth) === 35) depth++;
    if (depth > 6 || (depth < line.length && line.charCodeAt(depth) !== 32 && line.charCodeAt(depth) !== 9)) return undefined;
  }
  return [{ start: at, end: at + end, depth, text: detach(headingText(line)) }];
}

/**
 * Whether a chunk is one fenced code block, then blank lines: its first line opens a fence
 * in column 0 (three or more backticks with no backtick after them, or tildes) and no line
 * after it but the one that closes the fence has anything to say (no table, heading or
 * comment is read in code), so remark, which would read nothing in it, is not called. A
 * fence left open runs to the chunk's end, as remark reads the chunk alone. A line that
 * starts with three markers and is neither plainly code (fewer markers than the opening)
 * nor plainly a closing fence (indented by a tab or by more than three spaces, or followed
 * by text) makes the answer no, as does a CR: those chunks are parsed. Code blocks that quote tables, or shell lines with pipes, are common in
 * documentation.
 */
export function isFencedCode(source: Source): boolean {
  if (typeof source !== 'string') return false;
  const marker = source.charCodeAt(0);
  if ((marker !== 96 && marker !== 126) || source.includes('\r')) return false;
  let length = 0;
  while (source.charCodeAt(length) === marker) length++;
  if (length < 3) return false;
  let end = source.indexOf('\n');
  if (end < 0) end = source.length;
  if (marker === 96 && source.indexOf('`', length) >= 0 && source.indexOf('`', length) < end) return false;
  let closed = false;
  for (let start = end + 1; start < source.length; start = end + 1) {
    end = source.indexOf('\n', start);
    if (end < 0) end = source.length;
    if (closed) {
      if (!isBlank(source, start, end)) return false;
      continue;
    }
    let i = start;
    while (i < end && (source.charCodeAt(i) === 32 || source.charCodeAt(i) === 9)) i++;
    if (end - i < 3 || source.charCodeAt(i) !== marker || source.charCodeAt(i + 1) !== marker || source.charCodeAt(i + 2) !== marker)
      continue;
    let run = i;
    while (run < end && source.charCodeAt(run) === marker) run++;
    if (i - start > 3 || source.slice(start, i).includes('\t')) return false;
    // Shorter than the opening fence: code.
    if (run - i < length) continue;
    if (!isBlank(source, run, end)) return false;
    closed = true;
  }
  return true;
}

function lineEnd(source: Source, from: number): number {
  let i = from;
  while (i < source.length && source.charCodeAt(i) !== 10 && source.charCodeAt(i) !== 13) i++;
  return i;
}

function isAsciiLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

function isDelimiterLike(source: Source, from: number, to: number): boolean {
  let dash = false;
  let marker = false;
  for (let i = from; i < to; i++) {
    const code = source.charCodeAt(i);
    if (code === 45) dash = true;
    else if (code === 124 || code === 58) marker = true;
    else if (code === 10 || code === 13) break;
    else if (code !== 32 && code !== 9 && code !== 62) return false;
  }
  return dash && marker;
}

function isBlank(source: Source, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const code = source.charCodeAt(i);
    if (code !== 32 && code !== 9 && code !== 10 && code !== 13) return false;
  }
  return true;
}

/**
 * The YAML front matter at the start of `source` (after a BOM), as remark-frontmatter
 * reads it, without remark (a remark call costs a fixed fraction of a millisecond, and
 * most pages of a documentation repository start with front matter): an opening `---`
 * line, then everything up to the first closing `---` line (blanks allowed after both).
 * Its value is the text between the fences less one line break at each end, as
 * mdast-util-frontmatter gives it, with NUL read as U+FFFD as micromark reads it.
 * Offsets count from after the BOM, as micromark's do.
 */
export function readFrontMatter(source: Source): ParsedBlocks['frontMatter'] {
  const bom = source.charCodeAt(0) === 0xfeff ? 1 : 0;
  const opened = fenceEnd(source, bom);
  if (opened < 0 || opened >= source.length) return undefined;
  let i = opened;
  for (;;) {
    // `i` is at a line ending: step over it to the next line's start.
    i += source.charCodeAt(i) === 13 && source.charCodeAt(i + 1) === 10 ? 2 : 1;
    if (i >= source.length) return undefined;
    const closing = fenceEnd(source, i);
    if (closing >= 0) {
      const value = source
        .slice(opened, i)
        .replace(/^(\r?\n|\r)|(\r?\n|\r)$/g, '')
        .replace(/\0/g, '\uFFFD');
      return { start: 0, end: closing - bom, value };
    }
    while (i < source.length && source.charCodeAt(i) !== 10 && source.charCodeAt(i) !== 13) i++;
    if (i >= source.length) return undefined;
  }
}

/** Where the line ending (or the text) after a `---` fence at `at` is, or -1 when the line is not a fence. */
function fenceEnd(source: Source, at: number): number {
  if (source.charCodeAt(at) !== 45 || source.charCodeAt(at + 1) !== 45 || source.charCodeAt(at + 2) !== 45) return -1;
  let i = at + 3;
  while (i < source.length && (source.charCodeAt(i) === 32 || source.charCodeAt(i) === 9)) i++;
  if (i < source.length && source.charCodeAt(i) !== 10 && source.charCodeAt(i) !== 13) return -1;
  return i;
}

import type { Position, Range } from 'vscode-languageserver-types';
import { flatten, type Source } from './source';
import type { Span } from '../model';

export type PositionEncoding = 'utf-16' | 'utf-8';

/**
 * Offset of the first character of each line. A typed array of the exact length: one
 * is built per version of a document, and an array grown by push() leaves several times
 * its size behind, at every keystroke.
 */
export type LineStarts = Uint32Array;

/**
 * The one place where offsets become LSP positions (and back). Every range the
 * engine hands out goes through here, so encodings and line endings are handled once.
 */
export class LineIndex {
  readonly lineStarts: LineStarts;

  constructor(
    readonly text: Source,
    readonly encoding: PositionEncoding = 'utf-16',
    /** The text's line starts if known already (a copy is kept): a scan of the text less per version. */
    known?: ArrayLike<number>,
  ) {
    this.lineStarts = known ? Uint32Array.from(known) : computeLineStarts(flatten(text));
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  /** 0-based line of an offset. */
  lineOf(offset: number): number {
    return lineAt(this.lineStarts, offset);
  }

  /** End of a line's content, before its line break. */
  lineEnd(line: number): number {
    const next = line + 1 < this.lineStarts.length ? this.lineStarts[line + 1] : this.text.length;
    let end = next;
    if (end > this.lineStarts[line] && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > this.lineStarts[line] && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    const line = this.lineOf(clamped);
    const start = this.lineStarts[line];
    const character = this.encoding === 'utf-8' ? utf8Length(this.text, start, clamped) : clamped - start;
    return { line, character };
  }

  offsetAt(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line >= this.lineStarts.length) return this.text.length;
    const start = this.lineStarts[position.line];
    const end = this.lineEnd(position.line);
    if (this.encoding === 'utf-8') return utf8Offset(this.text, start, end, position.character);
    return Math.max(start, Math.min(start + Math.max(0, position.character), end));
  }

  range(span: Span): Range {
    return { start: this.positionAt(span.start), end: this.positionAt(span.end) };
  }

  span(range: Range): Span {
    return { start: this.offsetAt(range.start), end: this.offsetAt(range.end) };
  }
}

export function computeLineStarts(text: string): LineStarts {
  // Most documents have no CR: then indexOf, which is native, finds every break.
  if (!text.includes('\r')) {
    let starts = new Uint32Array(1024);
    let count = 1;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
      if (count === starts.length) {
        const grown = new Uint32Array(count * 2);
        grown.set(starts);
        starts = grown;
      }
      starts[count++] = i + 1;
    }
    return starts.slice(0, count);
  }
  const starts: number[] = [0];
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (code === 10) {
      starts.push(i + 1);
    }
  }
  return Uint32Array.from(starts);
}

function utf8Length(text: Source, from: number, to: number): number {
  let bytes = 0;
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < to && isLowSurrogate(text.charCodeAt(i + 1))) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

function utf8Offset(text: Source, start: number, end: number, character: number): number {
  let bytes = 0;
  let i = start;
  while (i < end && bytes < character) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && isLowSurrogate(text.charCodeAt(i + 1))) {
      bytes += 4;
      i++;
    } else bytes += 3;
    i++;
  }
  return i;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** The 0-based line that holds `offset`, given where each line starts (a binary search). */
export function lineAt(starts: ArrayLike<number>, offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid] <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** The index of the first of `list` (spans in document order) that starts at or after `offset`: a binary search. */
export function firstFrom(list: readonly { start: number }[], offset: number): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (list[middle].start < offset) low = middle + 1;
    else high = middle;
  }
  return low;
}

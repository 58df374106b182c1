/**
 * The text of one version of a document as the engine reads it: by offset, a character
 * or a slice at a time. A string is one; an open document is another (`PieceSource`),
 * read through the pieces its changes left (views into its last whole text and the
 * typed strings) without ever joining them.
 *
 * Why: joining a large document into one string costs a copy of it per version, and
 * that copy is garbage at the next keystroke. An edit's
 * analysis reads a few rows around the change, and the rest of the document only as
 * first characters of lines and comparisons of unchanged chunks and pieces: slices that
 * fall inside one piece are views, and views compare without copying.
 */
export interface Source {
  readonly length: number;
  charCodeAt(index: number): number;
  /** As String#slice with two offsets in range. */
  slice(start: number, end: number): string;
}

/** Above this length a chunk that spans pieces is compared piece by piece, never joined. */
const JOIN_LIMIT = 64 * 1024;

export class PieceSource implements Source {
  readonly length: number;
  /** Offset of each piece; one more entry, the length, closes the last. */
  private readonly starts: number[];
  /** The piece read last, and where it stands: reads come in order (lines, rows), so it is usually the next one's. */
  private current = 0;
  private currentText: string;
  private currentStart = 0;
  private currentEnd: number;
  private flat: string | undefined;

  /** `pieces`: not empty, none of them empty (sourceOf makes sure). */
  constructor(readonly pieces: readonly string[]) {
    const starts = new Array<number>(pieces.length + 1);
    let at = 0;
    for (let i = 0; i < pieces.length; i++) {
      starts[i] = at;
      at += pieces[i].length;
    }
    starts[pieces.length] = at;
    this.starts = starts;
    this.length = at;
    this.currentText = pieces[0];
    this.currentEnd = starts[1];
  }

  charCodeAt(index: number): number {
    // Called once per line of the document by the chunk scanner: the common case inline.
    if (index >= this.currentStart && index < this.currentEnd) return this.currentText.charCodeAt(index - this.currentStart);
    const piece = this.pieceAt(index);
    return piece < 0 ? NaN : this.pieces[piece].charCodeAt(index - this.starts[piece]);
  }

  slice(start: number, end: number): string {
    if (end <= start) return '';
    const first = this.pieceAt(start);
    if (first < 0) return '';
    const base = this.starts[first];
    if (end <= this.starts[first + 1]) return this.pieces[first].slice(start - base, end - base);
    if (this.flat !== undefined) return this.flat.slice(start, end);
    return this.partsOf(first, start, end).join('');
  }

  /** Offsets [start, end) as a source of their own, offsets from 0: a view when they fit in one piece. */
  sub(start: number, end: number): Source {
    const first = this.pieceAt(start);
    if (first < 0 || end <= start) return '';
    if (end <= this.starts[first + 1]) return this.slice(start, end);
    if (end - start <= JOIN_LIMIT) return this.slice(start, end);
    return new PieceSource(this.partsOf(first, start, end));
  }

  /** The stretches of the pieces, from `first` on, that [start, end) covers: views, none empty. */
  private partsOf(first: number, start: number, end: number): string[] {
    const parts: string[] = [];
    for (let i = first; i < this.pieces.length && this.starts[i] < end; i++) {
      parts.push(this.pieces[i].slice(Math.max(start - this.starts[i], 0), Math.min(end - this.starts[i], this.pieces[i].length)));
    }
    return parts;
  }

  /** The whole text as one string, joined once. */
  toString(): string {
    return (this.flat ??= this.pieces.join(''));
  }

  private pieceAt(index: number): number {
    const starts = this.starts;
    if (index < 0 || index >= this.length) return -1;
    const piece = this.current;
    if (index >= starts[piece] && index < starts[piece + 1]) return piece;
    if (index >= starts[piece + 1] && index < starts[piece + 2]) return this.moveTo(piece + 1);
    let low = 0;
    let high = this.pieces.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid] <= index) low = mid;
      else high = mid - 1;
    }
    return this.moveTo(low);
  }

  private moveTo(piece: number): number {
    this.current = piece;
    this.currentText = this.pieces[piece];
    this.currentStart = this.starts[piece];
    this.currentEnd = this.starts[piece + 1];
    return piece;
  }
}

/**
 * The pieces of a text after [start, end) is replaced by `text`: the untouched stretches
 * are views of the old pieces, so an edit copies nothing but what was typed. Above
 * `joinAbove` pieces, they are joined into one. The old array is not changed.
 */
export function splicePieces(pieces: readonly string[], start: number, end: number, text: string, joinAbove = 64): string[] {
  const parts: string[] = [];
  let at = 0;
  for (const piece of pieces) {
    if (at + piece.length <= start) parts.push(piece);
    else if (at < start) parts.push(piece.substring(0, start - at));
    at += piece.length;
  }
  parts.push(text);
  at = 0;
  for (const piece of pieces) {
    if (at >= end) parts.push(piece);
    else if (at + piece.length > end) parts.push(piece.substring(end - at));
    at += piece.length;
  }
  const kept = parts.filter((part) => part.length > 0);
  return kept.length === 0 ? [''] : kept.length > joinAbove ? [kept.join('')] : kept;
}

/**
 * The text of `pieces` as a source: a PieceSource even when there is one piece. An open
 * document's text is one piece when it opens and after each join (PieceTextDocument.compact),
 * and several while it is typed: the code that reads it, optimised by V8 during the open,
 * would otherwise meet a string there and a PieceSource at the first keystroke, and be
 * thrown away and optimised again in the middle of the first edits.
 */
export function sourceOf(pieces: readonly string[]): Source {
  const kept = pieces.filter((piece) => piece.length > 0);
  return kept.length === 0 ? '' : new PieceSource(kept);
}

/** The text as one string (a source that is a string already is not copied). */
export function flatten(source: Source): string {
  return typeof source === 'string' ? source : source.toString();
}

/** [start, end) of a source as a source (see PieceSource.sub). */
export function subSource(source: Source, start: number, end: number): Source {
  return source instanceof PieceSource ? source.sub(start, end) : source.slice(start, end);
}

/** Whether two texts are the same, without joining either: stretch by stretch, each a view. */
export function sameText(a: Source, b: Source): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  if (typeof a === 'string' && typeof b === 'string') return a === b;
  const left = piecesOf(a);
  const right = piecesOf(b);
  let i = 0;
  let j = 0;
  let x = 0;
  let y = 0;
  while (i < left.length && j < right.length) {
    const n = Math.min(left[i].length - x, right[j].length - y);
    if (left[i].slice(x, x + n) !== right[j].slice(y, y + n)) return false;
    x += n;
    y += n;
    if (x === left[i].length) {
      i++;
      x = 0;
    }
    if (y === right[j].length) {
      j++;
      y = 0;
    }
  }
  return true;
}

function piecesOf(source: Source): readonly string[] {
  return typeof source === 'string' ? [source] : source instanceof PieceSource ? source.pieces : [flatten(source)];
}

/** Whether the text has a CR that is not followed by an LF. */
export function hasLoneCR(source: Source): boolean {
  if (typeof source === 'string') return source.includes('\r') && /\r(?!\n)/.test(source);
  if (!(source instanceof PieceSource)) return hasLoneCR(flatten(source));
  let at = 0;
  for (const piece of source.pieces) {
    for (let i = piece.indexOf('\r'); i >= 0; i = piece.indexOf('\r', i + 1)) {
      if (source.charCodeAt(at + i + 1) !== 10) return true;
    }
    at += piece.length;
  }
  return false;
}

import type { DocumentUri, Position, Range, TextDocument, TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { sourceOf, splicePieces, type Source } from '../engine';

/**
 * An open document, updated by incremental changes as `vscode-languageserver-textdocument`'s
 * FullTextDocument is (same line table, same positions, same clamping; a property test
 * checks them against each other), with one difference: the text is kept as the pieces
 * each change leaves (views into the last whole text and the inserted strings) and joined
 * only when someone reads it. The library builds the new text and reads a character of
 * it at each change, and V8 then copies the whole text: a burst of keystrokes in a large
 * document would copy it once per keystroke (garbage that lands in the old generation)
 * where the analysis needs none.
 */
export class PieceTextDocument implements TextDocument {
  private parts: string[];
  private length: number;
  private lineOffsets: number[] | undefined;
  /** The pieces as the engine reads them, made once per version when first needed. */
  private source: Source | undefined;
  /**
   * What each of the last updates left unchanged (RaciDocument.changedSince): from version
   * `from` to `to`, the first `head` characters and the last `tail`. A few entries: the
   * analysis asks about the version it analysed last, a keystroke or a burst ago.
   */
  private changes: { from: number; to: number; head: number; tail: number }[] = [];

  constructor(
    readonly uri: DocumentUri,
    readonly languageId: string,
    public version: number,
    content: string,
  ) {
    this.parts = [content];
    this.length = content.length;
  }

  getText(range?: Range): string {
    if (this.parts.length > 1) this.setParts([this.parts.join('')]);
    const text = this.parts[0];
    return range ? text.substring(this.offsetAt(range.start), this.offsetAt(range.end)) : text;
  }

  update(changes: TextDocumentContentChangeEvent[], version: number): void {
    // Characters before the first change and after the last are those of the previous
    // version: each change keeps what is before its start and after its end, in its turn.
    let head = Infinity;
    let tail = Infinity;
    for (const change of changes) {
      if ('range' in change && change.range !== undefined) {
        const range = wellformed(change.range);
        const start = this.offsetAt(range.start);
        const end = Math.max(start, this.offsetAt(range.end));
        head = Math.min(head, start);
        tail = Math.min(tail, this.length - end);
        this.replace(range, change.text);
      } else {
        head = tail = 0;
        this.setParts([change.text]);
        this.length = change.text.length;
        this.lineOffsets = undefined;
      }
    }
    head = Math.min(head, this.length);
    tail = Math.min(tail, this.length - head);
    this.changes.push({ from: this.version, to: version, head, tail });
    if (this.changes.length > CHANGE_LOG) this.changes.shift();
    this.version = version;
  }

  /** RaciDocument.changedSince: folds the log back to `version`; undefined when it does not reach. */
  changedSince(version: number): { head: number; tail: number } | undefined {
    let head = this.length;
    let tail = 0;
    let at = this.version;
    if (at === version) return { head, tail };
    tail = this.length;
    for (let i = this.changes.length - 1; i >= 0; i--) {
      const change = this.changes[i];
      if (change.to !== at) return undefined;
      head = Math.min(head, change.head);
      tail = Math.min(tail, change.tail);
      at = change.from;
      if (at === version) return { head, tail: Math.min(tail, this.length - head) };
    }
    return undefined;
  }

  private replace(range: Range, text: string): void {
    const start = this.offsetAt(range.start);
    const end = this.offsetAt(range.end);
    // A CR before the change and an LF after it (or inside it at its ends) make one line
    // break that the line table cannot be patched for: rebuild it, as the library does.
    const before = this.charCodeAt(start - 1);
    const first = text.length > 0 ? text.charCodeAt(0) : this.charCodeAt(end);
    const last = text.length > 0 ? text.charCodeAt(text.length - 1) : before;
    const after = this.charCodeAt(end);
    this.splice(start, end, text);
    if ((before === CR && first === LF) || (last === CR && after === LF)) {
      this.lineOffsets = undefined;
      return;
    }
    const lineOffsets = this.lineOffsets;
    if (!lineOffsets) return;
    // Lines past the end are the end (offsetAt reads them so): a change from line 6 of a
    // 6-line document, or from line 100,000,000, patches the last line's entry, never
    // entries beyond the table (which would leave holes that the engine reads as lines).
    const lastLine = lineOffsets.length - 1;
    const startLine = Math.min(Math.max(range.start.line, 0), lastLine);
    const endLine = Math.min(Math.max(range.end.line, 0), lastLine);
    const added = computeLineOffsets(text, false, start);
    if (endLine - startLine === added.length) {
      for (let i = 0; i < added.length; i++) lineOffsets[i + startLine + 1] = added[i];
    } else {
      this.lineOffsets = [...lineOffsets.slice(0, startLine + 1), ...added, ...lineOffsets.slice(endLine + 1)];
    }
    const diff = text.length - (end - start);
    if (diff !== 0) {
      const offsets = this.lineOffsets!;
      for (let i = startLine + 1 + added.length; i < offsets.length; i++) offsets[i] += diff;
    }
  }

  /** Replaces [start, end) with `text` in the list of pieces; joins them when there are many. */
  private splice(start: number, end: number, text: string): void {
    this.setParts(splicePieces(this.parts, start, end, text));
    this.length += text.length - (end - start);
  }

  /** New pieces: the source made of the old ones goes with them (it would keep them alive). */
  private setParts(parts: string[]): void {
    this.parts = parts;
    this.source = undefined;
  }

  /** A character of the text, read from its pieces (reading the joined text would copy it). */
  private charCodeAt(offset: number): number {
    return (this.source ??= sourceOf(this.parts)).charCodeAt(offset);
  }

  /**
   * Joins the pieces once there are a few (called when the server is idle): reads through
   * many pieces are slower, and the join is then off the keystroke's path. A burst with no
   * idle time in between is joined in update() at 64 pieces.
   */
  compact(): void {
    if (this.parts.length >= COMPACT_PARTS) this.setParts([this.parts.join('')]);
  }

  /** The text in its pieces, for the engine (RaciDocument.getSource): the array is never changed in place. */
  getSource(): Source {
    return (this.source ??= sourceOf(this.parts));
  }

  /** Where each line starts, for the engine (RaciDocument.lineStarts): the array itself, changed by the next update. */
  lineStarts(): readonly number[] {
    return this.getLineOffsets();
  }

  private getLineOffsets(): number[] {
    return (this.lineOffsets ??= computeLineOffsets(this.getText(), true));
  }

  positionAt(offset: number): Position {
    offset = Math.max(Math.min(offset, this.length), 0);
    const lineOffsets = this.getLineOffsets();
    let low = 0;
    let high = lineOffsets.length;
    if (high === 0) return { line: 0, character: offset };
    while (low < high) {
      const mid = Math.floor((low + high) / 2);
      if (lineOffsets[mid] > offset) high = mid;
      else low = mid + 1;
    }
    const line = low - 1;
    offset = this.ensureBeforeEOL(offset, lineOffsets[line]);
    return { line, character: offset - lineOffsets[line] };
  }

  offsetAt(position: Position): number {
    const lineOffsets = this.getLineOffsets();
    if (position.line >= lineOffsets.length) return this.length;
    if (position.line < 0) return 0;
    const lineOffset = lineOffsets[position.line];
    if (position.character <= 0) return lineOffset;
    const nextLineOffset = position.line + 1 < lineOffsets.length ? lineOffsets[position.line + 1] : this.length;
    return this.ensureBeforeEOL(Math.min(lineOffset + position.character, nextLineOffset), lineOffset);
  }

  getLineRange(line: number): Range {
    const lineOffsets = this.getLineOffsets();
    if (line >= lineOffsets.length) {
      const lastLine = lineOffsets.length - 1;
      return { start: { line: lastLine, character: 0 }, end: { line: lastLine, character: this.length - lineOffsets[lastLine] } };
    }
    if (line < 0) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const startOffset = lineOffsets[line];
    const nextLineOffset = line + 1 < lineOffsets.length ? lineOffsets[line + 1] : this.length;
    const endOffset = this.ensureBeforeEOL(nextLineOffset, startOffset);
    return { start: { line, character: 0 }, end: { line, character: endOffset - startOffset } };
  }

  getEOLCharacters(line: number): string {
    const lineOffsets = this.getLineOffsets();
    if (line >= lineOffsets.length || line < 0) return '';
    const nextLineOffset = line + 1 < lineOffsets.length ? lineOffsets[line + 1] : this.length;
    const eolOffset = this.ensureBeforeEOL(nextLineOffset, lineOffsets[line]);
    return this.getText().substring(eolOffset, nextLineOffset);
  }

  private ensureBeforeEOL(offset: number, lineOffset: number): number {
    while (offset > lineOffset && isEOL(this.charCodeAt(offset - 1))) offset--;
    return offset;
  }

  get lineCount(): number {
    return this.getLineOffsets().length;
  }
}

/** See compact(): every few edits (each leaves two more pieces), a join while nothing waits. */
const COMPACT_PARTS = 7;

const CR = 13;
const LF = 10;

function isEOL(code: number): boolean {
  return code === CR || code === LF;
}

/** The range with its ends in order, and with whole numbers (a hostile client may send anything). */
/** How many updates changedSince can look back over. */
const CHANGE_LOG = 32;

function wellformed(range: Range): Range {
  const start = wholePosition(range.start);
  const end = wholePosition(range.end);
  return start.line > end.line || (start.line === end.line && start.character > end.character)
    ? { start: end, end: start }
    : { start, end };
}

function wholePosition(position: Position): Position {
  return { line: whole(position?.line), character: whole(position?.character) };
}

function whole(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? Math.trunc(value) : 0;
}

function computeLineOffsets(text: string, isAtLineStart: boolean, textOffset = 0): number[] {
  const result: number[] = isAtLineStart ? [textOffset] : [];
  // Most texts have no CR: then indexOf, which is native, finds every break (a document's
  // first line table is read before V8 has compiled this loop).
  if (!text.includes('\r')) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) result.push(textOffset + i + 1);
    return result;
  }
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (isEOL(code)) {
      if (code === CR && i + 1 < text.length && text.charCodeAt(i + 1) === LF) i++;
      result.push(textOffset + i + 1);
    }
  }
  return result;
}

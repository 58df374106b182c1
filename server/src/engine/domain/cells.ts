import { codeOfWord } from './cellWords';
import { detach } from '../text/strings';
import type { Source } from '../text/source';
/**
 * The cell grammar: how people really write role codes in a Markdown cell.
 * It reads the raw source between the pipes (not the rendered text), so that
 * every code has an exact range and a fix can write back in the cell's own style.
 */

/** `word`: a role's name or abbreviation (`Accountable`, `Resp.`); `ambiguous`: French "Responsable", R or A. */
export type TokenForm = 'plain' | 'lowercase' | 'lookalike' | 'word' | 'ambiguous';

export interface CodeToken {
  start: number;
  end: number;
  /** As written. */
  raw: string;
  /** Upper-case Latin letter(s) it stands for. */
  code: string;
  form: TokenForm;
}

export type CellKind = 'empty' | 'nobody' | 'codes' | 'text';

export interface CellStyle {
  /** Emphasis or code markers wrapped around the whole content, e.g. `__`. */
  wrapper: string;
  /** Between codes when there are several: '' (`RA`), ', ', '/', ' '… */
  separator: string | undefined;
}

/**
 * What a cell's content says. Offsets are relative to the start of the content, so one
 * parse serves every cell with the same content (`RA`, `I` and empty repeat thousands
 * of times) and nothing in it moves when the table does.
 */
export interface ParsedCell {
  kind: CellKind;
  tokens: CodeToken[];
  style: CellStyle;
  /** Offsets of the content inside the wrapper. */
  innerStart: number;
  innerEnd: number;
  /** Where the first qualifier of the codes starts (`R (EMEA)`, `C, I - only for new customers`); -1 when none. */
  qualifierStart: number;
}

/** Letters from other scripts that render like Latin capitals, mapped to what the author meant. */
const LOOKALIKES: Record<string, string> = {
  '\u0410': 'A',
  '\u0430': 'A', // Cyrillic А а
  '\u0421': 'C',
  '\u0441': 'C', // Cyrillic С с
  '\u0406': 'I',
  '\u0456': 'I',
  '\u04C0': 'I', // Cyrillic І і Ӏ
  '\u0420': 'R',
  '\u0440': 'R', // Cyrillic Р: the Russian letter for R, drawn like P
  '\u0412': 'B',
  '\u0415': 'E',
  '\u041E': 'O',
  '\u043E': 'O',
  '\u0405': 'S',
  '\u0455': 'S',
  '\u0391': 'A',
  '\u03B1': 'A', // Greek Α
  '\u0399': 'I',
  '\u03B9': 'I', // Greek Ι
  '\u03A1': 'R',
  '\u03C1': 'R', // Greek Ρ (rho, an R drawn like P)
  '\u039F': 'O',
  '\u03BF': 'O',
  '\u0392': 'B',
  '\u0395': 'E',
};

/** Codes of several letters, read whole (the DRI scheme's `DRI`). */
export const MULTI_LETTER_CODES: readonly string[] = ['DRI'];

const NOBODY = /^(?:-+|–|—|N\/?A|n\/a|n\.a\.|∅|\/)$/;
const WRAPPERS = ['***', '___', '**', '__', '*', '_', '``', '`', '~~'];
const SEPARATORS = /^[\s,/+&;]+$/;

/**
 * Cells repeat (`RA`, `I`, empty) across thousands of rows: each distinct content is
 * parsed once and the parse is shared (it is never modified). Bounded by the characters
 * of the contents it keeps, not their number, so that neither many distinct cells nor a
 * few huge ones grow it without end; emptied when full.
 */
const parsedByContent = new Map<string, ParsedCell>();
const parsedMemo = { chars: 0 };
const MEMO_CHARS = 2_000_000;

/**
 * Above this size a cell's findings come without fixes: a fix is a rewrite of its cell,
 * so fixing each of its codes would cost the cell's size per code. Real cells are a few
 * codes and perhaps a comment; a cell this long is pasted or generated text.
 */
export const MAX_FIXED_CELL = { chars: 1_000, tokens: 100 };

/** Whether the findings of a cell with this parse and content length get fixes. */
export function fixableCell(parsed: ParsedCell, length: number): boolean {
  return length <= MAX_FIXED_CELL.chars && parsed.tokens.length <= MAX_FIXED_CELL.tokens;
}

/** Parses the trimmed content of a cell, `source` being the document text; offsets are relative to `start`. */
export function parseCell(source: Source, start: number, end: number): ParsedCell {
  const prose = proseCell(source, start, end);
  if (prose) return prose;
  const content = source.slice(start, end);
  let parsed = parsedByContent.get(content);
  if (!parsed) {
    parsed = parseContent(content, 0, content.length);
    remember(parsedByContent, parsedMemo, detach(content), parsed);
  }
  return parsed;
}

/** A cell's content read in full, without the memo or proseCell: what tests compare parseCell with. */
export function parseCellContent(content: string): ParsedCell {
  return parseContent(content, 0, content.length);
}

/**
 * The parse of a cell that starts with a word of ASCII letters that names no role and
 * cannot be codes (five letters or more, or both cases: `Description of the field`, `The
 * field`), without reading the rest: parseContent reads such a word as text at once. Most cells of an ordinary table are prose, each one different:
 * copying and hashing each for the memo cost more than reading it. Undefined for any
 * other cell (a word followed by a dot or another letter is left to parseContent).
 */
function proseCell(source: Source, start: number, end: number): ParsedCell | undefined {
  let i = start;
  let lower = false;
  let upper = false;
  for (let code = source.charCodeAt(i); i < end && isAsciiLetter(code); code = source.charCodeAt(++i)) {
    if (code >= 97) lower = true;
    else upper = true;
  }
  // Five letters, or two of both cases (`The`, `Of`): no run of codes (see isCodeRun).
  if (i - start < 5 && (i - start < 2 || !lower || !upper)) return undefined;
  const next = i < end ? source.charCodeAt(i) : 32;
  if (next === 46 || next > 127) return undefined;
  // Three letters or more may be a role's name (readWord).
  if (i - start >= 3 && codeOfWord(source.slice(start, i)) !== undefined) return undefined;
  const length = end - start;
  return { kind: 'text', tokens: [], style: { wrapper: '', separator: undefined }, innerStart: 0, innerEnd: length, qualifierStart: -1 };
}

/** Keeps `value` under `key`, emptying the memo first when its keys would exceed MEMO_CHARS. */
function remember<T>(memo: Map<string, T>, size: { chars: number }, key: string, value: T): void {
  if (key.length > MEMO_CHARS / 4) return;
  if (size.chars + key.length > MEMO_CHARS) {
    memo.clear();
    size.chars = 0;
  }
  memo.set(key, value);
  size.chars += key.length;
}

/** Where a token of a cell's parse stands in the document. */
export function tokenSpan(cell: { contentStart: number }, token: CodeToken): { start: number; end: number } {
  return { start: cell.contentStart + token.start, end: cell.contentStart + token.end };
}

function parseContent(source: string, start: number, end: number): ParsedCell {
  const content = source.slice(start, end);
  let innerStart = start;
  let innerEnd = end;
  let wrapper = '';
  for (const candidate of WRAPPERS) {
    if (content.length > candidate.length * 2 && content.startsWith(candidate) && content.endsWith(candidate)) {
      wrapper = candidate;
      innerStart += candidate.length;
      innerEnd -= candidate.length;
      break;
    }
  }
  const style: CellStyle = { wrapper, separator: undefined };
  // One literal shape for every result: spreading into literals gave each parse a hidden class of its own.
  let qualifierStart = -1;
  const result = (kind: CellKind, tokens: CodeToken[] = []): ParsedCell => ({ kind, tokens, style, innerStart, innerEnd, qualifierStart });
  const noise = new Noise(source);
  if (!keepsOtherLetter(source, start, end)) {
    const stripped = stripNoise(source.slice(start, end)).trim();
    if (stripped === '') return result('empty');
    if (NOBODY.test(stripped)) return result('nobody');
  }

  const tokens: CodeToken[] = [];
  const separators: string[] = [];
  let pendingSeparator = '';
  let i = start;
  while (i < end) {
    const skip = noise.skip(i, end);
    if (skip > i) {
      i = skip;
      continue;
    }
    const ch = source[i];
    const word = readWord(source, i, end);
    if (word) {
      if (tokens.length > 0) separators.push(pendingSeparator);
      pendingSeparator = '';
      tokens.push(word);
      i = word.end;
      continue;
    }
    // `(Consulted)`, `(R)`: a code in parentheses; anything else in them after a code qualifies it.
    if (ch === '(') {
      const close = source.indexOf(')', i);
      const inner = close > i && close < end ? parseContent(source, i + 1, close) : undefined;
      if (
        inner?.kind === 'codes' &&
        inner.qualifierStart < 0 &&
        (inner.tokens.length === 1 || (inner.tokens.length === 2 && !inner.tokens.some(isWordToken)))
      ) {
        if (tokens.length > 0) separators.push(pendingSeparator);
        pendingSeparator = '';
        for (const token of inner.tokens) tokens.push(token);
        i = close + 1;
        continue;
      }
      if (tokens.length > 0 && isBlankBefore(source, i)) {
        if (qualifierStart < 0) qualifierStart = i;
        // `R (EMEA), A`: the codes go on after the parentheses.
        if (close < i || close >= end) break;
        i = close + 1;
        continue;
      }
      return result('text');
    }
    // `C, I - only for existing customers`: a dash between blanks ends the codes.
    if ((ch === '-' || ch === '–' || ch === '—') && tokens.length > 0 && isBlankBefore(source, i) && /\s/.test(source[i + 1] ?? '')) {
      qualifierStart = i;
      break;
    }
    if (isLetter(ch)) {
      let j = i;
      while (j < end && isLetter(source[j])) j++;
      const run = source.slice(i, j);
      if (!isCodeRun(run)) return result('text');
      if (tokens.length > 0) separators.push(pendingSeparator);
      pendingSeparator = '';
      // A multi-letter code is one code (GitLab's directly responsible individual), never D, R and I.
      if (MULTI_LETTER_CODES.includes(run)) {
        tokens.push({ start: i, end: j, raw: run, code: run, form: 'plain' });
        i = j;
        continue;
      }
      for (let k = 0; k < run.length; k++) {
        if (k > 0) separators.push('');
        tokens.push(makeToken(run[k], i + k));
      }
      i = j;
    } else if (SEPARATORS.test(ch)) {
      pendingSeparator += ch;
      i++;
    } else {
      return result('text');
    }
  }
  if (tokens.length === 0) return result('text');
  style.separator = separators.length > 0 ? mostCommon(separators) : undefined;
  return result('codes', tokens);
}

/**
 * Whether the content has an ASCII letter but N and A outside any `<…>` or `[^…]`: noise
 * (see Noise) takes letters away only inside those, so what is left is neither empty nor
 * one of NOBODY's forms (whose only letters are N and A), and is not worth building.
 */
function keepsOtherLetter(source: string, start: number, end: number): boolean {
  let letter = false;
  for (let i = start; i < end; i++) {
    const code = source.charCodeAt(i);
    if (code === 60 || code === 91) return false;
    const lower = code | 32;
    if (((code >= 65 && code <= 90) || (code >= 97 && code <= 122)) && lower !== 97 && lower !== 110) letter = true;
  }
  return letter;
}

/** A role's name or abbreviation starting at `i` (not inside a longer word), as one token. */
function readWord(source: string, i: number, end: number): CodeToken | undefined {
  if (!/\p{L}/u.test(source[i]) || (i > 0 && /\p{L}/u.test(source[i - 1]))) return undefined;
  let j = i;
  while (j < end && /\p{L}/u.test(source[j])) j++;
  // Shorter than a word: codes (`RA`, `CI`), read as they always were.
  if (j - i < 3) return undefined;
  const withDot = source[j] === '.' ? codeOfWord(source.slice(i, j + 1)) : undefined;
  const code = withDot ?? codeOfWord(source.slice(i, j));
  if (code === undefined) return undefined;
  const stop = withDot ? j + 1 : j;
  const raw = source.slice(i, stop);
  return { start: i, end: stop, raw, code: code === '?' ? 'R' : code, form: code === '?' ? 'ambiguous' : 'word' };
}

function isWordToken(token: CodeToken): boolean {
  return token.form === 'word' || token.form === 'ambiguous';
}

function isBlankBefore(source: string, i: number): boolean {
  return i > 0 && /\s/.test(source[i - 1]);
}

function makeToken(raw: string, start: number): CodeToken {
  const lookalike = LOOKALIKES[raw];
  if (lookalike) return { start, end: start + 1, raw, code: lookalike, form: 'lookalike' };
  if (/[a-z]/.test(raw)) return { start, end: start + 1, raw, code: raw.toUpperCase(), form: 'lowercase' };
  const fullwidth = raw.charCodeAt(0);
  if (fullwidth >= 0xff21 && fullwidth <= 0xff3a) {
    return { start, end: start + 1, raw, code: String.fromCharCode(fullwidth - 0xff21 + 65), form: 'lookalike' };
  }
  return { start, end: start + 1, raw, code: raw, form: 'plain' };
}

function isLetter(ch: string): boolean {
  return /[A-Za-z]/.test(ch) || ch in LOOKALIKES || (ch >= '\uFF21' && ch <= '\uFF3A');
}

/**
 * A run of letters is codes when it is short and of one case: `RA`, `ra`, `CI`.
 * Words (`Client`, `Oui`, `TBD`-like runs longer than four letters) make the cell text.
 */
function isCodeRun(run: string): boolean {
  if (run.length > 4) return false;
  const lower = /[a-z]/.test(run);
  const upper = /[A-Z]/.test(run);
  return !(lower && upper);
}

/** The longest markup or footnote marker read as noise; a longer "comment" or tag is text. */
const NOISE_SPAN = 200;
const SUPERSCRIPTS = '¹²³⁴⁵⁶⁷⁸⁹⁰';

/**
 * Markup and footnote markers that are not codes: emphasis, code ticks, HTML tags
 * and comments, `(1)`, `¹`, `[^1]`, `\*`, each at most NOISE_SPAN characters long.
 * The text is read forward, so where the next `-->`, `>`, `]` and the end of a run of
 * digits are is kept from one call to the next: a text of many unclosed `<!--` or `[^`
 * is read once, not once per marker.
 */
class Noise {
  private readonly found = new Map<string, { from: number; at: number }>();
  private digitsFrom = -1;
  private digitsEnd = -1;

  constructor(private readonly text: string) {}

  /** The offset after the noise at `i` (that ends by `end`), or `i`. */
  skip(i: number, end: number): number {
    const text = this.text;
    const limit = Math.min(end, i + NOISE_SPAN);
    if (i >= limit) return i;
    const ch = text[i];
    const next = i + 1 < limit ? text[i + 1] : '';
    switch (ch) {
      case '*':
      case '_':
      case '`': {
        let j = i + 1;
        while (j < limit && text[j] === ch) j++;
        return j;
      }
      case '~':
        return next === '~' ? i + 2 : i;
      case '\\':
        return next !== '' && '*_|`'.includes(next) ? i + 2 : i;
      case '<': {
        if (text.startsWith('<!--', i)) {
          const close = this.find('-->', i + 4);
          if (close >= 0 && close + 3 <= limit) return close + 3;
        }
        const letter = next === '/' ? i + 2 : i + 1;
        if (letter < limit && isAsciiLetter(text.charCodeAt(letter))) {
          const close = this.find('>', letter + 1);
          if (close >= 0 && close + 1 <= limit) return close + 1;
        }
        return i;
      }
      case '[': {
        if (next !== '^') return i;
        const close = this.find(']', i + 2);
        return close >= 0 && close + 1 <= limit ? close + 1 : i;
      }
      case '(': {
        let j = i + 1;
        while (j < limit && j <= i + 3 && isDigit(text.charCodeAt(j))) j++;
        return j > i + 1 && j <= i + 4 && j < limit && text[j] === ')' ? j + 1 : i;
      }
      case '†':
      case '‡':
      case '✱':
        return i + 1;
    }
    if (SUPERSCRIPTS.includes(ch)) {
      let j = i + 1;
      while (j < limit && SUPERSCRIPTS.includes(text[j])) j++;
      return j;
    }
    if (isDigit(text.charCodeAt(i))) {
      const run = this.digitsTo(i, end);
      return run < limit && text[run] === ')' ? run + 1 : i;
    }
    return i;
  }

  /** The first `needle` at or after `from`. */
  private find(needle: string, from: number): number {
    const known = this.found.get(needle);
    if (known && known.from <= from && (known.at < 0 || known.at >= from)) return known.at;
    const at = this.text.indexOf(needle, from);
    this.found.set(needle, { from, at });
    return at;
  }

  /** Where the run of digits that holds `i` ends. */
  private digitsTo(i: number, end: number): number {
    if (i < this.digitsFrom || i >= this.digitsEnd) {
      let j = i;
      while (j < end && isDigit(this.text.charCodeAt(j))) j++;
      this.digitsFrom = i;
      this.digitsEnd = j;
    }
    return this.digitsEnd;
  }
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function isAsciiLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

function stripNoise(text: string): string {
  const noise = new Noise(text);
  let out = '';
  let i = 0;
  while (i < text.length) {
    const skip = noise.skip(i, text.length);
    if (skip > i) i = skip;
    else out += text[i++];
  }
  return out;
}

function mostCommon(values: string[]): string {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0][0];
}

/** Plain text of a cell for display: markup and HTML removed, escapes resolved. */
const textByContent = new Map<string, string>();
const textMemo = { chars: 0 };

export function cellText(source: string): string {
  let text = textByContent.get(source);
  if (text === undefined) {
    // Kept across versions: copies, not views into this version's text (see detach);
    // one copy when the cell is plain text (most names), as the model keeps the value.
    const key = detach(source);
    const plain = MARKUP_OR_SPACING.test(source) ? plainText(source) : source;
    text = plain === source ? key : detach(plain);
    remember(textByContent, textMemo, key, text);
  }
  return text;
}

/**
 * What plainText changes: a tag or comment, an escape, an emphasis or code marker, a blank
 * other than a space, two spaces, or a blank at either end. Most cells (names) have none,
 * and are their own plain text without the scans.
 */
const MARKUP_OR_SPACING = /[<\\*_`~]|[^\S ]| {2}|^\s|\s$/;

/**
 * Each step is one forward scan (no regular expression that can backtrack): a name of
 * many unclosed `<!--`, `<a` or `*` is read in time linear in its length.
 */
function plainText(source: string): string {
  const text = unwrapEmphasis(replaceTags(removeComments(source)).replace(/\\([\\`*_{}[\]()#+\-.!|])/g, '$1'));
  return text.replace(/\s+/g, ' ').trim();
}

/** Without `<!-- … -->` comments (the first `-->` after each `<!--` closes it). */
function removeComments(text: string): string {
  let out = '';
  let from = 0;
  for (;;) {
    const open = text.indexOf('<!--', from);
    const close = open < 0 ? -1 : text.indexOf('-->', open + 4);
    // No `-->` after this `<!--`: none after any later one either.
    if (close < 0) return out + text.slice(from);
    out += text.slice(from, open);
    from = close + 3;
  }
}

/** Each HTML tag (`<a …>`, `</a>`) replaced by a space. */
function replaceTags(text: string): string {
  let out = '';
  let from = 0;
  let search = 0;
  for (;;) {
    const open = text.indexOf('<', search);
    if (open < 0) return out + text.slice(from);
    const letter = text[open + 1] === '/' ? open + 2 : open + 1;
    if (!isAsciiLetter(text.charCodeAt(letter))) {
      search = open + 1;
      continue;
    }
    const close = text.indexOf('>', letter + 1);
    // No `>` after this tag's name: none for any later tag either.
    if (close < 0) return out + text.slice(from);
    out += text.slice(from, open) + ' ';
    from = search = close + 1;
  }
}

const EMPHASIS = ['**', '__', '*', '_', '`', '~~'];

/**
 * Emphasis, strike-through and code markers taken off what they wrap: at each place, the
 * first marker of EMPHASIS that opens before a non-blank and closes (the same marker
 * right after a non-blank) further on, the nearest closing. Where the next closing of
 * each marker is, is kept as the scan moves forward: each marker's closings are looked
 * for once over the text.
 */
function unwrapEmphasis(text: string): string {
  const closings = EMPHASIS.map(() => ({ from: -1, at: -1 }));
  const closing = (k: number, from: number) => {
    const known = closings[k];
    if (known.from >= 0 && known.from <= from && (known.at < 0 || known.at >= from)) return known.at;
    const marker = EMPHASIS[k];
    let at = text.indexOf(marker, from);
    while (at >= 0 && /\s/.test(text[at - 1])) at = text.indexOf(marker, at + 1);
    closings[k] = { from, at };
    return at;
  };
  let out = '';
  let from = 0;
  let i = 0;
  while (i < text.length) {
    let matched = false;
    for (let k = 0; k < EMPHASIS.length && !matched; k++) {
      const marker = EMPHASIS[k];
      const inner = i + marker.length;
      if (!text.startsWith(marker, i) || inner >= text.length || /\s/.test(text[inner])) continue;
      const close = closing(k, inner + 1);
      if (close < 0) continue;
      out += text.slice(from, i) + text.slice(inner, close);
      from = i = close + marker.length;
      matched = true;
    }
    if (!matched) i++;
  }
  return out + text.slice(from);
}

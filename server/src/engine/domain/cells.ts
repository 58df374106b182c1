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
  '\u0410': 'A', '\u0430': 'A', // Cyrillic А а
  '\u0421': 'C', '\u0441': 'C', // Cyrillic С с
  '\u0406': 'I', '\u0456': 'I', '\u04C0': 'I', // Cyrillic І і Ӏ
  '\u0420': 'R', '\u0440': 'R', // Cyrillic Р: the Russian letter for R, drawn like P
  '\u0412': 'B', '\u0415': 'E', '\u041E': 'O', '\u043E': 'O', '\u0405': 'S', '\u0455': 'S',
  '\u0391': 'A', '\u03B1': 'A', // Greek Α
  '\u0399': 'I', '\u03B9': 'I', // Greek Ι
  '\u03A1': 'R', '\u03C1': 'R', // Greek Ρ (rho, an R drawn like P)
  '\u039F': 'O', '\u03BF': 'O', '\u0392': 'B', '\u0395': 'E',
};

const NOBODY = /^(?:-+|–|—|N\/?A|n\/a|n\.a\.|∅|\/)$/;
const WRAPPERS = ['***', '___', '**', '__', '*', '_', '``', '`', '~~'];
const SEPARATORS = /^[\s,/+&;]+$/;

/**
 * Cells repeat (`RA`, `I`, empty) across thousands of rows: each distinct content is
 * parsed once and the parse is shared (it is never modified). Bounded so a huge
 * document of distinct cells cannot grow it without end.
 */
const parsedByContent = new Map<string, ParsedCell>();
const MEMO_LIMIT = 20_000;

/** Parses the trimmed content of a cell, `source` being the document text; offsets are relative to `start`. */
export function parseCell(source: Source, start: number, end: number): ParsedCell {
  const content = source.slice(start, end);
  let parsed = parsedByContent.get(content);
  if (!parsed) {
    if (parsedByContent.size >= MEMO_LIMIT) parsedByContent.clear();
    parsed = parseContent(content, 0, content.length);
    parsedByContent.set(detach(content), parsed);
  }
  return parsed;
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
  const stripped = stripNoise(source.slice(start, end)).trim();
  if (stripped === '') return result('empty');
  if (NOBODY.test(stripped)) return result('nobody');

  const tokens: CodeToken[] = [];
  const separators: string[] = [];
  let pendingSeparator = '';
  let i = start;
  while (i < end) {
    const skip = skipNoise(source, i, end);
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
      if (inner?.kind === 'codes' && inner.qualifierStart < 0 && (inner.tokens.length === 1 || (inner.tokens.length === 2 && !inner.tokens.some(isWordToken)))) {
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

/**
 * Markup and footnote markers that are not codes: emphasis, code ticks, HTML tags
 * and comments, `(1)`, `¹`, `[^1]`, `\*`. Returns the offset after the noise at `i`, or `i`.
 */
function skipNoise(source: string, i: number, end: number): number {
  const rest = source.slice(i, Math.min(end, i + 200));
  const match =
    /^(?:\*+|_+|`+|~~|\\[*_|`]|<!--[\s\S]*?-->|<\/?[A-Za-z][^>]*>|\[\^[^\]]*\]|\(\d{1,3}\)|[¹²³⁴⁵⁶⁷⁸⁹⁰]+|\d+\)|†|‡|✱)/.exec(rest);
  return match ? i + match[0].length : i;
}

function stripNoise(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const skip = skipNoise(text, i, text.length);
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

export function cellText(source: string): string {
  let text = textByContent.get(source);
  if (text === undefined) {
    if (textByContent.size >= MEMO_LIMIT) textByContent.clear();
    // Kept across versions: copies, not views into this version's text (see detach);
    // one copy when the cell is plain text (most names), as the model keeps the value.
    const key = detach(source);
    const plain = plainText(source);
    text = plain === source ? key : detach(plain);
    textByContent.set(key, text);
  }
  return text;
}

function plainText(source: string): string {
  return source
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<\/?[A-Za-z][^>]*>/g, ' ')
    .replace(/\\([\\`*_{}[\]()#+\-.!|])/g, '$1')
    .replace(/(\*\*|__|\*|_|`|~~)(?=\S)([\s\S]*?\S)\1/g, '$2')
    .replace(/\s+/g, ' ')
    .trim();
}

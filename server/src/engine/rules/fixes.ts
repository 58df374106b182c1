import { fixableCell, parseCell, type CellStyle, type CodeToken, type ParsedCell } from '../domain/cells';
import type { RoleSet } from '../domain/legend';
import type { Assignment, Matrix } from '../read/matrix';
import type { RawCell } from '../parse/markdown';
import type { Fix, TextEdit } from '../model';
import type { Source } from '../text/source';

/**
 * Fixes are computed as new cell content, then written back padded to the
 * cell's old width (so the columns stay aligned) and trimmed to the smallest edit.
 */
export function cellEdit(source: Source, cell: RawCell, newContent: string): TextEdit {
  const inner = source.slice(cell.start, cell.end);
  const width = inner.length;
  const wasEmpty = cell.contentStart === cell.contentEnd;
  const closed = source.charCodeAt(cell.end) === 124; /* | */
  const leading = wasEmpty ? (width > 0 ? ' ' : '') : source.slice(cell.start, cell.contentStart);
  const minTrailing = closed && (wasEmpty ? width > 1 : cell.end > cell.contentEnd) ? 1 : 0;
  const trailing = Math.max(minTrailing, width - leading.length - newContent.length);
  const replacement = newContent === '' ? ' '.repeat(closed ? width : Math.min(width, 1)) : leading + newContent + ' '.repeat(trailing);
  return minimalEdit(cell.start, inner, replacement);
}

function minimalEdit(start: number, before: string, after: string): TextEdit {
  let prefix = 0;
  while (prefix < before.length && prefix < after.length && before[prefix] === after[prefix]) prefix++;
  let suffix = 0;
  while (
    suffix < before.length - prefix &&
    suffix < after.length - prefix &&
    before[before.length - 1 - suffix] === after[after.length - 1 - suffix]
  )
    suffix++;
  return { start: start + prefix, end: start + before.length - suffix, newText: after.slice(prefix, after.length - suffix) };
}

function content(source: Source, cell: RawCell): string {
  return source.slice(cell.contentStart, cell.contentEnd);
}

/**
 * Content of a cell with one code added where it belongs in the usual R-A-C-I order,
 * or undefined when no spelling of it reads back as that code (a cell of prose).
 */
export function withCode(source: Source, assignment: Assignment, code: string, roles: RoleSet, usual: CellStyle): string | undefined {
  const { cell, parsed } = assignment;
  if (parsed.kind !== 'codes') return `${usual.wrapper}${code}${usual.wrapper}`;
  const text = content(source, cell);
  const rank = (c: string) => roles.order.indexOf(c);
  const tokens = parsed.tokens;
  const after = [...tokens].reverse().find((token) => rank(token.code) >= 0 && rank(token.code) < rank(code));
  // Written together (`RA`), a new letter could merge into a neighbouring lower-case
  // typo and make a word; then a visible separator keeps it a code.
  for (const separator of new Set([parsed.style.separator ?? usual.separator ?? '', ', '])) {
    const candidate = after
      ? text.slice(0, after.end) + separator + code + text.slice(after.end)
      : text.slice(0, tokens[0].start) + code + separator + text.slice(tokens[0].start);
    const check = parseCell(candidate, 0, candidate.length);
    if (check.kind === 'codes' && check.tokens.some((t) => t.code === code && t.form === 'plain')) return candidate;
  }
  return undefined;
}

/** Content with the token at `index` of `tokens` (its parse) taken out, with the separator that went with it. */
export function removeTokenAt(text: string, tokens: CodeToken[], index: number): string {
  if (tokens.length <= 1) return '';
  const token = tokens[index];
  const next = tokens[index + 1];
  const previous = tokens[index - 1];
  const from = next || !previous ? token.start : previous.end;
  const to = next ? next.start : token.end;
  return text.slice(0, from) + text.slice(to);
}

/**
 * Content with every token that `drop` selects taken out, from one parse: a run of
 * dropped tokens goes with what separates it from the next kept token, or, at the end,
 * with what separates it from the last kept one.
 */
export function removeTokens(text: string, parsed: ParsedCell, drop: (token: CodeToken) => boolean): string {
  if (parsed.kind !== 'codes') return text;
  const tokens = parsed.tokens;
  const dropped = tokens.map(drop);
  if (!dropped.includes(true)) return text;
  if (!dropped.includes(false)) return '';
  let out = '';
  let from = 0;
  for (let i = 0; i < tokens.length;) {
    if (!dropped[i]) {
      i++;
      continue;
    }
    let j = i;
    while (j < tokens.length && dropped[j]) j++;
    if (j < tokens.length) {
      out += text.slice(from, tokens[i].start);
      from = tokens[j].start;
    } else {
      out += text.slice(from, tokens[i - 1].end);
      from = tokens[j - 1].end;
    }
    i = j;
  }
  return out + text.slice(from);
}

export function replaceToken(source: Source, cell: RawCell, token: CodeToken, code: string): string {
  const text = content(source, cell);
  return text.slice(0, token.start) + code + text.slice(token.end);
}

export function addCodeFixes(
  source: Source,
  matrix: Matrix,
  assignments: Assignment[],
  code: string,
  roles: RoleSet,
  title: (party: string) => string,
  first: (a: Assignment) => boolean,
): Fix[] {
  const candidates = [...assignments].sort((a, b) => Number(first(b)) - Number(first(a)));
  const fixes: Fix[] = [];
  for (const assignment of candidates) {
    if (assignment.parsed.kind === 'text' || !fixableCell(assignment.parsed, assignment.cell.contentEnd - assignment.cell.contentStart))
      continue;
    const text = withCode(source, assignment, code, roles, matrix.usualStyle);
    if (text === undefined) continue;
    fixes.push({
      title: title(matrix.parties[assignment.party].name),
      edits: [cellEdit(source, assignment.cell, text)],
      safe: false,
      preferred: fixes.length === 0 && first(assignment),
    });
  }
  return fixes;
}

/** For an invalid code: the valid codes it was most likely meant to be. */
export function closeCodes(raw: string, roles: RoleSet, missing: string[]): string[] {
  const upper = raw.toUpperCase();
  const near = KEYBOARD_NEIGHBOURS[upper] ?? '';
  const score = (code: string) => (missing.includes(code) ? 0 : 4) + (near.includes(code) ? 0 : 2) + (code === upper ? -8 : 0);
  return roles.order.filter((code) => code !== raw).sort((a, b) => score(a) - score(b));
}

/** Keys next to each letter on QWERTY, QWERTZ and AZERTY keyboards, where typos come from. */
const KEYBOARD_NEIGHBOURS: Record<string, string> = {
  Q: 'WASZ',
  W: 'QESAZX',
  E: 'WRDSZ',
  R: 'ETFDG',
  T: 'RYGFZ',
  Y: 'TUHGZ',
  U: 'YIJH',
  I: 'UOKJL',
  O: 'IPLK',
  P: 'OLM',
  A: 'QWSZX',
  S: 'ADWEZXQ',
  D: 'SFERXC',
  F: 'DGRTCV',
  G: 'FHTYVB',
  H: 'GJYUBN',
  J: 'HKUINM',
  K: 'JLIOM',
  L: 'KOPM',
  Z: 'ASXEQ',
  X: 'ZCSDA',
  C: 'XVDF',
  V: 'CBFG',
  B: 'VNGH',
  N: 'BMHJ',
  M: 'NJKL',
};

/**
 * A letter the document uses again and again but never defines (`S` in a RASCI matrix
 * with no legend and no `scheme`): one finding for the matrix, on the letter's first
 * use, saying how to define it, instead of an `invalid-role` on every cell. The letter
 * is then read as a code of the matrix (neither A nor R), so the row rules go on.
 *
 * A letter counts as used consistently when it is used at least MIN_USES times, in at
 * least MIN_ACTIVITIES activities; a stray letter (or two) stays an `invalid-role` on
 * its cell, where a typo is fixed.
 */
import * as l10n from '@vscode/l10n';
import { slot, type Memo } from '../incremental/memo';
import { stepOverPieces } from '../incremental/steps';
import { buildRoleSet, type RoleSet } from '../domain/legend';
import type { PlacedEntry, WrittenLegend } from '../domain/legendLines';
import { findScheme, inferScheme, langOf, schemesWith } from '../domain/schemes';
import type { Fix, Span } from '../model';
import { activitiesMovedFrom, type Activity, type Matrix } from '../read/matrix';
import type { ParsedBlocks, RawTable } from '../parse/markdown';
import { cellText } from '../domain/cells';
import type { Source } from '../text/source';
import { finding, type RawFinding } from './rule';

export const MIN_USES = 3;
export const MIN_ACTIVITIES = 2;

/** How a code is used in a matrix: how often, in how many activities, and where first. */
export interface CodeUse {
  count: number;
  activities: number;
  first: Span;
}

/** Every code written plainly (a capital Latin letter, or `DRI`) in a matrix's cells. */
export type CodeTally = Map<string, CodeUse>;

/**
 * What a piece of activities says does not depend on the codes in force, only on its
 * cells: kept by the piece's identity, and moved with it. A moved piece keeps the tally of
 * the piece it was, with how far it moved since (`delta`): typing moves every piece after
 * the keystroke, and its first uses are moved only when the pieces are added up.
 */
const PIECE_TALLIES = slot<Activity[], PieceTally>('piece code tallies');

/** A piece's tally, and its entries as a list: adding up the pieces at every edit reads them without an iterator. */
interface PieceTally {
  tally: CodeTally;
  entries: readonly (readonly [string, CodeUse])[];
  delta: number;
}

export function tallyCodes(matrix: Matrix, memo: Memo): CodeTally {
  const total: CodeTally = new Map();
  for (const piece of matrix.pieces) {
    const { tally, entries, delta } = pieceTally(piece, memo);
    // Most matrices are read in one piece: its tally is the matrix's (never modified).
    if (matrix.pieces.length === 1 && delta === 0) return tally;
    for (let i = 0; i < entries.length; i++) {
      // Indexed, not destructured: destructuring an array goes through its iterator.
      const code = entries[i][0];
      const use = entries[i][1];
      const start = use.first.start + delta;
      const known = total.get(code);
      // A span is made only for a code's first use in the matrix so far, not for each piece's.
      if (!known) total.set(code, { count: use.count, activities: use.activities, first: moved(use.first, delta) });
      else {
        known.count += use.count;
        known.activities += use.activities;
        if (start < known.first.start) known.first = moved(use.first, delta);
      }
    }
  }
  return total;
}

/**
 * Whether `roles` defines every letter of every piece: asked of each piece's tally once per
 * set of codes (a moved piece shares its tally), where adding the pieces' tallies up, as
 * tallyCodes does, built a map per version of a large table to learn the same thing.
 */
function everyCodeDefined(matrix: Matrix, roles: RoleSet, memo: Memo): boolean {
  const known = memo.of(DEFINED_UNDER);
  for (let i = 0; i < matrix.pieces.length; i++) {
    const { tally } = pieceTally(matrix.pieces[i], memo);
    if (known.get(tally) === roles) continue;
    for (const code of tally.keys()) if (!roles.codes.has(code)) return false;
    known.set(tally, roles);
  }
  return true;
}

/** The last set of codes that was found to define every letter of a piece's tally. */
const DEFINED_UNDER = slot<CodeTally, RoleSet>('tallies defined');

function moved(span: Span, delta: number): Span {
  return delta === 0 ? span : { start: span.start + delta, end: span.end + delta };
}

/**
 * Counts the codes of the pieces from `from` on, until a step's worth of rows was counted
 * (a moved piece's count is moved, cheaply, and counts as well), and says where it stopped: the first analysis of a large matrix counts
 * them in steps (in one go, with the words of resolveWords, this was a 20 ms step at 11,000
 * rows, which a hover sent meanwhile waited for); tallyCodes then adds up what is known.
 */
export function tallyPieces(pieces: Activity[][], from: number, memo: Memo): number {
  return stepOverPieces(pieces, from, memo.of(PIECE_TALLIES), (piece) => !movedTally(piece, memo) && (countTally(piece, memo), true));
}

function pieceTally(piece: Activity[], memo: Memo): PieceTally {
  return memo.of(PIECE_TALLIES).get(piece) ?? movedTally(piece, memo) ?? countTally(piece, memo);
}

/** The tally of a piece that moved: the piece it was counted, `delta` further. */
function movedTally(piece: Activity[], memo: Memo): PieceTally | undefined {
  const tallies = memo.of(PIECE_TALLIES);
  const origin = activitiesMovedFrom(memo, piece);
  const old = origin && tallies.get(origin.from);
  if (!origin || !old) return undefined;
  const moved = { tally: old.tally, entries: old.entries, delta: old.delta + origin.delta };
  tallies.set(piece, moved);
  return moved;
}

function countTally(piece: Activity[], memo: Memo): PieceTally {
  const tallies = memo.of(PIECE_TALLIES);
  const tally: CodeTally = new Map();
  // The activity each code was last counted in, so that each activity counts once.
  const lastIn = new Map<string, number>();
  for (let index = 0; index < piece.length; index++) {
    const activity = piece[index];
    if (activity.section) continue;
    // Index loops: a document's first analysis runs them before V8 optimises this function,
    // and until then a for-of allocates an iterator and a result per step.
    const assignments = activity.assignments;
    for (let a = 0; a < assignments.length; a++) {
      const { cell, parsed } = assignments[a];
      if (parsed.kind !== 'codes') continue;
      for (let t = 0; t < parsed.tokens.length; t++) {
        const token = parsed.tokens[t];
        if (token.form !== 'plain') continue;
        let use = tally.get(token.code);
        if (!use) {
          use = { count: 0, activities: 0, first: { start: cell.contentStart + token.start, end: cell.contentStart + token.end } };
          tally.set(token.code, use);
        }
        use.count++;
        if (lastIn.get(token.code) !== index) {
          lastIn.set(token.code, index);
          use.activities++;
        }
      }
    }
  }
  const read = { tally, entries: [...tally], delta: 0 };
  tallies.set(piece, read);
  return read;
}

/** The letters of `tally` that `roles` does not define and that are used consistently, in order of first use. */
export function undefinedCodes(tally: CodeTally, roles: RoleSet): string[] {
  return [...tally]
    .filter(([code, use]) => !roles.codes.has(code) && consistent(use))
    .sort((a, b) => a[1].first.start - b[1].first.start)
    .map(([code]) => code);
}

function consistent(use: CodeUse): boolean {
  return use.count >= MIN_USES && use.activities >= MIN_ACTIVITIES;
}

/** `roles` with `codes` added as codes that are neither A nor R, marked as not defined by the document. */
export function withUndefined(roles: RoleSet, codes: string[]): RoleSet {
  if (codes.length === 0) return roles;
  const all: RoleSet['codes'] = new Map(roles.codes);
  for (const code of codes) all.set(code, { kind: 'other', name: code, meaning: '', fromLegend: false, undefinedHere: true });
  return { ...roles, codes: all, order: [...roles.order, ...codes] };
}

/**
 * The finding for one undefined code, with the fix that can be computed from the table
 * alone: a legend line right after it. The fixes that edit elsewhere in the document
 * (the front matter, an existing legend) are added by the document's analysis.
 */
export function undefinedRoleFinding(code: string, use: CodeUse, table: RawTable, locale: string): RawFinding {
  const name = suggestedName(code, locale);
  return finding(
    'undefined-role',
    use.first,
    l10n.t('"{0}" is used {1} times here but not defined: add "{0} = …" to the legend or set "scheme".', code, use.count),
    { code },
    [
      {
        title: l10n.t('Add "{0}" to a legend after this table', `${code} = ${name}`),
        edits: [{ start: table.end, end: table.end, newText: `\n\n${code} = ${name}` }],
        safe: false,
      },
    ],
  );
}

/** What a known scheme calls `code`, in the document's language, or `…` for the author to write. */
export function suggestedName(code: string, locale: string): string {
  const lang = langOf(locale);
  for (const scheme of schemesWith([code])) {
    const role = scheme.roles.find((r) => r.code === code);
    if (role) return role.names[lang];
  }
  return '…';
}

/** The fixes that set a scheme defining `codes` (and the other codes used) in the front matter. */
export function schemeFixes(
  used: readonly string[],
  frontMatter: { start: number; end: number; value: string } | undefined,
  text: string,
  current: string | undefined,
): Fix[] {
  const fixes: Fix[] = [];
  for (const scheme of schemesWith(used)) {
    if (scheme.id === current) continue;
    const edit = setSchemeEdit(scheme.id, frontMatter, text);
    if (edit) fixes.push({ title: l10n.t('Set "scheme: {0}" in the front matter', scheme.id), edits: [edit], safe: false });
  }
  return fixes;
}

/**
 * The edit that sets `raci.scheme` in the front matter: a new front matter when there
 * is none, a `raci:` block at its end when it has none, a `scheme:` line under `raci:`
 * when that block lacks one, or the value of that line. None when `raci` is written
 * in a form this does not edit (flow style `raci: { … }`).
 */
function setSchemeEdit(id: string, frontMatter: { start: number; end: number; value: string } | undefined, text: string) {
  if (!frontMatter) return { start: 0, end: 0, newText: `---\nraci:\n  scheme: ${id}\n---\n\n` };
  const block = text.slice(frontMatter.start, frontMatter.end);
  // Lines as YAML and an editor count them: \r\n, \r and \n each end one.
  const lines: { text: string; start: number }[] = [];
  const breaks = /\r\n|\r|\n/g;
  let from = 0;
  let lastBreak = -1;
  for (let found = breaks.exec(block); found; found = breaks.exec(block)) {
    lines.push({ text: block.slice(from, found.index), start: frontMatter.start + from });
    lastBreak = found.index;
    from = found.index + found[0].length;
  }
  lines.push({ text: block.slice(from), start: frontMatter.start + from });
  let inRaci = false;
  let raciLineEnd = -1;
  let indent = '  ';
  for (const { text: line, start: offset } of lines) {
    const lineEnd = offset + line.length;
    if (/^raci\s*:/.test(line)) {
      if (line.replace(/^raci\s*:/, '').trim() !== '') return undefined;
      inRaci = true;
      raciLineEnd = lineEnd;
    } else if (inRaci && /^\S/.test(line)) {
      inRaci = false;
    } else if (inRaci) {
      if (raciLineEnd >= 0 && indent === '  ' && /^\s/.test(line)) indent = line.slice(0, line.length - line.trimStart().length);
      const scheme = /^(\s+)scheme\s*:\s*/.exec(line);
      if (scheme) return { start: offset + scheme[0].length, end: lineEnd, newText: id };
    }
  }
  if (raciLineEnd >= 0) return { start: raciLineEnd, end: raciLineEnd, newText: `\n${indent}scheme: ${id}` };
  // Before the closing `---`: after the last line of the block, before its line break.
  const at = lastBreak < 0 ? frontMatter.end : frontMatter.start + lastBreak;
  return { start: at, end: at, newText: `\nraci:\n  scheme: ${id}` };
}

/**
 * The codes in force in `matrix`: the document's, or the scheme its letters name (when
 * `infer`), plus the letters it uses consistently without a definition, each with its
 * finding. Sets `matrix.roles` when they differ from the document's (or `roles` are a
 * section's own), and `matrix.used` when letters are inferred or undefined.
 */
export function matrixCodes(
  matrix: Matrix,
  roles: RoleSet,
  memo: Memo,
  options: { infer: boolean; locale: string; scoped?: boolean },
): { roles: RoleSet; findings: RawFinding[] } {
  // Every letter is a code here (most matrices): nothing to infer or report.
  if (everyCodeDefined(matrix, roles, memo)) {
    if (options.scoped) matrix.roles = roles;
    return { roles, findings: [] };
  }
  const tally = tallyCodes(matrix, memo);
  let codes = roles;
  // Only letters used consistently name a scheme: one stray `S` in a RACI matrix is a typo, not RASCI.
  const unknown = [...tally].filter(([code]) => !roles.codes.has(code));
  if (options.infer && unknown.length > 0 && unknown.every(([, use]) => consistent(use))) {
    const scheme = inferScheme(new Set(tally.keys()));
    if (scheme) codes = { ...buildRoleSet(scheme, [], options.locale), inferred: scheme.id };
  }
  const missing = undefinedCodes(tally, codes);
  codes = withUndefined(codes, missing);
  // Codes of a section's legend, an inferred scheme or undefined letters: the matrix's own.
  if (codes !== roles || options.scoped) matrix.roles = codes;
  if (codes !== roles) matrix.used = [...tally.keys()];
  return { roles: codes, findings: missing.map((code) => undefinedRoleFinding(code, tally.get(code)!, matrix.table, options.locale)) };
}

/**
 * The fixes of an undefined-role finding: a line in the document's own legend when it
 * has one (a row of its legend table, an entry after its last legend line), else a
 * line after the matrix; then, when the document has no legend table, each scheme that
 * defines every code of the matrix, set in the front matter.
 */
export function legendFixes(
  raw: RawFinding,
  matrix: Matrix,
  source: Source,
  blocks: ParsedBlocks,
  legendTables: readonly RawTable[],
  written: WrittenLegend,
  settings: { locale: string; scheme: string },
  /** Whether the front matter is valid YAML (asked only if there is one): if not, it configures nothing, and a scheme set in it would not take. */
  frontMatterParses: () => boolean,
): Fix[] {
  const locale = settings.locale;
  const code = raw.data.code ?? '';
  const name = suggestedName(code, locale);
  const entry = `${code} = ${name}`;
  const fixes: Fix[] = [];
  const table = legendTables[legendTables.length - 1];
  // The last legend line that applies to this matrix: the document's, or its section's.
  const own = written.byTable.get(matrix.table);
  const lines = written.lines.filter((entry) => written.global.includes(entry) || own?.includes(entry));
  const line = lines[lines.length - 1];
  if (table) {
    fixes.push({ title: l10n.t('Add "{0}" to the legend', entry), edits: [legendRow(table, source, code, name)], safe: false });
  } else if (line) {
    fixes.push({
      title: l10n.t('Add "{0}" to the legend', entry),
      edits: [legendLine(line, lines, source, code, name)],
      safe: false,
    });
  } else {
    fixes.push(...raw.fixes);
  }
  // A legend table replaces the scheme: setting one would change nothing.
  if (table || (blocks.frontMatter && !frontMatterParses())) return fixes;
  const text = blocks.frontMatter ? source.slice(0, blocks.frontMatter.end) : '';
  fixes.push(...schemeFixes(matrix.used ?? [code], blocks.frontMatter, text, findScheme(settings.scheme)?.id));
  return fixes;
}

/** A row for `code` at the end of a legend table, written as its first row is (`| (S) Support |` or `| S | Support |`). */
function legendRow(table: RawTable, source: Source, code: string, name: string) {
  const width = table.rows[0].cells.length;
  const last = table.rows[table.rows.length - 1];
  const first = table.rows[1]?.cells[0];
  const bracketed = first !== undefined && cellText(source.slice(first.contentStart, first.contentEnd)).startsWith('(');
  const cells = bracketed ? [`(${code}) ${name}`] : [code, name];
  while (cells.length < width) cells.push('');
  return { start: last.end, end: last.end, newText: `\n| ${cells.join(' | ')} |` };
}

/**
 * An entry after the last legend line: on that line after its last entry when it holds
 * several (`R = …, A = …`), else on a line of its own under it, with its list or quote marker.
 */
function legendLine(last: PlacedEntry, lines: readonly PlacedEntry[], source: Source, code: string, name: string) {
  let lineStart = last.start;
  while (lineStart > 0 && source.charCodeAt(lineStart - 1) !== 10) lineStart--;
  if (lines.length > 1 && lines[lines.length - 2].start >= lineStart) {
    return { start: last.end, end: last.end, newText: `, ${code} = ${name}` };
  }
  let lineEnd = last.end;
  while (lineEnd < source.length && source.charCodeAt(lineEnd) !== 10 && source.charCodeAt(lineEnd) !== 13) lineEnd++;
  const prefix = source.slice(lineStart, last.start);
  return { start: lineEnd, end: lineEnd, newText: `\n${prefix}${code} = ${name}` };
}

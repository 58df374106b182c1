import { cellEdit, removeTokens } from './fixes';
import type { RoleSet } from '../domain/legend';
import type { Activity, Assignment, Matrix } from '../read/matrix';
import type { Fix, TextEdit } from '../model';
import { addCodeFixes } from './fixes';
import type { RowFacts, RuleContext } from './rule';
import type { Source } from '../text/source';

/**
 * Fixes in a table of role columns write party names, not codes: a missing role is given
 * to a party named elsewhere in the row (those in `first` first: the R for a missing A), by
 * adding its name to that role's cell; keeping one accountable leaves only its name there.
 */
export function roleColumnFixes(
  source: Source,
  matrix: Matrix,
  activity: Activity,
  code: string,
  title: (party: string) => string,
  first: Assignment[],
): Fix[] {
  const cell = activity.roleCells?.[code];
  if (!cell) return [];
  const holders = new Set(activity.assignments.filter((a) => a.parsed.tokens.some((t) => t.code === code)).map((a) => a.party));
  const candidates = [...activity.assignments].sort((a, b) => Number(first.includes(b)) - Number(first.includes(a)));
  const seen = new Set<number>();
  const fixes: Fix[] = [];
  const content = source.slice(cell.contentStart, cell.contentEnd).trim();
  const empty = content === '' || /^(?:-+|–|—|n\/?a|tbd)$/i.test(content);
  for (const candidate of candidates) {
    if (holders.has(candidate.party) || seen.has(candidate.party)) continue;
    seen.add(candidate.party);
    const name = source.slice(candidate.cell.contentStart, candidate.cell.contentEnd);
    fixes.push({
      title: title(matrix.parties[candidate.party].name),
      edits: [cellEdit(source, cell, empty ? name : `${content}, ${name}`)],
      safe: false,
      preferred: fixes.length === 0 && first.includes(candidate),
    });
  }
  return fixes;
}

/** The edit that leaves `keep` alone in the cell of the code it holds. */
export function keepOnly(source: Source, activity: Activity, keep: Assignment, code: string): TextEdit[] {
  const cell = activity.roleCells?.[code];
  return cell ? [cellEdit(source, cell, source.slice(keep.cell.contentStart, keep.cell.contentEnd))] : [];
}

/** Whether a row holds an undecided "Responsable": its A and R cannot be told (read/readWords.ts reports it once). */
export function undecided(activity: Activity): boolean {
  return activity.assignments.some((a) => a.parsed.tokens.some((t) => t.form === 'ambiguous'));
}

/**
 * A cell's content without its A's, by the cell's reading (which knows what a word such as
 * "Responsable" means in this matrix), right to left so that the earlier indices hold.
 */
export function withoutAccountable(content: string, assignment: Assignment, roles: RoleSet): string {
  // From the one parse of the cell, not a parse per code taken out.
  return removeTokens(content, assignment.parsed, (t) => roles.accountable.includes(t.code));
}

/**
 * The fixes for a role the row lacks (`code`): give it to a party, those in `first` first
 * (the R for a missing A, the A for a missing R), in a table of codes or of role columns.
 */
export function missingRoleFixes(
  row: RowFacts,
  ctx: RuleContext,
  code: string,
  title: (party: string) => string,
  first: Assignment[],
): Fix[] {
  const { activity, matrix } = row;
  if (ctx.fixes === false) return [];
  return activity.roleCells
    ? roleColumnFixes(ctx.source, matrix, activity, code, title, first)
    : addCodeFixes(ctx.source, matrix, activity.assignments, code, ctx.roles, title, (a) => first.includes(a));
}

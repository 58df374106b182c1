import * as l10n from '@vscode/l10n';
import { CompletionItemKind, type CompletionItem } from 'vscode-languageserver-types';
import type { DocumentModel } from '../analyze';
import { locate } from './locate';
import { outcomeOf } from '../rules/fixRanking';
import { checkActivity } from '../rules/check';
import type { Source } from '../text/source';

/**
 * Codes for the cell under the cursor. The codes the row still lacks come first
 * (no A yet: A; no R: R), then the rest; codes already in the cell are left out.
 * A code that would bring the row a new finding (a second A) comes last, and its
 * detail says what it would bring: each code is written into the row in memory and the
 * row checked again, as quick fixes are ranked.
 */
export function getCompletions(model: DocumentModel, offset: number): CompletionItem[] {
  // A cell of role columns holds names, not codes.
  const names = roleColumnCompletions(model, offset);
  if (names) return names;
  const at = locate(model, offset);
  if (!at || at.kind !== 'cell' || at.activity.section || at.matrix.layout === 'role-columns') return [];
  const { assignment, activity, matrix } = at;
  // A matrix read with a scheme of its own (inferred from its letters) completes its codes.
  const roles = matrix.roles ?? model.roles;
  const inCell = new Set(assignment.parsed.tokens.filter((t) => t.form !== 'lookalike').map((t) => t.code));
  // A look-alike letter holds no role (its own finding says so), here as in the row rules.
  const heldInRow = (codes: string[]) =>
    activity.assignments.some((a) => a.parsed.tokens.some((t) => t.form !== 'lookalike' && codes.includes(t.code)));
  const ctx = { source: model.text, roles, maxAccountable: model.settings.maxAccountable, rank: false };
  const check = (a: typeof activity, source: Source) => checkActivity(matrix, a, { ...ctx, source });
  const before = check(activity, model.text);
  /** What writing `newText` at the cursor would add to the row's findings. */
  const consequence = (newText: string) =>
    outcomeOf(activity, model.text, [{ start: offset, end: offset, newText }], before, check)?.introduced ?? [];
  const wanted: string[] = [];
  if (roles.accountable[0] && !heldInRow(roles.accountable)) wanted.push(roles.accountable[0]);
  if (roles.responsible[0] && !heldInRow(roles.responsible)) wanted.push(roles.responsible[0]);

  const empty = assignment.parsed.kind === 'empty' || assignment.parsed.kind === 'nobody';
  const wrap = (codes: string) => (empty ? `${matrix.usualStyle.wrapper}${codes}${matrix.usualStyle.wrapper}` : codes);
  // Inserted at the cursor: LSP wants an edit range that contains it.
  const range = model.lines.range({ start: offset, end: offset });
  const items: CompletionItem[] = [];
  if (wanted.length === 2) {
    const combined = roles.order.filter((code) => wanted.includes(code)).join('');
    items.push({
      label: combined,
      kind: CompletionItemKind.EnumMember,
      detail: wanted.map((code) => roles.codes.get(code)?.name ?? code).join(' + '),
      documentation: l10n.t('This activity has neither {0} nor {1} yet.', wanted[0], wanted[1]),
      sortText: '0',
      textEdit: { range, newText: wrap(combined) },
    });
  }
  roles.order.forEach((code, index) => {
    if (inCell.has(code)) return;
    const role = roles.codes.get(code)!;
    const needed = wanted.includes(code);
    const brings = consequence(wrap(code));
    const notes = [role.meaning, needed ? l10n.t('This activity has no {0} yet.', code) : '', ...brings.map((f) => f.message)];
    items.push({
      label: code,
      kind: CompletionItemKind.EnumMember,
      detail: brings.length > 0 ? l10n.t('{0} (would add: {1})', role.name, brings.map((f) => f.ruleId).join(', ')) : role.name,
      documentation: notes.filter(Boolean).join('\n\n'),
      sortText: `${brings.length > 0 ? 9 : needed ? 1 : 2}${String(index).padStart(2, '0')}`,
      preselect: needed && brings.length === 0 && items.length === 0 ? true : undefined,
      textEdit: { range, newText: wrap(code) },
    });
  });
  return items;
}

/**
 * In a table of role columns (`| Task | Responsible | Accountable | … |`), the cell under the
 * cursor takes party names: those named in the matrix and not yet in the cell, the parties
 * of this row first (for an empty Accountable cell, its Responsible first: who does the work
 * is the usual approver to ask about), each with the roles it holds in the row. Undefined
 * when the cursor is not in such a table.
 */
function roleColumnCompletions(model: DocumentModel, offset: number): CompletionItem[] | undefined {
  const matrix = model.matrices.find((m) => m.layout === 'role-columns' && m.table.start <= offset && offset <= m.table.end);
  if (!matrix) return undefined;
  const activity = matrix.activities.find((a) => a.row.start <= offset && offset <= a.row.end);
  const column = activity && Object.entries(activity.roleCells ?? {}).find(([, cell]) => cell.start <= offset && offset <= cell.end);
  if (!activity || activity.section || !column) return [];
  const [code, cell] = column;
  const roles = matrix.roles ?? model.roles;
  const inCell = new Set(activity.assignments.filter((a) => a.parsed.tokens.some((t) => t.code === code)).map((a) => a.party));
  const heldInRow = new Map<number, string[]>();
  for (const a of activity.assignments)
    for (const t of a.parsed.tokens) heldInRow.set(a.party, [...(heldInRow.get(a.party) ?? []), t.code]);
  const rank = (party: number): number => {
    const held = heldInRow.get(party);
    if (!held) return 3;
    return roles.accountable.includes(code) && held.some((c) => roles.responsible.includes(c)) ? 1 : 2;
  };
  const text = model.text;
  // After a name already in the cell, a new one comes after a separator.
  const before = text.slice(cell.contentStart, Math.max(cell.contentStart, Math.min(offset, cell.contentEnd))).trimEnd();
  const separator = before !== '' && !/[,;/+&]$/.test(before) ? ', ' : '';
  const range = model.lines.range({ start: offset, end: offset });
  return matrix.parties
    .map((party, index) => ({ party, index }))
    .filter(({ index }) => !inCell.has(index))
    .map(({ party, index }) => {
      const held = heldInRow.get(index);
      return {
        label: party.name,
        kind: CompletionItemKind.Value,
        detail: held ? l10n.t('Holds {0} in this row', [...new Set(held)].join(', ')) : undefined,
        sortText: `${rank(index)}${String(index).padStart(4, '0')}`,
        textEdit: { range, newText: `${separator}${party.name}` },
      };
    })
    .sort((a, b) => a.sortText.localeCompare(b.sortText));
}

import * as l10n from '@vscode/l10n';
import { CompletionItemKind, type CompletionItem } from 'vscode-languageserver-types';
import type { DocumentModel } from './analysis';
import { locate } from './locate';

/**
 * Codes for the cell under the cursor. The codes the row still lacks come first
 * (no A yet: A; no R: R), then the rest; codes already in the cell are left out.
 */
export function getCompletions(model: DocumentModel, offset: number): CompletionItem[] {
  const at = locate(model, offset);
  if (!at || at.kind !== 'cell' || at.activity.section) return [];
  const { roles } = model;
  const { assignment, activity, matrix } = at;
  const inCell = new Set(assignment.parsed.tokens.map((t) => t.code));
  const heldInRow = (codes: string[]) => activity.assignments.some((a) => a.parsed.tokens.some((t) => codes.includes(t.code)));
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
    items.push({
      label: code,
      kind: CompletionItemKind.EnumMember,
      detail: role.name,
      documentation: needed ? `${role.meaning}\n\n${l10n.t('This activity has no {0} yet.', code)}` : role.meaning,
      sortText: `${needed ? 1 : 2}${String(index).padStart(2, '0')}`,
      preselect: needed && items.length === 0 ? true : undefined,
      textEdit: { range, newText: wrap(code) },
    });
  });
  return items;
}

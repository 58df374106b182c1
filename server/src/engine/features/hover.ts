import * as l10n from '@vscode/l10n';
import type { Hover, MarkupContent } from 'vscode-languageserver-types';
import type { DocumentModel } from '../analyze';
import { locate } from './locate';
import type { Activity, Matrix } from '../read/matrix';

/** Hover on a code, a party header or an activity: what it means and who holds what. */
export function getHover(model: DocumentModel, offset: number): Hover | null {
  const at = locate(model, offset);
  if (!at) return null;
  const { matrix } = at;
  if (at.kind === 'party') {
    return hover(model, partySummary(model, matrix, at.party) + layoutNote(matrix), at.span);
  }
  if (at.kind === 'activity') {
    return hover(model, `**${escape(at.activity.name)}**\n\n${assignmentTable(model, matrix, at.activity)}${layoutNote(matrix)}`, at.span);
  }
  if (at.kind === 'cell' && at.token) {
    const role = model.roles.codes.get(at.token.code);
    const lines: string[] = [];
    if (role) {
      lines.push(`**${at.token.code}** — ${escape(role.name)}${role.meaning ? `: ${escape(role.meaning)}` : ''}`);
      lines.push('', role.fromLegend ? l10n.t("As defined by this document's legend.") : l10n.t('Scheme {0}.', model.scheme.id));
    } else {
      lines.push(l10n.t('**{0}** is not a role code here; valid codes: {1}.', at.token.raw, model.roles.order.join(', ')));
    }
    const { cell, parsed } = at.assignment;
    // The qualifier is no code, but it is part of what the cell says: `R (EMEA)`.
    if (parsed.qualifierStart >= 0)
      lines.push('', l10n.t('As written: {0}', `\`${model.text.slice(cell.contentStart, cell.contentEnd).replace(/`/g, "'")}\``));
    lines.push('', `**${escape(at.activity.name)}**`, '', assignmentTable(model, matrix, at.activity));
    return hover(model, lines.join('\n') + layoutNote(matrix), at.token);
  }
  return null;
}

/** How a matrix in a layout other than the classic one was read, so that a user can check it. */
function layoutNote(matrix: Matrix): string {
  switch (matrix.layout) {
    case 'transposed':
      return `\n\n${l10n.t('Read as a transposed matrix: parties as rows, activities as columns.')}`;
    case 'per-activity':
      return `\n\n${l10n.t('Read as one table per activity: the activity is the heading above, parties as rows.')}`;
    case 'numbered':
      return `\n\n${l10n.t('Read with an ID column first: activities as rows, named by the second column.')}`;
    default:
      return '';
  }
}

function hover(model: DocumentModel, value: string, span: { start: number; end: number }): Hover {
  const contents: MarkupContent = { kind: 'markdown', value };
  return { contents, range: model.lines.range(span) };
}

/** "Who holds what" for one activity, one line per code: `A — Approuve: Client`. */
function assignmentTable(model: DocumentModel, matrix: Matrix, activity: Activity): string {
  const holders = new Map<string, string[]>();
  for (const assignment of activity.assignments) {
    for (const token of assignment.parsed.tokens) {
      const list = holders.get(token.code) ?? [];
      const party = matrix.parties[assignment.party].name;
      if (!list.includes(party)) list.push(party);
      holders.set(token.code, list);
    }
  }
  const rows = model.roles.order.map((code) => {
    const name = model.roles.codes.get(code)?.name ?? code;
    return `| ${code} | ${escape(name)} | ${(holders.get(code) ?? ['—']).map(escape).join(', ')} |`;
  });
  return [`| | ${l10n.t('Role')} | ${l10n.t('Held by')} |`, '|---|---|---|', ...rows].join('\n');
}

function partySummary(model: DocumentModel, matrix: Matrix, partyIndex: number): string {
  const counts = new Map<string, number>();
  let activities = 0;
  for (const activity of matrix.activities) {
    if (activity.section) continue;
    activities++;
    const assignment = activity.assignments.find((a) => a.party === partyIndex);
    for (const code of new Set(assignment?.parsed.tokens.map((t) => t.code) ?? [])) counts.set(code, (counts.get(code) ?? 0) + 1);
  }
  const party = matrix.parties[partyIndex].name;
  const rows = model.roles.order.map(
    (code) => `| ${code} | ${escape(model.roles.codes.get(code)?.name ?? code)} | ${counts.get(code) ?? 0} |`,
  );
  return [
    `**${escape(party)}** — ${l10n.t('{0} activities in this matrix', activities)}`,
    '',
    `| | ${l10n.t('Role')} | ${l10n.t('Activities')} |`,
    '|---|---|---|',
    ...rows,
  ].join('\n');
}

function escape(text: string): string {
  return text.replace(/([\\`*_[\]<>|])/g, '\\$1');
}

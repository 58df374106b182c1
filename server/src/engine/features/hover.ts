import * as l10n from '@vscode/l10n';
import type { Hover, MarkupContent } from 'vscode-languageserver-types';
import type { DocumentModel } from '../analyze';
import { locate } from './locate';
import type { RoleSet } from '../domain/legend';
import type { Activity, Matrix } from '../read/matrix';
import type { Span } from '../model';

/** Hover on a code, a party header or an activity: what it means and who holds what. */
export function getHover(model: DocumentModel, offset: number): Hover | null {
  const at = locate(model, offset);
  if (!at) return null;
  const { matrix } = at;
  if (at.kind === 'party') {
    return hover(model, partySummary(model, matrix, at.party) + layoutNote(matrix), at.span);
  }
  if (at.kind === 'activity') {
    return hover(
      model,
      [
        `**${escape(at.activity.name)}**`,
        ...rowFindings(model, matrix, at.activity, offset),
        '',
        assignmentTable(model, matrix, at.activity),
      ].join('\n') + layoutNote(matrix),
      at.span,
    );
  }
  if (at.kind === 'cell' && at.token) {
    const { token } = at;
    const roles = matrix.roles ?? model.roles;
    const role = roles.codes.get(token.code);
    const lines: string[] = [];
    // In role columns the cursor is on a party's name, which the code's line below does not say.
    if (matrix.layout === 'role-columns')
      lines.push(l10n.t('**{0}** holds {1} in this activity.', escape(matrix.parties[at.assignment.party].name), token.code), '');
    if (token.form === 'lookalike') {
      lines.push(
        l10n.t('**{0}** looks like {1}, but is {2}: not counted.', token.raw, token.code, scriptOf(token.raw)),
        '',
        l10n.t('Quick fix: write the Latin letter {0}.', token.code),
      );
    } else if (role?.undefinedHere) {
      // With a legend, the scheme plays no part: say the letter is missing from that legend, not that there is none.
      const legend = [...roles.codes.values()].some((other) => other.fromLegend);
      lines.push(
        legend
          ? l10n.t('**{0}** is used in this matrix but is not in the legend that applies to it.', token.code)
          : l10n.t('**{0}** is used in this matrix but defined neither by a legend nor by the scheme.', token.code),
      );
    } else if (role) {
      lines.push(`**${token.code}** — ${roleText(role.name, role.meaning)}`);
      lines.push(
        '',
        role.fromLegend ? l10n.t("As defined by this document's legend.") : l10n.t('Scheme {0}.', roles.inferred ?? model.scheme.id),
      );
    } else {
      // The diagnostic under the cursor (shown in the same hover) says what is wrong; this says what would be right.
      lines.push(l10n.t('Role codes here: {0}.', roles.order.filter((code) => !roles.codes.get(code)?.undefinedHere).join(', ')));
    }
    const { cell, parsed } = at.assignment;
    // The qualifier is no code, but it is part of what the cell says: `R (EMEA)`.
    if (parsed.qualifierStart >= 0)
      lines.push('', l10n.t('As written: {0}', `\`${model.text.slice(cell.contentStart, cell.contentEnd).replace(/`/g, "'")}\``));
    // What to act on comes before the table of codes: the editor cuts a long hover off at the bottom.
    lines.push(
      '',
      `**${escape(at.activity.name)}**`,
      ...rowFindings(model, matrix, at.activity, offset),
      '',
      assignmentTable(model, matrix, at.activity),
    );
    return hover(model, lines.join('\n') + layoutNote(matrix), token);
  }
  return null;
}

/** How a matrix in a layout other than the classic one was read, so that a user can check it. */
function layoutNote(matrix: Matrix): string {
  const inferred = matrix.roles?.inferred ? `\n\n${l10n.t('Read with scheme {0}, inferred from its letters.', matrix.roles.inferred)}` : '';
  return layoutOnly(matrix) + inferred;
}

function layoutOnly(matrix: Matrix): string {
  switch (matrix.layout) {
    case 'transposed':
      return `\n\n${l10n.t('Read as a transposed matrix: parties as rows, activities as columns.')}`;
    case 'per-activity':
      return `\n\n${l10n.t('Read as one table per activity: the activity is the heading above, parties as rows.')}`;
    case 'role-columns':
      return `\n\n${l10n.t('Read with a column per role: the cells name the parties.')}`;
    case 'numbered':
      return `\n\n${l10n.t('Read with an ID column first: activities as rows, named by the second column.')}`;
    default:
      return '';
  }
}

/**
 * The row's findings, for a hover on any of its codes; those the editor shows in the same
 * hover already are left out: the diagnostics at the cursor. A finding whose mark is there
 * (each A of a double A) is listed: the mark says which party holds A, the finding what to
 * do, and the mark no longer links to it.
 */
function rowFindings(model: DocumentModel, matrix: Matrix, activity: Activity, offset: number): string[] {
  const found: string[] = [];
  // An activity is a row, except in a transposed or per-activity table, where it is a column:
  // there its findings are those on its name and its cells.
  const spans =
    matrix.layout === 'transposed' || matrix.layout === 'per-activity'
      ? [activity.nameCell, ...activity.assignments.map((a) => a.cell)]
      : [activity.row];
  for (const span of spans) collectFindings(model, span, offset, found);
  if (found.length === 0) return [];
  const where =
    matrix.layout === 'transposed'
      ? l10n.t('In this column:')
      : matrix.layout === 'per-activity'
        ? l10n.t('In this table:')
        : l10n.t('In this row:');
  return ['', where, ...found];
}

function collectFindings(model: DocumentModel, row: { start: number; end: number }, offset: number, found: string[]): void {
  // Findings are sorted by start: the first that may be in the row is found by halving.
  let low = 0;
  let high = model.findings.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (model.findings[mid].start < row.start) low = mid + 1;
    else high = mid;
  }
  for (let i = low; i < model.findings.length && model.findings[i].start <= row.end; i++) {
    const finding = model.findings[i];
    if (shownAt(finding, offset)) continue;
    const line = `- ${SEVERITY_MARK[finding.severity]} ${escape(finding.message)}`;
    if (!found.includes(line)) found.push(line);
  }
}

/** Whether the editor's hover at `offset` shows a diagnostic on `span`: it takes those within a character of the cursor. */
function shownAt(span: Span, offset: number): boolean {
  return span.start <= offset + 1 && offset - 1 <= span.end;
}

/** Plain symbols, which the editor's fonts have (emoji often render as a box). */
const SEVERITY_MARK = { error: '✖', warning: '⚠', info: 'ℹ', hint: '·' } as const;

/**
 * A role's name and meaning, without saying the name twice: a legend often writes the
 * meaning as a sentence starting with the name ("Approuve la réalisation…").
 */
function roleText(name: string, meaning: string): string {
  if (!meaning) return escape(name);
  const plain = (text: string) =>
    text
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase();
  if (plain(meaning).startsWith(plain(name))) return escape(meaning.charAt(0).toUpperCase() + meaning.slice(1));
  return l10n.t('{0}: {1}', escape(name), escape(meaning));
}

/** The script a look-alike letter comes from, named with the letter. */
function scriptOf(raw: string): string {
  const code = raw.charCodeAt(0);
  if (code >= 0x0400 && code <= 0x04ff) return l10n.t('Cyrillic {0}', raw);
  if (code >= 0x0370 && code <= 0x03ff) return l10n.t('Greek {0}', raw);
  return l10n.t('full-width {0}', raw);
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
      // A look-alike letter holds no role (its own finding says so).
      if (token.form === 'lookalike') continue;
      const list = holders.get(token.code) ?? [];
      const party = matrix.parties[assignment.party].name;
      if (!list.includes(party)) list.push(party);
      holders.set(token.code, list);
    }
  }
  const roles = matrix.roles ?? model.roles;
  const rows = roles.order.map(
    (code) => `| ${code} | ${escape(roleName(roles, code))} | ${(holders.get(code) ?? ['—']).map(escape).join(', ')} |`,
  );
  return [`| | ${l10n.t('Role')} | ${l10n.t('Held by')} |`, '|---|---|---|', ...rows].join('\n');
}

function partySummary(model: DocumentModel, matrix: Matrix, partyIndex: number): string {
  const counts = new Map<string, number>();
  let activities = 0;
  for (const activity of matrix.activities) {
    if (activity.section) continue;
    activities++;
    const assignment = activity.assignments.find((a) => a.party === partyIndex);
    const held = assignment?.parsed.tokens.filter((t) => t.form !== 'lookalike').map((t) => t.code) ?? [];
    for (const code of new Set(held)) counts.set(code, (counts.get(code) ?? 0) + 1);
  }
  const party = matrix.parties[partyIndex].name;
  const roles = matrix.roles ?? model.roles;
  const rows = roles.order.map((code) => `| ${code} | ${escape(roleName(roles, code))} | ${counts.get(code) ?? 0} |`);
  return [
    `**${escape(party)}** — ${l10n.t('{0} activities in this matrix', activities)}`,
    '',
    `| | ${l10n.t('Role')} | ${l10n.t('Activities')} |`,
    '|---|---|---|',
    ...rows,
  ].join('\n');
}

/** A code's name in a table, where a letter used undefined would otherwise be named by itself ("S S"). */
function roleName(roles: RoleSet, code: string): string {
  const role = roles.codes.get(code);
  if (role?.undefinedHere) return l10n.t('(not defined)');
  return role?.name ?? code;
}

function escape(text: string): string {
  return text.replace(/([\\`*_[\]<>|])/g, '\\$1');
}

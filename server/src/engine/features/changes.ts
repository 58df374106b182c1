import * as l10n from '@vscode/l10n';
import { alignDocuments, assignmentOf, cellPairs, cellValue, sameValue, type CellValue } from './align';
import { matrixName } from './matrixName';
import type { DocumentModel } from '../analyze';
import type { Matrix } from '../read/matrix';
import type { Span } from '../model';

/**
 * What changed in the responsibilities between two revisions of a document, in plain
 * words: who gained or lost which role on which activity, which activities and parties
 * came and went. A reordered row is a move, and formatting (`**RA**` → `R, A`) is no change.
 */
export type ChangeKind =
  | 'matrix-added'
  | 'matrix-removed'
  | 'party-added'
  | 'party-removed'
  | 'party-renamed'
  | 'activity-added'
  | 'activity-removed'
  | 'activity-changed';

/** Who held one role before and after, on one activity. */
export interface RoleChange {
  code: string;
  /** The role's name in the document (its legend, or the scheme's name in the reader's language). */
  role: string;
  before: string[];
  after: string[];
}

/** A cell of prose (not codes) that changed. */
export interface TextChange {
  party: string;
  before: string;
  after: string;
}

export interface ResponsibilityChange {
  kind: ChangeKind;
  /** The activity or party, by its new name (its old one when removed). */
  name: string;
  /** The old name, when it changed. */
  previousName?: string;
  /** A row that is somewhere else among its neighbours now. */
  moved?: boolean;
  roles: RoleChange[];
  texts: TextChange[];
  /** Where it is in the new version (absent for what was removed). */
  head?: Span;
  /** Where it was in the old version (absent for what was added). */
  base?: Span;
  /** The change in plain words, in the reader's language. */
  text: string;
}

export interface MatrixChanges {
  /** The heading above the matrix, or where the table is. */
  title: string;
  head?: Span;
  base?: Span;
  changes: ResponsibilityChange[];
}

export function responsibilityChanges(base: DocumentModel, head: DocumentModel): MatrixChanges[] {
  const out: MatrixChanges[] = [];
  for (const pair of alignDocuments(base, head, 'revision')) {
    const changes: ResponsibilityChange[] = [];
    const title = matrixName(pair.head ? head : base, (pair.head ?? pair.base)!);
    if (!pair.base || !pair.head) {
      const matrix = (pair.head ?? pair.base)!;
      const kind = pair.head ? 'matrix-added' : 'matrix-removed';
      const count = matrix.activities.filter((activity) => !activity.section).length;
      const text =
        kind === 'matrix-added'
          ? l10n.t('Matrix added: {0} ({1} activities)', title, count)
          : l10n.t('Matrix removed: {0} ({1} activities)', title, count);
      changes.push({ kind, name: title, roles: [], texts: [], [pair.head ? 'head' : 'base']: tableSpan(matrix), text });
      out.push({ title, [pair.head ? 'head' : 'base']: tableSpan(matrix), changes });
      continue;
    }
    for (const party of pair.parties) {
      if (party.base && party.head) {
        if (party.base.name !== party.head.name) {
          changes.push({
            kind: 'party-renamed',
            name: party.head.name,
            previousName: party.base.name,
            roles: [],
            texts: [],
            head: cellSpan(party.head.header),
            base: cellSpan(party.base.header),
            text: l10n.t('Party renamed: {0} → {1}', party.base.name, party.head.name),
          });
        }
      } else if (party.head) {
        changes.push({
          kind: 'party-added',
          name: party.head.name,
          roles: [],
          texts: [],
          head: cellSpan(party.head.header),
          text: l10n.t('Party added: {0}', party.head.name),
        });
      } else if (party.base) {
        changes.push({
          kind: 'party-removed',
          name: party.base.name,
          roles: [],
          texts: [],
          base: cellSpan(party.base.header),
          text: l10n.t('Party removed: {0}', party.base.name),
        });
      }
    }
    for (const row of pair.rows) {
      if (row.base && row.head) {
        const cells = cellPairs(row, pair.parties, base, head);
        const before = cells.map((cell) => ({ party: cell.party.head!.name, value: cell.base }));
        const after = cells.map((cell) => ({ party: cell.party.head!.name, value: cell.head }));
        // A party that came (or went) gains (or loses) its roles: "Consulted: + Security".
        for (const party of pair.parties) {
          if (party.head && !party.base)
            after.push({ party: party.head.name, value: cellValue(head, assignmentOf(row.head, party.headIndex)) });
          if (party.base && !party.head)
            before.push({ party: party.base.name, value: cellValue(base, assignmentOf(row.base, party.baseIndex)) });
        }
        const roles = roleChanges(head, before, after);
        const texts: TextChange[] = cells
          .filter((cell) => (cell.base.text !== undefined || cell.head.text !== undefined) && !sameValue(cell.base, cell.head))
          .map((cell) => ({ party: cell.party.head!.name, before: show(cell.base), after: show(cell.head) }));
        if (roles.length === 0 && texts.length === 0 && !row.moved && !row.renamed) continue;
        const change: ResponsibilityChange = {
          kind: 'activity-changed',
          name: row.head.name,
          previousName: row.renamed ? row.base.name : undefined,
          moved: row.moved || undefined,
          roles,
          texts,
          head: cellSpan(row.head.nameCell),
          base: cellSpan(row.base.nameCell),
          text: '',
        };
        change.text = describeActivity(change);
        changes.push(change);
      } else if (row.head) {
        const roles = roleChanges(
          head,
          [],
          pair.parties.flatMap((party) =>
            party.head ? [{ party: party.head.name, value: cellValue(head, assignmentOf(row.head!, party.headIndex)) }] : [],
          ),
        );
        const change: ResponsibilityChange = {
          kind: 'activity-added',
          name: row.head.name,
          roles,
          texts: [],
          head: cellSpan(row.head.nameCell),
          text: '',
        };
        change.text = describeActivity(change);
        changes.push(change);
      } else if (row.base) {
        changes.push({
          kind: 'activity-removed',
          name: row.base.name,
          roles: [],
          texts: [],
          base: cellSpan(row.base.nameCell),
          text: l10n.t('Activity removed: {0}', row.base.name),
        });
      }
    }
    if (changes.length > 0) out.push({ title, head: tableSpan(pair.head), base: tableSpan(pair.base), changes });
  }
  return out;
}

function describeActivity(change: ResponsibilityChange): string {
  let name = change.name;
  if (change.previousName !== undefined) name = l10n.t('{0} (renamed from “{1}”)', name, change.previousName);
  if (change.moved) name = l10n.t('{0} (moved)', name);
  const parts = change.roles.map((role) => `${role.role}: ${describeHolders(role.before, role.after)}`);
  for (const text of change.texts) parts.push(`${text.party}: ${describeHolders([text.before], [text.after])}`);
  const head = change.kind === 'activity-added' ? l10n.t('Activity added: {0}', name) : name;
  return parts.length === 0 ? head : `${head} — ${parts.join('; ')}`;
}

/** `Customer → Provider` when the role changed hands, `+ Security` or `− Legal` when only added or removed. */
function describeHolders(before: string[], after: string[]): string {
  const added = after.filter((party) => !before.includes(party));
  const removed = before.filter((party) => !after.includes(party));
  if (added.length > 0 && removed.length === 0) return `+ ${added.join(', ')}`;
  if (removed.length > 0 && added.length === 0) return `− ${removed.join(', ')}`;
  return `${before.join(', ') || '∅'} → ${after.join(', ') || '∅'}`;
}

function show(value: CellValue): string {
  return value.text !== undefined ? `“${value.text}”` : value.codes.join('') || '∅';
}

/** Per role, who held it before and after, in the document's usual role order; unchanged roles left out. */
function roleChanges(
  model: DocumentModel,
  before: { party: string; value: CellValue }[],
  after: { party: string; value: CellValue }[],
): RoleChange[] {
  const holders = (cells: { party: string; value: CellValue }[], code: string) =>
    cells.filter((cell) => cell.value.codes.includes(code)).map((cell) => cell.party);
  const codes = new Set<string>();
  for (const cell of [...before, ...after]) for (const code of cell.value.codes) codes.add(code);
  const rank = (code: string) => {
    const index = model.roles.order.indexOf(code);
    return index < 0 ? Number.MAX_SAFE_INTEGER : index;
  };
  const out: RoleChange[] = [];
  for (const code of [...codes].sort((x, y) => rank(x) - rank(y) || (x < y ? -1 : 1))) {
    const was = holders(before, code);
    const is = holders(after, code);
    if (was.length === is.length && was.every((party) => is.includes(party))) continue;
    out.push({ code, role: model.roles.codes.get(code)?.name ?? code, before: was, after: is });
  }
  return out;
}

function tableSpan(matrix: Matrix): Span {
  const header = matrix.table.rows[0];
  return { start: header.start, end: header.end };
}

function cellSpan(cell: { contentStart: number; contentEnd: number }): Span {
  return { start: cell.contentStart, end: cell.contentEnd };
}

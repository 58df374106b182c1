import * as l10n from '@vscode/l10n';
import { CodeActionKind, type CodeAction, type Diagnostic } from 'vscode-languageserver-types';
import { analyze, type DocumentModel } from '../analyze';
import type { RaciSettings } from '../domain/settings';
import type { Finding, Span, TextEdit } from '../model';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.raci`;

export function wants(only: string[] | undefined, kind: string): boolean {
  return !only || only.length === 0 || only.some((prefix) => kind === prefix || kind.startsWith(`${prefix}.`));
}

export function getCodeActions(
  model: DocumentModel,
  uri: string,
  span: Span,
  only: string[] | undefined,
  toDiagnostic: (finding: Finding) => Diagnostic,
): CodeAction[] {
  const actions: CodeAction[] = [];
  const edit = (edits: TextEdit[]) => ({
    changes: { [uri]: edits.map((e) => ({ range: model.lines.range(e), newText: e.newText })) },
  });
  if (wants(only, CodeActionKind.QuickFix)) {
    for (const finding of model.findings) {
      const at = (s: Span) => !(s.end < span.start || s.start > span.end);
      // A finding is also at the places it marks (each A of a row with two): its fixes are offered there.
      if (!at(finding) && !finding.related?.some((r) => r.marked && at(r.span))) continue;
      const diagnostic = toDiagnostic(finding);
      for (const fix of finding.fixes) {
        actions.push({
          title: fix.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          isPreferred: fix.preferred || undefined,
          edit: edit(fix.edits),
        });
      }
      const disable = disableEdit(model, finding);
      if (disable) {
        actions.push({
          title: l10n.t('Disable {0} for this line', finding.ruleId),
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          edit: edit([disable]),
        });
      }
    }
  }
  if (only && wants(only, FIX_ALL_KIND) && only.some((kind) => FIX_ALL_KIND.startsWith(kind))) {
    const all = fixAllEdit(model);
    if (all) actions.push({ title: l10n.t('Fix all safe RACI problems'), kind: FIX_ALL_KIND, edit: edit([all]) });
  }
  return actions;
}

/**
 * `<!-- raci-disable-line RULE -->` goes inside the row's first cell: on a line of
 * its own, a comment would end the table.
 */
function disableEdit(model: DocumentModel, finding: Finding): TextEdit | undefined {
  const matrix = model.matrices.find((m) => m.table.start <= finding.start && finding.start <= m.table.end);
  const row = matrix?.table.rows.find((r) => r.start <= finding.start && finding.start <= r.end);
  const cell = row?.cells[0];
  if (!cell) return undefined;
  const at = cell.contentEnd > cell.contentStart ? cell.contentEnd : cell.contentStart;
  const lead = cell.contentEnd > cell.contentStart ? ' ' : '';
  return { start: at, end: at, newText: `${lead}<!-- raci-disable-line ${finding.ruleId} -->` };
}

/**
 * Applies the safe fixes until none is left (a fix can reveal another, or two can
 * touch one cell), and returns the whole change as one edit.
 */
export function fixAllText(model: DocumentModel, settings: RaciSettings): string {
  let current = model;
  for (let pass = 0; pass < 10; pass++) {
    const edits = safeEdits(current);
    if (edits.length === 0) break;
    current = analyze(applyEdits(current.text, edits), settings);
  }
  return current.text;
}

function fixAllEdit(model: DocumentModel): TextEdit | undefined {
  const after = fixAllText(model, model.settings);
  if (after === model.text) return undefined;
  return diffEdit(model.text, after);
}

/**
 * The first safe fix of each finding, in document order, unless one of its edits overlaps
 * (or replaces the same range as) an edit already chosen. The chosen edits are disjoint,
 * so "some chosen edit starts before this one ends and ends after it starts" is a
 * prefix maximum over their starts, kept in a Fenwick tree on the sorted starts of every
 * candidate: a check costs a logarithm, not a pass over what was chosen.
 */
function safeEdits(model: DocumentModel): TextEdit[] {
  const candidates: TextEdit[][] = [];
  for (const finding of model.findings) {
    const fix = finding.fixes.find((f) => f.safe);
    if (fix) candidates.push(fix.edits);
  }
  const starts = [...new Set(candidates.flat().map((e) => e.start))].sort((a, b) => a - b);
  const maxEnd = new Float64Array(starts.length + 1).fill(-1);
  /** How many candidate starts lie before `offset`. */
  const below = (offset: number) => {
    let low = 0;
    let high = starts.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (starts[middle] < offset) low = middle + 1;
      else high = middle;
    }
    return low;
  };
  const endBefore = (offset: number) => {
    let max = -1;
    for (let i = below(offset); i > 0; i -= i & -i) max = Math.max(max, maxEnd[i]);
    return max;
  };
  const ranges = new Set<string>();
  const chosen: TextEdit[] = [];
  for (const edits of candidates) {
    if (edits.some((e) => endBefore(e.end) > e.start || ranges.has(`${e.start}:${e.end}`))) continue;
    for (const e of edits) {
      for (let i = below(e.start) + 1; i < maxEnd.length; i += i & -i) maxEnd[i] = Math.max(maxEnd[i], e.end);
      ranges.add(`${e.start}:${e.end}`);
      chosen.push(e);
    }
  }
  return chosen;
}

/**
 * Applies edits that do not overlap, in one pass over them sorted by position. Edits at
 * the same range go in the reverse of their order in `edits`, as when each is applied
 * to the text the previous one left, from the end.
 */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const sorted = edits.map((edit, index) => ({ edit, index }));
  sorted.sort((a, b) => a.edit.start - b.edit.start || a.edit.end - b.edit.end || b.index - a.index);
  const parts: string[] = [];
  let at = 0;
  for (const { edit } of sorted) {
    const start = Math.max(at, edit.start);
    parts.push(text.slice(at, start), edit.newText);
    at = Math.max(start, edit.end);
  }
  parts.push(text.slice(at));
  return parts.join('');
}

export function diffEdit(before: string, after: string): TextEdit {
  let prefix = 0;
  const max = Math.min(before.length, after.length);
  while (prefix < max && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < max - prefix && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix++;
  return { start: prefix, end: before.length - suffix, newText: after.slice(prefix, after.length - suffix) };
}

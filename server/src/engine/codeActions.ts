import * as l10n from '@vscode/l10n';
import { CodeActionKind, type CodeAction, type Diagnostic } from 'vscode-languageserver-types';
import { analyze, type DocumentModel } from './analysis';
import type { RaciSettings } from './settings';
import type { Finding, Span, TextEdit } from './types';

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
      if (finding.end < span.start || finding.start > span.end) continue;
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

function safeEdits(model: DocumentModel): TextEdit[] {
  const chosen: TextEdit[] = [];
  for (const finding of model.findings) {
    const fix = finding.fixes.find((f) => f.safe);
    if (!fix) continue;
    if (fix.edits.some((e) => chosen.some((c) => e.start < c.end && c.start < e.end || (e.start === c.start && e.end === c.end)))) continue;
    chosen.push(...fix.edits);
  }
  return chosen;
}

export function applyEdits(text: string, edits: TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  let result = text;
  for (const edit of sorted) result = result.slice(0, edit.start) + edit.newText + result.slice(edit.end);
  return result;
}

export function diffEdit(before: string, after: string): TextEdit {
  let prefix = 0;
  const max = Math.min(before.length, after.length);
  while (prefix < max && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < max - prefix && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix++;
  return { start: prefix, end: before.length - suffix, newText: after.slice(prefix, after.length - suffix) };
}

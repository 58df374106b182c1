import * as l10n from '@vscode/l10n';
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-types';
import type { DocumentModel } from '../analyze';
import type { Matrix } from '../read/matrix';

/**
 * The Outline: each matrix under its heading, its activities inside, with who
 * holds what as the detail. Headings without a matrix are left to the Markdown
 * extension's own outline.
 */
export function getSymbols(model: DocumentModel): DocumentSymbol[] {
  const result: DocumentSymbol[] = [];
  const byHeading = new Map<number, DocumentSymbol>();
  for (const matrix of model.matrices) {
    const symbol = matrixSymbol(model, matrix);
    const heading = matrix.heading;
    if (!heading) {
      result.push(symbol);
      continue;
    }
    let parent = byHeading.get(heading.start);
    if (!parent) {
      parent = {
        name: heading.text || '#',
        kind: SymbolKind.String,
        range: model.lines.range({ start: heading.start, end: matrix.table.end }),
        selectionRange: model.lines.range(heading),
        children: [],
      };
      byHeading.set(heading.start, parent);
      result.push(parent);
    }
    parent.range.end = model.lines.positionAt(matrix.table.end);
    parent.children!.push(symbol);
  }
  return result;
}

function matrixSymbol(model: DocumentModel, matrix: Matrix): DocumentSymbol {
  const activities = matrix.activities.filter((a) => !a.section);
  return {
    name: l10n.t('{0} × {1}', matrix.title || l10n.t('Activity'), matrix.parties.map((p) => p.name).join(', ')),
    detail: l10n.t('{0} activities', activities.length),
    kind: SymbolKind.Struct,
    range: model.lines.range(matrix.table),
    selectionRange: model.lines.range(matrix.table.rows[0]),
    children: matrix.activities.map((activity) => ({
      name: activity.name || '—',
      detail: activity.assignments
        .filter((a) => a.parsed.tokens.length > 0)
        .map((a) => `${matrix.parties[a.party].name}: ${a.parsed.tokens.map((t) => (t.form === 'lookalike' ? t.raw : t.code)).join('')}`)
        .join(' · '),
      kind: activity.section ? SymbolKind.Namespace : SymbolKind.Field,
      range: model.lines.range(matrix.layout === 'transposed' || matrix.layout === 'per-activity' ? activity.nameCell : activity.row),
      selectionRange: model.lines.range({ start: activity.nameCell.contentStart, end: activity.nameCell.contentEnd }),
    })),
  };
}

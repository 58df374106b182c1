import * as l10n from '@vscode/l10n';
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-types';
import type { DocumentModel } from '../analyze';
import type { Matrix } from '../read/matrix';

/**
 * The Outline: the document's headings, nested by level as the Markdown extension
 * nests them, with each matrix under its heading and its activities inside (who holds
 * what as the detail). A superset of the Markdown outline, so the user never needs to
 * switch to that one: a heading spans its section, up to the next heading of its level
 * or above.
 */
export function getSymbols(model: DocumentModel): DocumentSymbol[] {
  const result: DocumentSymbol[] = [];
  const open: { depth: number; symbol: DocumentSymbol }[] = [];
  const end = model.lines.positionAt(model.text.length);
  const close = (depth: number, at: number) => {
    while (open.length > 0 && open[open.length - 1].depth >= depth) {
      open.pop()!.symbol.range.end = model.lines.positionAt(lastLineEnd(model, at));
    }
  };
  const add = (symbol: DocumentSymbol) => {
    const parent = open[open.length - 1];
    if (parent) parent.symbol.children!.push(symbol);
    else result.push(symbol);
  };
  const { headings } = model.blocks;
  let next = 0;
  const headingsUpTo = (offset: number) => {
    for (; next < headings.length && headings[next].start < offset; next++) {
      const heading = headings[next];
      close(heading.depth, heading.start);
      const symbol: DocumentSymbol = {
        name: heading.text || '#',
        kind: SymbolKind.String,
        range: { start: model.lines.positionAt(heading.start), end },
        selectionRange: model.lines.range(heading),
        children: [],
      };
      add(symbol);
      open.push({ depth: heading.depth, symbol });
    }
  };
  for (const matrix of model.matrices) {
    headingsUpTo(matrix.table.start);
    add(matrixSymbol(model, matrix));
  }
  headingsUpTo(Number.POSITIVE_INFINITY);
  while (open.length > 0) open.pop()!.symbol.range.end = end;
  return result;
}

/** Where the line before `offset` ends: a section stops before the next heading's line. */
function lastLineEnd(model: DocumentModel, offset: number): number {
  let at = offset;
  while (at > 0 && (model.text.charCodeAt(at - 1) === 10 || model.text.charCodeAt(at - 1) === 13)) at--;
  return at;
}

/**
 * What the matrix's columns are, for its name: its parties, except in a role-columns table,
 * whose parties are the names found in its cells (often a dozen) and whose header names roles.
 */
function columnsOf(model: DocumentModel, matrix: Matrix): string[] {
  if (matrix.layout !== 'role-columns') return matrix.parties.map((p) => p.name);
  const headers = matrix.table.rows[0].cells.map((cell) => model.text.slice(cell.contentStart, cell.contentEnd).trim());
  return headers.slice(headers.indexOf(matrix.title) + 1).filter(Boolean);
}

function matrixSymbol(model: DocumentModel, matrix: Matrix): DocumentSymbol {
  const activities = matrix.activities.filter((a) => !a.section);
  return {
    name: l10n.t('{0} × {1}', matrix.title || l10n.t('Activity'), columnsOf(model, matrix).join(', ')),
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

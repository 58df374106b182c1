import * as l10n from '@vscode/l10n';
import type { DocumentModel } from '../analyze';
import type { Matrix } from '../read/matrix';

/**
 * What a matrix is called where a user picks it out among others (the overview's grids, the
 * comparison): the heading above it, or else where it is. A header cell ("Role", "Task") names
 * a column, and many tables share it.
 */
export function matrixName(model: DocumentModel, matrix: Matrix): string {
  if (matrix.heading?.text) return matrix.heading.text;
  return l10n.t('Table at line {0}', model.lines.positionAt(matrix.table.start).line + 1);
}

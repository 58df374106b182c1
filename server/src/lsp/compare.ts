import { analyze, responsibilityChanges, type DocumentModel, type RaciSettings } from '../engine';
import type { ComparedMatrix } from '../shared/protocol';

/**
 * The responsibility changes of an open document since another version of its text,
 * with ranges in the open document: what was removed points at its matrix, or nowhere
 * when the whole matrix went.
 */
export function compareWith(model: DocumentModel, baseText: string, settings: RaciSettings): ComparedMatrix[] {
  const base = analyze(baseText, settings);
  return responsibilityChanges(base, model).map((matrix) => ({
    title: matrix.title,
    range: matrix.head && model.lines.range(matrix.head),
    changes: matrix.changes.map((change) => ({
      kind: change.kind,
      text: change.text,
      range: change.head ? model.lines.range(change.head) : matrix.head && model.lines.range(matrix.head),
    })),
  }));
}

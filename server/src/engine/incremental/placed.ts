/**
 * What a version's pass over its tables placed in the model, table by table, for the next
 * version to take the share of the tables an edit left alone in one slice (see
 * placeKnownTables in analyze.ts). Without it, a keystroke in a document of two thousand
 * small matrices looked up, moved and placed every one of them again.
 */
import type { Finding } from '../model';
import type { RawHeading, RawTable } from '../parse/markdown';
import type { Matrix } from '../read/matrix';

export interface Placed {
  /**
   * What placing any table depends on besides the table, its result and its heading: the
   * codes in force, the settings, the control comments and the lines they stand on, whether
   * fixes are wanted. A version whose key differs places every table again.
   */
  key: string;
  /** The version's tables, in document order. */
  tables: readonly RawTable[];
  matrices: Matrix[];
  /** In the order they were placed (table by table), before the model sorts them. */
  findings: Finding[];
  /** How many matrices and findings were placed before table i; one more entry for the end. */
  matricesUpTo: number[];
  findingsUpTo: number[];
}

/** How many of `headings` (in document order, not overlapping) end by `offset`. */
export function headingsEndingBy(headings: readonly RawHeading[], offset: number): number {
  let low = 0;
  let high = headings.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (headings[middle].end <= offset) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Whether findings[from, to) hold one whose fixes were built from the rest of the document:
 * an undefined code's fixes add it to the legend, wherever that is written, so such a
 * finding is placed again rather than taken.
 */
export function hasDocumentFixes(findings: readonly Finding[], from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (findings[i].ruleId === 'undefined-role' && findings[i].fixes.length > 0) return true;
  return false;
}

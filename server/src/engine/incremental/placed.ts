/**
 * What a version's pass over its tables placed in the model, table by table, for the next
 * version to take the share of the tables an edit left alone in one slice (see
 * placeKnownTables in analyze.ts). Without it, a keystroke in a document of two thousand
 * small matrices looked up, moved and placed every one of them again.
 */
import type { Finding } from '../model';
import type { RawTable } from '../parse/markdown';
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

import type { RawTable } from '../parse/markdown';
import { moveActivity, type Matrix } from '../read/matrix';
import type { RawFinding } from '../rules/rule';
import type { Span } from '../model';
import { slot, type Memo, type Slot } from './memo';

/**
 * What was concluded about one table, kept by the table's text so that an edit
 * elsewhere does not read the table's cells again: only the offsets move.
 */
export interface TableResult {
  base: number;
  /** What the analysis depended on besides the table's text: the codes in force. */
  context: string;
  matrix?: Matrix;
  findings: RawFinding[];
}

/**
 * Results by table object. A chunk that an edit did not touch gives the very same table
 * objects from one version to the next (see parseDocumentSteps), and a chunk it moved
 * gives new tables that remember which they were: their results are found without
 * hashing their text. The analysis cache's map by text is for the rest.
 */
const RESULTS = slot<RawTable, TableResult>('table results');
const MOVED_TABLES = slot<RawTable, RawTable>('moved tables');

/** `moved` is `from` shifted; `from` may itself be waiting for its result to be moved. */
export function noteMovedTable(memo: Memo, moved: RawTable, from: RawTable): void {
  const moves = memo.of(MOVED_TABLES);
  moves.set(moved, moves.get(from) ?? from);
}

export function resultOf(memo: Memo, table: RawTable, context: string): TableResult | undefined {
  const results = memo.of(RESULTS);
  const origin = memo.of(MOVED_TABLES).get(table);
  const known = results.get(table) ?? (origin && results.get(origin));
  return known?.context === context ? known : undefined;
}

/**
 * What `read` concludes from a table's text alone (whether it is a legend, and what it
 * says), once per table object: a table that an edit left alone is the same object at the
 * next version, and one it moved remembers the table it was. Without it every edit would
 * read every table of the document again.
 */
export function ofTable<V>(memo: Memo, which: Slot<RawTable, V>, table: RawTable, read: () => V): V {
  const values = memo.of(which);
  if (values.has(table)) return values.get(table) as V;
  const origin = memo.of(MOVED_TABLES).get(table);
  const value = origin && values.has(origin) ? (values.get(origin) as V) : read();
  values.set(table, value);
  return value;
}

export function rememberResult(memo: Memo, table: RawTable, result: TableResult): void {
  memo.of(RESULTS).set(table, result);
  // The table has what it needed from the one it was: a chain would keep every older one.
  memo.of(MOVED_TABLES).delete(table);
}

/** The analysis of an unchanged table that moved from `result.base` to `table.start`. */
export function moveTableResult(result: TableResult, table: RawTable): TableResult {
  const delta = table.start - result.base;
  if (delta === 0 && result.matrix?.table === table) return result;
  const old = result.matrix;
  const matrix: Matrix | undefined =
    old &&
    regroup({
      ...old,
      table,
      parties: old.parties.map((party) => ({ ...party, header: table.rows[0].cells[party.column] })),
      activities: old.activities.map((activity, index) => moveActivity(activity, table.rows[index + 1], old.parties)),
    });
  const findings = delta === 0 ? result.findings : result.findings.map((finding) => moveFinding(finding, delta));
  return { base: table.start, context: result.context, matrix, findings };
}

/** The moved activities, cut into pieces as the moved table's rows are. */
function regroup(matrix: Matrix): Matrix {
  let next = 0;
  const pieces = matrix.table.pieces.map((piece) => matrix.activities.slice(next, (next += piece.length)));
  return { ...matrix, pieces };
}

/** A finding, its fixes and related spans, `delta` further in the text. */
export function moveFinding(finding: RawFinding, delta: number): RawFinding {
  const move = <T extends Span>(span: T): T => ({ ...span, start: span.start + delta, end: span.end + delta });
  const moved: RawFinding = {
    ruleId: finding.ruleId,
    start: finding.start + delta,
    end: finding.end + delta,
    message: finding.message,
    data: finding.data,
    fixes: finding.fixes.map((fix) => ({ ...fix, edits: fix.edits.map(move) })),
  };
  if (finding.related) moved.related = finding.related.map((r) => ({ ...r, span: move(r.span) }));
  return moved;
}

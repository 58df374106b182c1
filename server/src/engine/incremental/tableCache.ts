import type { Source } from '../text/source';
import { tableIdentity, type RawTable } from '../parse/markdown';
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
 * Results by table. A chunk that an edit did not touch gives the very same table objects
 * from one version to the next (see parseDocumentSteps), and a chunk it moved gives moved
 * tables with the same identity (tableIdentity): their results are found without hashing
 * their text, and moved. The analysis cache's map by text is for the rest.
 */
const RESULTS = slot<RawTable, TableResult>('table results');

export function resultOf(memo: Memo, table: RawTable, context: string): TableResult | undefined {
  const known = memo.of(RESULTS).get(tableIdentity(table));
  return known?.context === context ? known : undefined;
}

/**
 * What `read` concludes from a table's text alone (whether it is a legend, and what it
 * says), once per table: a table that an edit left alone is the same object at the next
 * version, and one it moved has the same identity. Without it every edit would read every
 * table of the document again. A value with offsets must say where it was read, to be moved.
 */
export function ofTable<V>(
  memo: Memo,
  which: Slot<RawTable, V>,
  table: RawTable,
  text: Source,
  read: (table: RawTable, text: Source) => V,
): V {
  const values = memo.of(which);
  const key = tableIdentity(table);
  // One lookup for what is known (an answer may be undefined: then a second says whether it is).
  const known = values.get(key);
  if (known !== undefined || values.has(key)) return known as V;
  const value = read(table, text);
  values.set(key, value);
  return value;
}

export function rememberResult(memo: Memo, table: RawTable, result: TableResult): void {
  memo.of(RESULTS).set(tableIdentity(table), result);
}

/** The analysis of an unchanged table that moved from `result.base` to `table.start`. */
export function moveTableResult(result: TableResult, table: RawTable): TableResult {
  const delta = table.start - result.base;
  if (delta === 0 && result.matrix?.table === table) return result;
  const matrix = result.matrix && moveMatrixLazily(result.matrix, table, moveClassic);
  // Most tables have no finding: their empty list is shared, as nothing adds to a result's.
  const findings =
    delta === 0 || result.findings.length === 0 ? result.findings : result.findings.map((finding) => moveFinding(finding, delta));
  return { base: table.start, context: result.context, matrix, findings };
}

/** A classic matrix's parties and activities on the cells of `table`, a move of its table. */
function moveClassic(old: Matrix, table: RawTable): MovedParts {
  const parties = old.parties.map((party) => ({ ...party, header: table.rows[0].cells[party.column] }));
  const activities = old.activities.map((activity, index) => moveActivity(activity, table.rows[index + 1], old.parties));
  // Cut into pieces as the moved table's rows are.
  let next = 0;
  const pieces = table.pieces.map((piece) => activities.slice(next, (next += piece.length)));
  return { parties, activities, pieces };
}

export type MovedParts = Pick<Matrix, 'parties' | 'activities' | 'pieces'>;

/**
 * `old` on the moved `table`, its parts (parties, activities and their cells) moved when
 * something reads them: a hover, a fix, the outline. An edit moves every table after it,
 * and the matrices of all but a few are never read before the next edit moves them again.
 * `move` makes the parts from a matrix and the table it moves to.
 */
export function moveMatrixLazily(old: Matrix, table: RawTable, move: (from: Matrix, table: RawTable) => MovedParts): Matrix {
  return new MovedMatrix(old, table, move);
}

/**
 * A matrix read on another table, moved to `table`. A class, not an object with accessors
 * defined on it: those make every moved matrix a dictionary, slow to make and to read.
 * Nothing spreads a matrix (its parts are on the prototype, and a spread would drop them).
 */
class MovedMatrix implements Matrix {
  table: RawTable;
  heading?: Matrix['heading'];
  title: string;
  usualStyle: Matrix['usualStyle'];
  layout?: Matrix['layout'];
  roles?: Matrix['roles'];
  used?: string[];
  /** The matrix as it was read: moving this one again moves that one, so that no chain is kept. */
  private readonly from: Matrix;
  private readonly move: (from: Matrix, table: RawTable) => MovedParts;
  private parts: MovedParts | undefined;

  constructor(old: Matrix, table: RawTable, move: (from: Matrix, table: RawTable) => MovedParts) {
    const from = old instanceof MovedMatrix ? old.from : old;
    this.from = from;
    this.move = move;
    this.table = table;
    this.heading = old.heading;
    this.title = from.title;
    this.usualStyle = from.usualStyle;
    this.layout = from.layout;
    this.roles = from.roles;
    this.used = from.used;
  }

  private read(): MovedParts {
    return (this.parts ??= this.move(this.from, this.table));
  }

  get parties(): Matrix['parties'] {
    return this.read().parties;
  }

  get activities(): Matrix['activities'] {
    return this.read().activities;
  }

  get pieces(): Matrix['pieces'] {
    return this.read().pieces;
  }
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

/**
 * What a rule is: one check, in one file, over one kind of thing (a code in a cell, an
 * activity's row, or a whole matrix), reporting findings under its registry id. Rules
 * read the facts of what they check (RowFacts: who holds what in the row) and never each
 * other's results; where one finding makes another redundant, the rule says so itself,
 * from those facts. The runner (check.ts) calls them in a fixed order.
 */
import type { CodeToken } from '../domain/cells';
import type { RoleSet } from '../domain/legend';
import type { Finding, FindingData, Fix, RuleId, Span } from '../model';
import type { Activity, Assignment, Matrix } from '../read/matrix';
import type { Source } from '../text/source';

/** A finding before severity and control comments are applied. */
export type RawFinding = Omit<Finding, 'severity'>;

export interface RuleContext {
  source: Source;
  roles: RoleSet;
  maxAccountable: number;
  /** `false`: the findings are only reported (AnalysisOptions.fixes); a rule may leave its fixes out. */
  fixes?: boolean;
  report(finding: RawFinding): void;
}

/** A code in a cell, with its place: what a token rule checks. */
export interface TokenFacts {
  row: RowFacts;
  assignment: Assignment;
  token: CodeToken;
  /** Whether an earlier code of the same cell, read as a code, is the same code. */
  repeated: boolean;
}

export interface TokenRule {
  readonly id: RuleId;
  checkToken(facts: TokenFacts, ctx: RuleContext): void;
}

export interface CellRule {
  readonly id: RuleId;
  /** A cell that is not codes at all (prose). */
  checkText(row: RowFacts, assignment: Assignment, ctx: RuleContext): void;
}

export interface RowRule {
  readonly id: RuleId;
  /** Also called for rows that title a section, which most rules leave alone. */
  checkRow(row: RowFacts, ctx: RuleContext): void;
}

export interface MatrixRule {
  readonly id: RuleId;
  checkMatrix(matrix: Matrix, facts: MatrixFacts, ctx: RuleContext): void;
}

/** What the rows of a matrix say about it as a whole, added up by the runner. */
export interface MatrixFacts {
  /** Parties (by index) holding a code in at least one activity. */
  usedParties: ReadonlySet<number>;
  /** Activities that are not section titles. */
  activities: number;
  /** Each activity that repeats an earlier one, with that earlier one. */
  repeated: { activity: Activity; first: Activity }[];
}

export function finding(ruleId: RuleId, span: Span, message: string, data: Omit<FindingData, 'ruleId'>, fixes: Fix[] = []): RawFinding {
  return { ruleId, start: span.start, end: span.end, message, data: { ruleId, ...data }, fixes };
}

/** Where a finding about an activity goes: its name, or its row when the name is empty. */
export function contentSpan(activity: Activity): Span {
  const cell = activity.nameCell;
  return cell.contentEnd > cell.contentStart
    ? { start: cell.contentStart, end: cell.contentEnd }
    : { start: activity.row.start, end: activity.row.end };
}

/**
 * Whether the assignment holds one of `codes`, in a spelling the row rules count (valid,
 * or lower case). A look-alike letter is not counted: its own finding says so, and the
 * hover, the overview and the totals do not count it either.
 */
function holds(assignment: Assignment, codes: string[], roles: RoleSet): boolean {
  // Loops, not some() with a closure: every row of a document's first analysis runs this, before V8 optimises it.
  const tokens = assignment.parsed.tokens;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.form !== 'lookalike' && t.form !== 'ambiguous' && codes.includes(t.code) && roles.codes.has(t.code)) return true;
  }
  return false;
}

/** The facts of one activity's row that several rules read, each worked out once. */
export class RowFacts {
  private accountableHolders?: Assignment[];
  private responsibleHolders?: Assignment[];
  private missingCodes?: string[];
  /** No cell of the row holds anything (empty or "nobody"). */
  readonly empty: boolean;

  constructor(
    readonly matrix: Matrix,
    readonly activity: Activity,
    private readonly roles: RoleSet,
  ) {
    let empty = true;
    const assignments = activity.assignments;
    for (let i = 0; i < assignments.length && empty; i++)
      empty = assignments[i].parsed.kind === 'empty' || assignments[i].parsed.kind === 'nobody';
    this.empty = empty;
  }

  /** The cells holding the Accountable code(s). */
  get accountable(): Assignment[] {
    return (this.accountableHolders ??= this.holding(this.roles.accountable));
  }

  /** The cells holding the Responsible code(s). */
  get responsible(): Assignment[] {
    return (this.responsibleHolders ??= this.holding(this.roles.responsible));
  }

  /** The codes the row lacks (its A, its R): what a typo most likely meant. */
  get missing(): string[] {
    if (!this.missingCodes) {
      this.missingCodes = [];
      if (this.roles.accountable.length > 0 && this.accountable.length === 0) this.missingCodes.push(this.roles.accountable[0]);
      if (this.roles.responsible.length > 0 && this.responsible.length === 0) this.missingCodes.push(this.roles.responsible[0]);
    }
    return this.missingCodes;
  }

  partyName(assignment: Assignment): string {
    return this.matrix.parties[assignment.party].name;
  }

  private holding(codes: string[]): Assignment[] {
    // Made at the first holder (a first push() into [] reserves room for seventeen).
    let holders: Assignment[] | undefined;
    const assignments = this.activity.assignments;
    for (let i = 0; i < assignments.length; i++) {
      if (!holds(assignments[i], codes, this.roles)) continue;
      if (holders === undefined) holders = [assignments[i]];
      else holders.push(assignments[i]);
    }
    return holders ?? [];
  }
}

/** The codes in force, listed for a message. */
export function validList(roles: RoleSet): string {
  return roles.order.filter((code) => !roles.codes.get(code)?.undefinedHere).join(', ');
}

export function cellContent(source: Source, assignment: Assignment): string {
  return source.slice(assignment.cell.contentStart, assignment.cell.contentEnd);
}

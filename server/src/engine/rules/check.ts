/**
 * The rule runner: every rule of the registry, in a fixed order (shape, then each code of
 * each cell, then the row, then the matrix), over a matrix read by any layout. Rules
 * are functions of what they check; remembering a large table's findings piece by piece,
 * from one version to the next, is done here, around them.
 */
import { repeatedActivitiesSteps } from '../incremental/activityKeys';
import { Memo, slot } from '../incremental/memo';
import { STEP_CHECKED_ROWS } from '../incremental/steps';
import { moveFinding } from '../incremental/tableCache';
import type { RuleId } from '../model';
import { activitiesMovedFrom, type Activity, type Matrix } from '../read/matrix';
import { detachAll } from '../text/strings';
import { duplicateActivity } from './duplicateActivity';
import { duplicateRole } from './duplicateRole';
import { emptyRow } from './emptyRow';
import { rankFixes } from './fixRanking';
import { invalidRole } from './invalidRole';
import { lookalikeCharacter } from './lookalikeCharacter';
import { lowercaseRole } from './lowercaseRole';
import { missingAccountable } from './missingAccountable';
import { missingResponsible } from './missingResponsible';
import { multipleAccountable } from './multipleAccountable';
import { RowFacts, type MatrixFacts, type MatrixRule, type RawFinding, type RowRule, type RuleContext, type TokenRule } from './rule';
import { rowShape } from './rowShape';
import { unusedParty } from './unusedParty';

export type { RawFinding } from './rule';

/** Checks of a row's shape: every row, section titles too, before its cells. */
const SHAPE_RULES: RowRule[] = [rowShape];
/** Each code of each cell, in this order. */
const TOKEN_RULES: TokenRule[] = [lookalikeCharacter, invalidRole, lowercaseRole, duplicateRole];
/** The row as a whole, after its cells. */
const ROW_RULES: RowRule[] = [emptyRow, missingAccountable, multipleAccountable, missingResponsible];
/** The matrix as a whole, after its rows. */
const MATRIX_RULES: MatrixRule[] = [duplicateActivity, unusedParty];

/** The rules run on one document; the translation rules compare two (features/translations.ts). */
/** Reported while a table is read, not by a check of its rows: read/readWords.ts, read/unread.ts and undefinedRole.ts (from its letters). */
const READER_RULES: readonly RuleId[] = ['ambiguous-role', 'unread-matrix', 'undefined-role'];

export const DOCUMENT_RULES: readonly RuleId[] = [
  ...[...SHAPE_RULES, ...TOKEN_RULES, ...ROW_RULES, ...MATRIX_RULES].map((rule) => rule.id),
  ...READER_RULES,
];

/**
 * A row's findings depend on the row and on what the table says around it (its
 * parties, header width and usual style, the codes in force). A piece of a large table
 * that an edit did not touch is the same array of activities from one version to the
 * next (Matrix.pieces), so its findings are kept by the piece's identity with that
 * context: an edit in a 10,000-row table checks one piece again.
 */
const PIECE_FINDINGS = slot<Activity[], PieceFindings>('piece findings');

/** What a matrix's check is given: the rows' context, and where its findings are remembered (none: nothing is). */
type MatrixContext = Omit<RuleContext, 'report'> & { cacheKey?: string; memo?: Memo; rank?: boolean };

/** A matrix's findings, with a step every few hundred rows, so a server can answer requests in between. */
export function* checkMatrixSteps(matrix: Matrix, ctx: MatrixContext): Generator<void, RawFinding[]> {
  const findings: RawFinding[] = [];
  // The codes' context (cacheKey, a JSON of the role set shared by every table) is kept beside
  // the table's own, not copied into it: a string of its length per table, kept with its pieces.
  const tableContext = JSON.stringify([
    matrix.table.rows[0].cells.length,
    matrix.parties.map((p) => [p.name, p.column]),
    matrix.usualStyle,
  ]);
  const context = ruleContext(ctx, findings);
  const totals: PieceFindings = { codes: ctx.cacheKey, context: tableContext, findings, usedParties: new Set(), activities: 0 };
  for (let next = 0; next < matrix.pieces.length;) {
    next = checkPieces(matrix, next, ctx, totals);
    if (next < matrix.pieces.length) yield;
  }
  const facts: MatrixFacts = {
    usedParties: totals.usedParties,
    activities: totals.activities,
    repeated: yield* repeatedActivitiesSteps(matrix, ctx.memo ?? new Memo()),
  };
  for (const rule of MATRIX_RULES) rule.checkMatrix(matrix, facts, context);
  return findings;
}

interface PieceFindings {
  /** The codes in force (MatrixContext.cacheKey) and the table's shape and parties: what the findings were found in. */
  codes: string | undefined;
  context: string;
  findings: RawFinding[];
  usedParties: Set<number>;
  /** Activities that are not section titles. */
  activities: number;
}

/**
 * Checks pieces from `from` on, adding what each says to `totals`, until a step's worth
 * of rows was checked; returns where it stopped. Plain functions, not generators, hold
 * the loops over pieces and rows: V8 optimises a hot loop in a generator late.
 */
function checkPieces(matrix: Matrix, from: number, ctx: MatrixContext, totals: PieceFindings): number {
  const memo = ctx.cacheKey === undefined ? undefined : ctx.memo;
  let checked = 0;
  for (let i = from; i < matrix.pieces.length; i++) {
    const piece = matrix.pieces[i];
    let known = memo && (memo.of(PIECE_FINDINGS).get(piece) ?? movedFindings(piece, memo));
    const fresh = known?.context !== totals.context || known.codes !== totals.codes;
    if (!known || fresh) {
      known = { codes: totals.codes, context: totals.context, findings: [], usedParties: new Set(), activities: 0 };
      // Index loops, here and in checkActivity: until V8 optimises them (not in a document's
      // first analysis), a for-of allocates an iterator and a result per step.
      for (let r = 0; r < piece.length; r++) {
        const activity = piece[r];
        const own = checkActivity(matrix, activity, ctx);
        for (let f = 0; f < own.length; f++) known.findings.push(detachAll(own[f]));
        if (activity.section) continue;
        known.activities++;
        const assignments = activity.assignments;
        for (let a = 0; a < assignments.length; a++)
          if (assignments[a].parsed.kind === 'codes') known.usedParties.add(assignments[a].party);
      }
      memo?.of(PIECE_FINDINGS).set(piece, known);
    }
    const own = known.findings;
    for (let f = 0; f < own.length; f++) totals.findings.push(own[f]);
    // Once every party is used, the rest of the pieces can add none (a wide matrix: parties × pieces at every edit).
    if (totals.usedParties.size < matrix.parties.length) for (const party of known.usedParties) totals.usedParties.add(party);
    totals.activities += known.activities;
    if (fresh && (checked += piece.length) >= STEP_CHECKED_ROWS) return i + 1;
  }
  return matrix.pieces.length;
}

/** The findings of a piece of activities that moved, moved from those of the piece it was. */
function movedFindings(piece: Activity[], memo: Memo): PieceFindings | undefined {
  const origin = activitiesMovedFrom(memo, piece);
  const old = origin && memo.of(PIECE_FINDINGS).get(origin.from);
  if (!origin || !old) return undefined;
  // Most pieces have no finding: their empty list is shared, as nothing adds to a piece's.
  const findings = old.findings.length === 0 ? old.findings : old.findings.map((f) => moveFinding(f, origin.delta));
  const moved = { codes: old.codes, context: old.context, findings, usedParties: old.usedParties, activities: old.activities };
  memo.of(PIECE_FINDINGS).set(piece, moved);
  return moved;
}

/**
 * The context the rules report into `findings` through. Built field by field, not spread from
 * the caller's options: copying an object of unknown shape is a slow path in a first analysis.
 */
function ruleContext(ctx: Omit<RuleContext, 'report'>, findings: RawFinding[]): RuleContext {
  return {
    source: ctx.source,
    roles: ctx.roles,
    maxAccountable: ctx.maxAccountable,
    fixes: ctx.fixes,
    report: (f) => findings.push(f),
  };
}

/** One activity's findings; its fixes ranked by what each leaves of the row (see rankFixes). */
export function checkActivity(matrix: Matrix, activity: Activity, ctx: Omit<RuleContext, 'report'> & { rank?: boolean }): RawFinding[] {
  const findings: RawFinding[] = [];
  const context = ruleContext(ctx, findings);
  const row = new RowFacts(matrix, activity, ctx.roles);
  for (let i = 0; i < SHAPE_RULES.length; i++) SHAPE_RULES[i].checkRow(row, context);
  if (activity.section) return findings;
  const assignments = activity.assignments;
  for (let a = 0; a < assignments.length; a++) {
    const assignment = assignments[a];
    const { parsed } = assignment;
    if (parsed.kind === 'text') {
      invalidRole.checkText(row, assignment, context);
      continue;
    }
    // The codes read so far in this cell (valid, lower-case or look-alike; not the invalid ones):
    // a set only in a cell of two codes or more, as most cells of a wide matrix are empty, and
    // a set, not a list, as a pasted cell may hold thousands.
    let held: Set<string> | undefined;
    const tokens = parsed.tokens;
    for (let t = 0; t < tokens.length; t++) {
      const token = tokens[t];
      // An undecided "Responsable" is reported once for its matrix (read/readWords.ts), not per cell.
      if (token.form === 'ambiguous') continue;
      const counted = token.form === 'lookalike' || ctx.roles.codes.has(token.code);
      const facts = { row, assignment, token, repeated: counted && held !== undefined && held.has(token.code) };
      for (let i = 0; i < TOKEN_RULES.length; i++) TOKEN_RULES[i].checkToken(facts, context);
      if (counted && tokens.length > 1) (held ??= new Set()).add(token.code);
    }
  }
  for (let i = 0; i < ROW_RULES.length; i++) ROW_RULES[i].checkRow(row, context);
  // A fix in role columns writes a name into another cell of the row: not ranked by a check of its cells.
  if (findings.length > 0 && ctx.rank !== false && ctx.fixes !== false && !activity.roleCells)
    rankFixes(activity, findings, ctx.source, (a, source) => checkActivity(matrix, a, { ...ctx, source, rank: false }));
  return findings;
}

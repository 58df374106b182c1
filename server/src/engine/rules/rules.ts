import * as l10n from '@vscode/l10n';
import { tokenSpan, type CodeToken } from '../domain/cells';
import { addCodeFixes, cellEdit, closeCodes, removeTokenAt, replaceToken } from './fixes';
import type { RoleSet } from '../domain/legend';
import { activitiesMovedFrom, type Activity, type Assignment, type Matrix } from '../read/matrix';
import { moveFinding } from '../incremental/tableCache';
import { repeatedActivities } from '../incremental/activityKeys';
import { Memo, slot } from '../incremental/memo';
import { rankFixes } from './fixRanking';
import { keepOnly, roleColumnFixes } from './roleFixes';
import { STEP_ROWS } from '../incremental/steps';
import type { Finding, FindingData, Fix, RuleId, Span } from '../model';
import { detachAll } from '../text/strings';
import type { Source } from '../text/source';

/** A finding before severity and control comments are applied. */
export type RawFinding = Omit<Finding, 'severity'>;

interface Context {
  source: Source;
  roles: RoleSet;
  maxAccountable: number;
  /** False when checking a row as a fix would leave it: that check ranks no fixes of its own. */
  rank?: boolean;
  report(finding: RawFinding): void;
}

function finding(ruleId: RuleId, span: Span, message: string, data: Omit<FindingData, 'ruleId'>, fixes: Fix[] = []): RawFinding {
  return { ruleId, start: span.start, end: span.end, message, data: { ruleId, ...data }, fixes };
}

/**
 * A row's findings depend on the row and on what the table says around it (its
 * parties, header width and usual style, the codes in force). A piece of a large table
 * that an edit did not touch is the same array of activities from one version to the
 * next (Matrix.pieces), so its findings are kept by the piece's identity with that
 * context: an edit in a 10,000-row table checks one piece again.
 */
const PIECE_FINDINGS = slot<Activity[], PieceFindings>('piece findings');

/** What a matrix's check is given: the rows' context, and where its findings are remembered (none: nothing is). */
type MatrixContext = Omit<Context, 'report'> & { cacheKey?: string; memo?: Memo };

/** A matrix's findings, with a step every few hundred rows, so a server can answer requests in between. */
export function* checkMatrixSteps(matrix: Matrix, ctx: MatrixContext): Generator<void, RawFinding[]> {
  const findings: RawFinding[] = [];
  const tableContext = JSON.stringify([
    ctx.cacheKey,
    matrix.table.rows[0].cells.length,
    matrix.parties.map((p) => [p.name, p.column]),
    matrix.usualStyle,
  ]);
  const context: Context = { ...ctx, report: (f) => findings.push(f) };
  const totals: PieceFindings = { context: tableContext, findings, usedParties: new Set(), activities: 0 };
  for (let next = 0; next < matrix.pieces.length; ) {
    next = checkPieces(matrix, next, ctx, totals);
    if (next < matrix.pieces.length) yield;
  }
  reportDuplicates(matrix, context, ctx.memo ?? new Memo());
  if (totals.activities > 0) checkParties(matrix, context, totals.usedParties);
  return findings;
}

interface PieceFindings {
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
    const fresh = known?.context !== totals.context;
    if (!known || fresh) {
      known = { context: totals.context, findings: [], usedParties: new Set(), activities: 0 };
      for (const activity of piece) {
        for (const own of checkActivity(matrix, activity, ctx)) known.findings.push(own);
        if (activity.section) continue;
        known.activities++;
        for (const a of activity.assignments) if (a.parsed.kind === 'codes') known.usedParties.add(a.party);
      }
      // Kept across versions: its strings must not be views into this version's text.
      known.findings = known.findings.map(detachAll);
      memo?.of(PIECE_FINDINGS).set(piece, known);
    }
    for (const own of known.findings) totals.findings.push(own);
    for (const party of known.usedParties) totals.usedParties.add(party);
    totals.activities += known.activities;
    if (fresh && (checked += piece.length) >= STEP_ROWS) return i + 1;
  }
  return matrix.pieces.length;
}

/** The findings of a piece of activities that moved, moved from those of the piece it was. */
function movedFindings(piece: Activity[], memo: Memo): PieceFindings | undefined {
  const origin = activitiesMovedFrom(memo, piece);
  const old = origin && memo.of(PIECE_FINDINGS).get(origin.from);
  if (!origin || !old) return undefined;
  const moved = { ...old, findings: old.findings.map((f) => moveFinding(f, origin.delta)) };
  memo.of(PIECE_FINDINGS).set(piece, moved);
  return moved;
}

function reportDuplicates(matrix: Matrix, ctx: Context, memo: Memo): void {
  for (const { activity, first } of repeatedActivities(matrix, memo)) {
    const duplicate = finding(
      'duplicate-activity',
      contentSpan(activity),
      l10n.t('Activity "{0}" appears more than once in this matrix.', activity.name),
      { activity: activity.name },
    );
    // Where the first one is goes in `related`, not in the message: a table's findings
    // are cached by its text and must not depend on where the table stands.
    duplicate.related = [{ span: contentSpan(first), message: l10n.t('First occurrence of "{0}"', first.name) }];
    ctx.report(duplicate);
  }
}

export function checkActivity(matrix: Matrix, activity: Activity, ctx: Omit<Context, 'report'>): RawFinding[] {
  const findings: RawFinding[] = [];
  const context: Context = { ...ctx, report: (f) => findings.push(f) };
  checkShape(matrix, activity, context);
  if (activity.section) return findings;
  // What the row lacks ranks the replacements of a typo; it is the same for every cell of the row.
  let missing: string[] | undefined;
  const rowMissing = () => (missing ??= missingCodes(activity, context.roles));
  for (const assignment of activity.assignments) checkCell(matrix, activity, assignment, context, rowMissing);
  checkRow(matrix, activity, context);
  // A fix in role columns writes a name into another cell of the row: not ranked by a check of the row's cells.
  if (ctx.rank !== false && !activity.roleCells) rankFixes(activity, findings, ctx.source, (a, source) => checkActivity(matrix, a, { ...ctx, source, rank: false }));
  return findings;
}

function contentSpan(activity: Activity): Span {
  const cell = activity.nameCell;
  return cell.contentEnd > cell.contentStart
    ? { start: cell.contentStart, end: cell.contentEnd }
    : { start: activity.row.start, end: activity.row.end };
}

function checkCell(matrix: Matrix, activity: Activity, assignment: Assignment, ctx: Context, rowMissing: () => string[]): void {
  const { parsed, cell } = assignment;
  const party = matrix.parties[assignment.party].name;
  const data = { activity: activity.name, parties: [party] };
  if (parsed.kind === 'text') {
    const text = ctx.source.slice(cell.contentStart, cell.contentEnd);
    ctx.report(
      finding(
        'invalid-role',
        { start: cell.contentStart, end: cell.contentEnd },
        l10n.t('"{0}" is not a role code (activity "{1}", {2}); valid codes: {3}.', text, activity.name, party, validList(ctx.roles)),
        { ...data, code: text },
      ),
    );
    return;
  }
  const held = new Set<string>();
  for (const token of parsed.tokens) {
    // An undecided "Responsable" is reported once for its matrix (readWords.ts), not per cell.
    if (token.form === 'ambiguous') continue;
    if (token.form === 'lookalike') {
      ctx.report(
        finding(
          'lookalike-character',
          tokenSpan(cell, token),
          l10n.t(
            '"{0}" (U+{1}) is not the Latin letter {2}: it comes from another script and no tool will read it as {2}.',
            token.raw,
            token.raw.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0'),
            token.code,
          ),
          { ...data, code: token.code },
          [
            {
              title: l10n.t('Replace look-alike "{0}" with Latin "{1}"', token.raw, token.code),
              edits: [cellEdit(ctx.source, cell, replaceToken(ctx.source, cell, token, token.code))],
              safe: true,
              preferred: true,
            },
          ],
        ),
      );
    } else if (!ctx.roles.codes.has(token.code)) {
      const missing = rowMissing();
      const fixes: Fix[] = closeCodes(token.raw, ctx.roles, missing).map((code) => ({
        title: l10n.t('Replace "{0}" with "{1}"', token.raw, code),
        edits: [cellEdit(ctx.source, cell, replaceToken(ctx.source, cell, token, code))],
        safe: false,
      }));
      // The letter may be a slip with nothing meant in its place; rankFixes orders these.
      fixes.push({
        title: l10n.t('Remove "{0}"', token.raw),
        edits: [cellEdit(ctx.source, cell, removeTokenAt(cellContent(ctx.source, assignment), parsed.tokens.indexOf(token)))],
        safe: false,
      });
      ctx.report(
        finding(
          'invalid-role',
          tokenSpan(cell, token),
          l10n.t('"{0}" is not a role code (activity "{1}", {2}); valid codes: {3}.', token.raw, activity.name, party, validList(ctx.roles)),
          { ...data, code: token.raw },
          fixes,
        ),
      );
      continue;
    } else if (token.form === 'lowercase') {
      ctx.report(
        finding(
          'lowercase-role',
          tokenSpan(cell, token),
          l10n.t('"{0}" is written in lower case; role codes are capital letters ("{1}").', token.raw, token.code),
          { ...data, code: token.code },
          [
            {
              title: l10n.t('Write "{0}" in upper case', token.raw),
              edits: [cellEdit(ctx.source, cell, replaceToken(ctx.source, cell, token, token.code))],
              safe: true,
              preferred: true,
            },
          ],
        ),
      );
    }
    if (held.has(token.code)) ctx.report(duplicateRole(matrix, activity, assignment, token, ctx));
    held.add(token.code);
  }
}

function cellContent(source: Source, assignment: Assignment): string {
  return source.slice(assignment.cell.contentStart, assignment.cell.contentEnd);
}

function duplicateRole(matrix: Matrix, activity: Activity, assignment: Assignment, token: CodeToken, ctx: Context): RawFinding {
  const party = matrix.parties[assignment.party].name;
  return finding(
    'duplicate-role',
    tokenSpan(assignment.cell, token),
    l10n.t('"{0}" is written twice in the cell of {1} for activity "{2}".', token.code, party, activity.name),
    { activity: activity.name, parties: [party], code: token.code },
    [
      {
        title: l10n.t('Remove the duplicate "{0}"', token.raw),
        edits: [cellEdit(ctx.source, assignment.cell, removeTokenAt(cellContent(ctx.source, assignment), assignment.parsed.tokens.indexOf(token)))],
        safe: true,
        preferred: true,
      },
    ],
  );
}

/**
 * Whether the assignment holds one of `codes`, in a spelling the row rules count (valid,
 * or lower case). A look-alike letter is not counted: its own finding says so, and the
 * hover, the overview and the totals do not count it either.
 */
function holds(assignment: Assignment, codes: string[], roles: RoleSet): boolean {
  return assignment.parsed.tokens.some((t) => t.form !== 'lookalike' && t.form !== 'ambiguous' && codes.includes(t.code) && roles.codes.has(t.code));
}

function validList(roles: RoleSet): string {
  return roles.order.join(', ');
}

function missingCodes(activity: Activity, roles: RoleSet): string[] {
  const holders = (codes: string[]) => activity.assignments.filter((a) => holds(a, codes, roles));
  const missing: string[] = [];
  if (roles.accountable.length > 0 && holders(roles.accountable).length === 0) missing.push(roles.accountable[0]);
  if (roles.responsible.length > 0 && holders(roles.responsible).length === 0) missing.push(roles.responsible[0]);
  return missing;
}

function checkRow(matrix: Matrix, activity: Activity, ctx: Context): void {
  const { roles } = ctx;
  const span = contentSpan(activity);
  const name = activity.name;
  const holding = (codes: string[]) => activity.assignments.filter((a) => holds(a, codes, roles));
  const partyName = (a: Assignment) => matrix.parties[a.party].name;

  const empty = activity.assignments.every((a) => a.parsed.kind === 'empty' || a.parsed.kind === 'nobody');
  if (empty) {
    ctx.report(finding('empty-row', span, l10n.t('Activity "{0}" has no role at all: nobody does, approves or hears of it.', name), { activity: name }));
  }
  const accountable = roles.accountable[0];
  // A row with an undecided "Responsable" cannot tell its A from its R: its matrix's finding says why.
  const undecided = activity.assignments.some((a) => a.parsed.tokens.some((t) => t.form === 'ambiguous'));
  if (accountable && !undecided) {
    const holders = holding(roles.accountable);
    if (holders.length === 0) {
      ctx.report(
        missingRole(matrix, activity, ctx, 'missing-accountable', accountable, holding(roles.responsible), {
          message: l10n.t('Activity "{0}" has no Accountable ({1}): exactly one party must approve it.', name, accountable),
          title: (party) => l10n.t('Make {0} accountable', party),
        }),
      );
    } else if (holders.length > ctx.maxAccountable) {
      const parties = holders.map(partyName);
      ctx.report(
        finding(
          'multiple-accountable',
          span,
          l10n.t(
            'Activity "{0}" has {1} Accountables ({2}): at most {3} party may hold {4}.',
            name,
            holders.length,
            parties.join(', '),
            ctx.maxAccountable,
            accountable,
          ),
          { activity: name, parties, code: accountable },
          holders.map((keep) => ({
            title: l10n.t('Make {0} the only accountable', partyName(keep)),
            safe: false,
            edits: activity.roleCells
              ? keepOnly(ctx.source, activity, keep, accountable)
              : holders
              .filter((other) => other !== keep)
              .map((other) =>
                cellEdit(
                  ctx.source,
                  other.cell,
                  withoutAccountable(ctx.source.slice(other.cell.contentStart, other.cell.contentEnd), other, roles),
                ),
              ),
          })),
        ),
      );
    }
  }
  const responsible = roles.responsible[0];
  // An empty row already says nobody does the work; one warning for it is enough.
  if (responsible && !empty && !undecided && holding(roles.responsible).length === 0) {
    ctx.report(
      missingRole(matrix, activity, ctx, 'missing-responsible', responsible, holding(roles.accountable), {
        message: l10n.t('Activity "{0}" has no Responsible ({1}): no party does the work.', name, responsible),
        title: (party) => l10n.t('Make {0} responsible', party),
      }),
    );
  }
}

/**
 * A cell's content without its A's, by the cell's reading (which knows what a word such as
 * "Responsable" means in this matrix), right to left so that the earlier indices hold.
 */
function withoutAccountable(content: string, assignment: Assignment, roles: RoleSet): string {
  const indices = assignment.parsed.tokens.map((t, i) => (roles.accountable.includes(t.code) ? i : -1)).filter((i) => i >= 0);
  for (const index of indices.reverse()) content = removeTokenAt(content, index);
  return content;
}

/** A row without a code that must be there: one fix per party, those in `first` first. */
function missingRole(
  matrix: Matrix,
  activity: Activity,
  ctx: Context,
  rule: 'missing-accountable' | 'missing-responsible',
  code: string,
  first: Assignment[],
  text: { message: string; title: (party: string) => string },
): RawFinding {
  const fixes = activity.roleCells
    ? roleColumnFixes(ctx.source, matrix, activity, code, text.title, first)
    : addCodeFixes(ctx.source, matrix, activity.assignments, code, ctx.roles, text.title, (a) => first.includes(a));
  return finding(rule, contentSpan(activity), text.message, { activity: activity.name, code }, fixes);
}

function checkShape(matrix: Matrix, activity: Activity, ctx: Context): void {
  const expected = matrix.table.rows[0].cells.length;
  const cells = activity.row.cells;
  if (cells.length > expected) {
    const extra = cells.slice(expected);
    const lost = extra.map((cell) => ctx.source.slice(cell.contentStart, cell.contentEnd)).filter(Boolean);
    ctx.report(
      finding(
        'row-shape',
        { start: extra[0].start - 1, end: extra[extra.length - 1].end + (ctx.source.charCodeAt(extra[extra.length - 1].end) === 124 ? 1 : 0) },
        l10n.t(
          'This row has {0} cells but the header has {1}: GitHub drops the extra cells when rendering ({2}).',
          cells.length,
          expected,
          lost.length > 0 ? lost.join(', ') : l10n.t('empty'),
        ),
        { activity: activity.name },
      ),
    );
  } else if (cells.length < expected && !activity.section) {
    const last = cells[cells.length - 1];
    const missing = matrix.table.rows[0].cells
      .slice(cells.length)
      .map((header) => ctx.source.slice(header.contentStart, header.contentEnd).trim() || '?');
    const closed = ctx.source.charCodeAt(last.end) === 124;
    const addition = (closed ? '' : ' |') + '  |'.repeat(expected - cells.length);
    ctx.report(
      finding(
        'row-shape',
        { start: activity.row.start, end: activity.row.end },
        l10n.t('This row has {0} cells but the header has {1}: nothing is said for {2}.', cells.length, expected, missing.join(', ')),
        { activity: activity.name, parties: missing },
        [
          {
            title: l10n.t('Add the missing cells'),
            edits: [{ start: activity.row.end, end: activity.row.end, newText: addition }],
            safe: false,
            preferred: true,
          },
        ],
      ),
    );
  }
}

function checkParties(matrix: Matrix, ctx: Context, usedParties: Set<number>): void {
  matrix.parties.forEach((party, index) => {
    if (!usedParties.has(index)) {
      ctx.report(
        finding(
          'unused-party',
          { start: party.header.contentStart, end: party.header.contentEnd },
          l10n.t('{0} holds no role in any activity of this matrix.', party.name),
          { parties: [party.name] },
        ),
      );
    }
  });
}

import * as l10n from '@vscode/l10n';
import type { CodeToken, ParsedCell } from '../domain/cells';
import { SPANISH_WORDS, wordKey } from '../domain/cellWords';
import type { RoleSet } from '../domain/legend';
import { activitiesMovedFrom, type Activity, type Matrix } from './matrix';
import type { RawFinding } from '../rules/rule';
import { slot, type Memo } from '../incremental/memo';
import { stepOverPieces } from '../incremental/steps';

/**
 * French "Responsable" is R in some documents and A in others (those that call the doer
 * "Acteur"). What decides, in order: the document's legend (an entry named Responsable),
 * then the matrix's other words (a word for A leaves R to it; a word for the doer makes it
 * A; Spanish words make it the Spanish R). When nothing decides, the matrix gets one
 * finding and its Responsable cells are left out of the row rules: no guess, no error per row.
 */
export function resolveWords(matrix: Matrix, roles: RoleSet, memo?: Memo): { matrix: Matrix; finding?: RawFinding } {
  let first: { token: CodeToken; at: number } | undefined;
  let count = 0;
  let approver = false;
  let doer = false;
  let spanish = false;
  // Piece by piece: a piece an edit left alone is the same array, and its words were counted.
  for (const piece of matrix.pieces) {
    const words = memo ? ofPiece(memo, piece) : wordsOf(piece);
    count += words.count;
    first ??= words.first;
    approver ||= words.approver;
    doer ||= words.doer;
    spanish ||= words.spanish;
  }
  if (!first) return { matrix };
  const code = fromLegend(roles) ?? (spanish || (approver && !doer) ? 'R' : doer && !approver ? 'A' : undefined);
  if (code) return { matrix: withCode(matrix, code) };
  const { token, at } = first;
  return {
    matrix,
    finding: {
      ruleId: 'ambiguous-role',
      start: at + token.start,
      end: at + token.end,
      message: l10n.t(
        '"{0}" means R in some documents and A in others, and nothing here says which (used {1} times in this matrix): add a legend line such as "R = Réalise, A = Responsable", or write another word.',
        token.raw,
        count,
      ),
      data: { ruleId: 'ambiguous-role', code: token.raw },
      fixes: [],
    },
  };
}

/** What decides how a piece's "Responsable" reads: its ambiguous words, and the other words it uses. */
interface PieceWords {
  count: number;
  first?: { token: CodeToken; at: number };
  approver: boolean;
  doer: boolean;
  spanish: boolean;
}

const PIECE_WORDS = slot<Activity[], PieceWords>('piece words');

/** The words of the pieces from `from` on, counted in steps as tallyPieces counts codes; resolveWords then adds them up. */
export function countWords(pieces: Activity[][], from: number, memo: Memo): number {
  return stepOverPieces(pieces, from, memo.of(PIECE_WORDS), (piece) => !movedWords(memo, piece) && (readWords(memo, piece), true));
}

function ofPiece(memo: Memo, piece: Activity[]): PieceWords {
  return memo.of(PIECE_WORDS).get(piece) ?? movedWords(memo, piece) ?? readWords(memo, piece);
}

/** A piece that moved says what it said, `delta` further: the same words when none is ambiguous (most). */
function movedWords(memo: Memo, piece: Activity[]): PieceWords | undefined {
  const origin = activitiesMovedFrom(memo, piece);
  const old = origin && memo.of(PIECE_WORDS).get(origin.from);
  if (!origin || !old) return undefined;
  const words = old.first ? { ...old, first: { token: old.first.token, at: old.first.at + origin.delta } } : old;
  memo.of(PIECE_WORDS).set(piece, words);
  return words;
}

function readWords(memo: Memo, piece: Activity[]): PieceWords {
  const words = wordsOf(piece);
  memo.of(PIECE_WORDS).set(piece, words);
  return words;
}

function wordsOf(activities: Activity[]): PieceWords {
  const words: PieceWords = { count: 0, approver: false, doer: false, spanish: false };
  // Index loops: every cell of a document's first analysis comes here, before V8 optimises
  // this function, and until then a for-of allocates an iterator and a result per step.
  for (let i = 0; i < activities.length; i++) {
    const assignments = activities[i].assignments;
    for (let a = 0; a < assignments.length; a++) {
      const { parsed, cell } = assignments[a];
      for (let t = 0; t < parsed.tokens.length; t++) {
        const token = parsed.tokens[t];
        if (token.form === 'ambiguous') {
          words.count++;
          words.first ??= { token, at: cell.contentStart };
        } else if (token.form === 'word') {
          const key = wordKey(token.raw);
          if (token.code === 'A') words.approver = true;
          if (token.code === 'R') words.doer = true;
          if (SPANISH_WORDS.has(key)) words.spanish = true;
        }
      }
    }
  }
  return words;
}

/** The code the document's legend gives to an entry named Responsable. */
function fromLegend(roles: RoleSet): string | undefined {
  for (const [code, role] of roles.codes) if (role.fromLegend && /^responsable\b/.test(wordKey(role.name))) return code;
  return undefined;
}

/** The matrix with each "Responsable" read as `code`. */
function withCode(matrix: Matrix, code: string): Matrix {
  const read = (parsed: ParsedCell): ParsedCell =>
    parsed.tokens.some((t) => t.form === 'ambiguous')
      ? { ...parsed, tokens: parsed.tokens.map((t) => (t.form === 'ambiguous' ? { ...t, code, form: 'word' } : t)) }
      : parsed;
  const activities: Activity[] = matrix.activities.map((activity) => ({
    ...activity,
    // Not spread: a moved activity reads it from its row (see moveActivity).
    nameCell: activity.nameCell,
    assignments: activity.assignments.map((a) => ({ ...a, parsed: read(a.parsed) })),
  }));
  let next = 0;
  const pieces = matrix.pieces.map((piece) => activities.slice(next, (next += piece.length)));
  return { ...matrix, activities, pieces };
}

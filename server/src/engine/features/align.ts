import { diffArrays } from 'diff';
import { cellText } from '../domain/cells';
import type { DocumentModel } from '../analyze';
import type { Activity, Assignment, Matrix, Party } from '../read/matrix';

/**
 * Two versions of one document's matrices, side by side: two revisions of a file, or a
 * source and its translation. Everything here reads the models `analyze()` built; nothing
 * is parsed again.
 *
 * - `revision`: names are stable, so matrices, parties and activities are matched by
 *   their names first (a longest common subsequence), then what is left between two
 *   matches is paired by similarity (a renamed row), and a row whose name is found
 *   elsewhere is a move.
 * - `translation`: names are translated, so order decides; when the counts differ, the
 *   pairing that agrees most (codes, untranslated names) wins, and the rest is missing.
 */
export type AlignMode = 'revision' | 'translation';

/** What a cell says, formatting aside: its codes as a set (`**RA**` and `R, A` agree), or its text. */
export interface CellValue {
  /** Distinct codes in the order written. */
  codes: string[];
  /** Set when the cell is prose rather than codes (`Accountable`, `tbd`). */
  text?: string;
}

export interface PartyPair {
  base?: Party;
  head?: Party;
  /** Where each stands in its matrix's parties: what an assignment names (Assignment.party). */
  baseIndex?: number;
  headIndex?: number;
}

export interface RowPair {
  base?: Activity;
  head?: Activity;
  /** Matched by name, but out of order relative to the rows around it. */
  moved: boolean;
  /** Matched although the names differ (revision mode only: translations always differ). */
  renamed: boolean;
}

export interface MatrixPair {
  base?: Matrix;
  head?: Matrix;
  parties: PartyPair[];
  rows: RowPair[];
}

export interface CellPair {
  party: PartyPair;
  base: CellValue;
  head: CellValue;
  baseAssignment?: Assignment;
  headAssignment?: Assignment;
}

/** Pairs of indices into two sequences, in order; an index alone is an unmatched element. */
type Pairs = { a?: number; b?: number }[];

/** Above this many candidate pairs, rows are paired by order alone (a quadratic search would stall). */
const MAX_SCORED_PAIRS = 1_000_000;
/** Two names this alike (bigram overlap) are the same thing renamed. */
const SIMILAR_NAMES = 0.5;

export function alignDocuments(base: DocumentModel, head: DocumentModel, mode: AlignMode): MatrixPair[] {
  const pairs = alignMatrices(base.matrices, head.matrices, mode);
  return pairs.map(({ a, b }) => {
    const baseMatrix = a === undefined ? undefined : base.matrices[a];
    const headMatrix = b === undefined ? undefined : head.matrices[b];
    if (!baseMatrix || !headMatrix) return { base: baseMatrix, head: headMatrix, parties: [], rows: [] };
    const parties = alignParties(baseMatrix.parties, headMatrix.parties, mode);
    const rows = alignRows(baseMatrix, headMatrix, parties, base, head, mode);
    return { base: baseMatrix, head: headMatrix, parties, rows };
  });
}

/** The cells of a matched row, party by matched party. */
export function cellPairs(pair: RowPair, parties: PartyPair[], base: DocumentModel, head: DocumentModel): CellPair[] {
  const out: CellPair[] = [];
  for (const party of parties) {
    if (!party.base || !party.head || !pair.base || !pair.head) continue;
    const baseAssignment = assignmentOf(pair.base, party.baseIndex);
    const headAssignment = assignmentOf(pair.head, party.headIndex);
    out.push({ party, base: cellValue(base, baseAssignment), head: cellValue(head, headAssignment), baseAssignment, headAssignment });
  }
  return out;
}

export function sameValue(a: CellValue, b: CellValue): boolean {
  if (a.text !== undefined || b.text !== undefined) return a.text === b.text;
  if (a.codes.length !== b.codes.length) return false;
  return a.codes.every((code) => b.codes.includes(code));
}

export function cellValue(model: DocumentModel, assignment: Assignment | undefined): CellValue {
  if (!assignment) return { codes: [] };
  const { parsed, cell } = assignment;
  if (parsed.kind === 'codes') return { codes: [...new Set(parsed.tokens.map((token) => token.code))] };
  if (parsed.kind === 'text') return { codes: [], text: cellText(model.text.slice(cell.contentStart, cell.contentEnd)) };
  return { codes: [] };
}

/**
 * The activity's assignment to the party at `index` in its matrix. By index, not by column:
 * in a transposed table a party is a row, and in a role-column table its cells are shared.
 */
export function assignmentOf(activity: Activity, index: number | undefined): Assignment | undefined {
  return index === undefined ? undefined : activity.assignments.find((assignment) => assignment.party === index);
}

// ---- matrices ----

function alignMatrices(a: Matrix[], b: Matrix[], mode: AlignMode): Pairs {
  if (mode === 'translation') {
    if (a.length === b.length) return a.map((_, index) => ({ a: index, b: index }));
    return alignByScore(a.length, b.length, (i, j) => 0.1 + matrixLikeness(a[i], b[j]));
  }
  const key = (matrix: Matrix) => normalise(matrix.heading?.text ?? '');
  const aKeys = a.map(key);
  const bKeys = b.map(key);
  const anchored = anchoredPairs(aKeys, bKeys, (gapA, gapB) =>
    gapA.length === gapB.length
      ? gapA.map((i, k) => ({ a: i, b: gapB[k] }))
      : scoredGap(gapA, gapB, (i, j) => {
          const likeness = matrixLikeness(a[i], b[j]);
          return likeness >= 0.5 ? likeness : 0;
        }),
  );
  return joinMoves(anchored, aKeys, bKeys).pairs;
}

/** Between 0 and 2: how many party names two matrices share, and how close their sizes are. */
function matrixLikeness(a: Matrix, b: Matrix): number {
  const names = new Set(a.parties.map((party) => normalise(party.name)));
  const shared = b.parties.filter((party) => names.has(normalise(party.name))).length;
  const parties = shared / Math.max(1, a.parties.length, b.parties.length);
  const rows = Math.min(a.activities.length, b.activities.length) / Math.max(1, a.activities.length, b.activities.length);
  return parties + rows;
}

// ---- parties ----

function alignParties(a: Party[], b: Party[], mode: AlignMode): PartyPair[] {
  // Party names are often left untranslated, but a translated one ("Client" / "Customer") still sits in the same column.
  const aKeys = a.map((party) => normalise(party.name));
  const bKeys = b.map((party) => normalise(party.name));
  const pairs: Pairs =
    mode === 'translation' && a.length === b.length
      ? a.map((_, index) => ({ a: index, b: index }))
      : joinMoves(
          anchoredPairs(aKeys, bKeys, (gapA, gapB) =>
            gapA.length === gapB.length
              ? gapA.map((i, k) => ({ a: i, b: gapB[k] }))
              : scoredGap(gapA, gapB, (i, j) => {
                  const likeness = similarity(a[i].name, b[j].name);
                  return likeness >= SIMILAR_NAMES ? likeness : 0;
                }),
          ),
          aKeys,
          bKeys,
        ).pairs;
  return pairs.map(({ a: i, b: j }) => ({
    base: i === undefined ? undefined : a[i],
    head: j === undefined ? undefined : b[j],
    baseIndex: i,
    headIndex: j,
  }));
}

// ---- activities ----

function alignRows(
  base: Matrix,
  head: Matrix,
  parties: PartyPair[],
  baseModel: DocumentModel,
  headModel: DocumentModel,
  mode: AlignMode,
): RowPair[] {
  // Section rows (`| **Build** |`) title groups; they hold no codes to compare.
  const a = base.activities.filter((activity) => !activity.section);
  const b = head.activities.filter((activity) => !activity.section);
  const agreement = (i: number, j: number) => {
    const cells = cellPairs({ base: a[i], head: b[j], moved: false, renamed: false }, parties, baseModel, headModel);
    if (cells.length === 0) return 0;
    return cells.filter((cell) => sameValue(cell.base, cell.head)).length / cells.length;
  };
  if (mode === 'translation') {
    const pairs =
      a.length === b.length || a.length * b.length > MAX_SCORED_PAIRS
        ? positional(a.length, b.length)
        : alignByScore(a.length, b.length, (i, j) => 0.1 + agreement(i, j) + (a[i].key === b[j].key ? 1 : 0));
    return pairs.map(({ a: i, b: j }) => ({ base: at(a, i), head: at(b, j), moved: false, renamed: false }));
  }
  const aKeys = a.map((activity) => activity.key);
  const bKeys = b.map((activity) => activity.key);
  const anchored = anchoredPairs(aKeys, bKeys, (gapA, gapB) =>
    scoredGap(gapA, gapB, (i, j) => {
      const likeness = similarity(a[i].key, b[j].key);
      const agrees = agreement(i, j);
      if (likeness >= SIMILAR_NAMES) return likeness + agrees;
      // As many rows replaced in the same place, saying mostly the same, are those rows reworded.
      return gapA.length === gapB.length && agrees >= 0.5 ? 0.01 + agrees : 0;
    }),
  );
  const { pairs, moved } = joinMoves(anchored, aKeys, bKeys);
  return pairs.map(({ a: i, b: j }) => ({
    base: at(a, i),
    head: at(b, j),
    moved: j !== undefined && moved.has(j),
    renamed: i !== undefined && j !== undefined && a[i].key !== b[j].key,
  }));
}

/**
 * An element removed in one place and added under the same key in another was moved:
 * one pair, in the place of its addition (the new order). Returns the pairs and which moved.
 */
function joinMoves(pairs: Pairs, aKeys: string[], bKeys: string[]): { pairs: Pairs; moved: Set<number> } {
  const added = new Map<string, { a?: number; b?: number }[]>();
  for (const pair of pairs) {
    if (pair.b === undefined || pair.a !== undefined) continue;
    const list = added.get(bKeys[pair.b]);
    if (list) list.push(pair);
    else added.set(bKeys[pair.b], [pair]);
  }
  const moved = new Set<number>();
  if (added.size === 0) return { pairs, moved };
  const into = new Map<{ a?: number; b?: number }, { a?: number; b?: number }>();
  const removed = new Set<{ a?: number; b?: number }>();
  for (const pair of pairs) {
    const match = pair.a !== undefined && pair.b === undefined ? added.get(aKeys[pair.a])?.shift() : undefined;
    if (!match) continue;
    removed.add(pair);
    into.set(match, { a: pair.a, b: match.b });
    moved.add(match.b!);
  }
  return { pairs: pairs.filter((pair) => !removed.has(pair)).map((pair) => into.get(pair) ?? pair), moved };
}

// ---- sequence alignment ----

/**
 * Matches equal keys in order (a longest common subsequence, by the Myers algorithm of
 * `diff`), and hands each stretch of unmatched elements between two matches to `gap`.
 */
function anchoredPairs(aKeys: string[], bKeys: string[], gap: (gapA: number[], gapB: number[]) => Pairs): Pairs {
  const out: Pairs = [];
  let i = 0;
  let j = 0;
  let gapA: number[] = [];
  let gapB: number[] = [];
  const flush = () => {
    if (gapA.length > 0 || gapB.length > 0) out.push(...fillGap(gapA, gapB, gap(gapA, gapB)));
    gapA = [];
    gapB = [];
  };
  for (const change of diffArrays(aKeys, bKeys)) {
    const count = change.count ?? change.value.length;
    for (let k = 0; k < count; k++) {
      if (change.removed) gapA.push(i++);
      else if (change.added) gapB.push(j++);
      else {
        flush();
        out.push({ a: i++, b: j++ });
      }
    }
  }
  flush();
  return out;
}

/** The gap's pairs, with its unmatched elements in order between them. */
function fillGap(gapA: number[], gapB: number[], matched: Pairs): Pairs {
  const out: Pairs = [];
  let i = 0;
  let j = 0;
  for (const pair of matched) {
    while (gapA[i] !== pair.a) out.push({ a: gapA[i++] });
    while (gapB[j] !== pair.b) out.push({ b: gapB[j++] });
    out.push(pair);
    i++;
    j++;
  }
  while (i < gapA.length) out.push({ a: gapA[i++] });
  while (j < gapB.length) out.push({ b: gapB[j++] });
  return out;
}

function scoredGap(gapA: number[], gapB: number[], score: (i: number, j: number) => number): Pairs {
  if (gapA.length * gapB.length > MAX_SCORED_PAIRS) return [];
  return alignByScore(gapA.length, gapB.length, (x, y) => score(gapA[x], gapB[y])).flatMap(({ a, b }) =>
    a !== undefined && b !== undefined ? [{ a: gapA[a], b: gapB[b] }] : [],
  );
}

/**
 * The order-preserving pairing with the greatest total score (Needleman–Wunsch with free
 * gaps); pairs that score 0 are never made. Returns every index, matched or not, in order.
 */
function alignByScore(n: number, m: number, score: (i: number, j: number) => number): Pairs {
  const width = m + 1;
  const best = new Float64Array((n + 1) * width);
  const scores = new Float64Array(n * m);
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) scores[i * m + j] = score(i, j);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      const s = scores[i * m + j];
      const take = s > 0 ? s + best[(i + 1) * width + j + 1] : 0;
      best[i * width + j] = Math.max(take, best[(i + 1) * width + j], best[i * width + j + 1]);
    }
  }
  const out: Pairs = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    const s = scores[i * m + j];
    if (s > 0 && best[i * width + j] === s + best[(i + 1) * width + j + 1]) out.push({ a: i++, b: j++ });
    else if (best[i * width + j] === best[(i + 1) * width + j]) out.push({ a: i++ });
    else out.push({ b: j++ });
  }
  while (i < n) out.push({ a: i++ });
  while (j < m) out.push({ b: j++ });
  return out;
}

function positional(n: number, m: number): Pairs {
  const out: Pairs = [];
  for (let i = 0; i < Math.max(n, m); i++) out.push({ a: i < n ? i : undefined, b: i < m ? i : undefined });
  return out;
}

function at<T>(list: T[], index: number | undefined): T | undefined {
  return index === undefined ? undefined : list[index];
}

function normalise(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Dice coefficient of the two names' letter pairs: 1 for the same name, 0 for nothing shared. */
function similarity(a: string, b: string): number {
  const x = normalise(a);
  const y = normalise(b);
  if (x === y) return 1;
  // A name that keeps the old one whole ("Build" → "Build the image") is that name extended.
  if (x.length >= 3 && y.length >= 3 && (x.includes(y) || y.includes(x))) return SIMILAR_NAMES;
  if (x.length < 2 || y.length < 2) return 0;
  const pairs = new Map<string, number>();
  for (let i = 0; i < x.length - 1; i++) {
    const pair = x.slice(i, i + 2);
    pairs.set(pair, (pairs.get(pair) ?? 0) + 1);
  }
  let shared = 0;
  for (let i = 0; i < y.length - 1; i++) {
    const pair = y.slice(i, i + 2);
    const count = pairs.get(pair) ?? 0;
    if (count > 0) {
      shared++;
      pairs.set(pair, count - 1);
    }
  }
  return (2 * shared) / (x.length - 1 + y.length - 1);
}

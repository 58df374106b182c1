import { activitiesMovedFrom, type Activity, type Matrix } from '../read/matrix';
import { slot, type Memo } from './memo';
import { STEP_ROWS } from './steps';

/**
 * Which pieces of a matrix hold which activity keys, kept from one version of a table to
 * the next and updated by the pieces that changed: finding the activities that appear
 * twice then costs the edit, not a lookup per row of a 10,000-row table.
 *
 * The index knows a piece by its lineage, not by its array: a piece that moved (the text
 * before it got longer or shorter) is a new array of the same activities, shifted, and
 * keeps the lineage of the piece it was. A keystroke in the name of a table's first row
 * moves every piece after it; keyed by array, each of their activities was filed again
 * (a third of such an edit in an 11,000-row table).
 *
 * An index is reached through the lineage of any piece it holds and is updated in place,
 * in one go (never across a step of an analysis), so it always describes exactly `pieces`:
 * a run that is dropped, or an older version analysed again, finds it consistent.
 */
interface KeyIndex {
  /** Each lineage held, with the piece of it the index was last updated with. */
  pieces: Map<Lineage, Activity[]>;
  /** Per key, the lineages of the pieces that hold it, once per activity. */
  holders: Map<string, Lineage[]>;
  /** Keys held by more than one activity. */
  repeated: Set<string>;
}

/** What a piece and every moved copy of it share: a token, which keeps no version's activities alive. */
type Lineage = object;

const LINEAGES = slot<Activity[], Lineage>('piece lineages');
const KEY_INDEXES = slot<Lineage, KeyIndex>('activity key indexes');

/**
 * Each activity that repeats an earlier one of the matrix, with that earlier one; in document
 * order per key. An index made anew (a table's first analysis) files a step's worth of rows at
 * a time: all 11,000 rows of a large table in one step took 20 to 25 ms in a fresh server.
 */
export function* repeatedActivitiesSteps(matrix: Matrix, memo: Memo): Generator<void, { activity: Activity; first: Activity }[]> {
  const found = knownIndex(matrix.pieces, memo);
  const index = found.index ?? (yield* newIndexSteps(matrix.pieces, found.lineages, memo));
  if (index.repeated.size === 0) return [];
  const result: { activity: Activity; first: Activity }[] = [];
  for (const key of index.repeated) {
    // In document order: a piece that holds the key has an activity, and pieces do not overlap.
    const holders = [...new Set(index.holders.get(key))]
      .map((lineage) => index.pieces.get(lineage)!)
      .sort((a, b) => a[0].row.start - b[0].row.start);
    let first: Activity | undefined;
    for (const piece of holders) {
      for (const activity of piece) {
        if (activity.section || activity.key !== key) continue;
        if (first) result.push({ activity, first });
        else first = activity;
      }
    }
  }
  return result;
}

/** The lineage of a piece: that of the piece it moved from, or a new one. */
function lineageOf(piece: Activity[], memo: Memo): Lineage {
  const lineages = memo.of(LINEAGES);
  let lineage = lineages.get(piece);
  if (lineage === undefined) {
    const from = activitiesMovedFrom(memo, piece)?.from;
    lineage = (from && lineages.get(from)) ?? {};
    lineages.set(piece, lineage);
  }
  return lineage;
}

/**
 * The index of the last version of these pieces, brought up to date with the pieces that changed
 * (in one go: see KeyIndex), if there is one and few of them changed; with each piece's lineage.
 */
function knownIndex(pieces: Activity[][], memo: Memo): { index?: KeyIndex; lineages: Lineage[] } {
  const indexes = memo.of(KEY_INDEXES);
  const lineages: Lineage[] = new Array(pieces.length);
  const seen = new Set<Lineage>();
  for (let i = 0; i < pieces.length; i++) {
    let lineage = lineageOf(pieces[i], memo);
    // Two pieces of one version never come from the same piece; should they, one starts anew.
    if (seen.has(lineage)) memo.of(LINEAGES).set(pieces[i], (lineage = {}));
    seen.add(lineage);
    lineages[i] = lineage;
  }
  // An edit changes a piece or two: one of the first, middle and last is one of last time.
  let known: KeyIndex | undefined;
  for (const lineage of [lineages[0], lineages[lineages.length >> 1], lineages[lineages.length - 1]]) {
    const index = lineage && indexes.get(lineage);
    if (index && index.pieces.has(lineage)) {
      known = index;
      break;
    }
  }
  if (!known) return { lineages };
  // A moved piece takes the place of the piece it was, keys and all: only its array changes.
  let held = 0;
  const added: number[] = [];
  const moved: number[] = [];
  for (let i = 0; i < pieces.length; i++) {
    const was = known.pieces.get(lineages[i]);
    if (was === undefined) added.push(i);
    else {
      held++;
      if (was !== pieces[i]) moved.push(i);
    }
  }
  const removed: Lineage[] = [];
  if (held < known.pieces.size) for (const lineage of known.pieces.keys()) if (!seen.has(lineage)) removed.push(lineage);
  if (removed.length + added.length > pieces.length / 2) return { lineages };
  for (const i of moved) known.pieces.set(lineages[i], pieces[i]);
  for (const lineage of removed) {
    update(known, known.pieces.get(lineage)!, lineage, -1);
    known.pieces.delete(lineage);
  }
  for (const i of added) {
    known.pieces.set(lineages[i], pieces[i]);
    indexes.set(lineages[i], known);
    update(known, pieces[i], lineages[i], +1);
  }
  return { index: known, lineages };
}

/**
 * A new index of `pieces`, filed a step's worth of rows at a time, and reachable through the
 * pieces' lineages only once complete: a run dropped half-way leaves none behind.
 */
function* newIndexSteps(pieces: Activity[][], lineages: Lineage[], memo: Memo): Generator<void, KeyIndex> {
  const index: KeyIndex = { pieces: new Map(), holders: new Map(), repeated: new Set() };
  for (let next = 0; next < pieces.length;) {
    next = fileFrom(index, pieces, lineages, next);
    if (next < pieces.length) yield;
  }
  const indexes = memo.of(KEY_INDEXES);
  for (let i = 0; i < pieces.length; i++) indexes.set(lineages[i], index);
  return index;
}

/** Files pieces from `from` on until a step's worth of rows was filed; returns where it stopped. A plain function: see summarizePieces. */
function fileFrom(index: KeyIndex, pieces: Activity[][], lineages: Lineage[], from: number): number {
  let rows = 0;
  for (let i = from; i < pieces.length; i++) {
    index.pieces.set(lineages[i], pieces[i]);
    update(index, pieces[i], lineages[i], +1);
    if ((rows += pieces[i].length) >= STEP_ROWS) return i + 1;
  }
  return pieces.length;
}

function update(index: KeyIndex, piece: Activity[], lineage: Lineage, sign: 1 | -1): void {
  const touched = new Set<string>();
  for (const activity of piece) {
    const key = activity.key;
    if (activity.section || !key) continue;
    let holders = index.holders.get(key);
    if (sign > 0) {
      if (holders) holders.push(lineage);
      else index.holders.set(key, (holders = [lineage]));
    } else if (holders && !touched.has(key)) {
      holders = holders.filter((holder) => holder !== lineage);
      if (holders.length > 0) index.holders.set(key, holders);
      else index.holders.delete(key);
    }
    touched.add(key);
    if ((holders?.length ?? 0) > 1) index.repeated.add(key);
    else index.repeated.delete(key);
  }
}

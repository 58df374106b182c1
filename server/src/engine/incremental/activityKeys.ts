import { activitiesMovedFrom, type Activity, type Matrix } from '../read/matrix';
import { slot, type Memo } from './memo';

/**
 * Which pieces of a matrix hold which activity keys, kept from one version of a table to
 * the next and updated by the pieces that changed: finding the activities that appear
 * twice then costs the edit, not a lookup per row of a 10,000-row table.
 *
 * An index is reached through any piece it holds and is updated in place, in one go
 * (never across a step of an analysis), so it always describes exactly `pieces`: a run
 * that is dropped, or an older version analysed again, finds it consistent.
 */
interface KeyIndex {
  pieces: Set<Activity[]>;
  /** Per key, the pieces that hold it, once per activity. */
  holders: Map<string, Activity[][]>;
  /** Keys held by more than one activity. */
  repeated: Set<string>;
}

const KEY_INDEXES = slot<Activity[], KeyIndex>('activity key indexes');

/** Each activity that repeats an earlier one of the matrix, with that earlier one; in document order per key. */
export function repeatedActivities(matrix: Matrix, memo: Memo): { activity: Activity; first: Activity }[] {
  const index = keyIndex(matrix.pieces, memo.of(KEY_INDEXES), (piece) => activitiesMovedFrom(memo, piece)?.from);
  if (index.repeated.size === 0) return [];
  const result: { activity: Activity; first: Activity }[] = [];
  for (const key of index.repeated) {
    // In document order: a piece that holds the key has an activity, and pieces do not overlap.
    const holders = [...new Set(index.holders.get(key))].sort((a, b) => a[0].row.start - b[0].row.start);
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

function keyIndex(
  pieces: Activity[][],
  indexOf: WeakMap<Activity[], KeyIndex>,
  movedFrom: (piece: Activity[]) => Activity[] | undefined,
): KeyIndex {
  // An edit changes a piece or two: one of the first, middle and last is the one of last time.
  let known: KeyIndex | undefined;
  for (const piece of [pieces[0], pieces[pieces.length >> 1], pieces[pieces.length - 1]]) {
    const index = piece && (indexOf.get(piece) ?? indexOf.get(movedFrom(piece)!));
    if (index && (index.pieces.has(piece) || index.pieces.has(movedFrom(piece)!))) {
      known = index;
      break;
    }
  }
  if (known) {
    // A piece that moved (the text before it got longer or shorter) holds the same keys:
    // it takes the place of the piece it was, key by key, with nothing added or removed.
    for (const piece of pieces) {
      if (known.pieces.has(piece)) continue;
      const from = movedFrom(piece);
      if (from && known.pieces.has(from) && from.length === piece.length) rename(known, from, piece, indexOf);
    }
    const current = new Set(pieces);
    const removed = [...known.pieces].filter((piece) => !current.has(piece));
    const added = pieces.filter((piece) => !known.pieces.has(piece));
    if (removed.length + added.length <= pieces.length / 2) {
      for (const piece of removed) update(known, piece, -1, indexOf);
      for (const piece of added) update(known, piece, +1, indexOf);
      known.pieces = current;
      return known;
    }
  }
  const index: KeyIndex = { pieces: new Set(pieces), holders: new Map(), repeated: new Set() };
  for (const piece of pieces) update(index, piece, +1, indexOf);
  return index;
}

/** `to`, the same activities as `from` moved, in `from`'s place. */
function rename(index: KeyIndex, from: Activity[], to: Activity[], indexOf: WeakMap<Activity[], KeyIndex>): void {
  index.pieces.delete(from);
  index.pieces.add(to);
  indexOf.set(to, index);
  for (const activity of from) {
    if (activity.section || !activity.key) continue;
    const holders = index.holders.get(activity.key)!;
    // Once per activity: each of `from`'s entries becomes one of `to`'s.
    const at = holders.indexOf(from);
    if (at >= 0) holders[at] = to;
  }
}

function update(index: KeyIndex, piece: Activity[], sign: 1 | -1, indexOf: WeakMap<Activity[], KeyIndex>): void {
  if (sign > 0) indexOf.set(piece, index);
  const touched = new Set<string>();
  for (const activity of piece) {
    const key = activity.key;
    if (activity.section || !key) continue;
    let holders = index.holders.get(key);
    if (sign > 0) {
      if (holders) holders.push(piece);
      else index.holders.set(key, (holders = [piece]));
    } else if (holders && !touched.has(key)) {
      holders = holders.filter((holder) => holder !== piece);
      if (holders.length > 0) index.holders.set(key, holders);
      else index.holders.delete(key);
    }
    touched.add(key);
    if ((holders?.length ?? 0) > 1) index.repeated.add(key);
    else index.repeated.delete(key);
  }
}

import { getHeapSpaceStatistics, getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Garbage worth a full collection: at least this much, and at least half as much as is live. */
const MIN_GARBAGE = 16 * 2 ** 20;

/** A young generation holding this much is emptied when idle. */
const MIN_YOUNG = 2 ** 20;

/** What the collector needs of V8; a seam for tests. */
export interface Heap {
  /** Bytes in use, all generations. */
  used(): number;
  /** Bytes in use in the young generation. */
  young(): number;
  full(): void;
  minor(): void;
}

/**
 * Garbage collection when the server is idle, as Chrome schedules V8's in idle time; the
 * Node entry gives it to the validator as its `idle` hook.
 *
 * Why: an open document's text is joined into a new string every few keystrokes (see
 * PieceTextDocument.compact; it was every keystroke), dropped at the next join. In an
 * 11,000-row document that is two megabytes (UTF-16) each time, and
 * V8 lets the old generation grow to four times the live data before it collects: the
 * server held 100 to 150 MB of old texts beside a 25 MB model. A full collection runs when
 * the heap holds garbage of half the live data or more (15 ms for that model, after the
 * diagnostics are out), and a young-generation one otherwise (a millisecond or two): a
 * keystroke's analysis then starts with an empty young generation and does not pay for a
 * collection in its middle (3 to 12 ms every tenth keystroke in that document).
 *
 * Also called at the end of opening a large document, before its diagnostics go out:
 * opening leaves the most garbage, and the first collection after it is the slow one.
 *
 * Returns undefined where the collector cannot be had (the flag refused): V8 then
 * collects on its own, as before.
 */
export function createIdleCollector(): (() => void) | undefined {
  let gc: unknown;
  try {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc');
  } catch {
    return undefined;
  }
  if (typeof gc !== 'function') return undefined;
  const collect = gc as (options?: { type: 'major' | 'minor' }) => void;
  return collectWhenWorthIt({
    used: () => getHeapStatistics().used_heap_size,
    young: () => {
      let bytes = 0;
      for (const space of getHeapSpaceStatistics()) if (space.space_name.startsWith('new_')) bytes += space.space_used_size;
      return bytes;
    },
    full: () => collect(),
    minor: () => collect({ type: 'minor' }),
  });
}

/** Collects when worth it: see createIdleCollector. */
export function collectWhenWorthIt(heap: Heap): () => void {
  let live = heap.used();
  return () => {
    const used = heap.used();
    if (used - live >= Math.max(MIN_GARBAGE, live / 2)) {
      heap.full();
      live = heap.used();
      return;
    }
    // What V8 collected on its own lowers the estimate of what is live.
    live = Math.min(live, used);
    if (heap.young() >= MIN_YOUNG) heap.minor();
  };
}

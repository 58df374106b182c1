import { getHeapStatistics } from 'node:v8';

/** Garbage worth a full collection: at least this much, and at least a quarter as much as is live. */
const MIN_GARBAGE = 16 * 2 ** 20;

/** What the collector needs of V8; a seam for tests. */
export interface Heap {
  /** Bytes in use, all generations. */
  used(): number;
  full(): void;
}

/**
 * Garbage collection when the server is idle, as Chrome schedules V8's in idle time; the
 * Node entry gives it to the validator as its `idle` hook.
 *
 * Why: an open document's text is joined into a new string every few keystrokes (see
 * PieceTextDocument.compact), dropped at the next join, and V8 lets the old generation
 * grow to several times the live data before it collects: a large document's server held
 * many old texts beside its model. A full collection runs when the heap holds garbage of
 * a quarter of the live data or more, after the diagnostics are out, so that no keystroke pays for it.
 *
 * It needs V8's `gc` function, which a process has only when started with `--expose-gc`
 * (the VS Code client starts the server so; other editors may: see the README). Without
 * it, this returns undefined and V8 collects on its own.
 */
export function createIdleCollector(gc: unknown = (globalThis as { gc?: unknown }).gc): (() => void) | undefined {
  if (typeof gc !== 'function') return undefined;
  const collect = gc as () => void;
  return collectWhenWorthIt({ used: () => getHeapStatistics().used_heap_size, full: () => collect() });
}

/** Collects when worth it: see createIdleCollector. */
export function collectWhenWorthIt(heap: Heap): () => void {
  let live = heap.used();
  return () => {
    const used = heap.used();
    if (used - live >= Math.max(MIN_GARBAGE, live / 4)) {
      heap.full();
      live = heap.used();
      return;
    }
    // What V8 collected on its own lowers the estimate of what is live.
    live = Math.min(live, used);
  };
}

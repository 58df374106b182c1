import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Garbage worth a collection: at least this much, and at least half as much as is live. */
const MIN_GARBAGE = 16 * 2 ** 20;

/**
 * A full garbage collection when the server is idle and the heap holds garbage of half
 * the live data or more; the Node entry gives it to the validator as its `idle` hook.
 *
 * Why: each version of an open document is a new string of its whole text, dropped at the
 * next keystroke. In an 11,000-row document that is two megabytes (UTF-16) a keystroke, and
 * V8 lets the old generation grow to four times the live data before it collects: the
 * server held 100 to 150 MB of old texts beside a 25 MB model. Collected between
 * keystrokes (15 ms for that model, after the diagnostics are out), no keystroke waits for
 * it, where a collection that V8 starts on its own lands in the middle of an analysis.
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
  return typeof gc === 'function' ? collectWhenWorthIt(gc as () => void, () => getHeapStatistics().used_heap_size) : undefined;
}

/** `collect` when the heap (`used()`) has grown by half of what was live after the last collection, and by MIN_GARBAGE. */
export function collectWhenWorthIt(collect: () => void, used: () => number): () => void {
  let live = used();
  return () => {
    const now = used();
    if (now - live < Math.max(MIN_GARBAGE, live / 2)) {
      // What V8 collected on its own lowers the estimate of what is live.
      live = Math.min(live, now);
      return;
    }
    collect();
    live = used();
  };
}

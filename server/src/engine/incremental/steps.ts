/**
 * Analyses are generators that yield between steps, so that a server can run them in
 * slices and answer requests in between; the CLI and tests drain them in one go.
 */

/**
 * Rows read, summarised or checked between two steps of an analysis: a few ms of work,
 * so that a server running the steps in slices answers a request without a wait.
 */
export const STEP_ROWS = 128;

/**
 * Rows checked between two steps (a step checks whole pieces, so at least one): a row's
 * findings and their fixes cost several times its reading, most of all in a document's first
 * analysis, before V8 has optimised the rules (128 rows checked were a step of 12 ms there).
 */
export const STEP_CHECKED_ROWS = 32;

/** Lines of prose scanned (for legends written in lines) between two steps. */
export const STEP_LINES = 2048;

/** Runs steps to the end. */
export function drain<T>(steps: Generator<void, T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

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

/**
 * Tables read between two steps where each is asked one thing (whether it is a legend): a
 * document's first analysis asks every table, two thousand in a runbook of a megabyte.
 */
export const STEP_TABLES = 64;

/** Lines of prose scanned (for legends written in lines) between two steps. */
export const STEP_LINES = 2048;

/**
 * Works out what `work` keeps per piece of rows for the pieces from `from` on that `known`
 * has not yet, until a step's worth of rows was read, and says where it stopped (a matrix's
 * words and codes are counted so: see pieceSteps in analyze.ts). `work` says whether it read
 * the piece's rows: a piece that moved takes what the piece it was kept, which costs no more
 * than a look-up, and counting its rows made a character typed near the top of a large
 * table a step every 128 rows of the table below it, each passed up through the analysis.
 */
export function stepOverPieces<P extends readonly unknown[]>(
  pieces: readonly P[],
  from: number,
  known: { has(piece: P): boolean },
  work: (piece: P) => boolean,
): number {
  let done = 0;
  for (let i = from; i < pieces.length; i++) {
    if (known.has(pieces[i])) continue;
    if (work(pieces[i]) && (done += pieces[i].length) >= STEP_ROWS) return i + 1;
  }
  return pieces.length;
}

/** Runs steps to the end. */
export function drain<T>(steps: Generator<void, T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

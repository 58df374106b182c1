import type { Diagnostic, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { RaciSettings } from '../engine';

export interface ValidatorOptions {
  documents: TextDocuments<TextDocument>;
  settingsFor(document: TextDocument): Promise<RaciSettings>;
  /** The analysis in steps, ending with the diagnostics to publish. */
  diagnose(document: TextDocument, settings: RaciSettings): Generator<void, Diagnostic[]>;
  /** Sends the diagnostics; the promise, if any, settles once they are written out. */
  publish(uri: string, version: number, diagnostics: Diagnostic[]): Promise<unknown> | void;
  onError(uri: string, error: unknown): void;
  /**
   * Called when no analysis is waiting or under way any more, a few turns after the last
   * one ended (a change already in the pipe arrives first) and its diagnostics were written
   * out: time for housekeeping that would otherwise land in the middle of an analysis, or
   * hold back the end of a publication too large for the pipe in one write.
   */
  idle?(): void;
}

/** How long the analysis may hold the event loop before letting other messages through. */
const SLICE_MS = 6;

/**
 * Turns of the event loop between two slices. vscode-jsonrpc moves a request through
 * three setImmediate hops (read semaphore, message queue, write semaphore); with one
 * turn between slices, a hover would wait for three slices instead of one. A turn with
 * nothing to do costs next to nothing.
 */
const TURNS_BETWEEN_SLICES = 4;

/** The next turn of the event loop, in Node and in a browser worker (which has no setImmediate). */
const soon: (callback: () => void) => void =
  typeof setImmediate === 'function' ? (callback) => setImmediate(callback) : (callback) => setTimeout(callback, 0);
const nextTurn = () => new Promise<void>((resolve) => soon(resolve));

/**
 * Push diagnostics, never stale, with no debounce: a change is analysed on the next
 * turn of the event loop, so changes that arrived together are one run and the last
 * keystroke waits for nothing but its own analysis. The analysis runs in slices;
 * between slices, requests are answered and a run that a newer version made useless
 * is dropped (what it parsed is kept for the next run). A run publishes only if it
 * is still the newest one for its document and the document kept its version.
 */
export function createValidator(options: ValidatorOptions) {
  const queued = new Set<string>();
  const running = new Set<string>();
  const latest = new Map<string, number>();
  let counter = 0;
  /** The last publication's write: messages go out in order, so when it settles, every earlier one has too. */
  let written: Promise<unknown> = Promise.resolve();

  async function run(uri: string, id: number): Promise<void> {
    const current = () => latest.get(uri) === id;
    const document = options.documents.get(uri);
    if (!document || !current()) return;
    const version = document.version;
    const stillWanted = () => current() && document.version === version;
    running.add(uri);
    try {
      const settings = await options.settingsFor(document);
      // A few more turns let a change that is already in the pipe arrive first (vscode-jsonrpc
      // takes a turn or two per message): in a burst, only the run that sees no newer change
      // analyses, and a lone edit loses microseconds.
      for (let turn = 0; turn < TURNS_BETWEEN_SLICES; turn++) await nextTurn();
      if (!stillWanted()) return;
      const steps = options.diagnose(document, settings);
      let sliceEnd = performance.now() + SLICE_MS;
      for (;;) {
        const step = steps.next();
        if (step.done) {
          if (stillWanted()) written = Promise.resolve(options.publish(uri, version, step.value)).catch(() => undefined);
          return;
        }
        if (performance.now() < sliceEnd) continue;
        for (let turn = 0; turn < TURNS_BETWEEN_SLICES; turn++) await nextTurn();
        if (!stillWanted()) {
          steps.return(undefined as never);
          return;
        }
        sliceEnd = performance.now() + SLICE_MS;
      }
    } catch (error) {
      options.onError(uri, error);
    } finally {
      if (current()) running.delete(uri);
      if (options.idle && queued.size === 0 && running.size === 0) void whenIdle(options.idle);
    }
  }

  async function whenIdle(idle: () => void): Promise<void> {
    // A full collection takes tens of milliseconds in a large document's server: a publication
    // larger than the pipe takes (64 KB on Linux) would wait for it to finish going out.
    await written;
    for (let turn = 0; turn < TURNS_BETWEEN_SLICES; turn++) await nextTurn();
    if (queued.size === 0 && running.size === 0) idle();
  }

  return {
    schedule(uri: string): void {
      latest.set(uri, ++counter);
      if (queued.has(uri)) return;
      queued.add(uri);
      soon(() => {
        queued.delete(uri);
        const id = latest.get(uri);
        if (id !== undefined) void run(uri, id);
      });
    },
    /** Whether an analysis of the document is waiting or under way. */
    pending(uri: string): boolean {
      return queued.has(uri) || running.has(uri);
    },
    /** A closed document: no pending or running validation may publish for it. */
    cancel(uri: string): void {
      latest.delete(uri);
      running.delete(uri);
    },
  };
}

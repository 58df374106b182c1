/**
 * "raci-lint: 1234/5000 files" on a terminal's stderr, redrawn in place, for runs long
 * enough to make someone wonder: nothing during the first moments, so a quick run (the
 * usual pre-commit hook) prints only its results. Checked against the clock as files
 * finish, not on a timer, so the one-file-at-a-time run (no event loop turns) shows it too.
 */
export class Progress {
  private readonly started: number;
  private drawn = 0;
  private shown = false;

  constructor(
    private readonly total: number,
    private readonly write: ((text: string) => void) | undefined,
    private readonly now: () => number = Date.now,
    /** How long a run goes before progress shows, and how often it is redrawn. */
    private readonly delay = 1500,
    private readonly interval = 100,
  ) {
    this.started = now();
  }

  /** `done` files of `total` are finished. */
  update(done: number): void {
    if (!this.write || done >= this.total) return;
    const now = this.now();
    if (now - this.started < this.delay || now - this.drawn < this.interval) return;
    this.drawn = now;
    this.shown = true;
    this.write(`\rraci-lint: ${done}/${this.total} files`);
  }

  /** Clears the line, so the results and messages after it start clean. */
  end(): void {
    if (this.shown) this.write?.('\r\x1b[K');
    this.shown = false;
  }
}

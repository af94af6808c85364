/**
 * The per-feed output of an update (a line per feed, or a progress line redrawn), written at
 * most every `delayMs` instead of once per feed. Each write is a system call and, on a pipe or
 * a terminal, wakes the process reading it: 1,000 feeds made 1,000 of them on the thread whose
 * delays hold up the next HTTP request (in a profile of the fetch bench, ~7% of that thread's
 * busy time went to writing its lines to a file). Everything else is written at once, after
 * what is waiting.
 */
export class BatchedOutput {
  private pending = '';
  /** Set when the progress line has changed since it was last drawn. */
  private redrawDue = false;
  private timer: NodeJS.Timeout | null = null;
  private lastWrite = -Infinity;

  /**
   * `redraw`, when given, makes the text of the progress line as it is now, drawn with the next
   * batch after `progressChanged`.
   */
  constructor(
    private readonly out: NodeJS.WritableStream,
    private readonly redraw: (() => string) | null = null,
    private readonly delayMs = 100,
  ) {}

  /** Lines written with the next batch: at once if nothing was written for `delayMs`. */
  later(text: string): void {
    this.pending += text;
    this.schedule();
  }

  /** The progress line has changed: it is redrawn with the next batch. */
  progressChanged(): void {
    this.redrawDue = true;
    this.schedule();
  }

  /** Written now, after what is waiting. */
  now(text: string): void {
    this.write(text);
  }

  /** What is waiting, written now (before the process exits, say). */
  flush(): void {
    this.write('');
  }

  private schedule(): void {
    if (this.timer !== null) return;
    // The first of a burst goes at once: a lone feed (or the first) is not held back.
    const wait = this.lastWrite + this.delayMs - performance.now();
    if (wait <= 0) this.flush();
    else this.timer = setTimeout(() => this.flush(), wait);
  }

  private write(text: string): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    let out = this.pending;
    this.pending = '';
    if (this.redrawDue && this.redraw) out += this.redraw();
    this.redrawDue = false;
    out += text;
    if (out === '') return;
    this.lastWrite = performance.now();
    this.out.write(out);
  }
}

/**
 * At most `limit` tasks at once; the others wait their turn, first come first served. Unlike a
 * fixed set of workers over a list, one pipeline step can hold a slot and let it go while the
 * rest of its work goes on: the update holds a download slot for the request only, so the next
 * request leaves while the last answer is still being parsed and stored.
 */
export class ConcurrencyLimit {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) {
      throw new RangeError(`a concurrency limit must be a positive integer, not ${limit}`);
    }
  }

  /** Runs `task` once a slot is free, and frees the slot when it settles. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.limit) await new Promise<void>((start) => this.waiting.push(start));
    else this.running++;
    try {
      return await task();
    } finally {
      // The slot passes straight to the next in line, so `running` never drops in between.
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}

import type { FeedSource } from '../sources/feed-source.js';

export interface FeedSchedulerOptions<Outcome> {
  sources: readonly FeedSource[];
  /** Feeds fetched at once. */
  concurrency: number;
  /** When a feed is next due (ms since the epoch); null = not until the user asks (gone). */
  dueAt: (source: FeedSource) => number | null;
  /**
   * Fetches and stores these feeds, calling `onFeed` as each one finishes. One slow feed must
   * not hold back the reports of the others (updateFeeds reports in completion order).
   */
  fetch: (
    sources: FeedSource[],
    onFeed: (source: FeedSource, outcome: Outcome) => void,
  ) => Promise<unknown>;
  onFeed: (outcome: Outcome) => void;
  /** A batch failed as a whole (a bug, or the store became unwritable). */
  onError: (error: unknown) => void;
  now?: () => number;
  /** Longest sleep between two looks at the schedule (ms). */
  maxSleepMs?: number;
}

/** After a batch failed as a whole, its feeds wait this long before they are tried again. */
const FAILED_BATCH_PAUSE_MS = 60_000;

/**
 * Fetches each feed when it is due, never the same feed twice at once, at most `concurrency`
 * at a time. A feed is rescheduled as soon as it finishes, whatever the others do, so a
 * hung feed holds one slot until its fetch times out and nothing else.
 */
export class FeedScheduler<Outcome> {
  private readonly inFlight = new Set<string>();
  private readonly batches = new Set<Promise<unknown>>();
  /** When each feed is next due (ms; null = not until the user asks), read from the store
   * once at start and again after each of its fetches, so a look at the schedule costs no I/O. */
  private readonly dueAt = new Map<string, number | null>();
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private readonly now: () => number;
  private readonly maxSleepMs: number;

  constructor(private readonly options: FeedSchedulerOptions<Outcome>) {
    this.now = options.now ?? Date.now;
    this.maxSleepMs = options.maxSleepMs ?? 60_000;
  }

  start(): void {
    for (const source of this.options.sources) {
      this.dueAt.set(source.key, this.options.dueAt(source));
    }
    this.tick();
  }

  /** Feeds being fetched now. */
  get busy(): number {
    return this.inFlight.size;
  }

  /** Stops starting fetches; resolves when the fetches in progress have ended. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    while (this.batches.size > 0) await Promise.allSettled([...this.batches]);
  }

  private tick(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.stopped) return;
    const now = this.now();
    const due: FeedSource[] = [];
    let nextWake = now + this.maxSleepMs;
    for (const source of this.options.sources) {
      if (this.inFlight.has(source.key)) continue;
      const at = this.dueAt.get(source.key) ?? Infinity;
      if (at <= now) due.push(source);
      else nextWake = Math.min(nextWake, at);
    }
    const batch = due.slice(0, Math.max(0, this.options.concurrency - this.inFlight.size));
    if (batch.length > 0) this.launch(batch);
    // Feeds left over for want of a free slot start when one frees up (see launch).
    this.timer = setTimeout(() => this.tick(), Math.max(50, nextWake - now));
  }

  private launch(batch: FeedSource[]): void {
    for (const source of batch) this.inFlight.add(source.key);
    const finished = (source: FeedSource): boolean => this.inFlight.delete(source.key);
    const running = this.options
      .fetch(batch, (source, outcome) => {
        finished(source);
        this.dueAt.set(source.key, this.options.dueAt(source));
        this.options.onFeed(outcome);
        this.tick();
      })
      .catch((error: unknown) => {
        const until = this.now() + FAILED_BATCH_PAUSE_MS;
        for (const source of batch) if (finished(source)) this.dueAt.set(source.key, until);
        this.options.onError(error);
      })
      .finally(() => {
        this.batches.delete(running);
        for (const source of batch) finished(source);
        this.tick();
      });
    this.batches.add(running);
  }
}

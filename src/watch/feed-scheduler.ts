import type { FeedSource } from '../sources/feed-source.js';

export interface FeedSchedulerOptions<Outcome> {
  sources: readonly FeedSource[];
  /** Feeds fetched at once. */
  concurrency: number;
  /** Feeds fetched at once from one host (RSSHub serves every route from one). */
  perHost?: number;
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
  private readonly hosts = new Map<string, string>();
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
      this.hosts.set(source.key, hostOf(source));
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
    const batch: FeedSource[] = [];
    const free = this.options.concurrency - this.inFlight.size;
    const perHost = this.options.perHost ?? Infinity;
    // Each batch gets its own connection pool, so the per-host limit is kept here, over all.
    const hostLoad = new Map<string, number>();
    for (const key of this.inFlight) {
      const host = this.hosts.get(key)!;
      hostLoad.set(host, (hostLoad.get(host) ?? 0) + 1);
    }
    let nextWake = now + this.maxSleepMs;
    for (const source of this.options.sources) {
      if (this.inFlight.has(source.key)) continue;
      const at = this.dueAt.get(source.key) ?? Infinity;
      if (at > now) {
        nextWake = Math.min(nextWake, at);
        continue;
      }
      const host = this.hosts.get(source.key)!;
      if (batch.length >= free || (hostLoad.get(host) ?? 0) >= perHost) continue;
      hostLoad.set(host, (hostLoad.get(host) ?? 0) + 1);
      batch.push(source);
    }
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

/** The host a feed is fetched from; local files count as one host of their own. */
function hostOf(source: FeedSource): string {
  if (source.location.kind === 'file') return 'file:';
  try {
    return new URL(source.location.url).host;
  } catch {
    return source.location.url;
  }
}

import { setImmediate as nextTurn } from 'node:timers/promises';
import { defaultPoolSize, INLINE_PREPARER, PreparePool } from './content/prepare-pool.js';
import type { RepreparationBatch, RepreparedBatch } from './content/reprepare-batch.js';
import {
  preparationKey,
  preparationSettingsText,
  type PreparationSettings,
} from './content/preparer-fingerprint.js';
import { readPreparationSettings } from './content/stored-preparation-settings.js';
import { usableBaseUrl } from './content/safe-url.js';
import type { ContentSettings, FeedSource } from './sources/feed-source.js';
import type { ItemsPreparation, Store, StoredFeed } from './store/store.js';

/**
 * Items that have left their feed are not prepared again when the feed is read: a changed
 * `clean:` rule, embed switch, time zone or Tidings upgrade would never reach them. This step
 * prepares every stored item of a feed whose preparation key changed again from its stored
 * source HTML (reprepare-item.ts says what that remakes), before the feed is read, so the items
 * the feed still lists are then prepared from the feed itself, as always.
 *
 * Batches of BATCH_SIZE items, each one transaction that also records how far the feed got
 * (Store.saveReprepared): a crash leaves every item old or new, and the next update goes on
 * after the last batch committed. Once a feed is done its key is recorded, so the work is not
 * done again until the key changes.
 */

export const BATCH_SIZE = 200;

/** A feed whose stored items are to be prepared again, with what to prepare them with. */
interface Work {
  feed: StoredFeed;
  content?: ContentSettings;
  key: string;
  settings: string;
  /** Resume after this item key (a run stopped midway with the same key); null: from the first. */
  after: string | null;
}

export interface ReprepareProgress {
  /** Items handled so far in this run, and in all (the stored items of the feeds to do). */
  done: number;
  total: number;
}

export interface ReprepareSummary {
  /** Feeds whose stored items were prepared again (fully or from where a run stopped). */
  feeds: number;
  /** Items prepared again, of which `changed` came out different. */
  items: number;
  changed: number;
  /** Items stored without source HTML (stores older than that column): kept as they were. */
  withoutSource: number;
  /** Items whose preparation threw: kept as they were. */
  failed: number;
}

export interface ReprepareOptions {
  now?: () => Date;
  /**
   * Every feed in the config. Given, stored feeds not among them (taken out of the config,
   * their items still shown) are prepared again too, with the settings recorded for them when
   * they were last prepared: after an upgrade of Tidings, say, their items get its cleaning and
   * sanitising as well. A feed with no recorded settings (stored by an older Tidings) is left.
   */
  configured?: readonly FeedSource[];
  /** The store's feeds (Store.listFeeds), when the caller has just read them. */
  stored?: readonly StoredFeed[];
  onProgress?: (progress: ReprepareProgress) => void;
  batchSize?: number;
  /**
   * Worker threads that prepare the batches: 0 = on the main thread. Default: one per core but
   * one, when there are at least POOL_MIN_ITEMS items to do and more than one core.
   */
  workers?: number;
}

export async function reprepareStoredItems(
  store: Store,
  sources: readonly FeedSource[],
  options: ReprepareOptions = {},
): Promise<ReprepareSummary> {
  const now = options.now ?? (() => new Date());
  const batchSize = options.batchSize ?? BATCH_SIZE;
  const summary: ReprepareSummary = { feeds: 0, items: 0, changed: 0, withoutSource: 0, failed: 0 };
  const stored = new Map((options.stored ?? store.listFeeds()).map((feed) => [feed.key, feed]));
  const work: Work[] = [];
  const add = (
    feed: StoredFeed,
    settings: PreparationSettings,
    done: ItemsPreparation = store.itemsPreparation(feed.key),
  ) => {
    const key = preparationKey(settings);
    if (done.key === key && done.after === null) return;
    work.push({
      feed,
      ...(settings.content ? { content: settings.content } : {}),
      key,
      settings: preparationSettingsText(settings),
      after: done.key === key ? done.after : null,
    });
  };
  for (const source of sources) {
    const feed = stored.get(source.key);
    if (feed !== undefined) add(feed, source);
  }
  if (options.configured) {
    const configured = new Set(options.configured.map((source) => source.key));
    for (const feed of stored.values()) {
      if (configured.has(feed.key)) continue;
      const done = store.itemsPreparation(feed.key);
      const settings = readPreparationSettings(done.settings ?? null);
      if (settings !== null) add(feed, settings, done);
    }
  }
  const progress: ReprepareProgress = {
    done: 0,
    total: work.reduce((sum, { feed }) => sum + feed.itemCount, 0),
  };
  if (work.length === 0) return summary;
  // Told once before the first batch, so a long run is announced before it starts.
  options.onProgress?.({ ...progress });
  // Batches go to prepare workers when there are enough items to pay for starting them, and
  // several are in flight: the main thread reads the next batches and saves the finished ones
  // (in order, so that a stopped run resumes after the last one saved) while workers prepare.
  const workers = options.workers ?? (progress.total >= POOL_MIN_ITEMS ? defaultWorkers() : 0);
  const preparer = workers > 0 ? new PreparePool(workers) : INLINE_PREPARER;
  const inFlight: BatchInFlight[] = [];
  const saveOldest = async (): Promise<void> => {
    const batch = inFlight.shift()!;
    let done: RepreparedBatch;
    try {
      done = await batch.preparing;
    } catch {
      // The worker stopped (out of memory, say): this batch is prepared here instead.
      done = await INLINE_PREPARER.reprepare(batch.sent);
    }
    summary.failed += done.failed;
    summary.changed += store.saveReprepared(
      batch.feedKey,
      done.items,
      batch.preparation,
      now().toISOString(),
    );
    summary.items += done.items.length;
    progress.done += batch.read;
    options.onProgress?.({ ...progress });
  };
  try {
    for (const { feed, content, key, settings, after: resumeAfter } of work) {
      let after = resumeAfter;
      const context = { baseUrl: feedBaseUrl(feed), ...(content ? { content } : {}) };
      summary.feeds++;
      for (;;) {
        const read = store.readItemsAfter(feed.key, after, batchSize);
        const items = read.filter((item) => item.sourceHtml.trim() !== '');
        summary.withoutSource += read.length - items.length;
        after = read.length === batchSize ? read[read.length - 1]!.key : null;
        const sent = { items, context };
        const preparing = preparer.reprepare(sent);
        // Awaited in order; one the run does not get to (a save failed) must not go unhandled.
        preparing.catch(() => {});
        inFlight.push({
          feedKey: feed.key,
          preparation: { key, after, settings },
          read: read.length,
          sent,
          preparing,
        });
        // One batch more than the workers: each has the next one ready as it finishes.
        while (inFlight.length > workers) await saveOldest();
        if (after === null) break;
        // Lets the process answer signals and timers between batches.
        await nextTurn();
      }
    }
    while (inFlight.length > 0) await saveOldest();
  } finally {
    // Their teardown goes on beside the update that follows.
    preparer.close().catch(() => {});
  }
  return summary;
}

/** Fewer stored items to prepare again than this: on the main thread (see `workers`). */
export const POOL_MIN_ITEMS = 1000;

/** One worker per core but one: the main thread reads and saves the batches meanwhile. */
function defaultWorkers(): number {
  return Math.max(0, defaultPoolSize() - 1);
}

/** A batch sent to be prepared again, and what saving it needs. */
interface BatchInFlight {
  feedKey: string;
  preparation: ItemsPreparation;
  /** Stored items read for it, those without source HTML included (for the progress). */
  read: number;
  sent: RepreparationBatch;
  preparing: Promise<RepreparedBatch>;
}

/** What relative URLs of an item without a link resolve against: where the feed was read. */
function feedBaseUrl(feed: StoredFeed): string | null {
  return usableBaseUrl(feed.movedTo) ?? usableBaseUrl(feed.location) ?? usableBaseUrl(feed.link);
}

/**
 * Feeds not stored before this run: whatever the run stores for them is prepared with the
 * current key, and recordPreparedNow records so after it (else their items would be prepared
 * again from their source HTML at the next update, for nothing).
 */
export function feedsNotStored(
  storedFeeds: readonly StoredFeed[],
  sources: readonly FeedSource[],
): FeedSource[] {
  const stored = new Set(storedFeeds.map((feed) => feed.key));
  return sources.filter((source) => !stored.has(source.key));
}

export function recordPreparedNow(store: Store, sources: readonly FeedSource[]): void {
  // One commit for all: a first run of 1,000 feeds spent ~30 ms here on a commit per feed,
  // after the last feed was stored and before the run could end.
  store.recordPreparations(
    new Map(
      sources.map((source) => [
        source.key,
        { key: preparationKey(source), after: null, settings: preparationSettingsText(source) },
      ]),
    ),
  );
}

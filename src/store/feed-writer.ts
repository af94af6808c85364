import { unpackItems, type StorableItems } from '../content/packed-items.js';
import type { FeedSource } from '../sources/feed-source.js';
import type { FailureRecord, FeedMeta, FetchRecord, SaveFeedResult, Store } from './store.js';

/**
 * The writes of an update run, one transaction each, answered once committed: what the
 * pipeline reports after each feed is on disk. `inlineFeedWriter` writes on the calling
 * thread; `StoreWriterThread` on a thread of its own, so a large run's SQLite work does not
 * hold up the HTTP requests on the main thread.
 */
export interface FeedWriter {
  saveFeed(
    source: FeedSource,
    meta: FeedMeta,
    /** Packed items are unpacked by the thread that writes them. */
    items: StorableItems,
    fetch: FetchRecord,
  ): Promise<SaveFeedResult>;
  recordUnchanged(source: FeedSource, fetch: FetchRecord): Promise<void>;
  recordFailure(source: FeedSource, failure: FailureRecord): Promise<void>;
  /** Waits for the writes asked for so far, then lets go of what the writer holds. */
  close(): Promise<void>;
}

/** Writes through `store` on this thread (Store writes are synchronous transactions). */
export function inlineFeedWriter(store: Store): FeedWriter {
  return {
    saveFeed: async (source, meta, items, fetch) =>
      store.saveFeed(source, meta, unpackItems(items), fetch),
    recordUnchanged: async (source, fetch) => store.recordUnchanged(source, fetch),
    recordFailure: async (source, failure) => store.recordFailure(source, failure),
    close: () => Promise.resolve(),
  };
}

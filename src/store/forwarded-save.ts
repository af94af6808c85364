import type { PackedItems } from '../content/packed-items.js';
import type { PreparedFeed } from '../content/prepare-feed.js';
import { nextDueOnSchedule, type SuccessSchedule } from '../fetch/schedule.js';
import type { FeedSource } from '../sources/feed-source.js';
import type { WriteRequest } from './store-writer-thread.js';
import type { FetchRecord } from './store.js';

/**
 * A feed's save, reserved on the store writer thread by the main thread
 * (`StoreWriterThread.reserveSave`) and sent to it by the prepare worker that prepares the feed,
 * over a channel of their own. The items (~10–30 KB per feed) then cross threads once instead
 * of twice, and the main thread, whose delays hold up the next HTTP request, neither receives
 * nor sends them nor wakes the writer thread for them: it sends the feed's bytes and gets the
 * writer's answer, as before.
 */
export interface ForwardedSave {
  /** The write's id on the writer thread: its answer goes to the main thread under this id. */
  id: number;
  source: FeedSource;
  /** The fetch record but its next due time, which depends on the feed's own `<ttl>`. */
  fetch: Omit<FetchRecord, 'nextDueAt'>;
  schedule: SuccessSchedule;
}

/** The write the prepare worker sends the writer thread for `save`, once it has `feed`. */
export function forwardedWrite(save: ForwardedSave, feed: PreparedFeed<PackedItems>): WriteRequest {
  return {
    id: save.id,
    op: 'save',
    source: save.source,
    meta: { title: feed.title, link: feed.link, language: feed.language },
    items: feed.items,
    fetch: { ...save.fetch, nextDueAt: nextDueOnSchedule(save.schedule, feed.feedMinutes) },
  };
}

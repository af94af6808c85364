import type { StoredItem } from '../store/store.js';

/**
 * Each feed's `perFeed` newest items, from items that come newest first (as
 * `Store.iterateItems` gives them): what the old script exported (the first 20 of each feed),
 * so a Hexo site fed from a long history stays the size it was. Streams: it holds a count per
 * feed, not the items.
 */
export function* latestPerFeed(
  items: Iterable<StoredItem>,
  perFeed: number,
): IterableIterator<StoredItem> {
  const counts = new Map<string, number>();
  for (const item of items) {
    const count = counts.get(item.feedKey) ?? 0;
    if (count >= perFeed) continue;
    counts.set(item.feedKey, count + 1);
    yield item;
  }
}

import type { StoredFeed } from '../store/store.js';

/** A stored feed as people know it: where the config last put it (feedLabel's form). */
export function storedFeedLabel(feed: StoredFeed): string {
  return `${feed.category} › ${feed.site} › ${feed.name}`;
}

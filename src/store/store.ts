import type { Item } from '../content/item.js';
import type { FeedSource } from '../sources/feed-source.js';

/** A feed as the store knows it: its last-known place in the tree and how its last fetch went. */
export interface StoredFeed {
  key: string;
  category: string;
  site: string;
  name: string;
  /** Where it was last read from (URL or file path). */
  location: string;
  /** Title and home page the feed itself declares. */
  title: string | null;
  link: string | null;
  lastFetchedAt: string | null;
  lastSuccessAt: string | null;
  lastError: string | null;
  itemCount: number;
}

/** An item with what the store adds: its feed and the times we saw it. */
export interface StoredItem extends Item {
  feedKey: string;
  /** When Tidings first stored it (ISO UTC). Never changes. */
  firstSeen: string;
  /** When its content last changed (ISO UTC). */
  changedAt: string;
}

export interface SaveFeedResult {
  added: number;
  changed: number;
  unchanged: number;
}

export interface FeedMeta {
  title: string | null;
  link: string | null;
}

/**
 * The store's interface. SQLite implements it today; a PostgreSQL one could later.
 * Every method that writes is one transaction.
 */
export interface Store {
  /** Upserts the feed and its items in one transaction; items not in `items` stay stored. */
  saveFeed(source: FeedSource, meta: FeedMeta, items: Item[], fetchedAt: string): SaveFeedResult;
  /** Records a failed fetch; stored items are left alone. */
  recordFailure(source: FeedSource, error: string, fetchedAt: string): void;
  listFeeds(): StoredFeed[];
  /** Every item, newest first (published, falling back to first seen). */
  listItems(): StoredItem[];
  close(): void;
}

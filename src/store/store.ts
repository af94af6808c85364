import type { Item } from '../content/item.js';
import type { FeedPlace, FeedSource } from '../sources/feed-source.js';

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
  /**
   * The language the feed declares (a BCP 47 tag), or the config's `language` for it once
   * placed (feed-places.ts); null or absent: unknown.
   */
  language?: string | null;
  lastFetchedAt: string | null;
  lastSuccessAt: string | null;
  lastError: string | null;
  /** What kind of failure the last error was (`timeout`, `http`, `not-a-feed`, …). */
  lastErrorKind: string | null;
  itemCount: number;
  consecutiveFailures: number;
  /** When the feed should next be fetched (ISO UTC); null = now. */
  nextDueAt: string | null;
  /** The server answered 410 Gone: not fetched again until the user asks. */
  gone: boolean;
  /** Where a permanent redirect (301/308) sent us; fetched instead of the configured URL. */
  movedTo: string | null;
  /**
   * The key its items' page ids are made from (site/item-path.ts): the key the feed had when
   * its history began, kept when that history moved to a new key (renameFeed), so the items'
   * URLs never change. Null or absent: `key`.
   */
  pageKey?: string | null;
}

/** What conditional GET and scheduling need to remember about a feed between runs. */
export interface FeedFetchState {
  etag: string | null;
  lastModified: string | null;
  /** Hash of the last body parsed: the same bytes again are not parsed again. */
  bodyHash: string | null;
  movedTo: string | null;
  consecutiveFailures: number;
  nextDueAt: string | null;
  gone: boolean;
}

/** A fetch that got an answer: what to remember, and when to come back. */
export interface FetchRecord {
  at: string;
  etag: string | null;
  lastModified: string | null;
  bodyHash: string | null;
  movedTo: string | null;
  nextDueAt: string;
}

/** A fetch that failed. */
export interface FailureRecord {
  at: string;
  kind: string;
  message: string;
  nextDueAt: string;
  gone: boolean;
}

/** An item with what the store adds: its feed and the times we saw it. */
export interface StoredItem extends Item {
  feedKey: string;
  /** When Tidings first stored it (ISO UTC). Never changes. */
  firstSeen: string;
  /** When its content last changed (ISO UTC); equals firstSeen until it does. */
  changedAt: string;
}

/** What lists and feeds of the site need of an item: everything but the long texts. */
export type ItemSummary = Omit<StoredItem, 'contentHtml' | 'sourceHtml' | 'sourceBase' | 'text'>;

/** An item's sanitised content HTML, by its feed and key. */
export interface ItemContent {
  feedKey: string;
  key: string;
  contentHtml: string;
}

/** The plain text of an item (or the start of it), by its feed and key. */
export interface ItemText {
  feedKey: string;
  key: string;
  text: string;
}

export interface SaveFeedResult {
  added: number;
  changed: number;
  unchanged: number;
  /** Items deleted by the feed's retention policy (absent or 0: none). */
  removed?: number;
}

export interface FeedMeta {
  title: string | null;
  link: string | null;
  /** The language the feed declares, as a BCP 47 tag; absent or null: unknown. */
  language?: string | null;
}

/**
 * How far a feed's stored items have been prepared again from their source HTML
 * (reprepare-stored-items.ts): with which preparation key, and, while that is under way, the
 * last item key (in key order) done with it; `after` null: all done.
 */
export interface ItemsPreparation {
  key: string | null;
  after: string | null;
  /**
   * The settings `key` was made from (preparer-fingerprint.ts, as text), so that a feed taken
   * out of the config can be prepared again as it was. Null: not recorded (an older store);
   * absent when saving: left as stored.
   */
  settings?: string | null;
}

/**
 * The store's interface. SQLite implements it today; a PostgreSQL one could later.
 * Every method that writes is one transaction.
 */
export interface Store {
  /**
   * Upserts the feed and its items, then applies the feed's retention policy
   * (`source.retention`), all in one transaction. Items not in `items` stay stored unless the
   * policy removes them; the policy never removes an item of `items` (else it would come
   * back as new at the next fetch).
   */
  saveFeed(source: FeedSource, meta: FeedMeta, items: Item[], fetch: FetchRecord): SaveFeedResult;
  /** A fetch that found nothing new (304, or the same bytes): only the feed's state changes. */
  recordUnchanged(source: FeedSource, fetch: FetchRecord): void;
  /**
   * Runs `writes` as one transaction. The write methods above, called inside it, each become a
   * savepoint: one that fails undoes only its own changes, and the others commit together.
   * One commit for many feeds costs less than one each (the store writer thread groups the
   * writes waiting for it: ~30% less CPU for 1,000 feeds).
   */
  inOneTransaction<T>(writes: () => T): T;
  /** Records a failed fetch; stored items are left alone. */
  recordFailure(source: FeedSource, failure: FailureRecord): void;
  /**
   * Records where the config puts each stored feed now, fetched or not: a feed moved in the
   * config and later removed from it stays where it was last shown. Unknown keys are skipped.
   */
  placeFeeds(places: readonly FeedPlace[]): void;
  /**
   * Gives a stored feed and its items a new key (moved-feed-history.ts), in one transaction;
   * its pageKey stays what it was, so its items keep their URLs.
   */
  renameFeed(from: string, to: string): void;
  /**
   * Deletes a feed and every item of it, in one transaction (`tidings forget`: a feed taken
   * out of the config keeps its items on the site until then). Returns the items deleted, or
   * null when no such feed is stored.
   */
  forgetFeed(key: string): number | null;
  /** Conditional-GET and schedule state of a feed, or null if it was never fetched. */
  getFetchState(feedKey: string): FeedFetchState | null;
  /**
   * The fetch states of every feed ever fetched, by key: one read for a whole run (an update
   * of 1,000 feeds asked for them one by one in 12–17 ms, in one query in ~3 ms).
   */
  getFetchStates(): Map<string, FeedFetchState>;
  listFeeds(): StoredFeed[];
  /** Every item, newest first (published, falling back to first seen). */
  listItems(): StoredItem[];
  /**
   * The items of `listItems`, in its order, read one at a time as they are asked for: what
   * reads every item's texts without holding them all (100,000 items are gigabytes). Nothing
   * else may use the store until the iteration ends.
   */
  iterateItems(): IterableIterator<StoredItem>;
  /**
   * Every item without its long texts (content, source HTML, plain text), in the order of
   * `listItems`. What the site builder holds in memory: a few hundred bytes an item, so large
   * stores fit; the content of each item is read when its page is written (`readItemContent`).
   * With `shownSince` (ISO UTC), only the items whose sort time (published, else first seen)
   * is not earlier: the site's window (site-window.ts).
   */
  listItemSummaries(shownSince?: string | null): ItemSummary[];
  /** The sanitised content HTML of one item, or null when it is not stored. */
  readItemContent(feedKey: string, key: string): string | null;
  /**
   * The content HTML of up to `limit` items in the store's key order (feed key, then item
   * key), starting at the given item (included, whether or not it is stored). One range read
   * instead of one lookup per item: what a build that writes many item pages reads them with.
   * With `shownSince`, items outside the site's window are skipped (not counted in `limit`).
   */
  readItemContentsFrom(
    feedKey: string,
    key: string,
    limit: number,
    shownSince?: string | null,
  ): ItemContent[];
  /** The plain text of one item (what search indexes), or null when it is not stored. */
  readItemText(feedKey: string, key: string): string | null;
  /**
   * The plain text of every item, each cut after its first `maxChars` characters (code
   * points), in the store's key order: one scan, for a build that indexes every item. With
   * `shownSince`, only the items of the site's window.
   */
  readItemTextPrefixes(maxChars: number, shownSince?: string | null): ItemText[];
  /**
   * A short text that changes whenever anything stored that the site can show changes: the
   * schema version, the number of items, the sums of their first-seen and changed times (an
   * added, edited or removed item moves one of them) and every feed's row. Cheap (no item's
   * content is read), so a rebuild can tell "nothing changed" without reading the items.
   */
  changeWatermark(): string;
  /**
   * The database file, which other threads may open read-only (item-content-reader.ts) to read
   * item contents in parallel with this connection; null when there is no such file.
   */
  readonly filePath: string | null;
  /** How far the feed's stored items have been prepared again (null key: never). */
  itemsPreparation(feedKey: string): ItemsPreparation;
  /** Up to `limit` stored items of the feed in key order, after `after` (null: from the first). */
  readItemsAfter(feedKey: string, after: string | null, limit: number): StoredItem[];
  /**
   * One transaction: writes the items prepared again (same keys; an item whose row comes out
   * the same is left as it was) and records the feed's progress `done`. Returns how many
   * items changed. A crash leaves each item either as it was or as prepared again.
   */
  saveReprepared(
    feedKey: string,
    items: readonly Item[],
    done: ItemsPreparation,
    at: string,
  ): number;
  /**
   * Records, in one transaction, how each listed feed's stored items are prepared: what
   * saveReprepared records with no items, for many feeds at one commit.
   */
  recordPreparations(done: ReadonlyMap<string, ItemsPreparation>): void;
  close(): void;
}

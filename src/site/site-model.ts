import type { SiteSettings } from '../config/config.js';
import type { ItemSummary, StoredFeed } from '../store/store.js';

/**
 * Everything the site builder needs. Items come without their long texts: a page that shows
 * an item's content reads it with `readContent` when the page is written, so the builder
 * never holds every item's content at once (50,000 items stay well under 1 GB).
 */
export interface SiteModel {
  settings: SiteSettings;
  /**
   * In the order they were first stored (`listFeeds`), oldest first: when sibling names clash,
   * the oldest keeps its plain folder (path-segment.ts).
   */
  feeds: StoredFeed[];
  /**
   * Keys of stored feeds the config no longer lists (store/feed-places.ts): their items stay
   * on the site, but they are no subscription (OPML) and are not fetched (health, status.json).
   * Absent: every stored feed counts as configured.
   */
  unconfiguredFeeds?: ReadonlySet<string>;
  /** Newest first: by published time, falling back to first seen. */
  items: ItemSummary[];
  /** The sanitised content HTML of an item ('' when it has gone since the list was read). */
  readContent: (feedKey: string, key: string) => string;
  /**
   * The plain text of an item, for the search index ('' when it has gone). May be cut after
   * the first INDEXED_TEXT_CHARS characters (search/build-search-index.ts): all the index reads.
   */
  readText: (feedKey: string, key: string) => string;
  /**
   * The store file the items come from. When given, a build that writes many item pages has
   * worker threads open it read-only and write those pages (item-page-threads.ts); without
   * it, every page is rendered on the main thread with `readContent`.
   */
  storeFile?: string;
  /**
   * The site's window (site.maxAgeDays, site-window.ts): the earliest sort time of `items`,
   * which threads reading the store file skip the other items by; null when every stored item
   * is on the site.
   */
  shownSince: string | null;
}

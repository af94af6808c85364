import type { Item } from '../content/item.js';

/**
 * Feeds (RSSHub routes among them) sometimes give an item a new guid on a later fetch while its
 * link stays, or add a guid to items that had none (their key was the link). Keyed by guid
 * alone, each such fetch stored the article again: a duplicate on every list. A new key is
 * taken for an item already stored when the link is the same and nothing says they differ.
 */

/** What the store holds of the one stored item of the feed with a given link. */
export interface StoredCandidate {
  key: string;
  title: string;
  published: string | null;
}

/** The feed's listing in this fetch: what tells an item's link apart from a shared one. */
export interface FeedListing {
  keys: ReadonlySet<string>;
  linkCounts: ReadonlyMap<string, number>;
  /** The feed's home page: items that all link there are different items. */
  homeLink: string | null;
}

export function feedListing(items: readonly Item[], homeLink: string | null): FeedListing {
  const linkCounts = new Map<string, number>();
  for (const item of items) {
    if (item.link) linkCounts.set(item.link, (linkCounts.get(item.link) ?? 0) + 1);
  }
  return { keys: new Set(items.map((item) => item.key)), linkCounts, homeLink };
}

/** The link to look a new item up by, or null when its link cannot tell items apart. */
export function reissueLookupLink(item: Item, listing: FeedListing): string | null {
  const link = item.link;
  if (!link || link === listing.homeLink) return null;
  // Several items of this fetch share the link: it is a section's page, not the article's.
  return (listing.linkCounts.get(link) ?? 0) === 1 ? link : null;
}

/**
 * Whether `candidate`, the only stored item of the feed with the new item's link, is the same
 * article under an older key: the feed no longer lists that key, and the date (or, both
 * undated, the title) agrees, so a daily digest at a fixed address stays one item a day.
 */
export function isReissuedItem(
  candidate: StoredCandidate,
  item: Item,
  listing: FeedListing,
): boolean {
  if (listing.keys.has(candidate.key)) return false;
  if (candidate.published !== null || item.published !== null) {
    return candidate.published === item.published;
  }
  return candidate.title === item.title;
}

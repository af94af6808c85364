import { createHash } from 'node:crypto';
import type { FeedPlace } from '../sources/feed-source.js';
import type { StoredFeed } from './store.js';

export type { FeedPlace };

/** A stored feed the config no longer lists: its items stay stored and on the site. */
export interface UnconfiguredFeed {
  /** `category › site › name`, its last place in the tree. */
  label: string;
  /** Its store key: what `tidings forget` takes, and what tells same-named feeds apart. */
  key: string;
  items: number;
}

export interface PlacedFeeds {
  feeds: StoredFeed[];
  unconfigured: UnconfiguredFeed[];
  /** The keys of the unconfigured feeds. */
  unconfiguredKeys: Set<string>;
  /** Changes with any place the config gives, for the build's inputs key. */
  key: string;
}

/**
 * The stored feeds at the places the config gives them now. The store learns a feed's place
 * only when it fetches the feed, so a feed moved or renamed in the config stayed where it was
 * on the site until its next fetch (an hour, a day of backoff, never for a feed gone with 410).
 * Without `places` (no config at hand) the stored places stand. The config's `language` of a
 * feed is applied here too, so changing it needs no fetch.
 */
export function placeFeeds(
  stored: readonly StoredFeed[],
  places: readonly FeedPlace[] | undefined,
): PlacedFeeds {
  if (places === undefined) {
    return { feeds: [...stored], unconfigured: [], unconfiguredKeys: new Set(), key: '' };
  }
  const byKey = new Map(places.map((place) => [place.key, place]));
  const hash = createHash('sha256');
  const unconfigured: UnconfiguredFeed[] = [];
  const unconfiguredKeys = new Set<string>();
  const feeds = stored.map((feed): StoredFeed => {
    const place = byKey.get(feed.key);
    if (!place) {
      unconfiguredKeys.add(feed.key);
      unconfigured.push({
        label: `${feed.category} › ${feed.site} › ${feed.name}`,
        key: feed.key,
        items: feed.itemCount,
      });
      return feed;
    }
    // The config's language for the feed wins over the one it declares (stored).
    const language = place.language ?? feed.language ?? null;
    hash.update(`${feed.key}\0${place.category}\0${place.site}\0${place.name}\0${language}\0`);
    return { ...feed, category: place.category, site: place.site, name: place.name, language };
  });
  return { feeds, unconfigured, unconfiguredKeys, key: hash.digest('base64url') };
}

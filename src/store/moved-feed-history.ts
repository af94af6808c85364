import type { FeedSource } from '../sources/feed-source.js';
import type { StoredFeed } from './store.js';

/** A configured feed new to the store that continues a stored feed's history. */
export interface MovedFeedHistory {
  source: FeedSource;
  from: StoredFeed;
}

/**
 * A feed's history follows its store key, made from the address in the config. When a feed
 * answers 301, Tidings reports the move and fetches the new address; a user who then writes
 * that address into the config (or swaps a `url:` for the `rsshub:` route at the same
 * address) made a new key, and every item was stored and shown a second time, beside the old
 * feed. Such a feed takes over the history of the stored feed the config no longer lists whose
 * recorded move or address is its address, when exactly one is.
 */
export function findMovedFeedHistory(
  sources: readonly FeedSource[],
  stored: readonly StoredFeed[],
): MovedFeedHistory[] {
  const configured = new Set(sources.map((source) => source.key));
  const storedKeys = new Set(stored.map((feed) => feed.key));
  const unconfigured = stored.filter((feed) => !configured.has(feed.key));
  const taken = new Set<string>();
  const found: MovedFeedHistory[] = [];
  for (const source of sources) {
    if (storedKeys.has(source.key)) continue;
    // A file written another way (`./feeds/a.xml` for `feeds/a.xml`) is the same file.
    const address = source.location.kind === 'url' ? source.location.url : source.location.path;
    const matches = unconfigured.filter(
      (feed) =>
        !taken.has(feed.key) &&
        (source.location.kind === 'url'
          ? feed.movedTo === address || feed.location === address
          : feed.key.startsWith('file:') && feed.location === address),
    );
    if (matches.length !== 1) continue;
    taken.add(matches[0]!.key);
    found.push({ source, from: matches[0]! });
  }
  return found;
}

/** The same, by the stored feed's key: which configured feed takes over its history. */
export function historyHeirs(
  sources: readonly FeedSource[],
  stored: readonly StoredFeed[],
): Map<string, FeedSource> {
  return new Map(
    findMovedFeedHistory(sources, stored).map((moved) => [moved.from.key, moved.source]),
  );
}

import type { StoredFeed } from '../store/store.js';
import { withoutUrlSecrets } from './url-secrets.js';

/** A feed's health at a glance: what `tidings feeds` and `status.json` report. */
export type FeedHealth = 'ok' | 'failing' | 'gone' | 'never fetched';

export function feedHealth(feed: StoredFeed | undefined): FeedHealth {
  if (!feed || feed.lastFetchedAt === null) return 'never fetched';
  if (feed.gone) return 'gone';
  return feed.lastError ? 'failing' : 'ok';
}

/** A feed whose last fetch failed (or that answered 410 Gone). */
export interface FailingFeed {
  feed: string;
  category: string;
  site: string;
  name: string;
  health: 'failing' | 'gone';
  kind: string | null;
  error: string | null;
  consecutiveFailures: number;
  /** Its last successful fetch (ISO UTC), null if it never had one. */
  lastSuccessAt: string | null;
}

/**
 * `status.json`: enough for a monitor (or a person) to tell whether the site is fresh and its
 * feeds healthy. It has no "generated at" time of its own, so a rebuild that changes nothing
 * leaves the file's bytes — and a `tidings deploy` — alone.
 */
export interface SiteStatus {
  /** The latest fetch of any feed, successful or not (ISO UTC). */
  lastUpdateAt: string | null;
  /** The latest successful fetch of any feed. */
  lastSuccessAt: string | null;
  feeds: { total: number; ok: number; failing: number; gone: number; neverFetched: number };
  items: { total: number };
  failing: FailingFeed[];
}

/**
 * Computes the status from the store's feeds. With `configuredKeys`, exactly those feeds count
 * (a configured feed the store has not seen is "never fetched"; stored feeds no longer in the
 * config are left out), as `tidings feeds` shows them; without, every stored feed counts, as
 * the site shows them.
 */
export function computeSiteStatus(
  stored: readonly StoredFeed[],
  configuredKeys?: readonly string[],
): SiteStatus {
  const byKey = new Map(stored.map((feed) => [feed.key, feed]));
  const entries: (StoredFeed | undefined)[] = configuredKeys
    ? configuredKeys.map((key) => byKey.get(key))
    : [...stored];
  const status: SiteStatus = {
    lastUpdateAt: null,
    lastSuccessAt: null,
    feeds: { total: entries.length, ok: 0, failing: 0, gone: 0, neverFetched: 0 },
    items: { total: 0 },
    failing: [],
  };
  for (const feed of entries) {
    const health = feedHealth(feed);
    if (health === 'never fetched') status.feeds.neverFetched++;
    else status.feeds[health]++;
    if (!feed) continue;
    status.items.total += feed.itemCount;
    status.lastUpdateAt = latest(status.lastUpdateAt, feed.lastFetchedAt);
    status.lastSuccessAt = latest(status.lastSuccessAt, feed.lastSuccessAt);
    if (health === 'failing' || health === 'gone') {
      status.failing.push({
        feed: feed.key,
        category: feed.category,
        site: feed.site,
        name: feed.name,
        health,
        kind: feed.lastErrorKind,
        error: feed.lastError,
        consecutiveFailures: feed.consecutiveFailures,
        lastSuccessAt: feed.lastSuccessAt,
      });
    }
  }
  return status;
}

/**
 * The text of `status.json` in the site output: published, so a feed's address and error
 * are shown without the passwords and keys they may quote (url-secrets.ts).
 */
export function renderSiteStatus(stored: readonly StoredFeed[]): string {
  const status = computeSiteStatus(stored);
  status.failing = status.failing.map((feed) => ({
    ...feed,
    feed: withoutUrlSecrets(feed.feed),
    error: feed.error === null ? null : withoutUrlSecrets(feed.error),
  }));
  return JSON.stringify(status, null, 2) + '\n';
}

function latest(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return Date.parse(b) > Date.parse(a) ? b : a;
}

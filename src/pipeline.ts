import type { Config } from './config/config.js';
import { prepareItem } from './content/prepare-item.js';
import { FetchError } from './fetch/fetch-result.js';
import { mapConcurrently } from './fetch/map-concurrently.js';
import { readFeedBytes } from './fetch/read-feed-bytes.js';
import { parseFeed } from './parse/index.js';
import { NotAFeedError } from './parse/parsed-feed.js';
import { buildSite, type BuildReport } from './site/build-site.js';
import type { SiteModel } from './site/site-model.js';
import type { FeedSource } from './sources/feed-source.js';
import { describeLocation } from './sources/feed-source.js';
import type { SaveFeedResult, Store } from './store/store.js';

/** What happened to one feed in an update run. */
export type FeedOutcome =
  | ({ source: FeedSource; status: 'ok'; items: number; warnings: string[] } & SaveFeedResult)
  | { source: FeedSource; status: 'failed'; error: string };

export interface UpdateHooks {
  /** Called as each feed finishes, in completion order. */
  onFeed?: (outcome: FeedOutcome) => void;
}

/**
 * update = fetch → parse → content → store, for every feed. One feed failing never stops
 * the others: its failure is recorded in the store and in the outcome, and its items stay.
 */
export async function updateFeeds(
  config: Config,
  store: Store,
  sources: readonly FeedSource[] = config.sources,
  hooks: UpdateHooks = {},
): Promise<FeedOutcome[]> {
  return mapConcurrently(sources, config.fetch.concurrency, async (source) => {
    const outcome = await updateOneFeed(config, store, source);
    hooks.onFeed?.(outcome);
    return outcome;
  });
}

async function updateOneFeed(
  config: Config,
  store: Store,
  source: FeedSource,
): Promise<FeedOutcome> {
  const fetchedAt = new Date().toISOString();
  try {
    const fetched = await readFeedBytes(describeLocation(source.location), {
      timeoutSeconds: config.fetch.timeout,
      maxBytes: config.fetch.maxBytes,
    });
    const warnings: string[] = [];
    // A local file has no web address: relative links stay relative rather than become file: URLs.
    const webUrl = fetched.url.startsWith('http') ? fetched.url : null;
    const feed = parseFeed(fetched.body, {
      ...(webUrl ? { baseUrl: webUrl } : {}),
      ...(fetched.charset ? { charset: fetched.charset } : {}),
      timeZone: source.timeZone,
      onWarning: (message) => warnings.push(message),
    });
    // Content URLs resolve against the item link (in prepareItem), else where the feed came from.
    const items = feed.items.map((parsed) => prepareItem(parsed, { baseUrl: webUrl ?? feed.link }));
    const saved = store.saveFeed(source, { title: feed.title, link: feed.link }, items, fetchedAt);
    return { source, status: 'ok', items: items.length, warnings, ...saved };
  } catch (error) {
    const message = describeFeedError(source, error);
    store.recordFailure(source, message, fetchedAt);
    return { source, status: 'failed', error: message };
  }
}

function describeFeedError(source: FeedSource, error: unknown): string {
  if (error instanceof FetchError) return error.message;
  const where = describeLocation(source.location);
  if (error instanceof NotAFeedError) return `${where}: ${error.message}`;
  return `${where}: ${(error as Error)?.message ?? String(error)}`;
}

/** Reads everything the site needs from the store. */
export function loadSiteModel(config: Config, store: Store): SiteModel {
  return {
    settings: config.site,
    feeds: store.listFeeds(),
    items: store.listItems(),
    generatedAt: new Date().toISOString(),
  };
}

/** build = store → site files. */
export function buildFromStore(config: Config, store: Store): Promise<BuildReport> {
  return buildSite(loadSiteModel(config, store));
}

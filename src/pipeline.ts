import type { Config } from './config/config.js';
import { prepareItem } from './content/prepare-item.js';
import { downloadFeed, type DownloadContext } from './fetch/download-feed.js';
import { FetchError } from './fetch/fetch-result.js';
import { HttpClient } from './fetch/http-client.js';
import { mapConcurrently } from './fetch/map-concurrently.js';
import { DEFAULT_RETRY_BASE_MS, DEFAULT_RETRY_MAX_MS, type RetryPolicy } from './fetch/retry.js';
import {
  nextDueAfterFailure,
  nextDueAfterSuccess,
  notDueReason,
  type RefreshHints,
} from './fetch/schedule.js';
import { parseFeed } from './parse/index.js';
import { NotAFeedError } from './parse/parsed-feed.js';
import { buildSite, type BuildOptions, type BuildReport } from './site/build-site.js';
import type { SiteModel } from './site/site-model.js';
import type { FeedSource } from './sources/feed-source.js';
import { describeLocation } from './sources/feed-source.js';
import type { FeedFetchState, FetchRecord, SaveFeedResult, Store } from './store/store.js';

/** What happened to one feed in an update run. */
export type FeedOutcome =
  | ({
      source: FeedSource;
      status: 'ok';
      items: number;
      warnings: string[];
      movedTo: string | null;
    } & SaveFeedResult)
  /** 304 Not Modified: nothing parsed, nothing written but the feed's schedule. */
  | { source: FeedSource; status: 'not-modified'; movedTo: string | null }
  /** The same bytes as last time: not parsed again. */
  | { source: FeedSource; status: 'unchanged'; movedTo: string | null }
  | { source: FeedSource; status: 'failed'; kind: string; error: string }
  /** Not fetched: not due yet, or gone (410) until the user asks. */
  | { source: FeedSource; status: 'skipped'; reason: 'not-due' | 'gone'; nextDueAt: string | null };

export interface UpdateOptions {
  /** Fetch every feed, due or not, gone or not. */
  force?: boolean;
  /** Called as each feed finishes, in completion order. */
  onFeed?: (outcome: FeedOutcome) => void;
  /** Backoff of in-run retries (tests shorten it). */
  retry?: Partial<RetryPolicy>;
  now?: () => Date;
}

/**
 * update = fetch → parse → content → store, for every due feed. One feed failing never stops
 * the others: its failure is recorded in the store and in the outcome, and its items stay.
 */
export async function updateFeeds(
  config: Config,
  store: Store,
  sources: readonly FeedSource[] = config.sources,
  options: UpdateOptions = {},
): Promise<FeedOutcome[]> {
  const now = options.now ?? (() => new Date());
  const client = new HttpClient(config.fetch);
  const context: DownloadContext = {
    client,
    maxBytes: config.fetch.maxBytes,
    timeout: config.fetch.timeout,
    retry: {
      retries: config.fetch.retries,
      baseDelayMs: options.retry?.baseDelayMs ?? DEFAULT_RETRY_BASE_MS,
      maxDelayMs: options.retry?.maxDelayMs ?? DEFAULT_RETRY_MAX_MS,
    },
  };
  try {
    return await mapConcurrently(sources, config.fetch.concurrency, async (source) => {
      const state = store.getFetchState(source.key);
      const reason = options.force ? null : notDueReason(state, now());
      const outcome: FeedOutcome = reason
        ? { source, status: 'skipped', reason, nextDueAt: state?.nextDueAt ?? null }
        : await updateOneFeed(config, store, source, state, context, now());
      options.onFeed?.(outcome);
      return outcome;
    });
  } finally {
    await client.close();
  }
}

async function updateOneFeed(
  config: Config,
  store: Store,
  source: FeedSource,
  state: FeedFetchState | null,
  context: DownloadContext,
  now: Date,
): Promise<FeedOutcome> {
  const at = now.toISOString();
  try {
    const download = await downloadFeed(source, state, context);
    const hints: RefreshHints = { feedMinutes: null, maxAgeSeconds: download.maxAge };
    const record = (bodyHash: string | null): FetchRecord => ({
      at,
      etag: download.etag,
      lastModified: download.lastModified,
      bodyHash,
      movedTo: download.movedTo,
      nextDueAt: nextDueAfterSuccess(now, config.fetch, source, hints),
    });
    const movedTo = download.newlyMoved ? download.movedTo : null;
    if (download.status === 'not-modified') {
      store.recordUnchanged(source, record(state?.bodyHash ?? null));
      return { source, status: 'not-modified', movedTo };
    }
    if (state?.bodyHash === download.bodyHash) {
      store.recordUnchanged(source, record(download.bodyHash));
      return { source, status: 'unchanged', movedTo };
    }
    // A local file has no web address: relative links stay relative rather than become file: URLs.
    const webUrl = download.url.startsWith('http') ? download.url : null;
    const warnings: string[] = [];
    const feed = parseFeed(download.body, {
      ...(webUrl ? { baseUrl: webUrl } : {}),
      ...(download.charset ? { charset: download.charset } : {}),
      timeZone: source.timeZone,
      onWarning: (message) => warnings.push(message),
      onRefreshHint: (minutes) => (hints.feedMinutes = minutes),
    });
    // Content URLs resolve against the item link (in prepareItem), else where the feed came from.
    const prepare = {
      baseUrl: webUrl ?? feed.link,
      ...(source.content ? { content: source.content } : {}),
    };
    const items = feed.items.map((parsed) => prepareItem(parsed, prepare));
    const saved = store.saveFeed(
      source,
      { title: feed.title, link: feed.link },
      items,
      record(download.bodyHash),
    );
    return { source, status: 'ok', items: items.length, warnings, movedTo, ...saved };
  } catch (error) {
    const failure = asFetchError(source, error);
    const failures = (state?.consecutiveFailures ?? 0) + 1;
    store.recordFailure(source, {
      at,
      kind: failure.kind,
      message: failure.message,
      nextDueAt: nextDueAfterFailure(now, config.fetch, source, failures, failure.retryAfter),
      gone: failure.kind === 'gone',
    });
    return { source, status: 'failed', kind: failure.kind, error: failure.message };
  }
}

function asFetchError(source: FeedSource, error: unknown): FetchError {
  if (error instanceof FetchError) return error;
  const where = describeLocation(source.location);
  if (error instanceof NotAFeedError)
    return new FetchError('not-a-feed', `${where}: ${error.message}`);
  // Anything else is a bug in Tidings; keep the run going and say what it was.
  return new FetchError('network', `${where}: ${(error as Error)?.message ?? String(error)}`);
}

/** What the site needs from the store: item summaries now, each item's content when written. */
export function loadSiteModel(config: Config, store: Store): SiteModel {
  return {
    settings: config.site,
    feeds: store.listFeeds(),
    items: store.listItemSummaries(),
    readContent: (feedKey, key) => store.readItemContent(feedKey, key) ?? '',
    readText: (feedKey, key) => store.readItemText(feedKey, key) ?? '',
  };
}

/** build = store → site files. */
export function buildFromStore(
  config: Config,
  store: Store,
  options: BuildOptions = {},
): Promise<BuildReport> {
  return buildSite(loadSiteModel(config, store), options);
}

import type { Config } from './config/config.js';
import {
  defaultPoolSize,
  INLINE_PREPARER,
  PreparePool,
  type FeedPreparer,
} from './content/prepare-pool.js';
import { isForwarded, itemCount, type ItemList } from './content/packed-items.js';
import type { PreparedFeed, PrepareFeedRequest } from './content/prepare-feed.js';
import {
  preparationKey,
  preparedBodyHash,
  stateForPreparation,
} from './content/preparer-fingerprint.js';
import { downloadFeed, type DownloadContext } from './fetch/download-feed.js';
import { FetchError } from './fetch/fetch-result.js';
import { HttpClient } from './fetch/http-client.js';
import { ConcurrencyLimit } from './fetch/concurrency-limit.js';
import { DEFAULT_RETRY_BASE_MS, DEFAULT_RETRY_MAX_MS, type RetryPolicy } from './fetch/retry.js';
import {
  nextDueAfterFailure,
  nextDueAfterSuccess,
  notDueReason,
  successSchedule,
  type RefreshHints,
} from './fetch/schedule.js';
import { NotAFeedError } from './parse/parsed-feed.js';
import type { BuildOptions, BuildReport } from './site/build-site.js';
import type { FeedSource } from './sources/feed-source.js';
import { describeLocation } from './sources/feed-source.js';
import { inlineFeedWriter, type FeedWriter } from './store/feed-writer.js';
import type { FeedFetchState, FetchRecord, SaveFeedResult, Store } from './store/store.js';
import type { StoreError } from './store/store-error.js';
import { isStoreUnwritable, storeUnwritableError } from './store/store-unwritable.js';
import { findMovedFeedHistory, type MovedFeedHistory } from './store/moved-feed-history.js';
import { StoreWriterThread } from './store/store-writer-thread.js';
import {
  feedsNotStored,
  recordPreparedNow,
  reprepareStoredItems,
  type ReprepareProgress,
  type ReprepareSummary,
} from './reprepare-stored-items.js';

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
  /** Called when a feed new to the config takes over a moved feed's history (before fetching). */
  onHistoryKept?: (moved: MovedFeedHistory) => void;
  /** Called as each feed finishes, in completion order. */
  onFeed?: (outcome: FeedOutcome) => void;
  /** Backoff of in-run retries (tests shorten it). */
  retry?: Partial<RetryPolicy>;
  now?: () => Date;
  /**
   * Worker threads that parse feeds and prepare their items, so the main thread only does
   * HTTP and the store: 0 = all on the main thread. Default: one per core but one, when the
   * machine has more than one and at least POOL_MIN_FEEDS feeds are to be fetched (fewer do
   * not pay for starting the workers).
   */
  workers?: number;
  /** Told how far preparing stored items again has got (reprepare-stored-items.ts), per batch. */
  onReprepareProgress?: (progress: ReprepareProgress) => void;
  /** Told what preparing stored items again did, when there was any to do. */
  onReprepared?: (summary: ReprepareSummary) => void;
  /**
   * The store's file (the one `store` has open). Given, a run that uses worker threads also
   * writes on a thread of its own, with its own connection to this file, so the main thread
   * keeps the requests flowing. Not given: writes go through `store` on this thread.
   */
  storeFile?: string;
}

/** Fewer feeds to fetch than this: no worker threads (see UpdateOptions.workers). */
export const POOL_MIN_FEEDS = 16;

/** Feeds in progress (downloading, parsing or being stored) per request slot, at most. */
const FEEDS_PER_DOWNLOAD_SLOT = 4;

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
  const retry = {
    retries: config.fetch.retries,
    baseDelayMs: options.retry?.baseDelayMs ?? DEFAULT_RETRY_BASE_MS,
    maxDelayMs: options.retry?.maxDelayMs ?? DEFAULT_RETRY_MAX_MS,
  };
  // A host's pause (host-pauses.ts) is waited out as long as a Retry-After would be.
  const client = new HttpClient(config.fetch, retry.maxDelayMs);
  const context: DownloadContext = {
    client,
    maxBytes: config.fetch.maxBytes,
    timeout: config.fetch.timeout,
    retry,
  };
  const storeName = options.storeFile ?? store.filePath ?? 'the store';
  // Every configured feed at its place in the config, due or not (Store.placeFeeds).
  try {
    for (const moved of findMovedFeedHistory(config.sources, store.listFeeds())) {
      store.renameFeed(moved.from.key, moved.source.key);
      options.onHistoryKept?.(moved);
    }
    store.placeFeeds(config.sources);
  } catch (error) {
    if (isStoreUnwritable(error)) throw storeUnwritableError(storeName, error);
    throw error;
  }
  // Stored items (those gone from their feed too) follow a change of how items are prepared.
  // One read of the feeds (after the renames above) for both steps.
  const storedFeeds = store.listFeeds();
  const notStored = feedsNotStored(storedFeeds, sources);
  try {
    const reprepared = await reprepareStoredItems(store, sources, {
      now,
      stored: storedFeeds,
      configured: config.sources,
      ...(options.onReprepareProgress ? { onProgress: options.onReprepareProgress } : {}),
    });
    if (reprepared.feeds > 0) options.onReprepared?.(reprepared);
  } catch (error) {
    if (isStoreUnwritable(error)) throw storeUnwritableError(storeName, error);
    throw error;
  }
  // Read once: each feed's state was read up to three times, one query each, on this thread.
  const states = store.getFetchStates();
  // A feed whose items were prepared otherwise than they would be now (changed cleaning rules,
  // time zone, or Tidings' own code) is read again and its items prepared again.
  const preparedStates = new Map<FeedSource, FeedFetchState | null>();
  const stateOf = (source: FeedSource): FeedFetchState | null => {
    if (!preparedStates.has(source)) {
      const stored = states.get(source.key) ?? null;
      preparedStates.set(source, stateForPreparation(stored, preparationKey(source)));
    }
    return preparedStates.get(source)!;
  };
  const due = sources.filter((source) => options.force || !notDueReason(stateOf(source), now()));
  // One core stays with the main thread (HTTP) and the writer thread: on 2 cores, one prepare
  // worker got through the 1,000-feed bench 0.15–0.4 s sooner than two (6 runs of 6).
  const cores = defaultPoolSize();
  const workers = options.workers ?? (due.length >= POOL_MIN_FEEDS && cores > 1 ? cores - 1 : 0);
  const writer =
    workers > 0 && options.storeFile !== undefined
      ? new StoreWriterThread(options.storeFile, store)
      : inlineFeedWriter(store);
  // With both on threads, the prepare workers send prepared feeds straight to the writer.
  const openWriterPort = writer instanceof StoreWriterThread ? () => writer.openPort() : undefined;
  const preparer =
    workers > 0
      ? new PreparePool(workers, openWriterPort ? { openWriterPort } : {})
      : INLINE_PREPARER;
  // Workers otherwise start with the first feed to parse, so a run of 304s starts none. A feed
  // never parsed before will be: then they start now, while the first requests are in flight.
  if (preparer instanceof PreparePool && due.some((source) => !stateOf(source)?.bodyHash))
    preparer.warmUp();
  try {
    // fetch.concurrency bounds the requests in flight; a feed lets go of its slot once its
    // bytes are in, so parsing and storing it overlap the next requests. The second bound
    // keeps the feeds downloaded but not yet stored (their bodies in memory) in check.
    const downloads = new ConcurrencyLimit(config.fetch.concurrency);
    const feeds = new ConcurrencyLimit(config.fetch.concurrency * FEEDS_PER_DOWNLOAD_SLOT);
    const steps = { ...context, preparer, writer, downloads };
    // Set when a write fails for want of a writable store (a full disk): no feed is fetched
    // for nothing after that, the feeds in flight end, and the run fails naming the store.
    const unwritable: { error: StoreError | null } = { error: null };
    const outcomes = await Promise.all(
      sources.map((source) =>
        feeds.run(async (): Promise<FeedOutcome | null> => {
          if (unwritable.error) return null;
          const state = stateOf(source);
          const reason = options.force ? null : notDueReason(state, now());
          let outcome: FeedOutcome;
          try {
            outcome = reason
              ? { source, status: 'skipped', reason, nextDueAt: state?.nextDueAt ?? null }
              : await updateOneFeed(config, source, state, steps, now());
          } catch (error) {
            if (!isStoreUnwritable(error)) throw error;
            unwritable.error ??= storeUnwritableError(storeName, error);
            return null;
          }
          options.onFeed?.(outcome);
          return outcome;
        }),
      ),
    );
    if (unwritable.error) throw unwritable.error;
    recordPreparedNow(store, notStored);
    return outcomes.filter((outcome) => outcome !== null);
  } finally {
    // The prepare workers' teardown (~20–30 ms) goes on beside the rest of the run: nothing
    // waits for it but the process's exit.
    preparer.close().catch(() => {});
    await Promise.all([client.close(), writer.close()]);
  }
}

async function updateOneFeed(
  config: Config,
  source: FeedSource,
  state: FeedFetchState | null,
  context: DownloadContext & {
    preparer: FeedPreparer;
    writer: FeedWriter;
    downloads: ConcurrencyLimit;
  },
  now: Date,
): Promise<FeedOutcome> {
  const at = now.toISOString();
  const { writer } = context;
  try {
    const download = await context.downloads.run(() => downloadFeed(source, state, context));
    const hints: RefreshHints = { feedMinutes: null, maxAgeSeconds: download.maxAge };
    const preparedAs = preparationKey(source);
    const fetched = (bodyHash: string | null): Omit<FetchRecord, 'nextDueAt'> => ({
      at,
      etag: download.etag,
      lastModified: download.lastModified,
      bodyHash,
      movedTo: download.movedTo,
    });
    const record = (bodyHash: string | null): FetchRecord => ({
      ...fetched(bodyHash),
      nextDueAt: nextDueAfterSuccess(now, config.fetch, source, hints),
    });
    const movedTo = download.newlyMoved ? download.movedTo : null;
    if (download.status === 'not-modified') {
      await writer.recordUnchanged(source, record(state?.bodyHash ?? null));
      return { source, status: 'not-modified', movedTo };
    }
    const bodyHash = preparedBodyHash(download.bodyHash, preparedAs);
    if (state?.bodyHash === bodyHash) {
      await writer.recordUnchanged(source, record(bodyHash));
      return { source, status: 'unchanged', movedTo };
    }
    const threaded = writer instanceof StoreWriterThread && writer.threaded;
    // A prepare worker sends the feed's save straight to the writer thread (forwarded-save.ts).
    const reserved = threaded
      ? writer.reserveSave(
          source,
          fetched(bodyHash),
          successSchedule(now, config.fetch, source, download.maxAge),
        )
      : null;
    let feed: PreparedFeed<ItemList>;
    try {
      // A local file has no web address: relative links stay relative, not file: URLs.
      const request: PrepareFeedRequest = {
        body: download.body,
        webUrl: download.url.startsWith('http') ? download.url : null,
        charset: download.charset,
        timeZone: source.timeZone,
        ...(source.content ? { content: source.content } : {}),
        // Items bound for the writer thread travel packed, unpacked only there (packed-items.ts).
        ...(threaded ? { packItems: true } : {}),
      };
      feed = await context.preparer.prepare(request, reserved?.save);
    } catch (error) {
      reserved?.cancel();
      throw error;
    }
    hints.feedMinutes = feed.feedMinutes;
    const { items, warnings } = feed;
    let saved: SaveFeedResult | undefined;
    if (isForwarded(items)) {
      saved = await reserved!.saved;
    } else {
      // Prepared on this thread, or by a worker with no port to the writer.
      reserved?.cancel();
      saved = await writer.saveFeed(
        source,
        { title: feed.title, link: feed.link, language: feed.language },
        items,
        record(bodyHash),
      );
    }
    return { source, status: 'ok', items: itemCount(items), warnings, movedTo, ...saved! };
  } catch (error) {
    // Not the feed's failure: recording it would blame the feed, and fail the same way.
    if (isStoreUnwritable(error)) throw error;
    const failure = asFetchError(source, error);
    const failures = (state?.consecutiveFailures ?? 0) + 1;
    await writer.recordFailure(source, {
      at,
      kind: failure.kind,
      message: failure.message,
      nextDueAt: nextDueAfterFailure(now, config.fetch, source, failures, failure.retryAfter),
      gone: failure.kind === 'gone',
    });
    return { source, status: 'failed', kind: failure.kind, error: failure.message };
  }
}

/** A feed's failure as stored and reported: its kind, and a message naming the feed. */
export function asFetchError(source: FeedSource, error: unknown): FetchError {
  if (error instanceof FetchError) return error;
  const where = describeLocation(source.location);
  if (error instanceof NotAFeedError)
    return new FetchError('not-a-feed', `${where}: ${error.message}`);
  // Anything else is a bug in Tidings; keep the run going and say what it was (as 'internal',
  // not 'network': the health page and `tidings feeds` must not blame the feed's server).
  const message = error instanceof Error ? error.message : String(error);
  return new FetchError('internal', `${where}: internal error: ${message}`);
}

/**
 * build = store → site files. It lives in site/, so `tidings build` loads no fetch or parse
 * code, and is loaded here only when called: `tidings update --no-build` never loads the site.
 */
export async function buildFromStore(
  config: Config,
  store: Store,
  options: BuildOptions = {},
): Promise<BuildReport> {
  const site = await import('./site/build-from-store.js');
  return site.buildFromStore(config, store, options);
}

import type { Config } from '../config/config.js';
import { buildFromStore, updateFeeds, type FeedOutcome } from '../pipeline.js';
import { serveFolder, type RunningServer } from '../server/static-server.js';
import type { BuildReport } from '../site/build-site.js';
import type { FeedSource } from '../sources/feed-source.js';
import { openSqliteStore } from '../store/sqlite-store.js';
import { acquireStoreLock, type StoreLock } from '../store/store-lock.js';
import type { Store } from '../store/store.js';
import { DebouncedBuilder, type DebounceSettings } from './debounced-builder.js';
import { noticeConfigEdits } from './config-file-notice.js';
import { FeedScheduler } from './feed-scheduler.js';
import { refreshStatusFile } from './status-file.js';
import { WindowClock } from './window-clock.js';
import {
  processIsGone,
  recoverInterruptedBuildLocked,
  recoverOwnBuildAtExit,
} from './interrupted-build.js';
import { BUILD_LOCK_WAIT_MS } from '../site/output-lock.js';
import type { WatchEvent, WatchListener } from './watch-events.js';
import { reprepareStoredItems } from '../reprepare-stored-items.js';
import { REPREPARE_ANNOUNCED_FROM } from '../reprepared-text.js';

export interface WatchOptions {
  debounce: DebounceSettings;
  /** How long a stop waits for fetches and a build in progress before it gives up on them (ms). */
  graceMs: number;
  serve?: { port: number; host: string };
  /**
   * How long a build, or the clean-up after a killed one at start, waits for another run
   * holding the output folder's lock (ms); default BUILD_LOCK_WAIT_MS.
   */
  lockWaitMs?: number;
  onEvent: WatchListener;
}

/** Watch could not start; the message says why (the CLI prints it and exits 1). */
export class WatchStartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WatchStartError';
  }
}

type StoppedEvent = Extract<WatchEvent, { event: 'stopped' }>;

const WATCH_COMMAND = 'tidings watch';

/**
 * `tidings watch`: holds the store's lock, fetches each feed when it is due, and rebuilds
 * the site (debounced) when items or feed health changed; optionally serves the site.
 */
export class SiteWatcher {
  private server: RunningServer | null = null;
  private stopping: Promise<StoppedEvent> | null = null;
  private stopConfigNotice: () => void = () => {};

  private constructor(
    private readonly config: Config,
    private readonly options: WatchOptions,
    private readonly lock: StoreLock,
    private readonly store: Store,
    private readonly builder: DebouncedBuilder<BuildReport>,
    private readonly status: DebouncedBuilder<void>,
    private readonly scheduler: FeedScheduler<FeedOutcome>,
    /** Rebuilds when the site's window (site.maxAgeDays) moves, at local midnight. */
    private readonly windowClock: WindowClock,
  ) {}

  /**
   * Takes the lock, builds the site once (so it reflects the store), starts serving if asked,
   * then starts fetching. A failure here (store in use, first build failed, port taken) is
   * thrown, with the lock released.
   */
  static async start(config: Config, options: WatchOptions): Promise<SiteWatcher> {
    const emit = options.onEvent;
    // Said when a build (or the clean-up) waits for a deploy reading the output folder.
    const outputLock = {
      waitMs: options.lockWaitMs ?? BUILD_LOCK_WAIT_MS,
      onNotice: (message: string) => emit({ event: 'output-lock', message }),
    };
    const lock = acquireStoreLock(config.storePath, WATCH_COMMAND);
    let store: Store | null = null;
    let server: RunningServer | null = null;
    let stopConfigNotice = () => {};
    try {
      store = openSqliteStore(config.storePath);
      const opened = store;
      const build = () => buildFromStore(config, opened, { outputLock });
      // A run killed in the middle of a build may have left its folders (or, in a very narrow
      // window, the previous site moved aside). Cleaned up holding the output folder's lock,
      // as a build does: a deploy reading the folder is waited for, not given the previous
      // site moved back under it.
      await recoverInterruptedBuildLocked(
        config.site.outputDir,
        (pid) => pid !== process.pid && processIsGone(pid),
        WATCH_COMMAND,
        outputLock,
      );
      emit({
        event: 'start',
        feeds: config.sources.length,
        config: config.path,
        pid: process.pid,
        recoveredLock: lock.recoveredFrom,
      });
      // From the start: an edit made during the first build (which can be long) counts too.
      const configPath = config.path;
      if (configPath) {
        stopConfigNotice = noticeConfigEdits(configPath, (problem) =>
          emit({ event: 'config-changed', config: configPath, problem }),
        );
      }
      const failing = new Set(
        opened
          .listFeeds()
          .filter((feed) => feed.lastError)
          .map((feed) => feed.key),
      );
      // status.json alone, after fetches that change nothing else; never during a build
      // (which writes it too): one skipped then is redone after the build.
      let statusSkipped = false;
      const afterBuild = () => {
        if (statusSkipped) status.request();
        statusSkipped = false;
      };
      const builder = new DebouncedBuilder(build, options.debounce, {
        onStart: () => emit({ event: 'build-start' }),
        onBuilt: (report) => {
          emit({ event: 'build', report });
          afterBuild();
        },
        onFailed: (error) => {
          emit({ event: 'build-failed', error: messageOf(error) });
          afterBuild();
        },
      });
      const status = new DebouncedBuilder(
        async () => {
          if (builder.building || builder.pending) statusSkipped = true;
          else refreshStatusFile(config.site.outputDir, opened, config.sources);
        },
        options.debounce,
        {
          onFailed: (error) => emit({ event: 'error', error: `status.json: ${messageOf(error)}` }),
        },
      );
      const scheduler = new FeedScheduler<FeedOutcome>({
        sources: config.sources,
        concurrency: config.fetch.concurrency,
        perHost: config.fetch.perHost,
        dueAt: (source) => dueAt(opened, source),
        fetch: (batch, onFeed) =>
          updateFeeds(config, opened, batch, {
            onFeed: (outcome) => onFeed(outcome.source, outcome),
          }),
        onFeed: (outcome) => {
          const fetched = outcome.status !== 'failed' && outcome.status !== 'skipped';
          emit({ event: 'feed', outcome, recovered: fetched && failing.has(outcome.source.key) });
          if (changesSite(outcome, failing)) builder.request();
          else if (outcome.status !== 'skipped') status.request();
        },
        onError: (error) => emit({ event: 'error', error: messageOf(error) }),
      });

      // Listening before the first build, which takes a while on a big store: a port already
      // taken stops the watch at once, and the address is printed without waiting. Until the
      // first site is there, pages say it is being built and reload when it is.
      let firstBuildRunning = true;
      if (options.serve) {
        // Live reload: open pages reload after each build (the server watches its manifest).
        server = await serveFolder(config.site.outputDir, options.serve.port, {
          host: options.serve.host,
          liveReload: true,
          building: () => firstBuildRunning,
        });
        emit({ event: 'serve', url: server.url });
      }
      // Before the first build, so that it shows them: stored items whose feed's cleaning (or
      // Tidings) changed since they were prepared, those gone from their feed included.
      await prepareStoredItemsAgain(opened, config, emit);
      // The first build is not debounced, and its failure (an output folder Tidings may not
      // replace, say) stops the watch: every later build would fail the same way.
      emit({ event: 'build-start' });
      try {
        emit({ event: 'build', report: await build() });
      } catch (error) {
        throw new WatchStartError(`the first build failed: ${messageOf(error)}`);
      } finally {
        firstBuildRunning = false;
      }
      const windowClock = new WindowClock(config.site, () => builder.request());
      const watcher = new SiteWatcher(
        config,
        options,
        lock,
        opened,
        builder,
        status,
        scheduler,
        windowClock,
      );
      watcher.server = server;
      scheduler.start();
      windowClock.start();
      watcher.stopConfigNotice = stopConfigNotice;
      return watcher;
    } catch (error) {
      stopConfigNotice();
      await server?.close();
      store?.close();
      lock.release();
      throw error;
    }
  }

  /**
   * Stops taking work, waits up to the grace period for the fetches and the build in
   * progress, then closes everything and releases the lock. Store writes are synchronous
   * transactions, so whatever is given up on leaves the store as it was after the last
   * committed feed, and an abandoned build leaves the previous site in place.
   */
  stop(signal: string): Promise<StoppedEvent> {
    this.stopping ??= this.shutDown(signal);
    return this.stopping;
  }

  private async shutDown(signal: string): Promise<StoppedEvent> {
    const emit = this.options.onEvent;
    emit({
      event: 'stopping',
      signal,
      fetching: this.scheduler.busy,
      building: this.builder.building,
      graceMs: this.options.graceMs,
    });
    this.windowClock.stop();
    this.stopConfigNotice();
    const unbuilt = this.builder.pending;
    const settled = Promise.all([this.scheduler.stop(), this.builder.stop(), this.status.stop()]);
    await Promise.race([settled, delay(this.options.graceMs)]);
    const abandoned = { fetches: this.scheduler.busy, build: this.builder.building };
    // A browser holding a connection open must not keep us waiting.
    if (this.server) await Promise.race([this.server.close(), delay(1000)]);
    if (abandoned.build) {
      const outputDir = this.config.site.outputDir;
      const recovery = recoverOwnBuildAtExit(outputDir, WATCH_COMMAND);
      if (recovery.left) emit({ event: 'build-left', outputDir, reason: recovery.reason });
    }
    // With fetches still pending the store stays open until exit (SQLite keeps every
    // committed transaction either way); closing it under them would only turn their late
    // replies into errors.
    if (abandoned.fetches === 0) this.store.close();
    this.lock.release();
    const stopped: StoppedEvent = {
      event: 'stopped',
      abandoned,
      unbuilt: unbuilt || this.builder.pending,
    };
    emit(stopped);
    return stopped;
  }
}

/** When a feed is next due (ms); null for a feed marked gone (fetched only on request). */
function dueAt(store: Store, source: FeedSource): number | null {
  const state = store.getFetchState(source.key);
  if (!state) return Date.now();
  if (state.gone) return null;
  return state.nextDueAt ? Date.parse(state.nextDueAt) : Date.now();
}

/** New or changed items, or a feed turning failing or healthy again (the health in status.json). */
function changesSite(outcome: FeedOutcome, failing: Set<string>): boolean {
  const key = outcome.source.key;
  if (outcome.status === 'failed') {
    const isNew = !failing.has(key);
    failing.add(key);
    return isNew;
  }
  if (outcome.status === 'skipped') return false;
  const recovered = failing.delete(key);
  if (outcome.status !== 'ok') return recovered;
  return recovered || outcome.added + outcome.changed + (outcome.removed ?? 0) > 0;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Prepares stored items again where their feed's preparation key changed (as tidings update
 * does before fetching). A failure (a full disk, say) is logged and the watch goes on: those
 * items keep their old cleaning, and the next fetch of their feed tries again.
 */
async function prepareStoredItemsAgain(
  store: Store,
  config: Config,
  emit: WatchListener,
): Promise<void> {
  const started = performance.now();
  let announced = false;
  try {
    const summary = await reprepareStoredItems(store, config.sources, {
      configured: config.sources,
      onProgress: (progress) => {
        if (announced) return;
        announced = true;
        if (progress.total >= REPREPARE_ANNOUNCED_FROM) {
          emit({ event: 'reprepare-start', items: progress.total });
        }
      },
    });
    if (summary.feeds > 0) {
      emit({ event: 'reprepared', summary, durationMs: performance.now() - started });
    }
  } catch (error) {
    emit({ event: 'error', error: `preparing stored items again: ${messageOf(error)}` });
  }
}

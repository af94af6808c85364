import path from 'node:path';
import { Option, type Command } from 'commander';
import { DEFAULT_CONFIG_FILE, type Config } from '../config/config.js';
import { closestKey } from '../config/known-keys.js';
import type { BuildProgress, BuildReport } from '../site/build-site.js';
import type { FeedSource } from '../sources/feed-source.js';
import type { Store } from '../store/store.js';
import { buildFromStore, updateFeeds } from '../pipeline.js';
import { refuseMissingStore } from '../site/previous-build-store.js';
import { withoutUrlSecrets } from '../site/url-secrets.js';
import { openSqliteStore } from '../store/sqlite-store.js';
import { acquireStoreLock } from '../store/store-lock.js';
import { readProxyEnvironment } from '../fetch/proxy-environment.js';
import { leftText, recoverOwnBuildAtExit } from '../watch/interrupted-build.js';
import { CommandFailure } from './command-failure.js';
import { lockNoticeOnStderr, lockWaitMs, lockWaitOption } from './lock-wait-option.js';
import { BUILD_LOCK_WAIT_MS, type OutputLockWait } from '../site/output-lock.js';
import { withProgressLine } from './progress-line.js';
import { reprepareProgress } from './reprepare-progress.js';
import { readThroughConfigCache } from './config-cache.js';
import { requireEnvironment } from './require-environment.js';
import { TerminalReporter } from './terminal-reporter.js';
import { feedLabel, JsonLinesReporter, type UpdateReporter } from './update-reporter.js';
import { runAction } from './run-action.js';

/**
 * The shared `--config` option (config-option.ts) comes with the config reader, whose YAML and
 * schema libraries an update skips when its config is cached (config-cache.ts).
 */
const configOption = new Option('-c, --config <file>', 'config file').default(DEFAULT_CONFIG_FILE);

interface UpdateOptions {
  config: string;
  build: boolean;
  only?: string;
  force?: boolean;
  json?: boolean;
  newStore?: boolean;
  lockWait: string;
}

export function registerUpdateCommand(program: Command): void {
  program
    .command('update')
    .description('fetch the feeds that are due, store new and changed items, then build the site')
    .addOption(configOption)
    .option('--force', 'fetch every feed now, due or not (also retries feeds marked gone)')
    .option(
      '--only <feed>',
      'fetch just this feed now: its name (or "category › site › name"), URL, file or RSSHub route',
    )
    .option('--no-build', 'only fetch and store; do not build the site')
    .addOption(lockWaitOption(BUILD_LOCK_WAIT_MS / 1000))
    .option('--json', 'print one JSON event per line instead of progress and a summary')
    .option(
      '--new-store',
      'start a new, empty store even though the site was built from another one (see below)',
    )
    .addHelpText(
      'after',
      `
Each feed is fetched when it is due: every fetch.interval minutes (or the feed's own
interval, <ttl> or Cache-Control max-age, bounded by fetch.minInterval/maxInterval).
Unchanged feeds cost a conditional GET (304) and no parsing. A failing feed is retried
(network errors, 5xx, 429) and then backs off; a feed answering 410 Gone is not fetched
again until you run --force or --only with it. Permanent redirects (301/308) are
followed from then on and reported.

Items seen again are updated in place, never duplicated (also under a new guid with the
same link); items that drop out of a feed stay stored, and so do the items of a feed
removed from the config (still shown on the site, and listed after the build). One failing
feed never stops the others: every failure is listed at the end.

Feeds are fetched through the proxies the environment names (https_proxy, http_proxy,
all_proxy, no_proxy, as curl reads them); localhost is always reached directly.

The config, once read and checked, is remembered while the file is unchanged, in
$XDG_CACHE_HOME/tidings (default ~/.cache/tidings; safe to delete).

Only one update or watch runs on a store at a time: a second one stops at once, naming
the run that holds the store (the lock file <store>.lock). A lock left by a run that
crashed or was killed is taken over. Ctrl-C (or SIGTERM) stops at once; every feed stored
so far stays stored, a build in progress leaves the previous site in place.

The build moves its pages in holding the output folder's lock (.<output>.tidings.lock),
which tidings deploy git holds while git reads the folder: it waits for a deploy, saying
so, up to --lock-wait seconds, then fails naming it.

When the store file does not exist but the output folder holds a site built from a store
(a typo in store:, a store moved or deleted), update refuses rather than start an empty
store and publish a site without the old items. Correct store: in the config; to start
over on purpose, run with --new-store (or delete the output folder).

Examples:
  tidings update                          fetch the feeds that are due, store, build
  tidings update --force                  fetch every feed now
  tidings update --only /sina/finance     one feed now: its name, URL, file or route
  tidings update -c ~/news/tidings.yaml   from cron: name the config

Exit codes:
  0  the run completed, even if some feeds failed (they are listed)
  1  the run could not happen: bad config or proxy variable, store in use by another run,
     store missing while the site was built from one, store cannot be opened, or written
     (a full disk: the feeds stored before stay stored), build failed
  2  usage error
  130/143  stopped by SIGINT/SIGTERM`,
    )
    .action(
      runAction(async (options: UpdateOptions) => {
        const outputLock = { waitMs: lockWaitMs(options.lockWait), onNotice: lockNoticeOnStderr };
        // Scheduled runs read an unchanged config: remembered, it costs no YAML parse, no zod.
        const config = requireEnvironment(
          await readThroughConfigCache('update-config', options.config, (c) => c),
          options.config,
        );
        const sources = selectSources(
          config.sources,
          options.only,
          path.dirname(config.path ?? path.resolve(options.config)),
        );
        if (sources.length === 0) {
          process.stderr.write(
            `tidings: ${options.config} lists no feeds yet: add them under sources: (tidings init ` +
              'writes an example), or with tidings sources import\n',
          );
        }
        const reporter: UpdateReporter = options.json
          ? new JsonLinesReporter()
          : new TerminalReporter();
        readProxyEnvironment(); // a malformed proxy variable stops the run before it starts
        if (options.newStore !== true) refuseMissingStore(config.storePath, config.site.outputDir);
        const lock = acquireStoreLock(config.storePath, 'tidings update');
        if (lock.recoveredFrom) {
          const old = lock.recoveredFrom;
          process.stderr.write(
            `tidings: took over the store lock of "${old.command}" (pid ${old.pid}, since ` +
              `${old.startedAt}), which is no longer running\n`,
          );
        }
        // Store writes are synchronous transactions, so a signal is handled between two of
        // them: exiting here loses nothing committed, and the exit releases the lock. A build
        // cut short leaves the previous site; its temporary folders are removed.
        let openedStore: Store | undefined;
        const stop = (signal: NodeJS.Signals) => {
          // The feeds reported so far, before the process goes (their lines go out in batches).
          reporter.flush();
          const recovery = recoverOwnBuildAtExit(config.site.outputDir, 'tidings update');
          // Closed, the store folds its write-ahead log back in: no -wal/-shm left beside it.
          try {
            openedStore?.close();
          } catch {
            // A query of the build in progress holds it; SQLite recovers the log at next open.
          }
          process.stderr.write(
            `tidings: stopped by ${signal}; the feeds stored so far stay stored, the site was not built` +
              (recovery.left ? `; ${leftText(recovery.reason)}\n` : '\n'),
          );
          process.exit(signal === 'SIGINT' ? 130 : 143);
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
        try {
          const store = openSqliteStore(config.storePath);
          openedStore = store;
          try {
            reporter.start(sources.length, config.path);
            // Preparing a large store's items again takes a while: shown as it goes.
            const reprepare = reprepareProgress(!options.json);
            const outcomes = await updateFeeds(config, store, sources, {
              force: options.force === true || options.only !== undefined,
              onReprepareProgress: reprepare.onProgress,
              onReprepared: (summary) => {
                reprepare.clear();
                reporter.reprepared(summary);
              },
              onFeed: (outcome) => reporter.feed(outcome),
              onHistoryKept: (moved) => reporter.historyKept(moved),
              storeFile: config.storePath,
            });
            reporter.finish(outcomes);
            if (options.build) {
              // Progress only beside the terminal reporter: --json prints events alone.
              const report = await withProgressLine(
                `Building ${config.site.outputDir}`,
                'files',
                !options.json,
                (onProgress) => buildSiteOrFail(config, store, outputLock, onProgress),
              );
              reporter.built(report);
            }
          } finally {
            reporter.flush();
            store.close();
          }
        } finally {
          lock.release();
          process.removeListener('SIGINT', stop);
          process.removeListener('SIGTERM', stop);
        }
      }),
    );
}

/** A failed build (an output folder Tidings may not replace, a full disk) is one clear line. */
async function buildSiteOrFail(
  config: Config,
  store: Store,
  outputLock: OutputLockWait,
  onProgress?: (progress: BuildProgress) => void,
): Promise<BuildReport> {
  try {
    return await buildFromStore(config, store, {
      outputLock,
      ...(onProgress ? { onProgress } : {}),
    });
  } catch (error) {
    throw new CommandFailure(
      `building the site failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

function selectSources(
  sources: FeedSource[],
  only: string | undefined,
  configDir: string,
): FeedSource[] {
  if (only === undefined) return sources;
  // A file as written in the config, or as the shell names it (from here, or absolute).
  const files = new Set([path.resolve(only), path.resolve(configDir, only)]);
  // Also as tidings feeds and the update report name it (category › site › name), and an
  // RSSHub route by the address it is fetched from, as the report shows it.
  const matches = sources.filter(
    (source) =>
      source.name === only ||
      feedLabel(source) === only ||
      source.key === only ||
      source.key.slice(source.key.indexOf(':') + 1) === only ||
      (source.location.kind === 'url' &&
        (source.location.url === only || withoutUrlSecrets(source.location.url) === only)) ||
      (source.location.kind === 'file' && files.has(source.location.path)),
  );
  if (matches.length === 0) {
    const meant = closestKey(
      only,
      sources.map((source) => source.name),
    );
    throw new CommandFailure(
      `--only ${only}: no feed by that name, URL, file or route in the config` +
        (meant ? ` (did you mean "${meant}"?)` : ''),
    );
  }
  return matches;
}

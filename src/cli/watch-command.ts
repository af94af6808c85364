import type { Command } from 'commander';
import { refuseMissingStore } from '../site/previous-build-store.js';
import { SiteWatcher, WatchStartError } from '../watch/site-watcher.js';
import { jsonWatchLog, textWatchLog } from '../watch/watch-log.js';
import { CommandFailure } from './command-failure.js';
import { configOption, loadConfigFrom } from './config-option.js';
import { readProxyEnvironment } from '../fetch/proxy-environment.js';
import { requireEnvironment } from './require-environment.js';
import { isListenError, listenFailure, parsePort } from './listen-options.js';
import { EXIT_USAGE, runAction } from './run-action.js';
import { lockWaitMs, lockWaitOption } from './lock-wait-option.js';
import { BUILD_LOCK_WAIT_MS } from '../site/output-lock.js';

interface WatchCommandOptions {
  config: string;
  serve?: boolean;
  port: string;
  host: string;
  debounce: string;
  maxWait: string;
  grace: string;
  json?: boolean;
  verbose?: boolean;
  newStore?: boolean;
  lockWait: string;
}

/** After the grace period, this much more for closing up before the watchdog exits anyway. */
const WATCHDOG_SLACK_MS = 3000;

export function registerWatchCommand(program: Command): void {
  program
    .command('watch')
    .description('keep running: fetch each feed when it is due and rebuild the site after changes')
    .addOption(configOption)
    .option('--serve', 'also serve the site on localhost (like tidings serve)')
    .option('-p, --port <port>', 'port for --serve (0 picks a free one)', '4000')
    .option('--host <host>', 'address for --serve', '127.0.0.1')
    .option('--debounce <seconds>', 'build once no feed changed for this long', '2')
    .option('--max-wait <seconds>', 'but at most this long after the first unbuilt change', '30')
    .option('--grace <seconds>', 'on SIGINT/SIGTERM, wait this long for work in progress', '10')
    .addOption(lockWaitOption(BUILD_LOCK_WAIT_MS / 1000))
    .option('--json', 'print one JSON event per line on stdout instead of the log on stderr')
    .option('--verbose', 'also log fetches that found nothing new, and each build start')
    .option(
      '--new-store',
      'start a new, empty store even though the site was built from another one (see below)',
    )
    .addHelpText(
      'after',
      `
Builds the site once at start (after preparing stored items again where a feed's
cleaning or Tidings changed, as tidings update does), then fetches each feed when it is
due (the same schedule and failure backoff as tidings update: fetch.interval, the feed's
own interval, <ttl> or max-age, 1×, 2×, 4× … the interval after failures) and rebuilds
the site when items or a feed's health changed. A burst of changes gives one build: the
build waits until no feed changed for --debounce seconds, but never more than --max-wait
seconds. Feeds are fetched fetch.concurrency at a time (fetch.perHost per host), each on
its own: a feed that hangs holds one slot until fetch.timeout and never delays the others.
Config changes need a restart: an edit of the config file is logged (with what is wrong,
if the edited file cannot be used), and this run goes on with the config it started with.

With --serve it listens before the first build: the address shows at once, and a port
already taken stops it before any work. Pages reload after each build that changed
something; while the first build runs, a page not built yet says so and reloads when done.

Builds move their pages in holding the output folder's lock (.<output>.tidings.lock), which
tidings deploy git holds while git reads the folder: a build waits for a deploy, saying so,
up to --lock-wait seconds (then it fails, and the next change retries). So does the clean-up
at start after a build that was killed; a build given up at a stop while a deploy holds the
lock leaves its temporary folders for the next build, and says so.

Only one watch or update runs on a store at a time (the lock file <store>.lock): a second
one stops at once, naming the holder. A lock left by a crashed or killed run is taken over.
As with update, a store file that does not exist while the output folder holds a site built
from a store (a typo in store:) is refused; --new-store starts an empty one on purpose.

Stopping: on SIGINT (Ctrl-C) or SIGTERM it starts no new fetch or build, waits up to
--grace seconds for the fetches and the build in progress, and exits 0. Work still running
then is dropped safely: each feed is stored in one transaction, and a build writes to a
temporary folder, so the store keeps every committed feed and the previous site stays in
place. The process exits at most --grace + 3 seconds after the signal; a second signal
exits at once.

Examples:
  tidings watch --serve               fetch when due, rebuild, preview on :4000
  tidings watch --json >> watch.log   as a service: one JSON event per line

Exit codes:
  0  stopped by SIGINT or SIGTERM
  1  could not start: bad config, store in use by another run, store missing while the
     site was built from one, store cannot be opened, the first build failed, the --serve
     port is taken, the output folder still in use by another run after --lock-wait; or, later, its log or --json events could no longer be written (the
     pipe they go into was closed), so that a supervisor starts it again
  2  usage error
  130/143  stopped at once by a second SIGINT/SIGTERM`,
    )
    .action(
      runAction(async (options: WatchCommandOptions) => {
        const debounce = seconds('--debounce', options.debounce);
        const maxWait = seconds('--max-wait', options.maxWait);
        const grace = seconds('--grace', options.grace);
        const lockWait = lockWaitMs(options.lockWait);
        const port = parsePort(options.port);
        const config = requireEnvironment(loadConfigFrom(options), options.config);
        readProxyEnvironment(); // a malformed proxy variable stops watch before it starts
        if (options.newStore !== true) refuseMissingStore(config.storePath, config.site.outputDir);
        const onEvent = options.json
          ? jsonWatchLog(process.stdout)
          : textWatchLog(process.stderr, options.verbose === true);

        // Signals are caught from the start: one during the first build stops right after it.
        let signalled: NodeJS.Signals | null = null;
        let watcher: SiteWatcher | null = null;
        const onSignal = (signal: NodeJS.Signals) => {
          if (signalled) {
            // A second signal: without a word, the run just vanished mid-wait.
            process.stderr.write(
              `tidings: stopped at once by a second ${signal}; every feed stored so far stays ` +
                'stored, and the site as last built\n',
            );
            process.exit(signal === 'SIGINT' ? 130 : 143);
          }
          signalled = signal;
          // The bound on exit, whatever hangs: the lock is released by the exit handler.
          setTimeout(() => process.exit(0), grace * 1000 + WATCHDOG_SLACK_MS).unref();
          if (watcher) void watcher.stop(signal).then(() => process.exit(0));
        };
        process.on('SIGINT', onSignal);
        process.on('SIGTERM', onSignal);

        try {
          watcher = await SiteWatcher.start(config, {
            debounce: { quietMs: debounce * 1000, maxWaitMs: Math.max(debounce, maxWait) * 1000 },
            graceMs: grace * 1000,
            lockWaitMs: lockWait,
            ...(options.serve ? { serve: { port, host: options.host } } : {}),
            onEvent,
          });
        } catch (error) {
          process.removeListener('SIGINT', onSignal);
          process.removeListener('SIGTERM', onSignal);
          if (error instanceof WatchStartError) throw new CommandFailure(error.message);
          if (isListenError(error)) throw listenFailure(error, options.host, port);
          throw error;
        }
        if (signalled) await watcher.stop(signalled).then(() => process.exit(0));
        // Runs until a signal: the scheduler's timers keep the process alive.
      }),
    );
}

function seconds(option: string, value: string): number {
  const number = Number(value);
  if (value.trim() === '' || !Number.isFinite(number) || number < 0 || number > 86400) {
    throw new CommandFailure(
      `${option} ${value}: expected a number of seconds, 0–86400`,
      EXIT_USAGE,
    );
  }
  return number;
}

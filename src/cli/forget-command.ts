import type { Command } from 'commander';
import { openExistingStore } from '../store/open-existing-store.js';
import { acquireStoreLock } from '../store/store-lock.js';
import { historyHeirs } from '../store/moved-feed-history.js';
import type { FeedSource } from '../sources/feed-source.js';
import type { StoredFeed } from '../store/store.js';
import { CommandFailure } from './command-failure.js';
import { configOption, loadConfigFrom } from './config-option.js';
import { EXIT_USAGE, runAction } from './run-action.js';
import { feedLabel } from './update-reporter.js';

interface ForgetOptions {
  config: string;
  allRemoved?: boolean;
  dryRun?: boolean;
}

export function registerForgetCommand(program: Command): void {
  program
    .command('forget')
    .description('delete feeds no longer in the config, with all their stored items')
    .argument('[feed...]', 'a feed taken out of the config: its key or "category › site › name"')
    .addOption(configOption)
    .option('--all-removed', 'every stored feed that is not in the config')
    .option('-n, --dry-run', 'only say what would be deleted')
    .addHelpText(
      'after',
      `
The store keeps a feed's items after the feed is taken out of the config (the site keeps
showing them: full history). To drop them, take the feed out of the config, then forget it:
tidings feeds lists such feeds under "not in the config", with their keys. The feed and its
items are deleted from the store in one transaction; the next "tidings build" or "update"
takes their pages off the site (and "tidings export hexo" their posts). A feed still in the
config cannot be forgotten: it would come back at the next update. Nor can a removed feed
whose address, or the address it moved to, a configured feed now has: the next update moves
its history to that feed (--all-removed keeps such feeds and says so).

Examples:
  tidings forget "file:feeds/old.xml"
  tidings forget "财经 › 旧站 › 要闻"
  tidings forget --all-removed --dry-run

Exit codes: 0 done (or nothing to forget); 1 bad config, no store, store in use, a feed not
stored, still in the config or whose history a configured feed takes over (nothing is
deleted then); 2 usage error.`,
    )
    .action(
      runAction((names: string[], options: ForgetOptions) => {
        if (names.length === 0 && !options.allRemoved) {
          throw new CommandFailure(
            'name the feeds to forget (tidings feeds lists those not in the config), or use --all-removed',
            EXIT_USAGE,
          );
        }
        const config = loadConfigFrom(options);
        const lock = acquireStoreLock(config.storePath, 'tidings forget');
        try {
          const store = openExistingStore(config.storePath);
          try {
            const configured = new Set(config.sources.map((source) => source.key));
            // label → the key of a configured feed with it
            const configuredLabels = new Map(
              config.sources.map((source) => [feedLabel(source), source.key]),
            );
            const stored = store.listFeeds();
            // A removed feed whose address a configured feed now has: the next update moves its
            // history to that feed, so forgetting it would delete what the user kept.
            const heirs = historyHeirs(config.sources, stored);
            const removed = stored.filter((feed) => !configured.has(feed.key));
            const chosen = options.allRemoved
              ? removed.filter((feed) => !heirs.has(feed.key))
              : names.map((name) => {
                  const feed = chooseFeed(name, stored, removed, configured, configuredLabels);
                  const heir = heirs.get(feed.key);
                  if (heir) throw new CommandFailure(heirFailure(name.trim(), heir));
                  return feed;
                });
            if (options.allRemoved) {
              for (const feed of removed) {
                const heir = heirs.get(feed.key);
                if (!heir) continue;
                process.stdout.write(
                  `kept ${feedLabel(feed)} (${feed.key}): ${feedLabel(heir)} (${heir.key}) takes over its ${feed.itemCount} item(s) at the next update\n`,
                );
              }
            }
            if (chosen.length === 0) {
              process.stdout.write(
                removed.length === 0
                  ? 'Every stored feed is in the config: nothing to forget.\n'
                  : 'Nothing to forget.\n',
              );
              return;
            }
            let total = 0;
            for (const feed of new Set(chosen)) {
              const count = options.dryRun ? feed.itemCount : (store.forgetFeed(feed.key) ?? 0);
              total += count;
              const verb = options.dryRun ? 'would forget' : 'forgot';
              process.stdout.write(`${verb} ${feedLabel(feed)} (${feed.key}): ${count} item(s)\n`);
            }
            process.stdout.write(
              options.dryRun
                ? `Nothing deleted (--dry-run); ${total} item(s) would go.\n`
                : `${total} item(s) deleted. Run "tidings build" to take them off the site.\n`,
            );
          } finally {
            store.close();
          }
        } finally {
          lock.release();
        }
      }),
    );
}

/** Why a feed whose history a configured feed takes over is not forgotten, and what to do. */
function heirFailure(name: string, heir: FeedSource): string {
  return (
    `${name}: the configured feed ${feedLabel(heir)} (${heir.key}) is at this feed's address ` +
    'or where it moved, and takes over its history at the next update. To drop that history ' +
    'instead, take that feed out of the config too, forget this one, then put it back. ' +
    'Nothing was deleted'
  );
}

/** The stored feed a name means; a clear failure when it is unknown or still configured. */
function chooseFeed(
  name: string,
  stored: readonly StoredFeed[],
  removed: readonly StoredFeed[],
  configured: ReadonlySet<string>,
  configuredLabels: ReadonlyMap<string, string>,
): StoredFeed {
  const wanted = name.trim();
  const byLabel = removed.filter((feed) => feedLabel(feed) === wanted);
  const configuredKey = configuredLabels.get(wanted);
  // A feed moved to a new address under its name: "take it out of the config" would be
  // the wrong advice, as the configured feed is not the one the user sees as removed.
  if (configuredKey !== undefined && byLabel.length > 0) {
    throw new CommandFailure(
      `${wanted}: names a feed still in the config (${configuredKey}) and one taken out of it; to forget that one, name it by its key: ${byLabel.map((feed) => feed.key).join(', ')}. Nothing was deleted`,
    );
  }
  if (configured.has(wanted) || configuredKey !== undefined) {
    throw new CommandFailure(
      `${wanted}: still in the config; take it out of the config first (else the next update brings it back). Nothing was deleted`,
    );
  }
  const byKey = stored.find((feed) => feed.key === wanted);
  if (byKey) return byKey;
  if (byLabel.length === 1) return byLabel[0]!;
  if (byLabel.length > 1) {
    throw new CommandFailure(
      `${wanted}: ${byLabel.length} stored feeds have this name; name one by its key: ${byLabel.map((feed) => feed.key).join(', ')}. Nothing was deleted`,
    );
  }
  const known =
    removed.length === 0
      ? 'every stored feed is in the config'
      : `feeds not in the config: ${removed.map((feed) => `${feedLabel(feed)} (${feed.key})`).join('; ')}`;
  throw new CommandFailure(`${wanted}: no such feed in the store (${known}). Nothing was deleted`);
}

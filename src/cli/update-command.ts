import type { Command } from 'commander';
import type { FeedSource } from '../sources/feed-source.js';
import { buildFromStore, updateFeeds, type FeedOutcome } from '../pipeline.js';
import { openSqliteStore } from '../store/sqlite-store.js';
import { CommandFailure } from './command-failure.js';
import { configOption, loadConfigFrom } from './config-option.js';
import { printBuildReport } from './print-build-report.js';
import { runAction } from './run-action.js';

interface UpdateOptions {
  config: string;
  build: boolean;
  only?: string;
}

export function registerUpdateCommand(program: Command): void {
  program
    .command('update')
    .description('fetch every feed, store new and changed items, then build the site')
    .addOption(configOption)
    .option('--no-build', 'only fetch and store; do not build the site')
    .option('--only <feed>', 'update one feed, named as in the config or by its URL/file/route')
    .addHelpText(
      'after',
      `
Items seen again are updated in place, never duplicated; items that drop out of a feed
stay stored. A feed that fails is reported with its reason and the others go on.

Exit codes:
  0  the run completed, even if some feeds failed (they are listed)
  1  the run could not happen: bad config, store cannot be opened, build failed`,
    )
    .action(
      runAction(async (options: UpdateOptions) => {
        const config = loadConfigFrom(options);
        const sources = selectSources(config.sources, options.only);
        const store = openSqliteStore(config.storePath);
        try {
          process.stdout.write(`Updating ${sources.length} feed(s) from ${config.path}\n`);
          const outcomes = await updateFeeds(config, store, sources, { onFeed: printOutcome });
          printSummary(outcomes);
          if (options.build)
            printBuildReport(await buildFromStore(config, store), config.site.outputDir);
        } finally {
          store.close();
        }
      }),
    );
}

function selectSources(sources: FeedSource[], only: string | undefined): FeedSource[] {
  if (only === undefined) return sources;
  const matches = sources.filter(
    (source) =>
      source.name === only ||
      source.key === only ||
      source.key.slice(source.key.indexOf(':') + 1) === only,
  );
  if (matches.length === 0)
    throw new CommandFailure(
      `--only ${only}: no feed by that name, URL, file or route in the config`,
    );
  return matches;
}

function feedLabel(source: FeedSource): string {
  return `${source.category} › ${source.site} › ${source.name}`;
}

function printOutcome(outcome: FeedOutcome): void {
  if (outcome.status === 'failed') {
    process.stdout.write(`  FAIL  ${feedLabel(outcome.source)}: ${outcome.error}\n`);
    return;
  }
  const parts = [`${outcome.items} item(s)`, `${outcome.added} new`];
  if (outcome.changed > 0) parts.push(`${outcome.changed} changed`);
  process.stdout.write(`  ok    ${feedLabel(outcome.source)}: ${parts.join(', ')}\n`);
  for (const warning of outcome.warnings) {
    process.stdout.write(`        warning: ${warning}\n`);
  }
}

function printSummary(outcomes: FeedOutcome[]): void {
  let added = 0;
  let changed = 0;
  let unchanged = 0;
  const failed = outcomes.filter((outcome) => outcome.status === 'failed');
  for (const outcome of outcomes) {
    if (outcome.status !== 'ok') continue;
    added += outcome.added;
    changed += outcome.changed;
    unchanged += outcome.unchanged;
  }
  process.stdout.write(
    `Stored ${added} new, ${changed} changed, ${unchanged} unchanged item(s); ` +
      `${outcomes.length - failed.length} of ${outcomes.length} feed(s) ok` +
      (failed.length > 0 ? `, ${failed.length} failed:\n` : '.\n'),
  );
  for (const outcome of failed) {
    process.stdout.write(`  - ${feedLabel(outcome.source)}: ${outcome.error}\n`);
  }
}

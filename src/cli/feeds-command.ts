import type { Command } from 'commander';
import {
  computeSiteStatus,
  feedHealth,
  type FeedHealth,
  type SiteStatus,
} from '../site/site-status.js';
import type { StoredFeed } from '../store/store.js';
import { historyHeirs } from '../store/moved-feed-history.js';
import { openStoreOrEmpty } from '../store/open-existing-store.js';
import { configOption, loadConfigFrom } from './config-option.js';
import { feedLabel } from './update-reporter.js';
import { runAction } from './run-action.js';
import { jsonWithoutUrlSecrets, withoutUrlSecrets } from '../site/url-secrets.js';
import { displayWidth } from './display-width.js';

export type { FeedHealth };

export interface FeedStatusRow {
  feed: string;
  label: string;
  /** `removed`: stored, but no longer in the config (its items stay until `tidings forget`). */
  health: FeedHealth | 'removed';
  items: number;
  lastSuccessAt: string | null;
  nextDueAt: string | null;
  consecutiveFailures: number;
  lastError: string | null;
  movedTo: string | null;
  /** For a removed feed: the configured feed that takes over its history at the next update. */
  historyTo?: string;
}

export function registerFeedsCommand(program: Command): void {
  program
    .command('feeds')
    .description(
      'list every feed in the config with its health: last success, last error, next fetch',
    )
    .addOption(configOption)
    .option('--json', 'print the list as JSON')
    .addHelpText(
      'after',
      `
Ends with the summary the site publishes as status.json: feeds ok / failing / gone /
never fetched, items stored, and when the last update ran.

Examples:
  tidings feeds
  tidings feeds --json   for scripts: one object per feed, with its health

Exit codes: 0 listed (even if feeds are failing); 1 bad config or unreadable store;
2 usage error.`,
    )
    .action(
      runAction((options: { config: string; json?: boolean }) => {
        const config = loadConfigFrom(options);
        const store = openStoreOrEmpty(config.storePath);
        let stored: StoredFeed[];
        try {
          stored = store.listFeeds();
        } finally {
          store.close();
        }
        const byKey = new Map(stored.map((feed) => [feed.key, feed]));
        const rows = config.sources.map((source): FeedStatusRow => {
          const feed = byKey.get(source.key);
          return {
            feed: source.key,
            label: feedLabel(source),
            health: feedHealth(feed),
            items: feed?.itemCount ?? 0,
            lastSuccessAt: feed?.lastSuccessAt ?? null,
            nextDueAt: feed?.nextDueAt ?? null,
            consecutiveFailures: feed?.consecutiveFailures ?? 0,
            lastError: feed?.lastError ?? null,
            movedTo: feed?.movedTo ?? null,
          };
        });
        const configured = new Set(config.sources.map((source) => source.key));
        const heirs = historyHeirs(config.sources, stored);
        const removed = stored
          .filter((feed) => !configured.has(feed.key))
          .map((feed): FeedStatusRow => ({
            feed: feed.key,
            label: feedLabel(feed),
            health: 'removed',
            items: feed.itemCount,
            lastSuccessAt: feed.lastSuccessAt,
            nextDueAt: null,
            consecutiveFailures: feed.consecutiveFailures,
            lastError: feed.lastError,
            movedTo: feed.movedTo,
            ...(heirs.has(feed.key) ? { historyTo: heirs.get(feed.key)!.key } : {}),
          }));
        if (options.json) {
          process.stdout.write(
            JSON.stringify([...rows, ...removed], jsonWithoutUrlSecrets, 2) + '\n',
          );
          return;
        }
        const status = computeSiteStatus(
          stored,
          config.sources.map((source) => source.key),
        );
        printTable(rows, new Date());
        printRemoved(removed);
        printSummary(status, new Date(), config.site.maxAgeDays);
      }),
    );
}

function printTable(rows: FeedStatusRow[], now: Date): void {
  const out = process.stdout;
  if (rows.length === 0) {
    out.write('No feeds in the config.\n');
    return;
  }
  const header = ['HEALTH', 'FEED', 'ITEMS', 'LAST SUCCESS', 'NEXT', 'FAILS'];
  // Two feeds may share a name in one site: their keys tell which is failing.
  const labelCount = new Map<string, number>();
  for (const row of rows) labelCount.set(row.label, (labelCount.get(row.label) ?? 0) + 1);
  const table = rows.map((row) => [
    row.health,
    (labelCount.get(row.label) ?? 0) > 1
      ? `${row.label} (${withoutUrlSecrets(row.feed)})`
      : row.label,
    String(row.items),
    row.lastSuccessAt ? relativeTime(row.lastSuccessAt, now) : '-',
    row.health === 'gone' ? 'on --force' : row.nextDueAt ? relativeTime(row.nextDueAt, now) : 'now',
    String(row.consecutiveFailures),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((r) => displayWidth(r[i]!))));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c + ' '.repeat(widths[i]! - displayWidth(c)))
      .join('  ')
      .trimEnd();
  out.write(line(header) + '\n');
  rows.forEach((row, i) => {
    out.write(line(table[i]!) + '\n');
    if (row.lastError) out.write(`    last error: ${withoutUrlSecrets(row.lastError)}\n`);
    if (row.movedTo) out.write(`    moved to: ${withoutUrlSecrets(row.movedTo)}\n`);
  });
}

/** Stored feeds taken out of the config: still on the site, until forgotten. */
function printRemoved(removed: FeedStatusRow[]): void {
  if (removed.length === 0) return;
  const out = process.stdout;
  out.write(
    `\nNot in the config any more: ${removed.length} stored feed(s), whose items stay on the site.\n` +
      'To delete one with its items: tidings forget KEY (or --all-removed for all).\n',
  );
  for (const row of removed) {
    out.write(`  ${row.label}  ${row.items} item(s)  key ${row.feed}\n`);
    if (row.historyTo) {
      out.write(`    the next update moves its history to ${withoutUrlSecrets(row.historyTo)}\n`);
    }
  }
}

/**
 * The same numbers as the site's status.json, and the site's window when it has one (the items
 * counted here are the stored ones; the site may show fewer).
 */
function printSummary(status: SiteStatus, now: Date, maxAgeDays: number): void {
  const { feeds } = status;
  if (feeds.total === 0) return;
  process.stdout.write(
    `${feeds.total} feed(s), ${feeds.failing + feeds.gone} failing or gone. ` +
      `${feeds.ok} ok, ${feeds.failing} failing, ${feeds.gone} gone, ` +
      `${feeds.neverFetched} never fetched; ${status.items.total} item(s) stored.\n` +
      `Last update: ${status.lastUpdateAt ? `${relativeTime(status.lastUpdateAt, now)} (${status.lastUpdateAt})` : 'never'}; ` +
      `last success: ${status.lastSuccessAt ? relativeTime(status.lastSuccessAt, now) : 'never'}.\n` +
      (maxAgeDays > 0
        ? `The site shows the items of the last ${maxAgeDays} day(s) (site.maxAgeDays); the store keeps all.\n`
        : ''),
  );
}

/** "5 min ago", "in 2 h": enough to see at a glance whether a feed is healthy. */
function relativeTime(iso: string, now: Date): string {
  const difference = Date.parse(iso) - now.getTime();
  // The sign of the exact difference: a time 0.3 s ago rounds to -0 s and is still "ago".
  const size = Math.round(Math.abs(difference) / 1000);
  const text =
    size < 90
      ? `${size} s`
      : size < 5400
        ? `${Math.round(size / 60)} min`
        : size < 129600
          ? `${Math.round(size / 3600)} h`
          : `${Math.round(size / 86400)} d`;
  return difference < 0 ? `${text} ago` : `in ${text}`;
}

import type { Command } from 'commander';
import { InvalidArgumentError, Option } from 'commander';
import { ManifestError } from '../export/export-manifest.js';
import { ExportError, exportHexo, type HexoExportReport } from '../export/export-hexo.js';
import type { HexoTemplate } from '../export/hexo-post.js';
import { openExistingStore } from '../store/open-existing-store.js';
import { CommandFailure } from './command-failure.js';
import { placeFeeds } from '../store/feed-places.js';
import { latestPerFeed } from '../export/latest-per-feed.js';
import { configOption, loadConfigFrom } from './config-option.js';
import { withProgressLine } from './progress-line.js';
import { runAction } from './run-action.js';

interface HexoOptions {
  config: string;
  out: string;
  template: HexoTemplate;
  latest?: number;
  json?: boolean;
}

export function registerExportCommand(program: Command): void {
  const exportCommand = program
    .command('export')
    .description('write the stored items in another format (Hexo posts)');
  exportCommand
    .command('hexo')
    .description(
      'write every stored item as a Hexo post, in the format of the old RSSHub → Hexo script',
    )
    .addOption(configOption)
    .requiredOption(
      '-o, --out <dir>',
      "the Hexo site's posts folder, e.g. blog/source/_posts",
      postsFolder,
    )
    .addOption(
      new Option('--template <layout>', 'post layout of the old script: current, or 2018')
        .choices(['current', '2018'])
        .default('current'),
    )
    .option(
      '--latest <n>',
      "only each feed's N newest items (the old script wrote 20); older posts the export wrote are removed",
      positiveCount,
    )
    .option('--json', 'print the report as JSON')
    .addHelpText(
      'after',
      `
Each item becomes <dir>/<category>/<site>/<feed>/<title>.md with the old script's front
matter (title, categories, headimg, author, comments, date, thumbnail) and body, byte for
byte, except for the fixes listed in the README (e.g. file names valid on Windows).

The export is incremental: unchanged posts are not rewritten; posts of items no longer
stored (retention), or past --latest, are removed. Only files the export wrote are ever removed: it lists
them in <dir>/.tidings-hexo-export.json. A post edited since it was written is left in
place and reported; one a Hexo plugin only re-spelled (hexo-abbrlink's abbrlink:) is
still the export's. A file not in that list that already holds the very post (e.g. the
old script's) is taken over rather than duplicated. Nothing is written outside <dir>.

On a terminal, a progress line counts the posts as they are written.

Then run \`hexo generate\` in the Hexo site as before.

Examples:
  tidings export hexo --out blog/source/_posts
  tidings export hexo --out blog/source/_posts --template 2018
  tidings export hexo --out blog/source/_posts --latest 20   as the old script: 20 a feed

Exit codes: 0 exported; 1 bad config, no store yet or an unreadable one, or some posts
could not be written or removed (listed); 2 usage error.`,
    )
    .action(
      runAction(async (options: HexoOptions) => {
        const config = loadConfigFrom(options);
        const store = openExistingStore(config.storePath);
        let report: HexoExportReport;
        try {
          // Reading every item and rendering its post come first: the line shows at once.
          report = await withProgressLine(
            `Exporting to ${options.out}`,
            'posts',
            !options.json,
            (onProgress) =>
              // One read transaction: the export reads the items twice (to plan the posts'
              // names, then to write them) and must see the same items both times.
              store.inOneTransaction(() =>
                // Posts sit where the config puts their feed now, fetched since or not.
                exportHexo(
                  options.out,
                  placeFeeds(store.listFeeds(), config.sources).feeds,
                  {
                    [Symbol.iterator]: () =>
                      options.latest === undefined
                        ? store.iterateItems()
                        : latestPerFeed(store.iterateItems(), options.latest),
                  },
                  {
                    template: options.template,
                    ...(onProgress ? { onProgress } : {}),
                  },
                ),
              ),
          );
        } catch (error) {
          if (error instanceof ExportError || error instanceof ManifestError) {
            throw new CommandFailure(error.message);
          }
          throw error;
        } finally {
          store.close();
        }
        printReport(options, report);
        if (report.failed.length > 0) {
          throw new CommandFailure(
            `${report.failed.length} post(s) could not be written or removed`,
          );
        }
      }),
    );
}

function printReport(options: HexoOptions, report: HexoExportReport): void {
  if (options.json) {
    const json = { ...report, fixes: Object.fromEntries(report.fixes) };
    process.stdout.write(JSON.stringify(json, null, 2) + '\n');
    return;
  }
  const lines = [
    `Exported ${report.posts} post(s) to ${options.out}: ${report.written.length} written, ` +
      `${report.unchanged} unchanged, ${report.removed.length} removed`,
  ];
  if (report.fixes.size > 0) {
    const fixes = [...report.fixes].map(([fix, n]) => `${fix} ${n}`).join(', ');
    lines.push(`  departures from the old format (see README): ${fixes}`);
  }
  if (report.adopted.length > 0) {
    lines.push(
      `  took over ${report.adopted.length} post(s) not in the export's list that held the same post (e.g. the old script's)`,
    );
  }
  for (const relative of report.keptEdited) {
    lines.push(`  kept ${relative}: its item is gone, but the file was edited since the export`);
  }
  for (const skipped of report.skipped) {
    lines.push(`  SKIPPED "${skipped.title}": ${skipped.reason}`);
  }
  for (const failed of report.failed) lines.push(`  FAILED ${failed.path}: ${failed.message}`);
  process.stdout.write(lines.join('\n') + '\n');
}

function positiveCount(value: string): number {
  const count = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(count) || count < 1) {
    throw new InvalidArgumentError('expected a whole number of posts per feed, 1 or more');
  }
  return count;
}

/** An empty --out (an unset variable in a script) would export into the working folder. */
function postsFolder(value: string): string {
  if (value.trim() === '') {
    throw new InvalidArgumentError(
      "empty; name the Hexo site's posts folder, e.g. blog/source/_posts",
    );
  }
  return value;
}

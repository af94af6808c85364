import { Option, type Command } from 'commander';
import { DEFAULT_CONFIG_FILE } from '../config/config.js';
import { buildFromStore } from '../site/build-from-store.js';
import type { BuildReport } from '../site/build-site.js';
import { openExistingStore } from '../store/open-existing-store.js';
import { leftText, recoverOwnBuildAtExit } from '../watch/interrupted-build.js';
import { withProgressLine } from './progress-line.js';
import { lockNoticeOnStderr, lockWaitMs, lockWaitOption } from './lock-wait-option.js';
import { BUILD_LOCK_WAIT_MS } from '../site/output-lock.js';
import { loadBuildSettings } from './build-settings.js';
import { printBuildReport } from './print-build-report.js';
import { runAction } from './run-action.js';

/**
 * The shared `--config` option (config-option.ts) comes with the config reader, whose YAML and
 * schema libraries a build skips when its settings are cached (build-settings.ts).
 */
const configOption = new Option('-c, --config <file>', 'config file').default(DEFAULT_CONFIG_FILE);

export function registerBuildCommand(program: Command): void {
  program
    .command('build')
    .description('build the site from the stored items into the output folder (no fetching)')
    .addOption(configOption)
    .option(
      '--full',
      'render every page again instead of only those whose inputs changed (after editing files in the output by hand)',
    )
    .addOption(lockWaitOption(BUILD_LOCK_WAIT_MS / 1000))
    .addHelpText(
      'after',
      '\nIncremental: the output folder keeps a manifest of every page and what it was made from,\n' +
        'so a rebuild renders only pages whose items, neighbours or settings changed; with nothing\n' +
        'changed (same stored items and feeds, config, static files and Tidings version) it stops\n' +
        'before reading any item and writes nothing. Pages are staged beside the output and moved\n' +
        'in only when all are written, so a failed build leaves the previous site intact.\n' +
        'Item cards and feed entries are kept for the next build beside the output folder, in\n' +
        '.<output>.tidings.fragments (not part of the site; safe to delete; --full ignores it).\n' +
        'The site settings read from the config are remembered while the file is unchanged, in\n' +
        '$XDG_CACHE_HOME/tidings (default ~/.cache/tidings; safe to delete).\n' +
        'On a terminal, a progress line counts the files as they are written.\n' +
        'With site.maxAgeDays set, the site shows the items of the last N days (the store keeps\n' +
        'every item), and the report ends with that window.\n' +
        "Pages are moved in holding the output folder's lock (.<output>.tidings.lock), which\n" +
        'tidings deploy git holds while git reads the folder: the build waits for a deploy,\n' +
        'saying so, up to --lock-wait seconds, then fails naming it.\n' +
        'Feeds sit where the config puts them now. A feed removed from the config keeps its\n' +
        'items in the store and on the site, at its last place; the report lists such feeds.\n' +
        '\nExamples:\n' +
        '  tidings build          after a change of site: settings, or of the tree\n' +
        '  tidings build --full   after editing files in the output by hand\n' +
        '\nExit codes: 0 built; 1 bad config, no store yet (run tidings update first) or an\n' +
        'unreadable one, a write failure, or the output folder still in use by another run\n' +
        'after --lock-wait seconds; 2 usage error.',
    )
    .action(
      runAction(async (options: { config: string; full?: boolean; lockWait: string }) => {
        const waitMs = lockWaitMs(options.lockWait);
        const config = await loadBuildSettings(options.config);
        const store = openExistingStore(config.storePath);
        // Without this, Ctrl-C or SIGTERM ended the build without a word, its staging folder
        // (a whole site, for a full build) left beside the output until the next build.
        const stop = (signal: NodeJS.Signals) => {
          const recovery = recoverOwnBuildAtExit(config.site.outputDir, 'tidings build');
          process.stderr.write(
            // A new line first ends the progress line on a terminal.
            `${process.stderr.isTTY ? '\n' : ''}tidings: stopped by ${signal}; ` +
              (recovery.left
                ? `the site was not built, the previous one stays in place; ${leftText(recovery.reason)}\n`
                : recovery.moving
                  ? 'the new pages were being moved in: the next build finishes the move\n'
                  : 'the site was not built, the previous one stays in place\n'),
          );
          process.exit(signal === 'SIGINT' ? 130 : 143);
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
        let report: BuildReport;
        try {
          report = await withProgressLine(
            `Building ${config.site.outputDir}`,
            'files',
            true,
            (onProgress) =>
              buildFromStore(config, store, {
                full: options.full ?? false,
                outputLock: { waitMs, onNotice: lockNoticeOnStderr },
                ...(onProgress ? { onProgress } : {}),
              }),
          );
        } finally {
          process.removeListener('SIGINT', stop);
          process.removeListener('SIGTERM', stop);
          store.close();
        }
        printBuildReport(report);
      }),
    );
}

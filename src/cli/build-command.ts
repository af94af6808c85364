import type { Command } from 'commander';
import { buildFromStore } from '../pipeline.js';
import { openSqliteStore } from '../store/sqlite-store.js';
import { configOption, loadConfigFrom } from './config-option.js';
import { printBuildReport } from './print-build-report.js';
import { runAction } from './run-action.js';

export function registerBuildCommand(program: Command): void {
  program
    .command('build')
    .description('build the site from the stored items into the output folder (no fetching)')
    .addOption(configOption)
    .addHelpText(
      'after',
      '\nThe site is written to a temporary folder and swapped in, so a failed build leaves the\n' +
        'previous site intact. Exit codes: 0 built; 1 bad config, unreadable store or write failure.',
    )
    .action(
      runAction(async (options: { config: string }) => {
        const config = loadConfigFrom(options);
        const store = openSqliteStore(config.storePath);
        try {
          printBuildReport(await buildFromStore(config, store));
        } finally {
          store.close();
        }
      }),
    );
}

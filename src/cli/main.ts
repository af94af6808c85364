#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { TIDINGS_VERSION } from '../fetch/user-agent.js';
import { registerBuildCommand } from './build-command.js';
import { registerDeployCommand } from './deploy-command.js';
import { registerExportCommand } from './export-command.js';
import { registerFeedsCommand } from './feeds-command.js';
import { registerInitCommand } from './init-command.js';
import { registerParseCommand } from './parse-command.js';
import { registerServeCommand } from './serve-command.js';
import { registerSourcesCommand } from './sources-command.js';
import { registerUpdateCommand } from './update-command.js';
import { registerWatchCommand } from './watch-command.js';
import { EXIT_USAGE } from './run-action.js';

const program = new Command();
program
  .name('tidings')
  .description(
    'Turn feeds (RSS, Atom, RSSHub routes) into a fast, searchable static news site, with full history.',
  )
  .version(TIDINGS_VERSION, '-v, --version', 'print the version')
  .showHelpAfterError('(run with --help for usage)')
  .exitOverride()
  .addHelpText(
    'after',
    `
Commands that read the config take --config FILE (default: ./tidings.yaml).

Exit codes:
  0  the command did its work (for update: the run completed, even if some feeds failed)
  1  the command failed: bad config, unreadable input, not a feed, …
  2  usage error: unknown command or option, missing argument

Start with:  tidings update && tidings serve`,
  );

registerInitCommand(program);
registerUpdateCommand(program);
registerWatchCommand(program);
registerBuildCommand(program);
registerServeCommand(program);
registerFeedsCommand(program);
registerParseCommand(program);
registerExportCommand(program);
registerSourcesCommand(program);
registerDeployCommand(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // Help and version exit cleanly; everything else commander rejects is a usage error.
    process.exitCode = error.exitCode === 0 ? 0 : EXIT_USAGE;
  } else {
    throw error;
  }
}

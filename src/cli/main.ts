#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { TIDINGS_VERSION } from '../fetch/user-agent.js';
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

type Register = (program: Command) => void;

/**
 * Every command, in the order `--help` lists them, loaded only when needed: a command's module
 * brings its whole stage (fetching, parsing, the HTTP client…), and loading all of them cost
 * `tidings build` most of its start-up.
 */
const COMMANDS: Record<string, () => Promise<Register>> = {
  init: async () => (await import('./init-command.js')).registerInitCommand,
  update: async () => (await import('./update-command.js')).registerUpdateCommand,
  watch: async () => (await import('./watch-command.js')).registerWatchCommand,
  build: async () => (await import('./build-command.js')).registerBuildCommand,
  serve: async () => (await import('./serve-command.js')).registerServeCommand,
  feeds: async () => (await import('./feeds-command.js')).registerFeedsCommand,
  parse: async () => (await import('./parse-command.js')).registerParseCommand,
  export: async () => (await import('./export-command.js')).registerExportCommand,
  sources: async () => (await import('./sources-command.js')).registerSourcesCommand,
  deploy: async () => (await import('./deploy-command.js')).registerDeployCommand,
};

// The first argument names the command (no global option takes a value). Anything else —
// help, version, a misspelt command — registers them all, so commander can list or suggest.
const named = process.argv[2];
const only = named !== undefined && Object.hasOwn(COMMANDS, named) ? [named] : null;
for (const load of (only ?? Object.keys(COMMANDS)).map((name) => COMMANDS[name]!)) {
  (await load())(program);
}

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

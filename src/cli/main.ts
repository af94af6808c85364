#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { TIDINGS_VERSION } from '../fetch/user-agent.js';
import { exitWhenFlushed } from './exit-when-flushed.js';
import { EXIT_FAILED, EXIT_USAGE } from './run-action.js';

type Register = (program: Command) => void;

/**
 * Each command's module, imported only when needed: `tidings update` loads what it runs and
 * not the site server, exporters or catalog importers (they cost a noticeable part of a
 * second at start-up). In the order `--help` lists them.
 */
const COMMANDS: Record<string, () => Promise<Register>> = {
  init: async () => (await import('./init-command.js')).registerInitCommand,
  update: async () => (await import('./update-command.js')).registerUpdateCommand,
  watch: async () => (await import('./watch-command.js')).registerWatchCommand,
  build: async () => (await import('./build-command.js')).registerBuildCommand,
  serve: async () => (await import('./serve-command.js')).registerServeCommand,
  feeds: async () => (await import('./feeds-command.js')).registerFeedsCommand,
  forget: async () => (await import('./forget-command.js')).registerForgetCommand,
  parse: async () => (await import('./parse-command.js')).registerParseCommand,
  export: async () => (await import('./export-command.js')).registerExportCommand,
  sources: async () => (await import('./sources-command.js')).registerSourcesCommand,
  deploy: async () => (await import('./deploy-command.js')).registerDeployCommand,
};

// `tidings feeds | head` closes the pipe early: stop quietly, as other command-line tools do.
// A command that runs until stopped (watch, serve) whose log or events can no longer be
// written stops as a failure instead, so that a supervisor (systemd's Restart=on-failure)
// starts it again with its output connected: exit 0 would read as a requested stop.
const RUNS_UNTIL_STOPPED = new Set(['watch', 'serve']);
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    const lost = RUNS_UNTIL_STOPPED.has(process.argv[2] ?? '') ? EXIT_FAILED : 0;
    process.exit(process.exitCode ?? lost);
  });
}

const program = new Command();
program
  .name('tidings')
  .description(
    'Turn feeds (RSS, Atom, RSSHub routes) into a fast, searchable static news site, with full history.',
  )
  .version(TIDINGS_VERSION, '-v, --version', 'print the version')
  .showHelpAfterError('(run with --help for usage)')
  // Commander's own errors (unknown option, missing argument) begin as every other does.
  // Subcommands made with .command() inherit this.
  .configureOutput({
    outputError: (text, write) => write(text.replace(/^error: /, 'tidings: ')),
  })
  .exitOverride()
  .addHelpText(
    'after',
    `
Commands that read the config take --config FILE (default: ./tidings.yaml).

Exit codes:
  0  the command did its work (for update: the run completed, even if some feeds failed)
  1  the command failed: bad config, unreadable input, not a feed, …
  2  usage error: unknown command or option, missing argument

Start with:  tidings init       a commented tidings.yaml to fill in with your feeds, then
             tidings update && tidings serve
             (tidings init --demo writes a demo of local sample feeds to try it offline)`,
  );

// Program options (-v, --help) come before the command, so the command is the first argument:
// only it is loaded. `--version` needs none. Anything else (help, a typo commander suggests a
// fix for) loads them all.
const first = process.argv[2] ?? '';
const VERSION_FLAGS = ['-v', '--version'];
const named = Object.hasOwn(COMMANDS, first) ? [first] : VERSION_FLAGS.includes(first) ? [] : null;
for (const name of named ?? Object.keys(COMMANDS)) (await COMMANDS[name]!())(program);

// `tidings help updte` and `tidings updte --help` would print the general help alone, exit 0:
// parsed as the command without the help flag, a misspelt name gets commander's "unknown
// command" with its suggestion instead.
const helpTopic = first === 'help' ? process.argv[3] : undefined;
const isMisspelt = (name: string | undefined): name is string =>
  name !== undefined && name !== '' && !name.startsWith('-') && !Object.hasOwn(COMMANDS, name);
const argv = isMisspelt(helpTopic)
  ? [...process.argv.slice(0, 2), helpTopic]
  : first !== 'help' && isMisspelt(first)
    ? process.argv.filter((arg, i) => i < 3 || (arg !== '--help' && arg !== '-h'))
    : process.argv;

try {
  await program.parseAsync(argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // Help and version exit cleanly; everything else commander rejects is a usage error.
    process.exitCode = error.exitCode === 0 ? 0 : EXIT_USAGE;
  } else {
    throw error;
  }
}

// These commands' work is over when their action returns (serve and watch go on after it).
if (first === 'update' || first === 'build') await exitWhenFlushed(Number(process.exitCode ?? 0));

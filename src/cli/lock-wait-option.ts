import { Option } from 'commander';
import { CommandFailure } from './command-failure.js';
import { EXIT_USAGE } from './run-action.js';

/**
 * `--lock-wait <seconds>`: how long a run waits for another one holding the output folder's
 * lock (src/site/output-lock.ts) before failing. Builds hold it well under a second, a deploy
 * while git reads the folder (about a minute for 100,000 files); a slow disk, a huge site or
 * deploys that overlap in CI may need longer, a script that must not hang shorter.
 */
export function lockWaitOption(defaultSeconds: number): Option {
  // The default's description shows it bare in --help: "(default: 600)", not "(default: \"600\")".
  return new Option(
    '--lock-wait <seconds>',
    "how long to wait for another run holding the output folder's lock",
  ).default(String(defaultSeconds), String(defaultSeconds));
}

/** The option's value in ms, or a usage error naming it. */
export function lockWaitMs(value: string): number {
  const seconds = Number(value);
  if (value.trim() === '' || !Number.isFinite(seconds) || seconds < 0 || seconds > 86400) {
    throw new CommandFailure(
      `--lock-wait ${value}: expected a number of seconds, 0–86400`,
      EXIT_USAGE,
    );
  }
  return Math.round(seconds * 1000);
}

/**
 * Says on stderr that the run waits for the lock (or took over a gone run's). A new line
 * first on a terminal: the progress line there has none.
 */
export function lockNoticeOnStderr(message: string): void {
  process.stderr.write(`${process.stdout.isTTY ? '\n' : ''}tidings: ${message}\n`);
}

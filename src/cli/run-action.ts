import { ConfigError } from '../config/config-error.js';
import { FetchError } from '../fetch/fetch-result.js';
import { NotAFeedError } from '../parse/parsed-feed.js';
import { SiteOutputError } from '../site/site-output-error.js';
import { StoreError } from '../store/store-error.js';
import { CommandFailure } from './command-failure.js';

/** Exit codes every command uses (documented in `tidings --help` and the README). */
export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

/**
 * Wraps a command's action: known failures become one line on stderr and a non-zero exit
 * code; anything else is a bug and keeps its stack.
 */
export function runAction<Args extends unknown[]>(
  action: (...args: Args) => Promise<void> | void,
): (...args: Args) => Promise<void> {
  return async (...args: Args) => {
    try {
      await action(...args);
    } catch (error) {
      if (error instanceof CommandFailure) {
        process.stderr.write(`tidings: ${error.message}\n`);
        process.exitCode = error.exitCode;
      } else if (
        error instanceof ConfigError ||
        error instanceof NotAFeedError ||
        error instanceof FetchError ||
        error instanceof StoreError ||
        error instanceof SiteOutputError
      ) {
        process.stderr.write(`tidings: ${error.message}\n`);
        process.exitCode = EXIT_FAILED;
      } else {
        process.stderr.write(
          `tidings: internal error: ${(error as Error)?.stack ?? String(error)}\n`,
        );
        process.exitCode = EXIT_FAILED;
      }
    }
  };
}

import { createRequire } from 'node:module';
import type { compile } from 'css-select';

/**
 * Why a user's cleaning rule cannot be used, for the config loader, which reports a bad rule
 * with its key before any feed is read. css-select (and the DOM modules it pulls in, ~25 ms)
 * is loaded on the first selector checked, so a config without selectors never loads it.
 * The price: a run that also prepares items on the main thread (few feeds due) then loads
 * css-select's ES build as well, ~15 ms more, and only when the config has selectors.
 */

const require = createRequire(import.meta.url);
let compileSelector: typeof compile | undefined;

/** Why a CSS selector cannot be used, or null when it can. */
export function selectorProblem(selector: string): string | null {
  // Synchronous because config loading is: the CommonJS build of the same css-select.
  compileSelector ??= (require('css-select') as typeof import('css-select')).compile;
  try {
    compileSelector(selector);
    return null;
  } catch (error) {
    return `invalid CSS selector (${(error as Error).message})`;
  }
}

/** Why a regular expression cannot be used, or null when it can. */
export function patternProblem(pattern: string): string | null {
  try {
    new RegExp(pattern, 'gu');
    return null;
  } catch (error) {
    return `invalid regular expression (${(error as Error).message})`;
  }
}

import type { FeedText } from '../../src/parse/feed-text.js';
import { parseFeed } from '../../src/parse/index.js';
import { parseFeedText } from '../../src/parse/parse-feed.js';

/**
 * Everything a parse gives, as one string to compare two ways of reading the same document:
 * the parsed feed and its warnings, or the error's name and message.
 */
export function parseOutcome(input: string | FeedText): string {
  const warnings: string[] = [];
  const options = { now: 1_700_000_000_000, onWarning: (m: string) => warnings.push(m) };
  try {
    const feed =
      typeof input === 'string' ? parseFeed(input, options) : parseFeedText(input, options);
    return JSON.stringify(feed) + '\n' + warnings.join('\n');
  } catch (error) {
    return `${(error as Error).name}: ${(error as Error).message}`;
  }
}

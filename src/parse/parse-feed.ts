import type { ParsedFeed, ParseOptions } from './parsed-feed.js';
import { NotAFeedError } from './parsed-feed.js';

// Placeholder until the parser lands (being written in this same session).
export function parseFeed(_input: string | Uint8Array, _options: ParseOptions = {}): ParsedFeed {
  throw new NotAFeedError('parser not written yet');
}

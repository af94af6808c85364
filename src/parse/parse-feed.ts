import { readAtom } from './atom.js';
import { describeBinary } from './binary-input.js';
import { detectFormat } from './detect-format.js';
import { EarlyItemReader } from './early-items.js';
import { FeedText } from './feed-text.js';
import { readJsonFeed } from './json-feed.js';
import { NotAFeedError, type ParsedFeed, type ParseOptions } from './parsed-feed.js';
import { readRdf } from './rdf.js';
import type { ReadContext } from './read-context.js';
import { readRefreshMinutes } from './refresh-hint.js';
import { readRss } from './rss.js';

/**
 * Bytes (or a string) → ParsedFeed. Pure: no I/O. Throws NotAFeedError when the input
 * is not a feed; a broken but recognisable feed is read as far as it goes, and what was
 * read past is reported through options.onWarning.
 */
export function parseFeed(input: string | Uint8Array, options: ParseOptions = {}): ParsedFeed {
  const binary = typeof input === 'string' ? null : describeBinary(input);
  if (binary !== null) throw new NotAFeedError(`${binary}, not a feed`);
  const text =
    typeof input === 'string'
      ? FeedText.fromString(input)
      : FeedText.fromBytes(input, options.charset);
  return parseFeedText(text, options);
}

/** parseFeed over a FeedText (tests give one cut into small windows). */
export function parseFeedText(text: FeedText, options: ParseOptions = {}): ParsedFeed {
  const warn = options.onWarning ?? (() => undefined);
  const early = new EarlyItemReader();
  const detected = detectFormat(text, {
    baseUrl: options.baseUrl,
    onWarning: warn,
    onElementEnd: early.onElementEnd,
  });
  const context: ReadContext = {
    baseUrl: options.baseUrl ?? null,
    dates: {
      timeZone: options.timeZone,
      now: options.now === undefined ? undefined : Number(options.now),
      onUnreadable: (value) => warn(`unreadable date ${JSON.stringify(value)} (read as null)`),
    },
    warn,
  };
  if (options.onRefreshHint && (detected.format === 'rss' || detected.format === 'rdf')) {
    const minutes = readRefreshMinutes(detected.root);
    if (minutes !== null) options.onRefreshHint(minutes);
  }
  switch (detected.format) {
    case 'json':
      return readJsonFeed(detected.json, context);
    case 'atom':
      return readAtom(detected.root, context, early.items);
    case 'rdf':
      return readRdf(detected.root, context, early.items);
    case 'rss':
      return readRss(detected.root, context, early.items);
  }
}

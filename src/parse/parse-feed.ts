import { readAtom } from './atom.js';
import { decodeBytes } from './decode-bytes.js';
import { detectFormat } from './detect-format.js';
import { EarlyItemReader } from './early-items.js';
import { readJsonFeed } from './json-feed.js';
import type { ParsedFeed, ParseOptions } from './parsed-feed.js';
import { readRdf } from './rdf.js';
import type { ReadContext } from './read-context.js';
import { readRefreshMinutes } from './refresh-hint.js';
import { readRss } from './rss.js';

// Characters XML forbids; feeds carry them anyway (pasted text, bad CMS exports).
const FORBIDDEN_CHARACTERS = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]/g;

/**
 * Bytes (or a string) → ParsedFeed. Pure: no I/O. Throws NotAFeedError when the input
 * is not a feed; a broken but recognisable feed is read as far as it goes, and what was
 * read past is reported through options.onWarning.
 */
export function parseFeed(input: string | Uint8Array, options: ParseOptions = {}): ParsedFeed {
  const warn = options.onWarning ?? (() => undefined);
  let text = typeof input === 'string' ? input : decodeBytes(input, options.charset).text;
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (FORBIDDEN_CHARACTERS.test(text)) {
    FORBIDDEN_CHARACTERS.lastIndex = 0;
    text = text.replace(FORBIDDEN_CHARACTERS, '');
  }
  FORBIDDEN_CHARACTERS.lastIndex = 0;

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

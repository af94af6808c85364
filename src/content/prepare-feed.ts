import { parseFeed } from '../parse/index.js';
import type { ContentSettings } from '../sources/feed-source.js';
import { displayText } from './display-text.js';
import { declaredLanguage } from './declared-language.js';
import { packItems, type ItemList, type StorableItems } from './packed-items.js';
import { prepareItem } from './prepare-item.js';

/**
 * Fetched bytes → the feed's title and link and its items ready to store: parse, then
 * prepare every item. The CPU-heavy part of an update, so it takes and returns plain data
 * only: `prepare-pool.ts` runs it on worker threads, and the same function runs inline.
 */

export interface PrepareFeedRequest {
  body: Uint8Array;
  /** The http(s) URL the feed came from (after redirects), or null for a local file. */
  webUrl: string | null;
  /** Charset from the Content-Type header, if any. */
  charset: string | null;
  timeZone: string;
  content?: ContentSettings;
  /**
   * Return the items packed (see packed-items.ts): set when they are to cross threads to a
   * store writer that unpacks them, so no thread in between has to.
   */
  packItems?: boolean;
}

/** `I`: how its items come: a list or packed, or (from a prepare pool) forwarded too. */
export interface PreparedFeed<I extends ItemList = StorableItems> {
  title: string | null;
  link: string | null;
  /**
   * The language the feed declares, as a BCP 47 tag, unless its items' text contradicts it
   * (declared-language.ts); null: unknown.
   */
  language: string | null;
  /** A list, or packed when the request asked for it. */
  items: I;
  /** Problems the parser read past. */
  warnings: string[];
  /** How often the feed asks to be read (`<ttl>`, `sy:updatePeriod`), in minutes. */
  feedMinutes: number | null;
}

/** Throws NotAFeedError when the bytes are not a feed. */
export function prepareFeed(request: PrepareFeedRequest): PreparedFeed {
  const warnings: string[] = [];
  let feedMinutes: number | null = null;
  const { webUrl, charset } = request;
  const feed = parseFeed(request.body, {
    // A local file has no web address: relative links stay relative rather than become file: URLs.
    ...(webUrl ? { baseUrl: webUrl } : {}),
    ...(charset ? { charset } : {}),
    timeZone: request.timeZone,
    onWarning: (message) => warnings.push(message),
    onRefreshHint: (minutes) => (feedMinutes = minutes),
  });
  // Content URLs resolve against the item link (in prepareItem), else where the feed came from.
  const context = {
    baseUrl: webUrl ?? feed.link,
    ...(request.content ? { content: request.content } : {}),
  };
  const items = feed.items.map((parsed) => prepareItem(parsed, context));
  return {
    title: feed.title === null ? null : displayText(feed.title) || null,
    link: feed.link,
    language: declaredLanguage(feed.language, items),
    items: request.packItems ? packItems(items) : items,
    warnings,
    feedMinutes,
  };
}

import { parseDate } from '../parse/dates.js';

/**
 * How the post's `date:` was chosen: the feed's string (`feed`), or a stand-in because the
 * item has no date (`no-date`) or because Hexo would read its string wrongly (`hexo-date`).
 */
export type HexoDateSource = 'feed' | 'no-date' | 'hexo-date';

export interface HexoDate {
  text: string;
  source: HexoDateSource;
}

/** What the export needs of a stored item to date its post. */
export interface DatedItem {
  /** The date string as the feed wrote it. */
  publishedText: string | null;
  /** The instant Tidings read from it (ISO 8601 UTC), null when unreadable. */
  published: string | null;
  firstSeen: string;
}

/**
 * The `date:` of a post: the feed's string as the old script wrote it, unless Hexo would not
 * read the time Tidings read. Hexo reads a string date with JavaScript's `new Date()`: it
 * cannot read Chinese forms (`2021年12月25日 08:03`), Unix times or most zone names, and then
 * dates the post by the file's creation time, which changes whenever the post is rewritten;
 * and it reads `CST` as US Central time, where a Chinese feed means China time (+08:00).
 * Those get the instant Tidings read, in RSSHub's own form (`Sat, 25 Dec 2021 00:03:46 GMT`).
 * A string without a zone that Hexo can read stays: Hexo reads it in the site's zone, as it
 * did for the old script's posts.
 */
export function hexoDate(item: DatedItem): HexoDate {
  const text = item.publishedText?.trim();
  const firstSeen = {
    // The old script wrote the crawl time; the time first seen is that, and stays put.
    text: item.firstSeen.slice(0, 19).replace('T', ' '),
    source: 'no-date' as const,
  };
  if (!text) return firstSeen;
  const hexoReads = Date.parse(text);
  if (item.published === null) {
    return Number.isNaN(hexoReads) ? { ...firstSeen, source: 'hexo-date' } : feed(text);
  }
  const instant = Date.parse(item.published);
  if (Number.isNaN(hexoReads) || (hexoReads !== instant && namesItsZone(text, item.firstSeen))) {
    return { text: new Date(instant).toUTCString(), source: 'hexo-date' };
  }
  return feed(text);
}

function feed(text: string): HexoDate {
  return { text, source: 'feed' };
}

/**
 * Whether the string says its own zone: read as wall-clock time in two zones 14 hours apart,
 * it gives the same instant. (Neither zone is Chinese, so `CST` reads the same in both.)
 */
function namesItsZone(text: string, firstSeen: string): boolean {
  const now = Date.parse(firstSeen); // the year of a year-less date, the same for both reads
  const utc = parseDate(text, { timeZone: 'UTC', now });
  return utc !== null && utc === parseDate(text, { timeZone: 'Etc/GMT-14', now });
}

import { parseDate, type DateContext } from './dates.js';
import type { ParsedItem } from './parsed-feed.js';
import type { XmlElement } from './xml-tree.js';

/**
 * An item read from its element except for what depends on the whole feed: its dates
 * (what `CST` means and the year of `12月25日` come from the feed's language and updated
 * time, which may be written after the items) and, for Atom, the feed's author as the
 * fallback. Reading items this way lets the tree builder hand each item over as soon as
 * it closes and drop its elements (see early-items.ts).
 */
export interface PendingItem {
  /** Everything but `published`, `updated` (null here) and the feed-author fallback. */
  item: ParsedItem;
  /** Date texts in order of preference; the first readable one is `published`. */
  publishedTexts: (string | null)[];
  updatedTexts: (string | null)[];
}

function firstDate(texts: (string | null)[], dates: DateContext): string | null {
  let found: string | null = null;
  // Every text is read (not only up to the first good one), so each unreadable date is
  // reported as it was before items were read early.
  for (const text of texts) {
    const parsed = parseDate(text, dates);
    if (found === null) found = parsed;
  }
  return found;
}

/** The finished item, given the feed-wide date context (and author, for Atom). */
export function finishItem(
  pending: PendingItem,
  dates: DateContext,
  feedAuthor: string | null = null,
): ParsedItem {
  const item = pending.item;
  item.published = firstDate(pending.publishedTexts, dates);
  item.updated = firstDate(pending.updatedTexts, dates);
  if (item.author === null) item.author = feedAuthor;
  return item;
}

/** Items already read while the tree was built, by their (since emptied) element. */
export type EarlyItems = ReadonlyMap<XmlElement, PendingItem>;

export const NO_EARLY_ITEMS: EarlyItems = new Map();

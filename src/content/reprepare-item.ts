import type { ParsedItem } from '../parse/parsed-feed.js';
import { cutText } from './cut-text.js';
import { displayText } from './display-text.js';
import type { Item } from './item.js';
import {
  FALLBACK_TITLE_LENGTH,
  prepareItem,
  UNTITLED,
  type PrepareContext,
} from './prepare-item.js';

/**
 * A stored item prepared again from the HTML the feed gave for it (`sourceHtml`), for items that
 * have left the feed and so are not prepared again when it is read. Only what that HTML
 * determines is made anew: content HTML, text, excerpt, reading time, and the lead image when it
 * came from the content. The rest came from the feed's other fields, which are not stored as
 * given, and is kept as stored: key, link, dates (re-reading `publishedText` in another time zone
 * would need the reading time for year-less dates, and would move the item in every list),
 * author, categories, a title the feed gave, a lead image the feed named.
 */
export function reprepareStoredItem(stored: Item, context: PrepareContext): Item {
  const derivedTitle =
    stored.title === UNTITLED ||
    (stored.text !== '' &&
      stored.title === displayText(cutText(stored.text, FALLBACK_TITLE_LENGTH)));
  const parsed: ParsedItem = {
    id: stored.key,
    // A title made from the old text is made again from the new one.
    title: derivedTitle ? null : stored.title,
    link: stored.link,
    published: stored.published,
    publishedText: stored.publishedText,
    updated: stored.updated,
    author: stored.author,
    summary: null,
    content: stored.sourceHtml,
    // Its relative URLs resolve as they did when the feed gave it.
    sourceBase: stored.sourceBase ?? null,
    categories: stored.categories,
    enclosures: [],
    image: null,
  };
  const fresh = prepareItem(parsed, context);
  return {
    ...fresh,
    key: stored.key,
    sourceHtml: stored.sourceHtml,
    image: namedByFeed(stored) ? stored.image : fresh.image,
  };
}

/**
 * Was the stored lead image one the feed named (media:thumbnail, an image enclosure) rather than
 * one of the content's images? Those are not in the source HTML (lead-image.ts skips a named
 * image that is), so an image the HTML does not hold was named.
 */
function namedByFeed(stored: Item): boolean {
  if (stored.image === null) return false;
  if (stored.sourceHtml.includes(stored.image)) return false;
  let file = '';
  try {
    file = new URL(stored.image).pathname.split('/').pop() ?? '';
  } catch {
    return true;
  }
  return !(file.length >= 4 && stored.sourceHtml.includes(file));
}

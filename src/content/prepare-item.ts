import type { ParsedItem } from '../parse/parsed-feed.js';
import { cutText } from './cut-text.js';
import { collapseWhitespace, htmlToText } from './html-to-text.js';
import type { Item } from './item.js';
import { itemKey } from './item-key.js';
import { leadImage } from './lead-image.js';
import { usableBaseUrl } from './safe-url.js';
import { sanitizeHtml } from './sanitize-html.js';

/** Length of `Item.excerpt`, in characters (a Han character counts one). */
export const EXCERPT_LENGTH = 140;
/** Length of a title made from the text when the item has none. */
export const FALLBACK_TITLE_LENGTH = 60;
export const UNTITLED = '(untitled)';

export interface PrepareContext {
  /** The URL the feed was read from, if any: the base for relative URLs when the item has no link. */
  baseUrl: string | null;
}

/** A parsed item → an Item ready to store and publish: key, safe HTML, excerpt, lead image. */
export function prepareItem(parsed: ParsedItem, context: PrepareContext): Item {
  const base = usableBaseUrl(parsed.link) ?? usableBaseUrl(context.baseUrl);
  const contentHtml = sanitizeHtml(parsed.content ?? parsed.summary ?? '', base);
  const text = htmlToText(contentHtml);
  const title = collapseWhitespace(parsed.title ?? '');
  return {
    key: itemKey(parsed),
    title: title || (text ? cutText(text, FALLBACK_TITLE_LENGTH) : UNTITLED),
    link: parsed.link,
    published: parsed.published,
    updated: parsed.updated,
    author: parsed.author,
    contentHtml,
    excerpt: cutText(text, EXCERPT_LENGTH),
    image: leadImage(parsed, contentHtml, base),
    categories: tidyCategories(parsed.categories),
  };
}

/** Categories trimmed, whitespace collapsed, empties and repeats dropped, order kept. */
function tidyCategories(categories: readonly string[]): string[] {
  const seen = new Set<string>();
  for (const category of categories) {
    const tidy = collapseWhitespace(category);
    if (tidy !== '') seen.add(tidy);
  }
  return [...seen];
}

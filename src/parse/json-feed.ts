import { authorDisplayName } from './authors.js';
import { parseDate } from './dates.js';
import { leadImage } from './lead-image.js';
import type { Enclosure, ParsedFeed, ParsedItem } from './parsed-feed.js';
import { titleText } from './plain-text.js';
import type { ReadContext } from './read-context.js';
import { resolveUrl } from './urls.js';
import { escapeHtml } from './xml-tree.js';

/** JSON Feed 1.0 and 1.1 (https://www.jsonfeed.org/version/1.1/). */

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

/** Is this parsed JSON a JSON Feed (by its version URL, or by its shape)? */
export function isJsonFeed(value: unknown): value is Json {
  if (!isObject(value)) return false;
  if (typeof value.version === 'string' && /jsonfeed\.org\/version\//i.test(value.version)) {
    return true;
  }
  return (
    Array.isArray(value.items) && (typeof value.title === 'string' || 'home_page_url' in value)
  );
}

/** 1.1's `authors` array, else 1.0's single `author`. */
function authorsOf(holder: Json): unknown[] {
  return Array.isArray(holder.authors) ? holder.authors : [holder.author];
}

/**
 * Whether an item names its own authors: then the feed's are not its authors (JSON Feed
 * 1.1 gives an item the top-level authors only when it names none), even when its own
 * have no name to show.
 */
function namesAuthors(holder: Json): boolean {
  return authorsOf(holder).some(
    (author) =>
      (isObject(author) && Object.keys(author).length > 0) ||
      (typeof author === 'string' && author.trim() !== ''),
  );
}

function authorName(holder: Json): string | null {
  for (const author of authorsOf(holder)) {
    if (isObject(author)) {
      const name = authorDisplayName(str(author.name));
      if (name) return name;
      // An author known only by a mailto: URL is shown by the address, as RSS's is.
      const mailto = /^mailto:([^?\s]+)/i.exec(str(author.url)?.trim() ?? '');
      if (mailto?.[1]) return mailto[1];
    } else if (typeof author === 'string') {
      const name = authorDisplayName(author);
      if (name) return name;
    }
  }
  return null;
}

function readItem(
  item: Json,
  feedAuthor: string | null,
  base: string | null,
  context: ReadContext,
): ParsedItem {
  const contentHtml = typeof item.content_html === 'string' ? item.content_html : null;
  const contentText = typeof item.content_text === 'string' ? item.content_text : null;
  const content = contentHtml ?? (contentText !== null ? escapeHtml(contentText) : null);
  const summary = str(item.summary);
  const enclosures: Enclosure[] = [];
  if (Array.isArray(item.attachments)) {
    for (const attachment of item.attachments) {
      if (!isObject(attachment)) continue;
      const url = str(attachment.url);
      if (!url) continue;
      const size = attachment.size_in_bytes;
      enclosures.push({
        url: resolveUrl(url, base),
        type: str(attachment.mime_type),
        length: typeof size === 'number' && Number.isSafeInteger(size) && size >= 0 ? size : null,
      });
    }
  }
  const url = str(item.url) ?? str(item.external_url);
  const title = str(item.title);
  return {
    id: str(item.id),
    title: title === null ? null : titleText(title) || null,
    link: url ? resolveUrl(url, base) : null,
    published: parseDate(str(item.date_published), context.dates),
    publishedText: str(item.date_published)?.trim() || null,
    updated: parseDate(str(item.date_modified), context.dates),
    author: namesAuthors(item) ? authorName(item) : feedAuthor,
    summary,
    content,
    categories: Array.isArray(item.tags)
      ? item.tags.map(str).filter((tag): tag is string => tag !== null)
      : [],
    enclosures,
    image: leadImage([str(item.image), str(item.banner_image)], [content, summary], base),
  };
}

export function readJsonFeed(feed: Json, context: ReadContext): ParsedFeed {
  const base = context.baseUrl;
  const language = str(feed.language);
  const withLanguage: ReadContext = { ...context, dates: { ...context.dates, language } };
  const feedAuthor = authorName(feed);
  const home = str(feed.home_page_url);
  const icon = str(feed.icon) ?? str(feed.favicon);
  const title = str(feed.title);
  return {
    format: 'json',
    title: title === null ? null : titleText(title) || null,
    link: home ? resolveUrl(home, base) : null,
    description: str(feed.description),
    language,
    updated: null,
    image: icon ? resolveUrl(icon, base) : null,
    items: (Array.isArray(feed.items) ? feed.items : [])
      .filter(isObject)
      .map((item) => readItem(item, feedAuthor, base, withLanguage)),
  };
}

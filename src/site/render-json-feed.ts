import { stripInvalidChars } from './html-escape.js';
import { absoluteUrl } from './page-context.js';
import {
  entryAuthor,
  entryBytes,
  entryContent,
  FEED_FILES,
  feedDocument,
  type FeedOut,
} from './feed-out.js';
import { webUrl } from './safe-url.js';
import type { ItemView } from './site-structure.js';

/** One space a level, as `JSON.stringify(document, null, 1)` indents. */
const INDENT = 1;

/**
 * An item of the feed, serialised as it sits in the document (two levels down: in `items`),
 * so each entry is made on its own (and shared between feeds: feed-out.ts) and the document
 * is the same bytes as `JSON.stringify(document, null, 1)`. JSON text has no raw newlines
 * inside strings, so indenting every line is safe.
 */
function renderItem(feed: FeedOut, view: ItemView): string {
  const { item } = view;
  const url = absoluteUrl(feed.settings, view.path);
  const external = webUrl(item.link);
  const image = webUrl(item.image);
  const entry = {
    id: url,
    url,
    ...(external ? { external_url: external } : {}),
    title: stripInvalidChars(item.title),
    ...(feed.content
      ? { content_html: stripInvalidChars(entryContent(feed, view) ?? '') }
      : { content_text: stripInvalidChars(item.excerpt) }),
    ...(item.excerpt ? { summary: stripInvalidChars(item.excerpt) } : {}),
    ...(image ? { image } : {}),
    date_published: item.published ?? item.firstSeen,
    ...(item.changedAt !== item.firstSeen ? { date_modified: item.changedAt } : {}),
    authors: [{ name: stripInvalidChars(entryAuthor(view)) }],
    tags: [view.feed.site.category.name, ...item.categories.map(stripInvalidChars)],
  };
  const depth = ' '.repeat(2 * INDENT);
  return depth + JSON.stringify(entry, null, INDENT).replaceAll('\n', `\n${depth}`);
}

/** A JSON Feed 1.1 (https://jsonfeed.org/version/1.1), made from the same entries as Atom. */
export function renderJsonFeed(feed: FeedOut): Buffer {
  const { settings } = feed;
  const base = feed.folder === '' ? '' : `${feed.folder}/`;
  const items = feed.entries.map((view) =>
    entryBytes(feed, 'json', view, () => renderItem(feed, view)),
  );
  const document = {
    version: 'https://jsonfeed.org/version/1.1',
    title: feed.title,
    home_page_url: absoluteUrl(settings, base),
    feed_url: absoluteUrl(settings, base + FEED_FILES.json),
    ...(feed.description ? { description: feed.description } : {}),
    language: settings.language,
  };
  // `items` comes last: the document without it, its closing brace replaced by the list.
  const head = JSON.stringify(document, null, INDENT).slice(0, -'\n}'.length);
  const start = `${head},\n${' '.repeat(INDENT)}"items": ${items.length === 0 ? '[]' : '[\n'}`;
  const end = `${items.length === 0 ? '' : `\n${' '.repeat(INDENT)}]`}\n}\n`;
  return feedDocument(start, items, ',\n', end);
}

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

/** A member of an object at `indent`: `"name": value`, on its own line. */
function member(indent: string, name: string, value: string): string {
  return `\n${indent}"${name}": ${value}`;
}

/** A list of strings whose members sit at `indent`, closed one level out, as stringify does. */
function stringList(indent: string, values: readonly string[]): string {
  if (values.length === 0) return '[]';
  let text = '[';
  values.forEach((value, i) => {
    text += `${i === 0 ? '' : ','}\n${indent}${JSON.stringify(value)}`;
  });
  return `${text}\n${indent.slice(INDENT)}]`;
}

/**
 * An item of the feed, serialised as it sits in the document (two levels down: in `items`),
 * so each entry is made on its own (and shared between feeds: feed-out.ts) and the document
 * is the same bytes as `JSON.stringify(document, null, 1)`. Written member by member, each
 * value by `JSON.stringify`, in the order the object literal had: stringifying the entry with
 * indentation and indenting its lines again was ~a quarter of making the excerpt feeds'
 * entries (session 9's profile). Every value
 * is a string (an absent optional one leaves its member out, as stringify leaves out undefined).
 */
function renderItem(feed: FeedOut, view: ItemView): string {
  const { item } = view;
  const url = JSON.stringify(absoluteUrl(feed.settings, view.path));
  const external = webUrl(item.link);
  const image = webUrl(item.image);
  const depth = ' '.repeat(2 * INDENT);
  const at = ' '.repeat(3 * INDENT);
  let text = `${depth}{${member(at, 'id', url)},${member(at, 'url', url)}`;
  if (external) text += `,${member(at, 'external_url', JSON.stringify(external))}`;
  text += `,${member(at, 'title', JSON.stringify(stripInvalidChars(item.title)))}`;
  const content = entryContent(feed, view);
  text +=
    content !== null
      ? `,${member(at, 'content_html', JSON.stringify(stripInvalidChars(content)))}`
      : `,${member(at, 'content_text', JSON.stringify(stripInvalidChars(item.excerpt)))}`;
  if (item.excerpt) text += `,${member(at, 'summary', JSON.stringify(stripInvalidChars(item.excerpt)))}`; // prettier-ignore
  if (image) text += `,${member(at, 'image', JSON.stringify(image))}`;
  text += `,${member(at, 'date_published', JSON.stringify(item.published ?? item.firstSeen))}`;
  if (item.changedAt !== item.firstSeen) {
    text += `,${member(at, 'date_modified', JSON.stringify(item.changedAt))}`;
  }
  // authors: one object, one level further in.
  const author = ' '.repeat(5 * INDENT);
  const inList = ' '.repeat(4 * INDENT);
  const name = JSON.stringify(stripInvalidChars(entryAuthor(view)));
  text += `,${member(at, 'authors', `[\n${inList}{${member(author, 'name', name)}\n${inList}}\n${at}]`)}`;
  const tags = [view.feed.site.category.name, ...item.categories.map(stripInvalidChars)];
  text += `,${member(at, 'tags', stringList(inList, tags))}`;
  return `${text}\n${depth}}`;
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
    language: feed.language ?? settings.language,
  };
  // `items` comes last: the document without it, its closing brace replaced by the list.
  const head = JSON.stringify(document, null, INDENT).slice(0, -'\n}'.length);
  const start = `${head},\n${' '.repeat(INDENT)}"items": ${items.length === 0 ? '[]' : '[\n'}`;
  const end = `${items.length === 0 ? '' : `\n${' '.repeat(INDENT)}]`}\n}\n`;
  return feedDocument(start, items, ',\n', end);
}

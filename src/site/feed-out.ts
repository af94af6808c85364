import type { SiteSettings } from '../config/config.js';
import type { FragmentCache } from './fragment-cache.js';
import { escapeHtml } from './html-escape.js';
import { addImageAttributes } from './image-attributes.js';
import { pageBuffer } from './page-buffer.js';
import type { ItemView } from './site-structure.js';

/** How many of the newest items the whole site's feeds carry, with full content. */
export const SITE_FEED_ENTRIES = 50;
/**
 * Bytes (UTF-8) of content HTML a full-content feed carries at most: from the first entry that
 * would pass it, entries carry their excerpt. Fifty long articles would otherwise make feeds
 * of tens of megabytes, over what feed readers fetch (Tidings' own fetch.maxBytes is 20 MB);
 * fifty news items of 2–12 KB stay far below it.
 */
export const FEED_CONTENT_BUDGET = 2 * 1024 * 1024;
/**
 * How many a category's, site's or feed's own feeds carry, with excerpts only: a site has
 * hundreds of such feeds, and full content in each would multiply the build's output.
 */
export const LIST_FEED_ENTRIES = 20;

/** The file names of a list's feeds, in its folder. */
export const FEED_FILES = { atom: 'atom.xml', rss: 'rss.xml', json: 'feed.json' } as const;

/** One outgoing feed (Atom, RSS 2.0 and JSON Feed are made from the same description). */
export interface FeedOut {
  settings: SiteSettings;
  /** Folder of the list the feed follows ('' for the whole site). */
  folder: string;
  title: string;
  description: string;
  /** The feed's language (RSS `<language>`, Atom `xml:lang`, JSON Feed `language`); absent: the site's. */
  language?: string;
  /** Newest first, already cut to length. */
  entries: readonly ItemView[];
  /** Full content HTML of an entry, or null to carry the excerpt only. */
  content: ((view: ItemView) => string) | null;
  /**
   * The newest change among the entries, else among the site's items: a feed's "updated"
   * depends on its inputs only, so an unchanged list gives an unchanged file.
   */
  fallbackUpdated: string;
  /**
   * Where an excerpt feed's entries are made once per build and carried to the next
   * (fragment-cache.ts): an item's entry is the same in every list's feed that shows it.
   */
  fragments?: FragmentCache;
}

/**
 * An entry of the feed in one format as UTF-8, as `render` makes it: from the build's fragment
 * cache when the feed carries excerpts (full-content entries are made each time, and only the
 * site's own feeds have them). Bytes, not text: a carried entry is copied into the file as it
 * is, never decoded and encoded again.
 */
export function entryBytes(
  feed: FeedOut,
  format: 'atom' | 'rss' | 'json',
  view: ItemView,
  render: () => string,
): Buffer {
  // Only entries the cache keeps for the whole build go into the kept slab: full-content
  // entries are garbage once their feed file is written.
  return feed.content !== null || feed.fragments === undefined
    ? Buffer.from(render(), 'utf8')
    : feed.fragments.fragment(format, view, (encode) => encode(render()));
}

/**
 * A feed file as UTF-8: its head, its entries with `separator` between them, its tail. Put
 * together in the buffer list pages share (page-buffer.ts): valid until the next file is
 * rendered, which the writer writes it before.
 */
export function feedDocument(
  head: string,
  entries: readonly Buffer[],
  separator: string,
  tail: string,
): Buffer {
  // UTF-8 takes at most 3 bytes per UTF-16 unit: room enough without measuring the texts.
  let size = 3 * (head.length + tail.length + separator.length * entries.length);
  for (const entry of entries) size += entry.length;
  const bytes = pageBuffer(size);
  let at = bytes.write(head, 0, 'utf8');
  entries.forEach((entry, i) => {
    if (i > 0) at += bytes.write(separator, at, 'utf8');
    bytes.set(entry, at);
    at += entry.length;
  });
  at += bytes.write(tail, at, 'utf8');
  return bytes.subarray(0, at);
}

/** When the feed last changed: the newest change of its entries. */
export function feedUpdated(feed: FeedOut): string {
  let updated = '';
  for (const view of feed.entries) {
    const changed = view.item.changedAt || view.item.firstSeen;
    if (changed > updated) updated = changed;
  }
  return updated || feed.fallbackUpdated;
}

/** An entry's author: the item's, else its site's name. */
export function entryAuthor(view: ItemView): string {
  return view.item.author || view.feed.site.name;
}

/**
 * A full-content entry's HTML with image attributes added (image-attributes.ts), and the same
 * escaped for XML: made once per item and content reader, as the site's Atom, RSS and JSON
 * feeds show the same ~10 KB of each of their 50 entries (read from the store once, too).
 */
const contents = new WeakMap<(view: ItemView) => string, WeakMap<ItemView, [string, string?]>>();

function contentOf(read: (view: ItemView) => string, view: ItemView): [string, string?] {
  let byView = contents.get(read);
  if (byView === undefined) {
    byView = new WeakMap();
    contents.set(read, byView);
  }
  let content = byView.get(view);
  if (content === undefined) {
    content = [addImageAttributes(read(view))];
    byView.set(view, content);
  }
  return content;
}

/**
 * The entries of a full-content feed that carry their content: the newest ones, while their
 * content fits FEED_CONTENT_BUDGET. Worked out once per feed, for its three formats alike.
 */
const withContent = new WeakMap<FeedOut, ReadonlySet<ItemView>>();

function entriesWithContent(
  feed: FeedOut,
  read: (view: ItemView) => string,
): ReadonlySet<ItemView> {
  let entries = withContent.get(feed);
  if (entries === undefined) {
    const fitting = new Set<ItemView>();
    let bytes = 0;
    for (const view of feed.entries) {
      bytes += Buffer.byteLength(contentOf(read, view)[0], 'utf8');
      if (bytes > FEED_CONTENT_BUDGET) break;
      fitting.add(view);
    }
    entries = fitting;
    withContent.set(feed, entries);
  }
  return entries;
}

/**
 * The entry's content HTML, images marked (see above); null for an excerpt feed, and for an
 * entry past the feed's content budget, which carries its excerpt.
 */
export function entryContent(feed: FeedOut, view: ItemView): string | null {
  const read = feed.content;
  if (read === null || !entriesWithContent(feed, read).has(view)) return null;
  return contentOf(read, view)[0];
}

/** The same escaped for XML (Atom and RSS escape it alike). */
export function entryContentXml(feed: FeedOut, view: ItemView): string | null {
  const read = feed.content;
  if (read === null || !entriesWithContent(feed, read).has(view)) return null;
  const content = contentOf(read, view);
  return (content[1] ??= escapeHtml(content[0]));
}

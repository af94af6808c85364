import { escapeHtml } from './html-escape.js';
import { absoluteUrl } from './page-context.js';
import {
  entryAuthor,
  entryContent,
  entryContentXml,
  entryBytes,
  feedDocument,
  FEED_FILES,
  feedUpdated,
  type FeedOut,
} from './feed-out.js';
import type { ItemView } from './site-structure.js';

const xml = escapeHtml;

/** RFC 822 date, as RSS 2.0 wants it: `Sat, 25 Dec 2021 00:03:46 GMT`. */
function rfc822(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toUTCString();
}

function renderItem(feed: FeedOut, view: ItemView): string {
  const { item } = view;
  const url = xml(absoluteUrl(feed.settings, view.path));
  // Full content (escaped once for Atom and RSS: feed-out.ts), or the excerpt. A description
  // is HTML to every reader, and the excerpt plain text: escaped as HTML, then as XML, so an
  // excerpt about `<div>` or `<script>` reads as written instead of becoming markup.
  const content = entryContent(feed, view);
  const description =
    content !== null
      ? content
        ? entryContentXml(feed, view)
        : null
      : item.excerpt
        ? xml(escapeHtml(item.excerpt))
        : null;
  const title = `<item>\n<title>${xml(item.title)}</title>`;
  const link = `\n<link>${url}</link>\n<guid isPermaLink="true">${url}</guid>`;
  const date = `\n<pubDate>${xml(rfc822(item.published ?? item.firstSeen))}</pubDate>`;
  const who = `\n<dc:creator>${xml(entryAuthor(view))}</dc:creator>\n<category>${xml(view.feed.site.category.name)}</category>`;
  const text = description !== null ? `\n<description>${description}</description>` : '';
  return `${title}${link}${date}${who}${text}\n</item>`;
}

/** An RSS 2.0 feed (with atom:link self and dc:creator), made from the same entries as Atom. */
export function renderRssFeed(feed: FeedOut): Buffer {
  const { settings } = feed;
  const base = feed.folder === '' ? '' : `${feed.folder}/`;
  const head = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">',
    '<channel>',
    `<title>${xml(feed.title)}</title>`,
    `<link>${xml(absoluteUrl(settings, base))}</link>`,
    `<description>${xml(feed.description || feed.title)}</description>`,
    `<language>${xml(feed.language ?? settings.language)}</language>`,
    `<lastBuildDate>${xml(rfc822(feedUpdated(feed)))}</lastBuildDate>`,
    `<atom:link rel="self" type="application/rss+xml" href="${xml(absoluteUrl(settings, base + FEED_FILES.rss))}"/>`,
    '<generator>Tidings</generator>',
  ];
  const items = feed.entries.map((view) =>
    entryBytes(feed, 'rss', view, () => renderItem(feed, view)),
  );
  const tail = `${items.length ? '\n' : ''}</channel>\n</rss>\n`;
  return feedDocument(`${head.join('\n')}\n`, items, '\n', tail);
}

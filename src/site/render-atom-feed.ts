import { escapeHtml } from './html-escape.js';
import { absoluteUrl } from './page-context.js';
import {
  entryAuthor,
  entryContentXml,
  entryBytes,
  feedDocument,
  FEED_FILES,
  feedUpdated,
  type FeedOut,
} from './feed-out.js';
import { webUrl } from './safe-url.js';
import type { ItemView } from './site-structure.js';

// XML and HTML escape the same five characters the same way, and escapeHtml also drops the
// characters XML forbids, so it serves for both.
const xml = escapeHtml;

/** An entry, its lines joined by newlines (a line per element; absent ones leave no line). */
function renderEntry(feed: FeedOut, view: ItemView): string {
  const { item } = view;
  const url = xml(absoluteUrl(feed.settings, view.path));
  const original = webUrl(item.link);
  const content = entryContentXml(feed, view);
  let text = `<entry>\n<title type="text">${xml(item.title)}</title>\n<id>${url}</id>\n<link rel="alternate" type="text/html" href="${url}"/>`;
  if (original) text += `\n<link rel="related" type="text/html" href="${xml(original)}"/>`;
  if (item.published) text += `\n<published>${xml(item.published)}</published>`;
  text += `\n<updated>${xml(item.changedAt || item.firstSeen)}</updated>\n<author><name>${xml(entryAuthor(view))}</name></author>\n<category term="${xml(view.feed.site.category.name)}"/>`;
  if (item.excerpt) text += `\n<summary type="text">${xml(item.excerpt)}</summary>`;
  if (content !== null) text += `\n<content type="html">${content}</content>`;
  return `${text}\n</entry>`;
}

/**
 * An Atom 1.0 feed with absolute URLs. Entry ids are the item page URLs, which stay stable
 * (see item-path.ts). <updated> is the newest entry change (see FeedOut.fallbackUpdated).
 */
export function renderAtomFeed(feed: FeedOut): Buffer {
  const { settings } = feed;
  const base = feed.folder === '' ? '' : `${feed.folder}/`;
  const home = absoluteUrl(settings, base);
  const head = [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${xml(feed.language ?? settings.language)}">`,
    `<title type="text">${xml(feed.title)}</title>`,
    feed.description ? `<subtitle type="text">${xml(feed.description)}</subtitle>` : '',
    `<id>${xml(home)}</id>`,
    `<link rel="alternate" type="text/html" href="${xml(home)}"/>`,
    `<link rel="self" type="application/atom+xml" href="${xml(absoluteUrl(settings, base + FEED_FILES.atom))}"/>`,
    `<updated>${xml(feedUpdated(feed))}</updated>`,
    `<author><name>${xml(settings.title)}</name></author>`,
    '<generator>Tidings</generator>',
  ].filter((line) => line !== '');
  const entries = feed.entries.map((view) =>
    entryBytes(feed, 'atom', view, () => renderEntry(feed, view)),
  );
  const tail = `${entries.length ? '\n' : ''}</feed>\n`;
  return feedDocument(`${head.join('\n')}\n`, entries, '\n', tail);
}

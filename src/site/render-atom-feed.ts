import type { SiteSettings } from '../config/config.js';
import { escapeHtml } from './html-escape.js';
import { addImageAttributes } from './image-attributes.js';
import { absoluteUrl } from './page-context.js';
import { webUrl } from './safe-url.js';
import type { ItemView } from './site-structure.js';

/** How many of the newest items the site's Atom feed carries. */
export const ATOM_ENTRIES = 50;

// XML and HTML escape the same five characters the same way, and escapeHtml also drops the
// characters XML forbids, so it serves for both.
const xml = escapeHtml;

function renderEntry(settings: SiteSettings, view: ItemView): string {
  const { item, feed } = view;
  const url = absoluteUrl(settings, view.path);
  const original = webUrl(item.link);
  const updated = item.changedAt || view.time.iso;
  const author = item.author || feed.site.name;
  const lines = [
    '<entry>',
    `<title type="text">${xml(item.title)}</title>`,
    `<id>${xml(url)}</id>`,
    `<link rel="alternate" type="text/html" href="${xml(url)}"/>`,
    original ? `<link rel="related" type="text/html" href="${xml(original)}"/>` : '',
    item.published ? `<published>${xml(item.published)}</published>` : '',
    `<updated>${xml(updated)}</updated>`,
    `<author><name>${xml(author)}</name></author>`,
    `<category term="${xml(feed.site.category.name)}"/>`,
    item.excerpt ? `<summary type="text">${xml(item.excerpt)}</summary>` : '',
    `<content type="html">${xml(addImageAttributes(item.contentHtml))}</content>`,
    '</entry>',
  ];
  return lines.filter((line) => line !== '').join('\n');
}

/**
 * The site's Atom 1.0 feed: the newest items, absolute URLs. Entry ids are the item page
 * URLs, which stay stable (see item-path.ts). Feed <updated> is the newest entry change, so
 * an unchanged site gives an unchanged file.
 */
export function renderAtomFeed(
  settings: SiteSettings,
  views: readonly ItemView[],
  generatedAt: string,
): string {
  const entries = views.slice(0, ATOM_ENTRIES);
  let updated = '';
  for (const view of entries) {
    const changed = view.item.changedAt || view.time.iso;
    if (changed > updated) updated = changed;
  }
  const home = absoluteUrl(settings, '');
  const head = [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${xml(settings.language)}">`,
    `<title type="text">${xml(settings.title)}</title>`,
    settings.description ? `<subtitle type="text">${xml(settings.description)}</subtitle>` : '',
    `<id>${xml(home)}</id>`,
    `<link rel="alternate" type="text/html" href="${xml(home)}"/>`,
    `<link rel="self" type="application/atom+xml" href="${xml(absoluteUrl(settings, 'atom.xml'))}"/>`,
    `<updated>${xml(updated || generatedAt)}</updated>`,
    `<author><name>${xml(settings.title)}</name></author>`,
    '<generator>Tidings</generator>',
  ].filter((line) => line !== '');
  return `${head.join('\n')}\n${entries.map((view) => renderEntry(settings, view)).join('\n')}\n</feed>\n`;
}

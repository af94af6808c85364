import type { SiteSettings } from '../config/config.js';
import { escapeHtml } from './html-escape.js';
import { absoluteUrl } from './page-context.js';
import type { ItemView } from './site-structure.js';

const xml = escapeHtml;

/**
 * Item pages per sitemap file. The protocol allows 50,000; files are cut from the OLDEST
 * item, like the list pages, so new items change only the last file.
 */
export const SITEMAP_ITEMS_PER_FILE = 10_000;

/** A page the sitemap lists: site-relative target and, when known, when it last changed. */
export interface SitemapEntry {
  target: string;
  lastmod?: string;
}

export function renderSitemap(settings: SiteSettings, entries: readonly SitemapEntry[]): string {
  const urls = entries.map(
    (entry) =>
      `<url><loc>${xml(absoluteUrl(settings, entry.target))}</loc>${entry.lastmod ? `<lastmod>${xml(entry.lastmod)}</lastmod>` : ''}</url>`,
  );
  return `<?xml version="1.0" encoding="utf-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join('\n')}\n</urlset>\n`;
}

/** The sitemap index (`sitemap.xml`): one file for the lists, then the item files. */
export function renderSitemapIndex(settings: SiteSettings, files: readonly string[]): string {
  const entries = files.map(
    (file) => `<sitemap><loc>${xml(absoluteUrl(settings, file))}</loc></sitemap>`,
  );
  return `<?xml version="1.0" encoding="utf-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${entries.join('\n')}\n</sitemapindex>\n`;
}

/** Item entries of one sitemap file, oldest first. */
export function itemSitemapEntries(views: readonly ItemView[]): SitemapEntry[] {
  return views.map((view) => ({ target: view.path, lastmod: view.item.changedAt }));
}

/** robots.txt: everything may be crawled; the sitemap says where the pages are. */
export function renderRobots(settings: SiteSettings): string {
  return `User-agent: *\nAllow: /\n\nSitemap: ${absoluteUrl(settings, 'sitemap.xml')}\n`;
}

import type { SiteSettings } from '../config/config.js';
import type { FragmentCache } from './fragment-cache.js';
import type { Labels } from './labels.js';
import type { MemoryBudget } from './memory-budget.js';
import { encodePath } from './path-segment.js';

/**
 * What a page renderer knows about the page being rendered, and how it links.
 *
 * Links are relative (`../../items/x.html`): the site works at any path prefix (a project
 * site such as `https://user.github.io/news/`) and when settings.url is wrong, and the same
 * bytes come out whatever the host. Folder links end in `/` (pretty URLs, as Hexo had);
 * open the site through a web server (`tidings serve`), not file://.
 */
export interface PageContext {
  settings: SiteSettings;
  labels: Labels;
  /** Site-relative, unencoded path of the file being rendered: `categories/金融/index.html`. */
  path: string;
  /** From this page to the site root: '' at the root, `../../` two folders down. */
  root: string;
  /** Version of style.css, added to its URL so browsers fetch a changed stylesheet. */
  styleVersion: string;
  /** Cards of items made by this build or carried from the previous one (fragment-cache.ts). */
  fragments?: FragmentCache;
  /**
   * The build's budget for item cards kept for the item's other lists (render-river.ts);
   * without one, every card is kept to the end of the build.
   */
  cardMemory?: MemoryBudget;
}

/** The prefix that leads from a page at `path` back to the site root. */
export function rootPrefix(path: string): string {
  let depth = 0;
  for (let i = 0; i < path.length; i++) if (path.charCodeAt(i) === 47) depth++;
  return '../'.repeat(depth);
}

/** Site-relative target for a folder page: '' for the root, else `folder/`. */
export function folderTarget(folder: string): string {
  return folder === '' ? '' : `${folder}/`;
}

/** A link from the current page to a site-relative, unencoded target (`a/b/` or `a/b.html`). */
export function href(page: PageContext, target: string): string {
  const link = page.root + encodePath(target);
  return link === '' ? './' : link;
}

/** A link from the current page to a site-relative target that is already URL-encoded. */
export function hrefEncoded(page: PageContext, encodedTarget: string): string {
  const link = page.root + encodedTarget;
  return link === '' ? './' : link;
}

/** The absolute URL of a site-relative target, from settings.url. */
export function absoluteUrl(settings: SiteSettings, target: string): string {
  // Asked once a page: the pattern only when there is a slash to drop.
  const base = settings.url.endsWith('/') ? settings.url.replace(/\/+$/, '') : settings.url;
  return `${base}/${encodePath(target)}`;
}

/** The path part of settings.url, with a trailing slash: `/` or `/news/`. For the 404 page. */
export function sitePathPrefix(settings: SiteSettings): string {
  try {
    const path = new URL(settings.url).pathname;
    return path.endsWith('/') ? path : `${path}/`;
  } catch {
    return '/';
  }
}

/** The public target of the current page: its folder for an index.html, else the file. */
export function pageTarget(page: PageContext): string {
  // Most pages (item pages) are no index.html: the pattern only for those that are.
  if (!page.path.endsWith('index.html')) return page.path;
  return page.path === 'index.html' ? '' : page.path.replace(/(^|\/)index\.html$/, '$1');
}

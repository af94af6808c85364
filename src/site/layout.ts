import { markup, type Html } from './html-escape.js';
import { absoluteUrl, folderTarget, href, pageTarget, type PageContext } from './page-context.js';
import { ARCHIVES_FOLDER, CATEGORIES_FOLDER } from './site-structure.js';
import { searchLabelsFor } from '../search/search-labels.js';
import { SEARCH_CSS_VERSION } from '../search/search-style.js';

/** A step of the breadcrumb trail; a step without target is the current page. */
export interface Crumb {
  label: string;
  target?: string;
}

/** The Atom, RSS and JSON feeds of a listing, advertised in the page head. */
export interface FeedLinks {
  /** Folder holding atom.xml, rss.xml and feed.json ('' for the whole site). */
  folder: string;
  title: string;
}

export interface LayoutOptions {
  /** The page's own title; the site title is added after it. Omit on the home page. */
  title?: string;
  description?: string;
  /** Which top-level nav entry is current. */
  section?: 'home' | 'categories' | 'archives' | 'health';
  breadcrumbs?: Crumb[];
  /** The feeds of what the page lists; the site's feeds are always advertised too. */
  feeds?: FeedLinks;
  /** Keep search engines away (the 404 and feed health pages). */
  noindex?: boolean;
  body: Html;
}

export function renderBreadcrumbs(page: PageContext, crumbs: readonly Crumb[]): Html {
  const steps = crumbs.map((crumb) =>
    crumb.target === undefined
      ? markup`<li aria-current="page">${crumb.label}</li>`
      : markup`<li><a href="${href(page, crumb.target)}">${crumb.label}</a></li>`,
  );
  return markup`<nav class="breadcrumbs" aria-label="${page.labels.breadcrumb}"><ol>${steps}</ol></nav>\n`;
}

function feedLinks(page: PageContext, feeds: FeedLinks): Html {
  const base = feeds.folder === '' ? '' : `${feeds.folder}/`;
  return markup`<link rel="alternate" type="application/atom+xml" title="${feeds.title} (Atom)" href="${href(page, `${base}atom.xml`)}">
<link rel="alternate" type="application/rss+xml" title="${feeds.title} (RSS)" href="${href(page, `${base}rss.xml`)}">
<link rel="alternate" type="application/feed+json" title="${feeds.title} (JSON Feed)" href="${href(page, `${base}feed.json`)}">
`;
}

/** The parts of the document that depend only on the site, the page's depth and section. */
interface LayoutParts {
  /** From the doctype to `<title>`. */
  start: string;
  /** The stylesheets. */
  styles: string;
  /** The site's feeds, the icon, the end of the head, the header, the start of main. */
  afterFeeds: string;
  /** From the end of main to the end of the document. */
  end: string;
}

/**
 * Pages at the same depth (the same root prefix) and in the same section share everything of
 * the layout but their title, description, canonical URL, own feeds, breadcrumbs and body:
 * that is rendered once per (settings, labels, style version, root, section). Keys hold
 * objects weakly, so nothing outlives the build that made them.
 */
const partsCache = new WeakMap<PageContext['labels'], WeakMap<PageContext['settings'], Map<string, LayoutParts>>>(); // prettier-ignore

function layoutParts(page: PageContext, section: LayoutOptions['section']): LayoutParts {
  let bySettings = partsCache.get(page.labels);
  if (bySettings === undefined) {
    bySettings = new WeakMap();
    partsCache.set(page.labels, bySettings);
  }
  let byPlace = bySettings.get(page.settings);
  if (byPlace === undefined) {
    byPlace = new Map();
    bySettings.set(page.settings, byPlace);
  }
  const key = `${page.styleVersion}\0${page.root}\0${section ?? ''}`;
  let parts = byPlace.get(key);
  if (parts === undefined) {
    parts = renderLayoutParts(page, section);
    byPlace.set(key, parts);
  }
  return parts;
}

function renderLayoutParts(page: PageContext, section: LayoutOptions['section']): LayoutParts {
  const { settings, labels } = page;
  const current = (which: LayoutOptions['section']): Html | string =>
    section === which ? markup` aria-current="page"` : '';
  const search = searchLabelsFor(settings.language);
  return {
    start: markup`<!doctype html>
<html lang="${settings.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>`.value,
    styles: markup`<link rel="stylesheet" href="${href(page, 'style.css')}?v=${page.styleVersion}">
<link rel="stylesheet" href="${href(page, 'search.css')}?v=${SEARCH_CSS_VERSION}">
`.value,
    afterFeeds:
      markup`${feedLinks(page, { folder: '', title: settings.title })}<link rel="icon" href="${href(page, 'favicon.svg')}" type="image/svg+xml">
</head>
<body>
<a class="skip" href="#main">${labels.skipToContent}</a>
<header class="site-header"><div class="wrap">
<a class="brand" href="${href(page, '')}">${settings.title}</a>
<nav class="site-nav" aria-label="${labels.mainNav}">
<a href="${href(page, '')}"${current('home')}>${labels.home}</a>
<a href="${href(page, folderTarget(CATEGORIES_FOLDER))}"${current('categories')}>${labels.categories}</a>
<a href="${href(page, folderTarget(ARCHIVES_FOLDER))}"${current('archives')}>${labels.archives}</a>
</nav>
<div class="site-tools"><form class="site-search" role="search" aria-label="${search.siteSearch}" action="${href(page, 'search.html')}"><input type="search" name="q" aria-label="${search.search}" placeholder="${search.search}"><button type="submit" class="visually-hidden">${search.search}</button></form></div>
</div></header>
<main id="main" class="wrap">
`.value,
    end: markup`
</main>
<footer class="site-footer"><div class="wrap">
<p>${settings.description || settings.title}</p>
<p class="footer-links"><span class="footer-group"><span>${labels.subscribe}:</span> <a href="${href(page, 'atom.xml')}">Atom</a> <a href="${href(page, 'rss.xml')}">RSS</a> <a href="${href(page, 'feed.json')}">JSON Feed</a> <a href="${href(page, 'subscriptions.opml')}">OPML</a></span> <span class="footer-group"><span class="sep" aria-hidden="true">·</span> <a href="${href(page, 'health/')}"${current('health')}>${labels.health}</a></span> <span class="footer-group"><span class="sep" aria-hidden="true">·</span> <span>${labels.builtWith}</span></span></p>
</div></footer>
</body>
</html>
`.value,
  };
}

/** What of a page's layout the page itself does not decide, in the three pieces around it. */
export interface LayoutFrame {
  /** From the doctype to `<title>`. */
  start: string;
  /** After the page's head (layoutHead): the styles, the feeds, the site header, the breadcrumbs. */
  afterHead: string;
  /** From the end of main to the end of the document. */
  end: string;
}

/**
 * The layout around a page's head and body: the same for every page at the same depth with the
 * same section, breadcrumbs and feeds (all an item page's of one feed: item-page-bytes.ts
 * renders and encodes it once per feed).
 */
export function layoutFrame(
  page: PageContext,
  options: Pick<LayoutOptions, 'section' | 'breadcrumbs' | 'feeds'>,
): LayoutFrame {
  const parts = layoutParts(page, options.section);
  const ownFeeds =
    options.feeds && options.feeds.folder !== '' ? feedLinks(page, options.feeds).value : '';
  const breadcrumbs = options.breadcrumbs ? renderBreadcrumbs(page, options.breadcrumbs).value : '';
  return {
    start: parts.start,
    afterHead: parts.styles + ownFeeds + parts.afterFeeds + breadcrumbs,
    end: parts.end,
  };
}

/** A page's own part of the head: its title, description and canonical URL (or noindex). */
export function layoutHead(
  page: PageContext,
  options: Pick<LayoutOptions, 'title' | 'description' | 'noindex'>,
): string {
  const { settings } = page;
  const title = options.title ? `${options.title} · ${settings.title}` : settings.title;
  const description = options.description ?? settings.description;
  const head = markup`${title}</title>
${description ? markup`<meta name="description" content="${description}">\n` : ''}${options.noindex ? markup`<meta name="robots" content="noindex">\n` : markup`<link rel="canonical" href="${absoluteUrl(settings, pageTarget(page))}">\n`}`;
  return head.value;
}

/**
 * The whole HTML document around a page's main content. Landmarks: header (banner) with the
 * main navigation, main, footer (contentinfo). The header's `.site-tools` slot is where the
 * search form goes.
 */
export function renderLayout(page: PageContext, options: LayoutOptions): string {
  const frame = layoutFrame(page, options);
  return frame.start + layoutHead(page, options) + frame.afterHead + options.body.value + frame.end;
}

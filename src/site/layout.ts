import { markup, type Html } from './html-escape.js';
import { absoluteUrl, folderTarget, href, pageTarget, type PageContext } from './page-context.js';
import { CATEGORIES_FOLDER } from './site-structure.js';
import { searchLabelsFor } from '../search/search-labels.js';
import { SEARCH_CSS_VERSION } from '../search/search-style.js';

/** A step of the breadcrumb trail; a step without target is the current page. */
export interface Crumb {
  label: string;
  target?: string;
}

export interface LayoutOptions {
  /** The page's own title; the site title is added after it. Omit on the home page. */
  title?: string;
  description?: string;
  /** Which top-level nav entry is current. */
  section?: 'home' | 'categories';
  breadcrumbs?: Crumb[];
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

/** The whole HTML document around a page's main content. */
export function renderLayout(page: PageContext, options: LayoutOptions): string {
  const { settings, labels } = page;
  const title = options.title ? `${options.title} · ${settings.title}` : settings.title;
  const description = options.description ?? settings.description;
  const current = (section: LayoutOptions['section']): Html | string =>
    options.section === section ? markup` aria-current="page"` : '';
  const document = markup`<!doctype html>
<html lang="${settings.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${title}</title>
${description ? markup`<meta name="description" content="${description}">\n` : ''}<link rel="canonical" href="${absoluteUrl(settings, pageTarget(page))}">
<link rel="stylesheet" href="${href(page, 'style.css')}?v=${page.styleVersion}">
<link rel="stylesheet" href="${href(page, 'search.css')}?v=${SEARCH_CSS_VERSION}">
<link rel="alternate" type="application/atom+xml" title="${settings.title}" href="${href(page, 'atom.xml')}">
<link rel="icon" href="data:,">
</head>
<body>
<a class="skip" href="#main">${labels.skipToContent}</a>
<header class="site-header"><div class="wrap">
<a class="brand" href="${href(page, '')}">${settings.title}</a>
<nav class="site-nav" aria-label="${settings.title}">
<a href="${href(page, '')}"${current('home')}>${labels.home}</a>
<a href="${href(page, folderTarget(CATEGORIES_FOLDER))}"${current('categories')}>${labels.categories}</a>
<a href="${href(page, 'atom.xml')}">${labels.atomFeed}</a>
</nav>
<form class="site-search" role="search" aria-label="${searchLabelsFor(settings.language).siteSearch}" action="${href(page, 'search.html')}"><input type="search" name="q" aria-label="${searchLabelsFor(settings.language).search}" placeholder="${searchLabelsFor(settings.language).search}"></form>
</div></header>
<main id="main" class="wrap">
${options.breadcrumbs ? renderBreadcrumbs(page, options.breadcrumbs) : ''}${options.body}
</main>
<footer class="site-footer"><div class="wrap">
<span>${settings.description || settings.title}</span>
<span>${labels.builtWith}</span>
</div></footer>
</body>
</html>
`;
  return document.value;
}

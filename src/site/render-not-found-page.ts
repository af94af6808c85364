import { markup } from './html-escape.js';
import { renderLayout } from './layout.js';
import { folderTarget, href, type PageContext } from './page-context.js';
import { ARCHIVES_FOLDER, CATEGORIES_FOLDER } from './site-structure.js';

/**
 * 404.html. Static hosts (GitHub Pages, Netlify, `tidings serve`) send it for any missing
 * address, at any depth, so its links start from the site's path (`/news/…`), not `../`:
 * the caller gives it a context whose root is that path.
 */
export function renderNotFoundPage(page: PageContext): string {
  const { labels } = page;
  const body = markup`<div class="not-found">
<p class="code" aria-hidden="true">404</p>
<h1>${labels.notFoundTitle}</h1>
<p>${labels.notFoundText}</p>
<p class="not-found-links"><a href="${href(page, '')}">${labels.home}</a> <a href="${href(page, folderTarget(CATEGORIES_FOLDER))}">${labels.categories}</a> <a href="${href(page, folderTarget(ARCHIVES_FOLDER))}">${labels.archives}</a></p>
</div>`;
  return renderLayout(page, { title: labels.notFoundTitle, noindex: true, body });
}

import { markup, type Html } from './html-escape.js';
import { folderTarget, href, type PageContext } from './page-context.js';
import { pageFolder, pageWindow, type Page } from './paginate.js';

/** Newer/older links and page numbers for page `current` of a list whose page 1 is `base`. */
export function renderPagination(page: PageContext, base: string, current: Page<unknown>): Html {
  const { number, count } = current;
  if (count <= 1) return markup``;
  const { labels } = page;
  const target = (n: number): string => href(page, folderTarget(pageFolder(base, n)));
  const numbers = pageWindow(number, count).map((n) => {
    if (n === null) return markup`<li><span class="gap">…</span></li>`;
    if (n === number)
      return markup`<li><a href="${target(n)}" aria-current="page" aria-label="${labels.page(n)}">${n}</a></li>`;
    return markup`<li><a href="${target(n)}" aria-label="${labels.page(n)}">${n}</a></li>`;
  });
  const newer =
    number > 1 ? markup`<a href="${target(number - 1)}" rel="prev">← ${labels.newer}</a>` : '';
  const older =
    number < count ? markup`<a href="${target(number + 1)}" rel="next">${labels.older} →</a>` : '';
  return markup`<nav class="pagination" aria-label="${labels.pagination}">${newer}<ol>${numbers}</ol>${older}</nav>\n`;
}

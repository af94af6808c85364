import { markup } from './html-escape.js';
import { renderLayout } from './layout.js';
import type { PageContext } from './page-context.js';
import type { Page } from './paginate.js';
import { renderPagination } from './render-pagination.js';
import { renderRiver } from './render-river.js';
import type { ItemView } from './site-structure.js';

/** A page of the home river: every item, newest first. */
export function renderHomePage(page: PageContext, current: Page<ItemView>, total: number): string {
  const { labels } = page;
  const heading =
    current.number === 1 ? labels.latest : `${labels.latest} · ${labels.page(current.number)}`;
  const body = markup`<div class="page-head"><h1>${heading}</h1><p>${labels.itemCount(total)}</p></div>
${renderRiver(page, current.entries)}${renderPagination(page, '', current)}`;
  return renderLayout(page, {
    title: current.number === 1 ? undefined : labels.page(current.number),
    section: current.number === 1 ? 'home' : undefined,
    body,
  });
}

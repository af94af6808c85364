import type { PageContext } from './page-context.js';
import type { ListPage } from './paginate.js';
import { renderListPage } from './render-list-page.js';
import type { ItemView } from './site-structure.js';

/** A page of the home river: every item, newest first. */
export function renderHomePage(page: PageContext, list: ListPage<ItemView>, total: number): Buffer {
  const { labels } = page;
  return renderListPage(page, list, {
    name: labels.latest,
    base: '',
    summary: labels.itemCount(total),
    ...(list.position.kind === 'front' ? { section: 'home' as const } : {}),
  });
}

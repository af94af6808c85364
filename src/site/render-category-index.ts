import { markup } from './html-escape.js';
import { renderLayout } from './layout.js';
import { hrefEncoded, type PageContext } from './page-context.js';
import type { CategoryNode, ListNode } from './site-structure.js';

/** All categories, each with its sites and their feeds, with item counts. */
export function renderCategoryIndex(
  page: PageContext,
  categories: readonly CategoryNode[],
): string {
  const { labels } = page;
  const link = (node: ListNode) =>
    markup`<a href="${hrefEncoded(page, node.url)}">${node.name}</a> <span class="count">${labels.itemCount(node.items.length)}</span>`;
  const sections = categories.map((category) => {
    const sites = category.sites.map((site) => {
      const feeds = site.feeds.map((feed) => markup`<li>${link(feed)}</li>`);
      return markup`<li>${link(site)}<ul class="feeds">${feeds}</ul></li>`;
    });
    return markup`<section class="category"><h2>${link(category)}</h2><ul>${sites}</ul></section>\n`;
  });
  const feedTotal = categories.reduce(
    (sum, c) => sum + c.sites.reduce((n, s) => n + s.feeds.length, 0),
    0,
  );
  const body = markup`<div class="page-head"><h1>${labels.categories}</h1><p>${labels.feedCount(feedTotal)}</p></div>
<div class="category-index">\n${sections}</div>`;
  return renderLayout(page, {
    title: labels.categories,
    section: 'categories',
    breadcrumbs: [{ label: labels.home, target: '' }, { label: labels.categories }],
    body,
  });
}

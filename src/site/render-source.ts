import { markup, type Html } from './html-escape.js';
import { hrefEncoded, type PageContext } from './page-context.js';
import type { FeedNode } from './site-structure.js';

/** An item's source as links: category › site › feed. */
export function renderSource(page: PageContext, feed: FeedNode): Html {
  const { site } = feed;
  const { category } = site;
  const sep = markup`<span class="sep" aria-hidden="true">›</span>`;
  const link = (node: { url: string; name: string }) =>
    markup`<a href="${hrefEncoded(page, node.url)}">${node.name}</a>`;
  return markup`<span class="source">${link(category)}${sep}${link(site)}${sep}${link(feed)}</span>`;
}

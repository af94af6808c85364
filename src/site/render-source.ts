import { markup, type Html } from './html-escape.js';
import { folderTarget, href, type PageContext } from './page-context.js';
import type { FeedNode } from './site-structure.js';

/** An item's source as links: category › site › feed. */
export function renderSource(page: PageContext, feed: FeedNode): Html {
  const { site } = feed;
  const { category } = site;
  const sep = markup`<span class="sep" aria-hidden="true">›</span>`;
  const link = (folder: string, name: string) =>
    markup`<a href="${href(page, folderTarget(folder))}">${name}</a>`;
  return markup`<span class="source">${link(category.folder, category.name)}${sep}${link(site.folder, site.name)}${sep}${link(feed.folder, feed.feed.name)}</span>`;
}

import { markup, type Html } from './html-escape.js';
import { folderTarget, href, type PageContext } from './page-context.js';
import type { FeedNode } from './site-structure.js';

/** An item's source as links: category › site › feed. */
export function renderSource(page: PageContext, feed: FeedNode): Html {
  const { site } = feed;
  const { category } = site;
  return markup`<span class="source"
    ><a href="${href(page, folderTarget(category.folder))}">${category.name}</a
    ><span class="sep" aria-hidden="true">›</span
    ><a href="${href(page, folderTarget(site.folder))}">${site.name}</a
    ><span class="sep" aria-hidden="true">›</span
    ><a href="${href(page, folderTarget(feed.folder))}">${feed.feed.name}</a></span
  >`;
}

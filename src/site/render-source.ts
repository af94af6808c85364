import { markup, type Html } from './html-escape.js';
import { hrefEncoded, type PageContext } from './page-context.js';

/** A node of the tree as a link: its name and its folder's URL (category, site or feed). */
export interface SourceLink {
  name: string;
  /** URL-encoded folder, with a trailing slash. */
  url: string;
}

/** A feed as an item's source shows it, with its site and category (a FeedNode fits). */
export interface SourceFeed extends SourceLink {
  site: SourceLink & { category: SourceLink };
}

/** An item's source as links: category › site › feed. */
export function renderSource(page: PageContext, feed: SourceFeed): Html {
  return renderSourceWith(feed, (node) => hrefEncoded(page, node.url));
}

/** The same, with the link to each node made by `href` (escaped unless it is Html). */
export function renderSourceWith(
  feed: SourceFeed,
  href: (node: SourceLink) => Html | string,
): Html {
  const { site } = feed;
  const { category } = site;
  const sep = markup`<span class="sep" aria-hidden="true">›</span>`;
  const link = (node: SourceLink) => markup`<a href="${href(node)}">${node.name}</a>`;
  return markup`<span class="source">${link(category)}${sep}${link(site)}${sep}${link(feed)}</span>`;
}

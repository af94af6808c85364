import { markup, type Html } from './html-escape.js';
import type { Crumb } from './layout.js';
import { folderTarget, hrefEncoded, type PageContext } from './page-context.js';
import type { ListPage } from './paginate.js';
import { renderListPage } from './render-list-page.js';
import { webUrl } from './safe-url.js';
import { withoutUrlSecrets } from './url-secrets.js';
import {
  CATEGORIES_FOLDER,
  type CategoryNode,
  type FeedNode,
  type ItemView,
  type ListNode,
  type SiteNode,
} from './site-structure.js';

/** A category, site or feed: the three kinds of listing page. */
export type Listing =
  | { kind: 'category'; node: CategoryNode }
  | { kind: 'site'; node: SiteNode }
  | { kind: 'feed'; node: FeedNode };

/** Home › Categories › category › site › feed, down to the listing itself. */
export function listingTrail(page: PageContext, listing: Listing): Crumb[] {
  const { labels } = page;
  const crumbs: Crumb[] = [
    { label: labels.home, target: '' },
    { label: labels.categories, target: folderTarget(CATEGORIES_FOLDER) },
  ];
  const category =
    listing.kind === 'category'
      ? listing.node
      : listing.kind === 'site'
        ? listing.node.category
        : listing.node.site.category;
  crumbs.push({ label: category.name, target: folderTarget(category.folder) });
  if (listing.kind !== 'category') {
    const site = listing.kind === 'site' ? listing.node : listing.node.site;
    crumbs.push({ label: site.name, target: folderTarget(site.folder) });
  }
  if (listing.kind === 'feed') {
    crumbs.push({ label: listing.node.name, target: folderTarget(listing.node.folder) });
  }
  return crumbs;
}

/** Links to child lists with their counts. */
export function renderChips(page: PageContext, children: readonly ListNode[]): Html {
  const links = children.map(
    (child) =>
      markup`<li><a href="${hrefEncoded(page, child.url)}">${child.name}<span class="count">${child.items.length}</span></a></li>`,
  );
  return markup`<ul class="chips">${links}</ul>\n`;
}

/** What a listing's front page shows above its cards: its children, or a feed's origin. */
function renderIntro(page: PageContext, listing: Listing): Html {
  const { labels } = page;
  if (listing.kind === 'category') return renderChips(page, listing.node.sites);
  if (listing.kind === 'site') return renderChips(page, listing.node.feeds);
  const { feed } = listing.node;
  const link = webUrl(feed.link);
  const home = link
    ? markup`<p>${labels.feedHome}: <a href="${link}" rel="noopener noreferrer nofollow">${feed.title ?? link}</a></p>`
    : '';
  const error = feed.lastError
    ? markup`<p class="feed-error">${labels.lastError}: ${withoutUrlSecrets(feed.lastError)}</p>`
    : '';
  return home || error ? markup`<div class="feed-info">${home}${error}</div>\n` : markup``;
}

/** What a listing's front page says under its heading. */
export function listingSummary(page: PageContext, listing: Listing): string {
  const { labels } = page;
  const count = labels.itemCount(listing.node.items.length);
  if (listing.kind === 'category') {
    return `${count} · ${labels.siteCount(listing.node.sites.length)}`;
  }
  if (listing.kind === 'site') return `${count} · ${labels.feedCount(listing.node.feeds.length)}`;
  return count;
}

/** A page of a category, site or feed listing. */
export function renderListingPage(
  page: PageContext,
  listing: Listing,
  list: ListPage<ItemView>,
): Buffer {
  const { node } = listing;
  return renderListPage(page, list, {
    name: node.name,
    base: node.folder,
    crumbs: listingTrail(page, listing),
    summary: listingSummary(page, listing),
    intro: renderIntro(page, listing),
    feeds: { folder: node.folder, title: node.name },
  });
}

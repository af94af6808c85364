import { markup, type Html } from './html-escape.js';
import { renderLayout, type Crumb } from './layout.js';
import { folderTarget, href, type PageContext } from './page-context.js';
import type { Page } from './paginate.js';
import { renderPagination } from './render-pagination.js';
import { renderRiver } from './render-river.js';
import { webUrl } from './safe-url.js';
import {
  CATEGORIES_FOLDER,
  type CategoryNode,
  type FeedNode,
  type ItemView,
  type SiteNode,
} from './site-structure.js';

/** A category, site or feed: the three kinds of listing page. */
export type Listing =
  | { kind: 'category'; node: CategoryNode }
  | { kind: 'site'; node: SiteNode }
  | { kind: 'feed'; node: FeedNode };

function listingName(listing: Listing): string {
  return listing.kind === 'feed' ? listing.node.feed.name : listing.node.name;
}

function trail(page: PageContext, listing: Listing): Crumb[] {
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
    crumbs.push({ label: listing.node.feed.name, target: folderTarget(listing.node.folder) });
  }
  return crumbs;
}

function chips(
  page: PageContext,
  children: { name: string; folder: string; count: number }[],
): Html {
  const links = children.map(
    (child) =>
      markup`<li><a href="${href(page, folderTarget(child.folder))}">${child.name}<span class="count">${child.count}</span></a></li>`,
  );
  return markup`<ul class="chips">${links}</ul>\n`;
}

/** What a listing shows above its river: its children, or for a feed, where it comes from. */
function renderIntro(page: PageContext, listing: Listing): Html {
  const { labels } = page;
  if (listing.kind === 'category') {
    return chips(
      page,
      listing.node.sites.map((s) => ({ name: s.name, folder: s.folder, count: s.items.length })),
    );
  }
  if (listing.kind === 'site') {
    return chips(
      page,
      listing.node.feeds.map((f) => ({
        name: f.feed.name,
        folder: f.folder,
        count: f.items.length,
      })),
    );
  }
  const { feed } = listing.node;
  const link = webUrl(feed.link);
  const home = link
    ? markup`<p>${labels.feedHome}: <a href="${link}" rel="noopener noreferrer nofollow">${feed.title ?? link}</a></p>`
    : '';
  const error = feed.lastError
    ? markup`<p class="feed-error">${labels.lastError}: ${feed.lastError}</p>`
    : '';
  return home || error ? markup`<div class="feed-info">${home}${error}</div>` : markup``;
}

/** Page `current` of a category, site or feed listing. */
export function renderListingPage(
  page: PageContext,
  listing: Listing,
  current: Page<ItemView>,
): string {
  const { labels } = page;
  const name = listingName(listing);
  const crumbs = trail(page, listing);
  // Page 1 is the listing itself; on later pages its name links back to page 1.
  if (current.number === 1) delete crumbs[crumbs.length - 1]?.target;
  else crumbs.push({ label: labels.page(current.number) });
  const count = listing.node.items.length;
  const sub =
    listing.kind === 'site'
      ? `${labels.itemCount(count)} · ${labels.feedCount(listing.node.feeds.length)}`
      : labels.itemCount(count);
  const intro = current.number === 1 ? renderIntro(page, listing) : '';
  const body = markup`<div class="page-head"><h1>${name}</h1><p>${sub}</p></div>
${intro}${renderRiver(page, current.entries)}${renderPagination(page, listing.node.folder, current)}`;
  const title = current.number === 1 ? name : `${name} · ${labels.page(current.number)}`;
  return renderLayout(page, { title, breadcrumbs: crumbs, body });
}

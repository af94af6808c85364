import type { CategoryNode } from './site-structure.js';

/**
 * The tree without the feeds the config no longer lists (and the sites and categories left
 * empty): what the subscriptions OPML and the health page show. Those feeds are not fetched
 * any more, so they are no subscription and their health says nothing; listed there, they
 * looked healthy forever, and subscribers of the OPML got feeds the site no longer follows.
 */
export function fetchedFeedsOnly(
  categories: readonly CategoryNode[],
  unconfigured: ReadonlySet<string>,
): CategoryNode[] {
  if (unconfigured.size === 0) return [...categories];
  const kept: CategoryNode[] = [];
  for (const category of categories) {
    const sites = category.sites
      .map((site) => ({ ...site, feeds: site.feeds.filter((n) => !unconfigured.has(n.feed.key)) }))
      .filter((site) => site.feeds.length > 0);
    if (sites.length > 0) kept.push({ ...category, sites });
  }
  return kept;
}

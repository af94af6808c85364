import { markup } from './html-escape.js';
import { renderLayout } from './layout.js';
import { hrefEncoded, type PageContext } from './page-context.js';
import type { LocalTime } from './format-time.js';
import type { CategoryNode, FeedNode } from './site-structure.js';
import { withoutUrlSecrets } from './url-secrets.js';

/** Failing feeds first (most failures in a row first), then by place in the tree. */
function healthOrder(feeds: FeedNode[]): FeedNode[] {
  return feeds
    .map((node, index) => ({ node, index }))
    .sort(
      (a, b) =>
        b.node.feed.consecutiveFailures - a.node.feed.consecutiveFailures || a.index - b.index,
    )
    .map(({ node }) => node);
}

/**
 * The feed-health page: for every feed its last success, its last error (when and what),
 * failures in a row and items on the site (all stored ones, unless site.maxAgeDays shows the
 * last days only; `tidings feeds` counts the stored ones). Built from the store's fetch
 * records, so it changes only when an update ran.
 */
export function renderHealthPage(
  page: PageContext,
  categories: readonly CategoryNode[],
  localTime: (iso: string) => LocalTime,
): string {
  const { labels } = page;
  const feeds = categories.flatMap((c) => c.sites.flatMap((s) => s.feeds));
  const failing = feeds.filter((node) => node.feed.lastError !== null || node.feed.gone).length;
  const time = (iso: string | null) => {
    if (!iso) return markup`<span class="muted">${labels.never}</span>`;
    const local = localTime(iso);
    return markup`<time datetime="${local.iso}">${local.text}</time>`;
  };
  const rows = healthOrder(feeds).map((node) => {
    const { feed } = node;
    const failed = feed.lastError !== null || feed.gone;
    const error = feed.gone
      ? markup`${labels.gone}`
      : feed.lastError
        ? markup`${time(feed.lastFetchedAt)}<br><span class="error-kind">${feed.lastErrorKind ?? ''}</span> ${withoutUrlSecrets(feed.lastError)}`
        : markup`<span class="muted">—</span>`;
    return markup`<tr class="${failed ? 'failing' : 'ok'}"><th scope="row"><a href="${hrefEncoded(page, node.url)}">${node.name}</a><span class="where">${node.site.category.name} › ${node.site.name}</span></th><td data-label="${labels.lastSuccess}">${time(feed.lastSuccessAt)}</td><td class="error" data-label="${labels.lastError}">${error}</td><td class="num" data-label="${labels.failuresInRow}">${feed.consecutiveFailures}</td><td class="num" data-label="${labels.items}">${node.items.length}</td></tr>\n`;
  });
  const body = markup`<div class="page-head"><h1>${labels.health}</h1><p>${labels.healthy(feeds.length - failing, feeds.length)}</p></div>
<div class="table-wrap"><table class="health">
<thead><tr><th scope="col">${labels.feed}</th><th scope="col">${labels.lastSuccess}</th><th scope="col">${labels.lastError}</th><th scope="col" class="num">${labels.failuresInRow}</th><th scope="col" class="num">${labels.items}</th></tr></thead>
<tbody>
${rows}</tbody>
</table></div>`;
  return renderLayout(page, {
    title: labels.health,
    section: 'health',
    breadcrumbs: [{ label: labels.home, target: '' }, { label: labels.health }],
    // How the fetching goes, not news: kept out of search results, as it is of the sitemap.
    noindex: true,
    body,
  });
}

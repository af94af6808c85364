import type { SiteSettings } from '../config/config.js';
import { escapeHtml } from './html-escape.js';
import { absoluteUrl } from './page-context.js';
import { FEED_FILES } from './feed-out.js';
import { hostReach } from './host-reach.js';
import { hasPrivateCredentials } from './url-secrets.js';
import type { CategoryNode, FeedNode } from './site-structure.js';

const xml = escapeHtml;

/**
 * Where a subscription's feed can be read: its web address with any `key` parameter removed
 * (an RSSHub access key is a secret), or its copy on this site for a feed read from a file,
 * with a password or token in its address (url-secrets.ts), or from a host only this
 * machine or its network reaches (an RSSHub instance at
 * `http://127.0.0.1:1200` or `http://rsshub:1200`): the OPML is published with the site.
 */
export function publicFeedUrl(settings: SiteSettings, node: FeedNode): string {
  const location = node.feed.movedTo ?? node.feed.location;
  if (/^https?:\/\//i.test(location)) {
    try {
      const url = new URL(location);
      // A private feed (a password or token in its address) is read through the site's copy.
      if (hostReach(url.hostname) === 'public' && !hasPrivateCredentials(url)) {
        url.searchParams.delete('key');
        return url.href;
      }
    } catch {
      // not a URL after all: fall through to the site's copy
    }
  }
  return absoluteUrl(settings, `${node.folder}/${FEED_FILES.atom}`);
}

/** The subscriptions as OPML 2.0: category → site → feed, as the config lists them. */
export function renderOpml(settings: SiteSettings, categories: readonly CategoryNode[]): string {
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<opml version="2.0">',
    `<head><title>${xml(settings.title)}</title></head>`,
    '<body>',
  ];
  for (const category of categories) {
    lines.push(`<outline text="${xml(category.name)}" title="${xml(category.name)}">`);
    for (const site of category.sites) {
      lines.push(`<outline text="${xml(site.name)}" title="${xml(site.name)}">`);
      for (const node of site.feeds) {
        const link = node.feed.link && /^https?:\/\//i.test(node.feed.link) ? node.feed.link : null;
        lines.push(
          `<outline type="rss" text="${xml(node.name)}" title="${xml(node.feed.title ?? node.name)}" xmlUrl="${xml(publicFeedUrl(settings, node))}"${link ? ` htmlUrl="${xml(link)}"` : ''}/>`,
        );
      }
      lines.push('</outline>');
    }
    lines.push('</outline>');
  }
  lines.push('</body>', '</opml>');
  return `${lines.join('\n')}\n`;
}

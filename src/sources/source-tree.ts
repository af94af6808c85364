import path from 'node:path';
import type { ConfigFile, FeedEntry } from '../config/config-schema.js';
import type { FeedLocation, FeedSource } from './feed-source.js';

/** Flattens the config's category → site → feed tree into feed sources, in config order. */
export function buildSourceTree(config: ConfigFile, configDir: string): FeedSource[] {
  return config.sources.flatMap((category) =>
    category.sites.flatMap((site) =>
      site.feeds.map((feed) => ({
        key: feedKey(feed),
        category: category.category,
        site: site.name,
        name: feed.name,
        location: feedLocation(feed, config.rsshub, configDir),
        timeZone: feed.timezone ?? config.site.timezone,
        interval: feed.interval ?? null,
      })),
    ),
  );
}

function feedKey(feed: FeedEntry): string {
  if (feed.rsshub !== undefined) return `rsshub:${feed.rsshub}`;
  if (feed.url !== undefined) return `url:${feed.url}`;
  return `file:${feed.file}`;
}

function feedLocation(
  feed: FeedEntry,
  rsshub: ConfigFile['rsshub'],
  configDir: string,
): FeedLocation {
  if (feed.url !== undefined) return { kind: 'url', url: feed.url };
  if (feed.file !== undefined) return { kind: 'file', path: path.resolve(configDir, feed.file) };
  return { kind: 'url', url: rsshubRouteUrl(rsshub.instance, feed.rsshub ?? '/', rsshub.key) };
}

/** `/sina/finance` on `http://127.0.0.1:1200` → `http://127.0.0.1:1200/sina/finance` (plus `?key=`). */
export function rsshubRouteUrl(instance: string, route: string, key?: string): string {
  const base = instance.replace(/\/+$/, '');
  const url = new URL(base + route);
  if (key) url.searchParams.set('key', key);
  return url.toString();
}

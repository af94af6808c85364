import path from 'node:path';
import { languageTag } from '../content/language-tag.js';
import type {
  CleanEntry,
  ConfigFile,
  FeedEntry,
  RetentionEntry,
  SiteEntry,
} from '../config/config-schema.js';
import type {
  CleanRules,
  ContentSettings,
  FeedLocation,
  FeedSource,
  RetentionPolicy,
} from './feed-source.js';

/**
 * Flattens the config's category → site → feed tree into feed sources, in config order.
 * `address` gives the address a feed's `url` is fetched from (its environment variables
 * replaced); the key keeps the url as written.
 */
export function buildSourceTree(
  config: ConfigFile,
  configDir: string,
  address: (url: string, setting: string) => string = (url) => url,
): FeedSource[] {
  return config.sources.flatMap((category) =>
    category.sites.flatMap((site) =>
      site.feeds.map((feed) => ({
        key: feedKey(feed),
        category: category.category,
        site: site.name,
        name: feed.name,
        location: feedLocation(
          feed.url === undefined
            ? feed
            : {
                ...feed,
                url: address(feed.url, `${category.category} › ${site.name} › ${feed.name}: url`),
              },
          config.rsshub,
          configDir,
        ),
        timeZone: feed.timezone ?? config.site.timezone,
        ...languageOverride(feed),
        interval: feed.interval ?? null,
        content: contentSettings(config, site, feed),
        retention: retentionPolicy(config.retention, feed.retention),
      })),
    ),
  );
}

/** The feed's `language`, canonical (the schema let through only tags languageTag reads). */
function languageOverride(feed: FeedEntry): { language?: string } {
  const language = languageTag(feed.language);
  return language === null ? {} : { language };
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
  // An instance may carry its access key as a query (`…:1200/?key=${RSSHUB_KEY}`): it goes
  // after the route's own query, not before the route (`/?key=abc/sina/finance`).
  const [, address = instance, query] = /^([^?#]*)(?:\?([^#]*))?/.exec(instance) ?? [];
  const url = new URL(address.replace(/\/+$/, '') + route);
  if (query) url.search = url.search ? `${url.search}&${query}` : `?${query}`;
  if (key) url.searchParams.set('key', key);
  return url.toString();
}

/** Config-wide content settings with the site's and the feed's rules after them. */
function contentSettings(config: ConfigFile, site: SiteEntry, feed: FeedEntry): ContentSettings {
  const clean = [config.content.clean, site.clean, feed.clean]
    .filter((entry): entry is CleanEntry => entry !== undefined)
    .map(cleanRules);
  return { embeds: config.content.embeds, builtinRules: config.content.builtinRules, clean };
}

function cleanRules(entry: CleanEntry): CleanRules {
  return {
    remove: entry.remove,
    removePattern: entry.removePattern,
    keepOnly: entry.keepOnly ?? null,
  };
}

/** The feed's own limits win over the config-wide ones; 0 means no limit. */
function retentionPolicy(global: RetentionEntry, own: RetentionEntry | undefined): RetentionPolicy {
  const maxAgeDays = own?.maxAgeDays ?? global.maxAgeDays ?? 0;
  const maxItemsPerFeed = own?.maxItemsPerFeed ?? global.maxItemsPerFeed ?? 0;
  return {
    maxAgeDays: maxAgeDays > 0 ? maxAgeDays : null,
    maxItemsPerFeed: maxItemsPerFeed > 0 ? maxItemsPerFeed : null,
  };
}

import fs from 'node:fs';
import path from 'node:path';
import { prepareItem } from '../../src/content/prepare-item.js';
import { parseFeed } from '../../src/parse/parse-feed.js';
import type { StoredFeed, StoredItem } from '../../src/store/store.js';
import { fixtureDir, fixtureRoutes } from './rsshub-page-fixture.js';

/** The rsshub-page fixture's feeds as the store holds them after `tidings update`. */
export function storedFixture(): { feeds: StoredFeed[]; items: StoredItem[] } {
  const feeds: StoredFeed[] = [];
  const items: StoredItem[] = [];
  for (const route of fixtureRoutes()) {
    const key = `rsshub:${route.path}`;
    const parsed = parseFeed(fs.readFileSync(path.join(fixtureDir, route.feed)));
    feeds.push({
      key,
      category: route.category,
      site: route.site,
      name: route.route,
      location: route.path,
      title: parsed.title,
      link: parsed.link,
      lastFetchedAt: null,
      lastSuccessAt: null,
      lastError: null,
      lastErrorKind: null,
      itemCount: parsed.items.length,
      consecutiveFailures: 0,
      nextDueAt: null,
      gone: false,
      movedTo: null,
    });
    for (const [index, parsedItem] of parsed.items.entries()) {
      const firstSeen = new Date(Date.UTC(2024, 0, 1, 0, index)).toISOString();
      const item = prepareItem(parsedItem, { baseUrl: null });
      items.push({ ...item, feedKey: key, firstSeen, changedAt: firstSeen });
    }
  }
  return { feeds, items };
}

/** The old post layout each fixture feed used: the AcFun route's one post is from 2018. */
export function fixtureTemplate(feed: StoredFeed): 'current' | '2018' {
  const route = fixtureRoutes().find((r) => `rsshub:${r.path}` === feed.key);
  return route?.templates.includes('v1-legacy') ? '2018' : 'current';
}

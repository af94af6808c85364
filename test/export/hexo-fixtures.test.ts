import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { prepareItem } from '../../src/content/prepare-item.js';
import { exportHexo } from '../../src/export/export-hexo.js';
import { parseFeed } from '../../src/parse/parse-feed.js';
import type { StoredFeed, StoredItem } from '../../src/store/store.js';
import { compareWithExpected, formatComparison } from '../support/compare-hexo-posts.js';
import {
  fixtureAvailable,
  fixtureDir,
  fixtureRoutes,
} from '../support/rsshub-page-fixture.js';

/** The fixture's feeds as the store would hold them after `tidings update`. */
function storedFixture(): { feeds: StoredFeed[]; items: StoredItem[] } {
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

describe('Hexo export of the rsshub-page fixture', { skip: !fixtureAvailable && 'no ../shared fixtures' }, () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-hexo-fixture-'));
  after(() => fs.rmSync(out, { recursive: true, force: true }));
  const routes = fixtureRoutes();
  const legacy = new Set(routes.filter((r) => r.templates.includes('v1-legacy')).map((r) => `rsshub:${r.path}`));

  test('every fixture item gives the old post, byte for byte or by a listed fix', () => {
    const { feeds, items } = storedFixture();
    assert.equal(items.length, routes.reduce((n, r) => n + r.items, 0), 'every feed item parsed');
    const report = exportHexo(out, feeds, items, {
      template: (feed) => (legacy.has(feed.key) ? '2018' : 'current'),
    });
    assert.deepEqual(report.failed, []);
    assert.deepEqual(report.skipped, []);
    assert.equal(report.posts, items.length);

    const result = compareWithExpected(out, routes);
    console.log(formatComparison(result));
    assert.deepEqual(result.other, [], 'differences no listed fix explains');
    assert.deepEqual(result.extra, [], 'posts with no old counterpart');
    assert.equal(result.compared, items.length);
    assert.ok(result.exact > 0);
  });

  test('a second export of the same items rewrites nothing', () => {
    const { feeds, items } = storedFixture();
    const before = fs.statSync(path.join(out, routes[0]!.category)).mtimeMs;
    const report = exportHexo(out, feeds, items, {
      template: (feed) => (legacy.has(feed.key) ? '2018' : 'current'),
    });
    assert.deepEqual(report.written, []);
    assert.equal(report.unchanged, items.length);
    assert.equal(fs.statSync(path.join(out, routes[0]!.category)).mtimeMs, before);
  });
});

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { computeSiteStatus, renderSiteStatus } from '../../src/site/site-status.js';
import type { StoredFeed } from '../../src/store/store.js';

function feed(key: string, fields: Partial<StoredFeed>): StoredFeed {
  return {
    key,
    category: 'C',
    site: 'S',
    name: key,
    location: key,
    title: null,
    link: null,
    lastFetchedAt: null,
    lastSuccessAt: null,
    lastError: null,
    lastErrorKind: null,
    itemCount: 0,
    consecutiveFailures: 0,
    nextDueAt: null,
    gone: false,
    movedTo: null,
    ...fields,
  };
}

const feeds = [
  feed('ok', {
    lastFetchedAt: '2026-11-26T10:00:00.000Z',
    lastSuccessAt: '2026-11-26T10:00:00.000Z',
    itemCount: 20,
  }),
  feed('failing', {
    lastFetchedAt: '2026-11-26T11:00:00.000Z',
    lastSuccessAt: '2026-11-25T09:00:00.000Z',
    lastError: 'http://x/feed: HTTP 503',
    lastErrorKind: 'http',
    consecutiveFailures: 3,
    itemCount: 5,
  }),
  feed('gone', {
    lastFetchedAt: '2026-11-20T00:00:00.000Z',
    lastError: 'HTTP 410 Gone',
    lastErrorKind: 'gone',
    gone: true,
  }),
];

describe('site status', () => {
  test('counts health and items; the latest fetch and success; lists failing feeds', () => {
    const status = computeSiteStatus(feeds);
    assert.deepEqual(status.feeds, { total: 3, ok: 1, failing: 1, gone: 1, neverFetched: 0 });
    assert.equal(status.items.total, 25);
    assert.equal(status.lastUpdateAt, '2026-11-26T11:00:00.000Z');
    assert.equal(status.lastSuccessAt, '2026-11-26T10:00:00.000Z');
    assert.deepEqual(
      status.failing.map((f) => [f.feed, f.health, f.kind, f.consecutiveFailures]),
      [
        ['failing', 'failing', 'http', 3],
        ['gone', 'gone', 'gone', 0],
      ],
    );
  });

  test('with the configured keys: unknown feeds are never fetched, removed ones do not count', () => {
    const status = computeSiteStatus(feeds, ['ok', 'new']);
    assert.deepEqual(status.feeds, { total: 2, ok: 1, failing: 0, gone: 0, neverFetched: 1 });
    assert.equal(status.items.total, 20);
    assert.deepEqual(status.failing, []);
  });

  test('an empty store; the JSON text is stable (no time of its own)', () => {
    const empty = computeSiteStatus([]);
    assert.equal(empty.lastUpdateAt, null);
    assert.deepEqual(empty.feeds, { total: 0, ok: 0, failing: 0, gone: 0, neverFetched: 0 });
    assert.equal(renderSiteStatus(feeds), renderSiteStatus(feeds));
    assert.deepEqual(JSON.parse(renderSiteStatus(feeds)), computeSiteStatus(feeds));
  });
});

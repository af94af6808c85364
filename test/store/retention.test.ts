import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import type { Item } from '../../src/content/item.js';
import type { FeedSource, RetentionPolicy } from '../../src/sources/feed-source.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import type { FetchRecord } from '../../src/store/store.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-retention-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

function source(key: string, retention?: RetentionPolicy): FeedSource {
  return {
    key,
    category: 'C',
    site: 'S',
    name: key,
    location: { kind: 'url', url: `http://127.0.0.1:1/${key}` },
    timeZone: 'UTC',
    interval: null,
    ...(retention ? { retention } : {}),
  };
}

function fetched(at: string): FetchRecord {
  return { at, etag: null, lastModified: null, bodyHash: null, movedTo: null, nextDueAt: at };
}

/** An item published `day` days into December 2021. */
function item(key: string, day: number | null, overrides: Partial<Item> = {}): Item {
  const published = day === null ? null : new Date(Date.UTC(2021, 11, day)).toISOString();
  return {
    key,
    title: key,
    link: null,
    published,
    publishedText: published,
    updated: null,
    author: null,
    contentHtml: `<p>${key}</p>`,
    sourceHtml: `<p>${key}</p>`,
    excerpt: key,
    text: key,
    readingMinutes: 1,
    image: null,
    categories: [],
    ...overrides,
  };
}

const meta = { title: null, link: null };
const keys = (items: { key: string; feedKey: string }[], feed: string) =>
  items
    .filter((i) => i.feedKey === feed)
    .map((i) => i.key)
    .sort();

describe('retention', () => {
  test('unset or 0 keeps everything forever', () => {
    const store = openSqliteStore(path.join(dir, 'forever.db'));
    const forever = source('forever', { maxAgeDays: null, maxItemsPerFeed: null });
    store.saveFeed(
      forever,
      meta,
      [item('a', 1), item('b', 2)],
      fetched('2021-12-03T00:00:00.000Z'),
    );
    const result = store.saveFeed(
      forever,
      meta,
      [item('c', 3)],
      fetched('2030-01-01T00:00:00.000Z'),
    );
    assert.equal(result.removed, 0);
    assert.deepEqual(keys(store.listItems(), 'forever'), ['a', 'b', 'c']);
    store.close();
  });

  test('by age: items older than maxAgeDays are deleted, unless the feed still lists them', () => {
    const store = openSqliteStore(path.join(dir, 'age.db'));
    const feed = source('age', { maxAgeDays: 10, maxItemsPerFeed: null });
    const other = source('other');
    store.saveFeed(
      feed,
      meta,
      [item('old', 1), item('mid', 10), item('undated', null)],
      fetched('2021-12-11T00:00:00.000Z'),
    );
    store.saveFeed(other, meta, [item('old', 1)], fetched('2021-12-11T00:00:00.000Z'));
    // On Dec 20, "old" (Dec 1) is past 10 days; "mid" (Dec 10) is not; "undated" counts
    // from when it was first seen (Dec 11). "still" is old but still listed: it stays.
    const result = store.saveFeed(
      feed,
      meta,
      [item('new', 19), item('still', 2)],
      fetched('2021-12-20T00:00:00.000Z'),
    );
    assert.equal(result.removed, 1);
    const items = store.listItems();
    assert.deepEqual(keys(items, 'age'), ['mid', 'new', 'still', 'undated']);
    assert.deepEqual(keys(items, 'other'), ['old'], 'other feeds are not touched');
    store.close();
  });

  test('by count: only the newest maxItemsPerFeed stay, the current feed always kept', () => {
    const store = openSqliteStore(path.join(dir, 'count.db'));
    const feed = source('count', { maxAgeDays: null, maxItemsPerFeed: 3 });
    store.saveFeed(
      feed,
      meta,
      [1, 2, 3, 4].map((d) => item(`d${d}`, d)),
      fetched('2021-12-05T00:00:00.000Z'),
    );
    assert.deepEqual(
      keys(store.listItems(), 'count'),
      ['d1', 'd2', 'd3', 'd4'],
      'all four are in the feed',
    );
    const result = store.saveFeed(
      feed,
      meta,
      [item('d6', 6), item('d5', 5)],
      fetched('2021-12-07T00:00:00.000Z'),
    );
    assert.equal(result.removed, 3);
    assert.deepEqual(keys(store.listItems(), 'count'), ['d4', 'd5', 'd6']);
    // Seen again in a later run, nothing is added back and nothing more goes.
    const again = store.saveFeed(
      feed,
      meta,
      [item('d6', 6), item('d5', 5)],
      fetched('2021-12-08T00:00:00.000Z'),
    );
    assert.deepEqual(again, { added: 0, changed: 0, unchanged: 2, removed: 0 });
    store.close();
  });

  test('both limits together, applied in the same transaction as the save', () => {
    const file = path.join(dir, 'both.db');
    const store = openSqliteStore(file);
    const feed = source('both', { maxAgeDays: 29.5, maxItemsPerFeed: 2 });
    store.saveFeed(
      feed,
      meta,
      [item('a', 1), item('b', 2), item('c', 3)],
      fetched('2021-12-04T00:00:00.000Z'),
    );
    store.saveFeed(feed, meta, [item('z', 31)], fetched('2021-12-31T00:00:00.000Z'));
    // a (Dec 1) is past 29.5 days on Dec 31; of b, c, z only the newest 2 stay.
    assert.deepEqual(keys(store.listItems(), 'both'), ['c', 'z']);
    store.close();
    const db = new Database(file, { readonly: true });
    assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
    db.close();
  });
});

describe('changes are visible to the site build', () => {
  test('an edited item keeps first seen, gets a new changed time, text and reading time', () => {
    const store = openSqliteStore(path.join(dir, 'changes.db'));
    const feed = source('changes');
    store.saveFeed(feed, meta, [item('a', 1)], fetched('2021-12-02T00:00:00.000Z'));
    const [before] = store.listItems();
    assert.equal(before!.changedAt, before!.firstSeen);
    store.saveFeed(
      feed,
      meta,
      [item('a', 1, { contentHtml: '<p>新的正文</p>', text: '新的正文', readingMinutes: 2 })],
      fetched('2021-12-03T00:00:00.000Z'),
    );
    const [after] = store.listItems();
    assert.equal(after!.firstSeen, '2021-12-02T00:00:00.000Z');
    assert.equal(after!.changedAt, '2021-12-03T00:00:00.000Z');
    assert.equal(after!.text, '新的正文');
    assert.equal(after!.readingMinutes, 2);
    store.close();
  });
});

describe('migrations', () => {
  test('a version-2 store is upgraded in place, its items kept', () => {
    const file = path.join(dir, 'v2.db');
    const db = new Database(file);
    db.exec(`CREATE TABLE feeds (key TEXT PRIMARY KEY, category TEXT NOT NULL, site TEXT NOT NULL,
      name TEXT NOT NULL, location TEXT NOT NULL, title TEXT, link TEXT, last_fetched_at TEXT,
      last_success_at TEXT, last_error TEXT, etag TEXT, last_modified TEXT, body_hash TEXT,
      moved_to TEXT, last_error_kind TEXT, consecutive_failures INTEGER NOT NULL DEFAULT 0,
      next_due_at TEXT, gone INTEGER NOT NULL DEFAULT 0);
    CREATE TABLE items (feed_key TEXT NOT NULL REFERENCES feeds(key), key TEXT NOT NULL,
      title TEXT NOT NULL, link TEXT, published TEXT, updated TEXT, author TEXT,
      content_html TEXT NOT NULL, excerpt TEXT NOT NULL, image TEXT, categories TEXT NOT NULL,
      content_hash TEXT NOT NULL, first_seen TEXT NOT NULL, changed_at TEXT NOT NULL,
      sort_time TEXT NOT NULL, PRIMARY KEY (feed_key, key)) WITHOUT ROWID;
    CREATE INDEX items_by_time ON items (sort_time DESC);
    INSERT INTO feeds (key, category, site, name, location) VALUES ('f', 'C', 'S', 'F', 'x');
    INSERT INTO items VALUES ('f', 'k', 'T', NULL, NULL, NULL, NULL, '<p>x</p>', 'x', NULL, '[]',
      'h', '2021-01-01T00:00:00.000Z', '2021-01-01T00:00:00.000Z', '2021-01-01T00:00:00.000Z');
    PRAGMA user_version = 2;`);
    db.close();
    const store = openSqliteStore(file);
    const [stored] = store.listItems();
    assert.equal(stored!.key, 'k');
    assert.equal(stored!.text, '');
    assert.equal(stored!.readingMinutes, 0);
    store.close();
  });
});

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import Database from 'better-sqlite3';
import type { Item } from '../../src/content/item.js';
import { StoredTexts } from '../../src/search/stored-texts.js';
import { openItemContentReader } from '../../src/store/item-content-reader.js';
import { ITEM_TIME_SUMS, openSqliteStore } from '../../src/store/sqlite-store.js';
import { fetchedAt, sinaFinanceSource } from '../support/sample-source.js';

// The store's read methods for the site builder: summaries without the long texts, in the
// order of listItems, and each item's content and text on demand.

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-summaries-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

const source = sinaFinanceSource;

function item(key: string, published: string | null): Item {
  return {
    key,
    title: `标题 ${key}`,
    link: `https://example.com/${key}`,
    published,
    publishedText: null,
    updated: null,
    author: '记者',
    contentHtml: `<p>${'正文'.repeat(3000)} ${key}</p>`,
    sourceHtml: `<div>正文 ${key}</div>`,
    excerpt: `正文 ${key}`,
    text: `${'正文'.repeat(3000)} ${key}`,
    readingMinutes: 7,
    image: key === 'b' ? 'https://img.example.com/b.jpg' : null,
    categories: key === 'a' ? ['财经', '宏观'] : [],
  };
}

test('summaries match listItems without the long texts; content and text read one by one', () => {
  const file = path.join(dir, 'store.db');
  const store = openSqliteStore(file);
  const at = '2021-12-25T01:00:00.000Z';
  store.saveFeed(
    source,
    { title: null, link: null },
    [item('a', '2021-12-24T00:00:00.000Z'), item('b', '2021-12-25T00:00:00.000Z'), item('c', null)],
    { at, etag: null, lastModified: null, bodyHash: null, movedTo: null, nextDueAt: at },
  );
  const full = store.listItems();
  const summaries = store.listItemSummaries();
  assert.deepEqual(
    summaries,
    full.map(({ contentHtml: _c, sourceHtml: _s, sourceBase: _b, text: _t, ...rest }) => rest),
  );
  assert.deepEqual(
    summaries.map((s) => s.key),
    ['c', 'b', 'a'],
    'newest first; no date means first seen',
  );
  assert.ok(store.readItemContent(source.key, 'a')?.endsWith(' a</p>'));
  assert.ok(store.readItemText(source.key, 'b')?.endsWith(' b'));
  assert.equal(store.readItemContent(source.key, 'missing'), null);
  assert.equal(store.readItemText('other', 'a'), null);
  store.close();

  // The summaries are read from a covering index, not from the rows with their content.
  const db = new Database(file, { readonly: true });
  const plan = db
    .prepare(
      `EXPLAIN QUERY PLAN SELECT feed_key, key, title, link, published, published_text, updated,
         author, excerpt, reading_minutes, image, categories, first_seen, changed_at
       FROM items ORDER BY sort_time DESC, first_seen DESC, key`,
    )
    .all() as { detail: string }[];
  // What a build reads first (has anything changed?) comes from the small index of times.
  const sumsPlan = db.prepare(`EXPLAIN QUERY PLAN ${ITEM_TIME_SUMS}`).all() as { detail: string }[];
  db.close();
  assert.match(plan.map((row) => row.detail).join('\n'), /COVERING INDEX items_summary/);
  assert.match(sumsPlan.map((row) => row.detail).join('\n'), /COVERING INDEX items_change_times/);
});

test('contents read in key-order ranges, text starts in one scan', () => {
  const store = openSqliteStore(path.join(dir, 'ranges.db'));
  const at = '2021-12-25T01:00:00.000Z';
  const fetch = fetchedAt(at);
  store.saveFeed(source, { title: null, link: null }, [item('c', null), item('a', null)], fetch);
  store.saveFeed(
    { ...source, key: 'rsshub:/other', name: 'other' },
    { title: null, link: null },
    [item('b', null)],
    fetch,
  );
  const keys = (rows: { feedKey: string; key: string }[]) =>
    rows.map((row) => `${row.feedKey} ${row.key}`);
  const all = store.readItemContentsFrom('', '', 10);
  assert.deepEqual(keys(all), [`rsshub:/other b`, `${source.key} a`, `${source.key} c`]);
  assert.ok(all.every((row) => row.contentHtml === store.readItemContent(row.feedKey, row.key)));
  // From a given item (included), or from where a missing one would be; at most `limit`.
  assert.deepEqual(keys(store.readItemContentsFrom(source.key, 'a', 1)), [`${source.key} a`]);
  assert.deepEqual(keys(store.readItemContentsFrom(source.key, 'b', 5)), [`${source.key} c`]);
  assert.deepEqual(store.readItemContentsFrom(source.key, 'd', 5), []);

  const prefixes = store.readItemTextPrefixes(5);
  assert.deepEqual(keys(prefixes), keys(all));
  assert.ok(prefixes.every((row) => row.text === '正文正文正'));
  store.close();
});

test("the site's window (shownSince): every reader of items skips those sorted before it", () => {
  const file = path.join(dir, 'window.db');
  const store = openSqliteStore(file);
  const at = '2021-12-26T01:00:00.000Z';
  const fetch = fetchedAt(at);
  // d has no date: it sorts by when it was first seen (the fetch, the 26th), like the pages.
  const items = [
    item('a', '2021-12-20T00:00:00.000Z'),
    item('b', '2021-12-25T00:00:00.000Z'),
    item('c', '2021-12-23T23:59:59.999Z'),
    item('d', null),
  ];
  store.saveFeed(source, { title: null, link: null }, items, fetch);
  const since = '2021-12-24T00:00:00.000Z';
  const keys = (rows: { key: string }[]) => rows.map((row) => row.key);
  assert.deepEqual(keys(store.listItemSummaries(since)), ['d', 'b']);
  assert.deepEqual(keys(store.listItemSummaries(null)), ['d', 'b', 'c', 'a']);
  assert.deepEqual(keys(store.readItemContentsFrom('', '', 10, since)), ['b', 'd']);
  assert.deepEqual(keys(store.readItemContentsFrom(source.key, 'a', 1, since)), ['b']);
  assert.deepEqual(keys(store.readItemTextPrefixes(5, since)), ['b', 'd']);
  store.close();

  // What the threads read the store file with: the item pages' range scans and search's texts.
  const reader = openItemContentReader(file, since);
  const range = [...reader.contentsBetween({ feedKey: source.key, key: 'a' }, { feedKey: source.key, key: 'd' })]; // prettier-ignore
  assert.deepEqual(keys(range), ['b', 'd']);
  assert.ok(reader.content({ feedKey: source.key, key: 'a' }) !== null, 'one by one: any item');
  reader.close();
  const texts = new StoredTexts(file, 5, since);
  texts.scan();
  // The scan kept b and d only (its private map, as a get gives the same text either way): a
  // and c would be read one by one if asked, which a build never does.
  const kept = (texts as unknown as { scanned: Map<string, Map<string, string>> }).scanned;
  assert.deepEqual(
    [...kept.values()].flatMap((feed) => [...feed.keys()]),
    ['b', 'd'],
  );
  assert.equal(texts.get(source.key, 'b'), '正文正文正');
  assert.equal(texts.get(source.key, 'a'), '正文正文正');
  texts.close();
});

test('the change watermark moves with every added, edited or removed item and feed change', () => {
  const store = openSqliteStore(path.join(dir, 'watermark.db'));
  const fetch = (at: string) => ({
    at,
    etag: null,
    lastModified: null,
    bodyHash: null,
    movedTo: null,
    nextDueAt: at,
  });
  const seen = new Set<string>();
  const moved = (what: string): void => {
    const mark = store.changeWatermark();
    assert.ok(!seen.has(mark), `${what}: the watermark moved`);
    seen.add(mark);
  };
  moved('empty store');
  assert.equal(store.changeWatermark(), [...seen][0], 'reading twice gives the same mark');
  store.saveFeed(
    source,
    { title: null, link: null },
    [item('a', null)],
    fetch('2021-12-25T01:00:00.000Z'),
  );
  moved('an item added');
  store.saveFeed(
    source,
    { title: null, link: null },
    [{ ...item('a', null), title: 'edited' }],
    fetch('2021-12-25T02:00:00.000Z'),
  );
  moved('an item edited');
  store.saveFeed(
    { ...source, retention: { maxAgeDays: null, maxItemsPerFeed: 1 } },
    { title: null, link: null },
    [item('b', null)],
    fetch('2021-12-25T03:00:00.000Z'),
  );
  moved('one added, one removed by retention');
  store.recordUnchanged(source, fetch('2021-12-25T04:00:00.000Z'));
  moved('a fetch that found nothing new');
  store.close();
});

/** The store file's change watermark after running `sql` on it behind the store's back. */
function watermarkAfter(file: string, sql: string): string {
  const db = new Database(file);
  db.exec(sql);
  db.close();
  const reopened = openSqliteStore(file);
  const mark = reopened.changeWatermark();
  reopened.close();
  return mark;
}

test('the watermark sees an edit or a replaced item dated before the newest change', () => {
  // In `watch`, a feed fetched earlier can be saved after another: its times are older. (Its
  // feed row changes too; here the items alone change, to check the items' part.)
  const file = path.join(dir, 'watermark-older.db');
  const store = openSqliteStore(file);
  const fetch = (at: string) => ({
    at,
    etag: null,
    lastModified: null,
    bodyHash: null,
    movedTo: null,
    nextDueAt: at,
  });
  const other = { ...source, key: 'rsshub:/other', name: 'other' };
  store.saveFeed(
    source,
    { title: null, link: null },
    [item('a', null)],
    fetch('2021-12-25T01:00:00.000Z'),
  );
  store.saveFeed(
    other,
    { title: null, link: null },
    [item('z', null)],
    fetch('2021-12-25T09:00:00.000Z'),
  );
  store.close();
  const markAfter = (sql: string): string => watermarkAfter(file, sql);
  const before = markAfter('SELECT 1');
  const edited = markAfter(
    `UPDATE items SET title = 'edited', changed_at = '2021-12-25T02:00:00.000Z' WHERE key = 'a'`,
  );
  assert.notEqual(edited, before, 'an older edit');
  const replaced = markAfter(
    `UPDATE items SET key = 'b', first_seen = '2021-12-25T03:00:00.000Z',
       changed_at = '2021-12-25T03:00:00.000Z' WHERE key = 'a'`,
  );
  assert.notEqual(replaced, edited, 'an older replacement');
});

test('the watermark sees a one-millisecond edit when the sums of times pass 2^53', () => {
  // 60 items in the year 9000 (~2·10^14 ms each): sums past 2^53, where a JS number no longer
  // holds every integer, as 5,000 items of today's dates do.
  const file = path.join(dir, 'watermark-large.db');
  const store = openSqliteStore(file);
  const at = '2021-12-25T01:00:00.000Z';
  store.saveFeed(
    source,
    { title: null, link: null },
    Array.from({ length: 60 }, (_, n) => item(`k${n}`, null)),
    { at, etag: null, lastModified: null, bodyHash: null, movedTo: null, nextDueAt: at },
  );
  store.close();
  const markAfter = (sql: string): string => watermarkAfter(file, sql);
  const before = markAfter(
    `UPDATE items SET first_seen = '9000-01-01T00:00:00.000Z', changed_at = '9000-01-01T00:00:00.000Z'`,
  );
  const sum = Number(before.split(' ')[3]);
  assert.ok(sum > Number.MAX_SAFE_INTEGER, `the sum ${sum} is past 2^53`);
  for (const ms of ['001', '002', '003']) {
    const edited = markAfter(
      `UPDATE items SET changed_at = '9000-01-01T00:00:00.${ms}Z' WHERE key = 'k7'`,
    );
    assert.notEqual(edited, before, `an edit ${ms} ms later`);
  }
});

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import Database from 'better-sqlite3';
import type { FeedSource } from '../../src/sources/feed-source.js';
import { migrate, SCHEMA_VERSION } from '../../src/store/migrations.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import { storeRows } from '../support/store-rows.js';

/** Schema 8's columns of a feed migrated to it: its items' preparation unknown. */
const SCHEMA_8_FEED = { items_prepared_key: null, items_prepared_after: null };
/**
 * Schema 9's page key, NULL (the feed's own key), and schema 10's preparation settings, NULL
 * (not known), for every feed stored before.
 */
const SCHEMA_9_FEED = { page_key: null, items_prepared_settings: null };
/** Schema 11's column of an item migrated to it: no xml:base known for its source HTML. */
const SCHEMA_11_ITEM = { source_base: null };

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-migrate-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The configured feed of schema4Store's feed `n`, as a run that stores it again sees it. */
function storedSource(n: number): FeedSource {
  return {
    key: `rsshub:/sina/finance/${n}`,
    category: '金融',
    site: '新浪财经',
    name: `新浪财经－国內 ${n}`,
    location: { kind: 'url', url: `http://127.0.0.1:1200/sina/finance/${n}` },
    timeZone: 'Asia/Shanghai',
    interval: null,
  };
}

/** A fetch after the store was migrated, with nothing special about it. */
const NEXT_FETCH = {
  at: '2026-11-26T01:00:00.000Z',
  etag: null,
  lastModified: null,
  bodyHash: 'next',
  movedTo: null,
  nextDueAt: '2026-11-26T02:00:00.000Z',
};

/** A store as Tidings left it at schema 4 (items WITHOUT ROWID), written with its own SQL. */
function schema4Store(file: string): void {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  migrate(db, file, 4);
  assert.match(tableSql(db), /WITHOUT ROWID/);
  const feed = db.prepare(
    `INSERT INTO feeds (key, category, site, name, location, title, link, last_fetched_at,
       last_success_at, etag, last_modified, body_hash, consecutive_failures, next_due_at)
     VALUES (?, '金融', '新浪财经', ?, ?, ?, NULL, '2026-11-25T08:00:00.000Z',
       '2026-11-25T08:00:00.000Z', ?, 'Wed, 25 Nov 2026 08:00:00 GMT', ?, 0,
       '2026-11-25T09:00:00.000Z')`,
  );
  const insert = db.prepare(
    `INSERT INTO items (feed_key, key, title, link, published, published_text, updated, author,
       content_html, source_html, excerpt, text, reading_minutes, image, categories,
       content_hash, first_seen, changed_at, sort_time)
     VALUES (@feed, @key, @title, @link, @published, @publishedText, NULL, @author, @html,
       @source, @excerpt, @text, @minutes, @image, @categories, @hash, @seen, @seen,
       coalesce(@published, @seen))`,
  );
  db.transaction(() => {
    for (let f = 0; f < 3; f++) {
      const key = `rsshub:/sina/finance/${f}`;
      feed.run(
        key,
        `新浪财经－国內 ${f}`,
        `http://127.0.0.1:1200/sina/finance/${f}`,
        `源 ${f}`,
        `"etag-${f}"`,
        `hash-${f}`,
      );
      for (let i = 0; i < 40; i++) {
        // Long rows (past the old overflow threshold) and short ones, NULLs and Chinese text.
        const long = i % 3 === 0;
        insert.run({
          feed: key,
          key: `item-${f}-${i}`,
          title: `第 ${i} 条 · 源 ${f}`,
          link: i % 5 === 0 ? null : `https://finance.sina.com.cn/${f}/${i}.shtml`,
          published: i % 7 === 0 ? null : new Date(Date.UTC(2026, 10, 1, 0, i, f)).toISOString(),
          publishedText:
            i % 7 === 0 ? null : `Sun, 01 Nov 2026 00:${String(i).padStart(2, '0')}:0${f} GMT`,
          author: i % 2 ? '新浪财经' : null,
          html: `<p>正文 ${i}</p>`.repeat(long ? 900 : 3),
          source: `<div>\u3000\u3000原标题：${i}</div>`.repeat(long ? 600 : 2),
          excerpt: `正文 ${i}`,
          text: `正文 ${i} `.repeat(long ? 2000 : 3),
          minutes: long ? 9 : 1,
          image: i % 4 ? null : `https://n.sinaimg.cn/${i}.png`,
          categories: JSON.stringify(['财经', `tag-${i % 3}`]),
          hash: `content-hash-${f}-${i}`,
          seen: new Date(Date.UTC(2026, 10, 2, f, i)).toISOString(),
        });
      }
    }
  })();
  db.close();
}

function tableSql(db: Database.Database): string {
  return db
    .prepare<[], { sql: string }>("SELECT sql FROM sqlite_master WHERE name = 'items'")
    .get()!.sql;
}

test('schema 5 moves items to a rowid table and keeps every row, field for field', () => {
  const file = path.join(dir, 'v4.db');
  schema4Store(file);
  const before = storeRows(file);
  assert.equal(before.items.length, 120);

  openSqliteStore(file).close();

  const db = new Database(file, { readonly: true });
  assert.equal(db.pragma('user_version', { simple: true }), SCHEMA_VERSION);
  assert.doesNotMatch(tableSql(db), /WITHOUT ROWID/);
  assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
  assert.deepEqual(db.pragma('foreign_key_check'), []);
  const indexes = db
    .prepare<[], { name: string }>(
      "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'items' ORDER BY name",
    )
    .all()
    .map((row) => row.name);
  for (const name of ['items_by_feed_time', 'items_by_time', 'items_summary', 'items_change_times'])
    assert.ok(indexes.includes(name), `index ${name} after the migration: ${indexes.join(', ')}`);
  db.close();
  // Same rows, same values (the column order in the table changed; the data did not). Feeds
  // gain schema 7's language column, unknown (NULL) until they are next parsed, and schema 8's
  // record of how their stored items were last prepared again, unknown (NULL); items schema 11's
  // source base, none (NULL).
  const migrated = storeRows(file);
  assert.deepEqual(
    migrated.items,
    before.items.map((item) => ({ ...(item as object), ...SCHEMA_11_ITEM })),
  );
  assert.deepEqual(
    migrated.feeds,
    before.feeds.map((feed) => ({
      ...(feed as object),
      language: null,
      ...SCHEMA_8_FEED,
      ...SCHEMA_9_FEED,
    })),
  );
});

test('a migrated store keeps one row per feed and key, and goes on storing', () => {
  const file = path.join(dir, 'v4-then-save.db');
  schema4Store(file);
  const store = openSqliteStore(file);
  const source = storedSource(1);
  const item = (key: string) => ({
    key,
    title: `新 ${key}`,
    link: null,
    published: '2026-11-26T00:00:00.000Z',
    publishedText: null,
    updated: null,
    author: null,
    contentHtml: '<p>新</p>',
    sourceHtml: '<p>新</p>',
    excerpt: '新',
    text: '新',
    readingMinutes: 1,
    image: null,
    categories: [],
  });
  const saved = store.saveFeed(
    source,
    { title: '源 1', link: null },
    [item('item-1-3'), item('new')],
    NEXT_FETCH,
  );
  assert.deepEqual(saved, { added: 1, changed: 1, unchanged: 0, removed: 0 });
  const items = store.listItems();
  assert.equal(items.length, 121);
  const changed = items.find((i) => i.feedKey === source.key && i.key === 'item-1-3')!;
  assert.equal(changed.title, '新 item-1-3');
  assert.equal(changed.firstSeen, '2026-11-02T01:03:00.000Z', 'first seen is kept');
  assert.equal(store.readItemContent(source.key, 'item-1-3'), '<p>新</p>');
  store.close();

  const db = new Database(file);
  assert.throws(
    () =>
      db
        .prepare(
          `INSERT INTO items (feed_key, key, sort_time, first_seen, changed_at, content_hash, title,
             categories, excerpt, content_html) VALUES (?, 'new', '', '', '', '', '', '[]', '', '')`,
        )
        .run(source.key),
    /UNIQUE constraint failed/,
  );
  db.close();
});

test('schema 6 sorts the stored items dated after they were first seen by first seen', () => {
  const file = path.join(dir, 'v5-future.db');
  const db = new Database(file);
  migrate(db, file, 5);
  db.exec(
    `INSERT INTO feeds (key, category, site, name, location) VALUES ('f', 'c', 's', 'n', 'l')`,
  );
  const insert = db.prepare(
    `INSERT INTO items (feed_key, key, sort_time, first_seen, changed_at, content_hash, title,
       published, categories, excerpt, content_html)
     VALUES ('f', ?, ?, '2026-11-25T08:00:00.000Z', '2026-11-25T08:00:00.000Z', 'h', ?, ?, '[]',
       '', '')`,
  );
  insert.run('future', '2031-11-23T10:00:00.000Z', 'future', '2031-11-23T10:00:00.000Z');
  insert.run('past', '2026-11-24T10:00:00.000Z', 'past', '2026-11-24T10:00:00.000Z');
  db.close();
  const store = openSqliteStore(file);
  store.close();
  const after6 = new Database(file, { readonly: true });
  assert.deepEqual(after6.prepare('SELECT key, sort_time FROM items ORDER BY key').all(), [
    { key: 'future', sort_time: '2026-11-25T08:00:00.000Z' },
    { key: 'past', sort_time: '2026-11-24T10:00:00.000Z' },
  ]);
  after6.close();
});

test('schema 7 adds each feed its language, unknown, and keeps every stored row as it was', () => {
  const file = path.join(dir, 'v6.db');
  schema4Store(file);
  const db = new Database(file);
  migrate(db, file, 6);
  db.close();
  const before = storeRows(file);
  assert.equal(before.items.length, 120);
  assert.equal(before.feeds.length, 3);

  const store = openSqliteStore(file);
  const db7 = new Database(file, { readonly: true });
  assert.equal(db7.pragma('user_version', { simple: true }), SCHEMA_VERSION);
  assert.equal(db7.pragma('integrity_check', { simple: true }), 'ok');
  db7.close();
  const migrated = storeRows(file);
  assert.deepEqual(
    migrated.items,
    before.items.map((item) => ({ ...(item as object), ...SCHEMA_11_ITEM })),
  );
  assert.deepEqual(
    migrated.feeds,
    before.feeds.map((feed) => ({
      ...(feed as object),
      language: null,
      ...SCHEMA_8_FEED,
      ...SCHEMA_9_FEED,
    })),
  );
  assert.deepEqual(
    store.listFeeds().map((feed) => feed.language),
    [null, null, null],
  );

  // The next parse stores the language the feed declares; a fetch with nothing new keeps it.
  const source = storedSource(2);
  const fetch = NEXT_FETCH;
  store.saveFeed(source, { title: '源 2', link: null, language: 'zh-CN' }, [], fetch);
  store.recordUnchanged(source, { ...fetch, at: '2026-11-26T02:00:00.000Z' });
  const languages = new Map(store.listFeeds().map((feed) => [feed.key, feed.language]));
  assert.equal(languages.get(source.key), 'zh-CN');
  assert.equal(languages.get('rsshub:/sina/finance/0'), null);
  assert.equal(store.listItems().length, 120, 'no item lost');
  store.close();
});

test('schema 11 adds each item its source base, none, keeps every row, and stores and reads one', () => {
  const file = path.join(dir, 'v8.db');
  schema4Store(file);
  const db = new Database(file);
  migrate(db, file, 8);
  // An item as schema 8's Tidings stored it, with its content hash made as it made it.
  const fields = {
    title: '旧',
    link: 'https://news.example/old',
    published: null,
    published_text: null,
    updated: null,
    author: null,
    content_html: '<p>旧</p>',
    source_html: '<p>旧</p>',
    excerpt: '旧',
    text: '旧',
    reading_minutes: 1,
    image: null,
    categories: '[]',
  };
  const hash = createHash('sha256').update(JSON.stringify(fields)).digest('base64url');
  db.prepare(
    `INSERT INTO items (feed_key, key, sort_time, first_seen, changed_at, content_hash, title, link,
       categories, excerpt, content_html, source_html, text, reading_minutes)
     VALUES ('rsshub:/sina/finance/0', 'old', @seen, @seen, @seen, @hash, @title, @link,
       @categories, @excerpt, @content_html, @source_html, @text, @reading_minutes)`,
  ).run({ ...fields, hash, seen: '2026-11-25T08:00:00.000Z' });
  db.close();
  const before = storeRows(file);

  const store = openSqliteStore(file);
  const migrated = storeRows(file);
  assert.deepEqual(
    migrated.items,
    before.items.map((item) => ({ ...(item as object), ...SCHEMA_11_ITEM })),
  );
  assert.deepEqual(
    migrated.feeds,
    before.feeds.map((feed) => ({ ...(feed as object), ...SCHEMA_9_FEED })),
  );

  const source = storedSource(0);
  const fetch = NEXT_FETCH;
  const old = {
    key: 'old',
    title: '旧',
    link: 'https://news.example/old',
    published: null,
    publishedText: null,
    updated: null,
    author: null,
    contentHtml: '<p>旧</p>',
    sourceHtml: '<p>旧</p>',
    excerpt: '旧',
    text: '旧',
    readingMinutes: 1,
    image: null,
    categories: [],
  };
  const save = (item: typeof old & { sourceBase?: string | null }) =>
    store.saveFeed(source, { title: '源 0', link: null }, [item], fetch);
  // An item without a source base hashes as before: seen again, it is unchanged.
  assert.deepEqual(save(old), { added: 0, changed: 0, unchanged: 1, removed: 0 });
  // One with a base stores it and reads it back; a changed or dropped base is a change.
  const base = 'http://cdn.example.com/media/';
  assert.equal(save({ ...old, sourceBase: base }).changed, 1);
  const stored = () =>
    store.readItemsAfter(source.key, 'item-0-9', 100).find((i) => i.key === 'old');
  assert.equal(stored()?.sourceBase, base);
  assert.equal(store.listItems().find((i) => i.key === 'old')?.sourceBase, base);
  assert.equal(save({ ...old, sourceBase: base }).unchanged, 1);
  assert.equal(save({ ...old, sourceBase: 'http://cdn.example.com/other/' }).changed, 1);
  assert.equal(save(old).changed, 1);
  assert.equal(stored()?.sourceBase, null);
  store.close();
});

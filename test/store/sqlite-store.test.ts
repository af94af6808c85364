import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import type { Item } from '../../src/content/item.js';
import { SCHEMA_VERSION } from '../../src/store/migrations.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import type { FetchRecord } from '../../src/store/store.js';
import { StoreError } from '../../src/store/store-error.js';
import { fetchedAt, sinaFinanceSource } from '../support/sample-source.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-store-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

const source = sinaFinanceSource;

function fetched(at: string, overrides: Partial<FetchRecord> = {}): FetchRecord {
  return { ...fetchedAt(at), ...overrides };
}

function item(key: string, overrides: Partial<Item> = {}): Item {
  return {
    key,
    title: `标题 ${key}`,
    link: `https://example.com/${key}`,
    published: '2021-12-25T00:03:46.000Z',
    publishedText: 'Sat, 25 Dec 2021 00:03:46 GMT',
    updated: null,
    author: null,
    contentHtml: `<p>正文 ${key}</p>`,
    sourceHtml: `<div>正文 ${key}</div>`,
    excerpt: `正文 ${key}`,
    text: `正文 ${key}`,
    readingMinutes: 1,
    image: null,
    categories: ['财经'],
    ...overrides,
  };
}

describe('SQLite store', () => {
  test('adds, updates in place, never duplicates, keeps items that drop out', () => {
    const file = path.join(dir, 'history.db');
    const store = openSqliteStore(file);
    const meta = { title: '新浪财经', link: 'https://finance.sina.com.cn/' };
    assert.deepEqual(
      store.saveFeed(source, meta, [item('a'), item('b')], fetched('2021-12-25T01:00:00.000Z')),
      {
        added: 2,
        changed: 0,
        unchanged: 0,
        removed: 0,
      },
    );
    // Seen again: b unchanged, a edited, c new; nothing about b's history changes.
    const second = store.saveFeed(
      source,
      meta,
      [item('a', { title: '标题 a（更新）' }), item('b'), item('c', { published: null })],
      fetched('2021-12-26T01:00:00.000Z'),
    );
    assert.deepEqual(second, { added: 1, changed: 1, unchanged: 1, removed: 0 });
    // The feed drops a and b: they stay stored.
    store.saveFeed(
      source,
      meta,
      [item('c', { published: null })],
      fetched('2021-12-27T01:00:00.000Z'),
    );
    const items = store.listItems();
    assert.deepEqual(items.map((i) => i.key).sort(), ['a', 'b', 'c']);
    const a = items.find((i) => i.key === 'a')!;
    assert.equal(a.title, '标题 a（更新）');
    assert.equal(a.firstSeen, '2021-12-25T01:00:00.000Z', 'first-seen time is kept');
    assert.equal(a.changedAt, '2021-12-26T01:00:00.000Z');
    assert.deepEqual(a.categories, ['财经']);
    assert.equal(a.publishedText, 'Sat, 25 Dec 2021 00:03:46 GMT', 'the date as written is kept');
    assert.equal(a.sourceHtml, '<div>正文 a</div>', 'the HTML as the feed gave it is kept');
    // c has no date: it sorts by first seen (newer than the 2021-12-25 items).
    assert.equal(items[0]!.key, 'c');
    const [feed] = store.listFeeds();
    assert.equal(feed!.itemCount, 3);
    assert.equal(feed!.title, '新浪财经');
    assert.equal(feed!.lastSuccessAt, '2021-12-27T01:00:00.000Z');
    store.close();
  });

  test('a failure is recorded and leaves stored items alone', () => {
    const store = openSqliteStore(path.join(dir, 'failure.db'));
    store.saveFeed(
      source,
      { title: 'T', link: null },
      [item('a')],
      fetched('2021-12-25T01:00:00.000Z'),
    );
    store.recordFailure(source, {
      at: '2021-12-26T01:00:00.000Z',
      kind: 'http',
      message: 'HTTP 503',
      nextDueAt: '2021-12-26T02:00:00.000Z',
      gone: false,
    });
    const [feed] = store.listFeeds();
    assert.equal(feed!.lastError, 'HTTP 503');
    assert.equal(feed!.lastSuccessAt, '2021-12-25T01:00:00.000Z');
    assert.equal(feed!.title, 'T');
    assert.equal(feed!.lastErrorKind, 'http');
    assert.equal(feed!.consecutiveFailures, 1);
    assert.equal(feed!.nextDueAt, '2021-12-26T02:00:00.000Z');
    assert.equal(store.listItems().length, 1);
    store.saveFeed(
      source,
      { title: 'T', link: null },
      [item('a')],
      fetched('2021-12-27T01:00:00.000Z'),
    );
    assert.equal(store.listFeeds()[0]!.lastError, null, 'a success clears the error');
    assert.equal(store.listFeeds()[0]!.consecutiveFailures, 0);
    store.close();
  });

  test('keeps conditional-GET validators, body hash, moves and gone state per feed', () => {
    const store = openSqliteStore(path.join(dir, 'state.db'));
    assert.equal(store.getFetchState(source.key), null);
    const record = fetched('2021-12-25T01:00:00.000Z', {
      etag: '"v1"',
      lastModified: 'Sat, 25 Dec 2021 00:00:00 GMT',
      bodyHash: 'h1',
      movedTo: 'https://new.example.com/feed',
      nextDueAt: '2021-12-25T02:00:00.000Z',
    });
    store.saveFeed(source, { title: 'T', link: null }, [item('a')], record);
    assert.deepEqual(store.getFetchState(source.key), {
      etag: '"v1"',
      lastModified: 'Sat, 25 Dec 2021 00:00:00 GMT',
      bodyHash: 'h1',
      movedTo: 'https://new.example.com/feed',
      consecutiveFailures: 0,
      nextDueAt: '2021-12-25T02:00:00.000Z',
      gone: false,
    });
    store.recordUnchanged(source, {
      ...record,
      at: '2021-12-25T02:00:00.000Z',
      nextDueAt: '2021-12-25T03:00:00.000Z',
    });
    assert.equal(store.getFetchState(source.key)!.nextDueAt, '2021-12-25T03:00:00.000Z');
    assert.equal(store.listFeeds()[0]!.title, 'T', 'an unchanged fetch keeps the feed title');
    for (const at of ['2021-12-25T04:00:00.000Z', '2021-12-25T05:00:00.000Z']) {
      store.recordFailure(source, {
        at,
        kind: 'gone',
        message: 'HTTP 410 Gone',
        nextDueAt: at,
        gone: true,
      });
    }
    const state = store.getFetchState(source.key)!;
    assert.equal(state.gone, true);
    assert.equal(state.consecutiveFailures, 2);
    assert.equal(state.etag, '"v1"', 'failures keep the validators');
    assert.equal(store.listItems().length, 1);
    store.close();
  });

  test('reads the fetch states of all feeds at once, as it reads each', () => {
    const store = openSqliteStore(path.join(dir, 'states.db'));
    assert.deepEqual(store.getFetchStates(), new Map());
    const other = { ...source, key: 'url:https://other.example/feed', name: 'Other' };
    const gone = { ...source, key: 'url:https://gone.example/feed', name: 'Gone' };
    store.saveFeed(
      source,
      { title: 'T', link: null },
      [item('a')],
      fetched('2021-12-25T01:00:00.000Z', { etag: '"v1"', bodyHash: 'h1' }),
    );
    store.recordUnchanged(
      other,
      fetched('2021-12-25T01:00:00.000Z', { lastModified: 'Sat, 25 Dec 2021 00:00:00 GMT' }),
    );
    store.recordFailure(gone, {
      at: '2021-12-25T01:00:00.000Z',
      kind: 'gone',
      message: 'HTTP 410 Gone',
      nextDueAt: '2021-12-26T01:00:00.000Z',
      gone: true,
    });
    const states = store.getFetchStates();
    assert.deepEqual([...states.keys()].sort(), [source.key, other.key, gone.key].sort());
    for (const key of states.keys()) assert.deepEqual(states.get(key), store.getFetchState(key));
    assert.equal(states.get(source.key)!.etag, '"v1"');
    assert.equal(states.get(gone.key)!.gone, true);
    store.close();
  });

  test('the same key twice in one feed is stored once', () => {
    const store = openSqliteStore(path.join(dir, 'dupes.db'));
    const result = store.saveFeed(
      source,
      { title: null, link: null },
      [item('a'), item('a', { title: 'x' })],
      fetched('2021-12-25T00:00:00.000Z'),
    );
    assert.deepEqual(result, { added: 1, changed: 0, unchanged: 0, removed: 0 });
    assert.equal(store.listItems()[0]!.title, '标题 a');
    store.close();
  });

  test('an item seen again under a new guid, or a guid added, keeps its stored key', () => {
    const store = openSqliteStore(path.join(dir, 'reissued.db'));
    const meta = { title: null, link: 'https://finance.sina.com.cn/' };
    const link = 'https://finance.sina.com.cn/a.shtml';
    const body = {
      contentHtml: '<p>正文</p>',
      sourceHtml: '<p>正文</p>',
      excerpt: '正文',
      text: '正文',
    };
    const noGuid = item(link, { link, ...body }); // a feed without guids: the key is the link
    store.saveFeed(source, meta, [noGuid, item('b')], fetched('2021-12-25T00:00:00.000Z'));
    // The guid is added, then changes (RSSHub does this), the title is edited meanwhile.
    const withGuid = item('guid-1', { link, ...body, title: '标题（更新）' });
    assert.deepEqual(
      store.saveFeed(source, meta, [withGuid, item('b')], fetched('2021-12-26T00:00:00.000Z')),
      { added: 0, changed: 1, unchanged: 1, removed: 0 },
    );
    const reissued = item('guid-2', { link, ...body, title: '标题（更新）' });
    assert.deepEqual(
      store.saveFeed(source, meta, [reissued], fetched('2021-12-27T00:00:00.000Z')),
      { added: 0, changed: 0, unchanged: 1, removed: 0 },
    );
    const items = store.listItems();
    assert.deepEqual(items.map((i) => i.key).sort(), ['b', link], 'one item, under its first key');
    const kept = items.find((i) => i.key === link)!;
    assert.equal(kept.title, '标题（更新）');
    assert.equal(kept.firstSeen, '2021-12-25T00:00:00.000Z');
    store.close();
  });

  test('items that share a link, or link to the home page, stay apart', () => {
    const store = openSqliteStore(path.join(dir, 'shared-link.db'));
    const home = 'https://finance.sina.com.cn/';
    const meta = { title: null, link: home };
    const live = 'https://finance.sina.com.cn/live.shtml';
    store.saveFeed(
      source,
      meta,
      [item('h1', { link: home }), item('l1', { link: live }), item('l2', { link: live })],
      fetched('2021-12-25T00:00:00.000Z'),
    );
    // Next fetch: new items at the same addresses; a digest at a fixed address, dated anew.
    const digest = 'https://finance.sina.com.cn/digest.shtml';
    store.saveFeed(
      source,
      meta,
      [item('h2', { link: home }), item('l3', { link: live }), item('d1', { link: digest })],
      fetched('2021-12-26T00:00:00.000Z'),
    );
    const nextDay = item('d2', { link: digest, published: '2021-12-26T00:03:46.000Z' });
    store.saveFeed(source, meta, [nextDay], fetched('2021-12-27T00:00:00.000Z'));
    assert.deepEqual(
      store
        .listItems()
        .map((i) => i.key)
        .sort(),
      ['d1', 'd2', 'h1', 'h2', 'l1', 'l2', 'l3'],
    );
    store.close();
  });

  test('places feeds where the config puts them, without fetching; unknown feeds are not added', () => {
    const store = openSqliteStore(path.join(dir, 'places.db'));
    store.saveFeed(
      source,
      { title: null, link: null },
      [item('a')],
      fetched('2021-12-25T00:00:00.000Z'),
    );
    store.placeFeeds([
      { key: source.key, category: '财经', site: '新浪', name: '国内' },
      { key: 'rsshub:/never/fetched', category: 'x', site: 'y', name: 'z' },
    ]);
    const feeds = store.listFeeds();
    assert.deepEqual(
      feeds.map((f) => [f.key, f.category, f.site, f.name, f.itemCount]),
      [[source.key, '财经', '新浪', '国内', 1]],
    );
    store.close();
  });

  test('an item dated in the future sorts by when it was first seen, not above later news', () => {
    const store = openSqliteStore(path.join(dir, 'future.db'));
    const meta = { title: null, link: null };
    const future = item('future', { published: '2031-11-23T10:00:00.000Z' });
    store.saveFeed(source, meta, [future], fetched('2021-12-25T01:00:00.000Z'));
    const later = item('later', { published: '2021-12-26T00:00:00.000Z' });
    store.saveFeed(source, meta, [later], fetched('2021-12-26T01:00:00.000Z'));
    assert.deepEqual(
      store.listItemSummaries().map((i) => i.key),
      ['later', 'future'],
    );
    assert.equal(store.listItemSummaries()[1]!.published, '2031-11-23T10:00:00.000Z', 'date kept');
    // Edited, it still sorts by first seen.
    store.saveFeed(source, meta, [{ ...future, title: '改' }], fetched('2021-12-27T01:00:00.000Z'));
    assert.deepEqual(
      store.listItemSummaries('2021-12-25T12:00:00.000Z').map((i) => i.key),
      ['later'],
      'outside a window that starts after it was first seen',
    );
    store.close();
  });

  test("undated items new in one fetch keep the feed's order (newest first), not their keys", () => {
    const store = openSqliteStore(path.join(dir, 'undated.db'));
    const undated = (key: string) => item(key, { published: null });
    store.saveFeed(
      source,
      { title: null, link: null },
      [undated('zz'), undated('aa'), undated('mm')],
      fetched('2021-12-25T01:00:00.000Z'),
    );
    const items = store.listItemSummaries();
    assert.deepEqual(
      items.map((i) => i.key),
      ['zz', 'aa', 'mm'],
    );
    assert.equal(items[0]!.firstSeen, '2021-12-25T01:00:00.000Z');
    assert.ok(
      items.every((i) => i.changedAt === i.firstSeen),
      'not shown as changed',
    );
    store.close();
  });

  test('a feed renamed (its history moved to a new key) keeps the page key it began with', () => {
    const store = openSqliteStore(path.join(dir, 'renamed.db'));
    store.saveFeed(
      source,
      { title: null, link: null },
      [item('a')],
      fetched('2021-12-25T01:00:00.000Z'),
    );
    assert.equal(store.listFeeds()[0]!.pageKey, null, 'its own key until it moves');
    store.renameFeed(source.key, 'url:https://moved.example/1');
    store.renameFeed('url:https://moved.example/1', 'url:https://moved.example/2');
    const [feed] = store.listFeeds();
    assert.equal(feed!.key, 'url:https://moved.example/2');
    assert.equal(feed!.pageKey, source.key);
    assert.deepEqual(
      store.listItems().map((i) => [i.feedKey, i.key]),
      [['url:https://moved.example/2', 'a']],
    );
    store.close();
  });

  test('uses WAL and records the schema version; reopening keeps data', () => {
    const file = path.join(dir, 'reopen.db');
    openSqliteStore(file).close();
    const store = openSqliteStore(file);
    store.saveFeed(
      source,
      { title: null, link: null },
      [item('a')],
      fetched('2021-12-25T01:00:00.000Z'),
    );
    store.close();
    const db = new Database(file, { readonly: true });
    assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
    assert.equal(db.pragma('user_version', { simple: true }), SCHEMA_VERSION);
    assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
    db.close();
    assert.equal(openSqliteStore(file).listItems().length, 1);
  });

  test('a file that is not a database gives a StoreError naming it', () => {
    const file = path.join(dir, 'not-a-db.db');
    fs.writeFileSync(
      file,
      'this is not sqlite, just some text that is long enough to look like a header',
    );
    assert.throws(
      () => openSqliteStore(file),
      (error: Error) => {
        assert.ok(error instanceof StoreError);
        assert.ok(error.message.startsWith(`${file}: cannot open the store`), error.message);
        return true;
      },
    );
    assert.match(fs.readFileSync(file, 'utf8'), /this is not sqlite/, 'the file is left as it was');
  });

  test('a store in a read-only folder: the message says so, not "unable to open database file"', (t) => {
    // Root writes through permissions: a read-only tmpfs then; anyone else: a folder made 0555.
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-read-only-'));
    const isRoot = process.getuid?.() === 0;
    if (
      isRoot &&
      spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', folder]).status !== 0
    ) {
      fs.rmdirSync(folder);
      return t.skip('cannot mount a tmpfs');
    }
    const file = path.join(folder, 'tidings.db');
    try {
      openSqliteStore(file).close();
      if (isRoot) spawnSync('mount', ['-o', 'remount,ro', folder]);
      else fs.chmodSync(folder, 0o555);
      const why = isRoot
        ? `${folder} is on a read-only file system (EROFS)`
        : `${folder} may not be written (EACCES)`;
      assert.throws(() => openSqliteStore(file), {
        name: 'StoreError',
        message:
          `${file}: cannot open the store: ${why}; Tidings writes to the store and beside it ` +
          '(its -wal and -shm files) even to read it',
      });
    } finally {
      if (isRoot) spawnSync('umount', [folder]);
      else fs.chmodSync(folder, 0o755);
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  test('a store newer than this Tidings is refused', () => {
    const file = path.join(dir, 'future.db');
    const db = new Database(file);
    db.pragma(`user_version = ${SCHEMA_VERSION + 5}`);
    db.close();
    assert.throws(() => openSqliteStore(file), {
      name: 'StoreError',
      // The file named once, not again inside "cannot open the store (…)".
      message: `${file}: the store has schema version ${SCHEMA_VERSION + 5}, newer than this Tidings knows (${SCHEMA_VERSION}); upgrade Tidings`,
    });
  });
});

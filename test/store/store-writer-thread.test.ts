import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import type { Item } from '../../src/content/item.js';
import { packItems } from '../../src/content/packed-items.js';
import { successSchedule } from '../../src/fetch/schedule.js';
import { forwardedWrite } from '../../src/store/forwarded-save.js';
import type { FeedSource } from '../../src/sources/feed-source.js';
import { inlineFeedWriter } from '../../src/store/feed-writer.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import { StoreWriterThread } from '../../src/store/store-writer-thread.js';
import type { FetchRecord } from '../../src/store/store.js';
import { storeRows } from '../support/store-rows.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-writer-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

function source(n: number, extra: Partial<FeedSource> = {}): FeedSource {
  return {
    key: `url:https://news.example/${n}.xml`,
    category: '新闻',
    site: 'News',
    name: `Feed ${n}`,
    location: { kind: 'url', url: `https://news.example/${n}.xml` },
    timeZone: 'Asia/Shanghai',
    interval: null,
    ...extra,
  };
}

function items(n: number, count: number): Item[] {
  return Array.from({ length: count }, (_, i) => ({
    key: `item-${n}-${i}`,
    title: `标题 ${n}.${i}`,
    link: `https://news.example/${n}/${i}`,
    published: new Date(Date.UTC(2026, 10, 1, n, i)).toISOString(),
    publishedText: null,
    updated: null,
    author: null,
    contentHtml: `<p>正文 ${i}</p>`,
    sourceHtml: `<p>正文 ${i}</p>`,
    excerpt: `正文 ${i}`,
    text: `正文 ${i}`,
    readingMinutes: 1,
    image: null,
    categories: ['a'],
  }));
}

const fetched: FetchRecord = {
  at: '2026-11-26T08:00:00.000Z',
  etag: '"v1"',
  lastModified: null,
  bodyHash: 'hash',
  movedTo: null,
  nextDueAt: '2026-11-26T09:00:00.000Z',
};

/**
 * The same writes, through `writer`; returns what each answered. `packed`: odd feeds' items
 * are sent packed, as the prepare workers send them in an update.
 */
async function writeAll(
  writer: {
    saveFeed: InstanceType<typeof StoreWriterThread>['saveFeed'];
    recordUnchanged: InstanceType<typeof StoreWriterThread>['recordUnchanged'];
    recordFailure: InstanceType<typeof StoreWriterThread>['recordFailure'];
  },
  packed = false,
) {
  const saved = await Promise.all(
    Array.from({ length: 20 }, (_, n) =>
      writer.saveFeed(
        source(n),
        { title: `T${n}`, link: null },
        packed && n % 2 === 1 ? packItems(items(n, 5)) : items(n, 5),
        fetched,
      ),
    ),
  );
  // Feed 1 again: one more item, a changed one, and a retention policy that keeps 3.
  const changed = { ...items(1, 1)[0]!, title: 'changed' };
  const again = await writer.saveFeed(
    source(1, { retention: { maxAgeDays: null, maxItemsPerFeed: 3 } }),
    { title: 'T1', link: null },
    [changed, ...items(1, 6).slice(5)],
    fetched,
  );
  await writer.recordUnchanged(source(2), { ...fetched, at: '2026-11-26T10:00:00.000Z' });
  await writer.recordFailure(source(3), {
    at: '2026-11-26T11:00:00.000Z',
    kind: 'timeout',
    message: 'no answer',
    nextDueAt: '2026-11-26T12:00:00.000Z',
    gone: false,
  });
  return { saved, again };
}

describe('StoreWriterThread', () => {
  test('writes exactly what the same writes on this thread write, and answers the same', async () => {
    const threadedFile = path.join(dir, 'threaded.db');
    const inlineFile = path.join(dir, 'inline.db');
    const threadedStore = openSqliteStore(threadedFile);
    const inlineStore = openSqliteStore(inlineFile);
    const writer = new StoreWriterThread(threadedFile, threadedStore);
    assert.equal(writer.threaded, true);
    const threaded = await writeAll(writer);
    await writer.close();
    const inline = await writeAll(inlineFeedWriter(inlineStore));
    assert.deepEqual(threaded, inline);
    assert.deepEqual(threaded.saved[0], { added: 5, changed: 0, unchanged: 0, removed: 0 });
    assert.deepEqual(threaded.again, { added: 1, changed: 1, unchanged: 0, removed: 2 });
    // Committed before close() returned: another connection sees every row.
    assert.deepEqual(storeRows(threadedFile), storeRows(inlineFile));
    threadedStore.close();
    inlineStore.close();
  });

  test('once close() returns, the thread has let go of the store: closing it here folds the log in', async () => {
    const file = path.join(dir, 'folded.db');
    const store = openSqliteStore(file);
    const writer = new StoreWriterThread(file, store);
    assert.equal(writer.threaded, true);
    await writeAll(writer);
    assert.ok(fs.existsSync(`${file}-wal`), 'the writes went through the log');
    await writer.close();
    // SQLite folds the log in and deletes it only when the last connection closes: had the
    // thread's connection still been open, both files would stay beside the store.
    store.close();
    assert.equal(fs.existsSync(`${file}-wal`), false);
    assert.equal(fs.existsSync(`${file}-shm`), false);
    assert.equal(storeRows(file).items.length > 0, true);
  });

  test('packed items are written as the same items would be, on the thread or on this one', async () => {
    const files = ['packed-threaded.db', 'packed-inline.db', 'list.db'].map((f) =>
      path.join(dir, f),
    );
    const stores = files.map((file) => openSqliteStore(file));
    const writer = new StoreWriterThread(files[0]!, stores[0]!);
    const threaded = await writeAll(writer, true);
    await writer.close();
    const inline = await writeAll(inlineFeedWriter(stores[1]!), true);
    const list = await writeAll(inlineFeedWriter(stores[2]!));
    assert.deepEqual(threaded, list);
    assert.deepEqual(inline, list);
    assert.deepEqual(storeRows(files[0]!), storeRows(files[2]!));
    assert.deepEqual(storeRows(files[1]!), storeRows(files[2]!));
    for (const store of stores) store.close();
  });

  test('a write that fails rejects with the reason, and the thread goes on', async () => {
    const file = path.join(dir, 'failing.db');
    const store = openSqliteStore(file);
    const writer = new StoreWriterThread(file, store);
    const bad = { ...items(1, 1)[0]!, title: null as unknown as string };
    await assert.rejects(
      writer.saveFeed(source(1), { title: null, link: null }, [bad], fetched),
      /NOT NULL constraint failed: items.title/,
    );
    assert.deepEqual(
      await writer.saveFeed(source(2), { title: null, link: null }, items(2, 2), fetched),
      {
        added: 2,
        changed: 0,
        unchanged: 0,
        removed: 0,
      },
    );
    await writer.close();
    assert.equal(storeRows(file).items.length, 2, 'the failed feed wrote nothing');
    store.close();
  });

  test('writes sent together are committed together, a failing one alone undone', async () => {
    const file = path.join(dir, 'together.db');
    const store = openSqliteStore(file);
    const writer = new StoreWriterThread(file, store);
    const [good, second] = items(7, 2);
    const bad = { ...second!, title: null as unknown as string };
    // Sent without waiting, so they queue up for the thread and it takes them as one group.
    const answers = await Promise.allSettled(
      Array.from({ length: 20 }, (_, n) =>
        writer.saveFeed(
          source(n),
          { title: `Feed ${n}`, link: null },
          n === 7 ? [good!, bad] : items(n, 2),
          fetched,
        ),
      ),
    ).finally(() => writer.close());
    answers.forEach((answer, n) => {
      if (n === 7) {
        assert.equal(answer.status, 'rejected');
        assert.match(String(answer.reason), /NOT NULL constraint failed: items.title/);
      } else {
        assert.deepEqual(answer, {
          status: 'fulfilled',
          value: { added: 2, changed: 0, unchanged: 0, removed: 0 },
        });
      }
    });
    assert.equal(storeRows(file).items.length, 19 * 2, 'the failed feed wrote none of its items');
    assert.equal(store.getFetchState(source(7).key), null, 'nor its feed row');
    assert.equal(store.getFetchStates().size, 19);
    store.close();
  });

  test('a save reserved here and sent on a port by another thread is committed and answered here', async () => {
    const files = ['forwarded.db', 'direct.db'].map((f) => path.join(dir, f));
    const stores = files.map((file) => openSqliteStore(file));
    const writer = new StoreWriterThread(files[0]!, stores[0]!);
    const direct = new StoreWriterThread(files[1]!, stores[1]!);
    // The port stands for a prepare worker's (forwarded-save.ts): it sends the feed's write.
    const port = writer.openPort()!;
    const settings = { interval: 60, minInterval: 5, maxInterval: 1440 };
    const { nextDueAt, ...fetch } = fetched;
    const schedule = successSchedule(new Date(fetched.at), settings, source(1), null);
    const feed = {
      title: 'T1',
      link: 'https://news.example/',
      language: 'zh-CN',
      items: packItems(items(1, 4)),
      warnings: [],
      feedMinutes: null,
    };
    const reserved = writer.reserveSave(source(1), fetch, schedule)!;
    const cancelled = writer.reserveSave(source(2), fetch, schedule)!;
    assert.notEqual(reserved.save.id, cancelled.save.id);
    port.postMessage(forwardedWrite(reserved.save, feed));
    cancelled.cancel();
    assert.equal(await cancelled.saved, undefined, 'a cancelled save is not waited for');
    const saved = await reserved.saved;
    assert.deepEqual(saved, { added: 4, changed: 0, unchanged: 0, removed: 0 });
    // The same save sent by this thread stores the same rows, next due time included.
    await direct.saveFeed(source(1), feed, items(1, 4), { ...fetch, nextDueAt });
    port.close();
    await Promise.all([writer.close(), direct.close()]);
    assert.deepEqual(storeRows(files[0]!), storeRows(files[1]!));
    for (const store of stores) store.close();
  });

  test('close() waits for a reserved save until it is answered or cancelled', async () => {
    const file = path.join(dir, 'reserved-close.db');
    const store = openSqliteStore(file);
    const writer = new StoreWriterThread(file, store);
    const settings = { interval: 60, minInterval: 5, maxInterval: 1440 };
    const { at, etag, lastModified, bodyHash, movedTo } = fetched;
    const fetch = { at, etag, lastModified, bodyHash, movedTo };
    const schedule = successSchedule(new Date(fetched.at), settings, source(1), null);
    const reserved = writer.reserveSave(source(1), fetch, schedule)!;
    let closed = false;
    const closing = writer.close().then(() => (closed = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(closed, false, 'closed with a save still to come');
    reserved.cancel();
    await closing;
    assert.equal(closed, true);
    store.close();
  });

  test('when the thread cannot open the store, writes go through the store on this thread', async () => {
    const file = path.join(dir, 'fallback.db');
    const store = openSqliteStore(file);
    // The thread is given a path it cannot open (a folder): it stops before its first write.
    const writer = new StoreWriterThread(dir, store);
    const first = await writer
      .saveFeed(source(1), { title: null, link: null }, items(1, 3), fetched)
      .catch((error: Error) => error);
    const second = await writer.saveFeed(
      source(2),
      { title: null, link: null },
      items(2, 3),
      fetched,
    );
    assert.equal(writer.threaded, false);
    assert.deepEqual(second, { added: 3, changed: 0, unchanged: 0, removed: 0 });
    // The write in flight when the thread stopped either failed with the reason or, if the
    // thread had already stopped, went through this thread.
    if (first instanceof Error) assert.match(first.message, /the store writer thread stopped/);
    else assert.equal(first.added, 3);
    await writer.close();
    const stored = storeRows(file).items.length;
    assert.equal(stored, first instanceof Error ? 3 : 6);
    store.close();
  });
});

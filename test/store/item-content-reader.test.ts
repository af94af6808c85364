import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import type { Item } from '../../src/content/item.js';
import { openItemContentReader, type ItemIdentity } from '../../src/store/item-content-reader.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import { fetchedAt, sinaFinanceSource } from '../support/sample-source.js';

// What the item-page threads read contents with (item-page-worker.ts): a few pages spread over
// a long history are read one by one, not by a scan of every stored item between them (which
// made each incremental build cost the whole history); most of a range is read by one scan.

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-content-reader-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

const STORED = 600;
const source = sinaFinanceSource;
const other = { ...sinaFinanceSource, key: 'rsshub:/other', name: '其他' };
const keyOf = (n: number): string => `item-${String(n).padStart(4, '0')}`;

function item(n: number): Item {
  return {
    key: keyOf(n),
    title: `标题 ${n}`,
    link: `https://example.com/${n}`,
    published: new Date(Date.UTC(2021, 0, 1) + n * 3_600_000).toISOString(),
    publishedText: null,
    updated: null,
    author: null,
    contentHtml: `<p>正文 ${n}</p>`,
    sourceHtml: `<p>正文 ${n}</p>`,
    excerpt: `正文 ${n}`,
    text: `正文 ${n}`,
    readingMinutes: 1,
    image: null,
    categories: [],
  };
}

const file = path.join(dir, 'store.db');
{
  const store = openSqliteStore(file);
  const all = Array.from({ length: STORED }, (_, n) => item(n));
  store.saveFeed(source, { title: null, link: null }, all.filter((_, n) => n % 2 === 0), fetchedAt('2021-02-01T00:00:00.000Z')); // prettier-ignore
  store.saveFeed(other, { title: null, link: null }, all.filter((_, n) => n % 2 === 1), fetchedAt('2021-02-01T00:00:00.000Z')); // prettier-ignore
  store.close();
}

/** Every stored item in the store's key order (feed key, then key). */
const inKeyOrder: ItemIdentity[] = [other, source].flatMap((feed) =>
  Array.from({ length: STORED }, (_, n) => n)
    .filter((n) => (feed === source ? n % 2 === 0 : n % 2 === 1))
    .map((n) => ({ feedKey: feed.key, key: keyOf(n) })),
);

function read(items: ItemIdentity[]): { got: string[]; rowsRead: number } {
  const reader = openItemContentReader(file);
  try {
    const got = [...reader.contentsOf(items)].map(
      ({ item, content }) => `${item.feedKey} ${item.key} ${content?.toString('utf8') ?? 'null'}`,
    );
    return { got, rowsRead: reader.rowsRead };
  } finally {
    reader.close();
  }
}

const expected = (items: readonly ItemIdentity[]): string[] =>
  items.map(({ feedKey, key }) => `${feedKey} ${key} <p>正文 ${Number(key.slice(5))}</p>`);

test('a few items spread over a long history are read one by one: rows read = items asked', () => {
  // An incremental build's new pages: the first and last stored items and a few in between.
  const asked = inKeyOrder.filter((_, i) => i % 100 === 0 || i === inKeyOrder.length - 1);
  const { got, rowsRead } = read([...asked]);
  assert.deepEqual(got, expected(asked));
  assert.equal(rowsRead, asked.length, `read ${rowsRead} rows for ${asked.length} items`);
});

test('most of a key range is read by one scan of it, with the same contents', () => {
  const asked = inKeyOrder.filter((_, i) => i % 10 !== 3);
  const { got, rowsRead } = read([...asked]);
  assert.deepEqual(got, expected(asked));
  // One scan: every row of the range once, not one lookup more.
  assert.equal(rowsRead, inKeyOrder.length);
});

test('an item not stored (deleted since the build began) comes with null, either way', () => {
  const gone = { feedKey: source.key, key: 'item-9999' };
  for (const asked of [
    [inKeyOrder[0]!, gone],
    [...inKeyOrder, gone],
  ]) {
    const { got } = read([...asked]);
    assert.equal(got.length, asked.length);
    assert.equal(got.at(-1), `${source.key} item-9999 null`);
  }
  assert.deepEqual(read([]).got, []);
});

test('contentsOf takes the array over: it is emptied', () => {
  const reader = openItemContentReader(file);
  const sparse = [inKeyOrder[0]!, inKeyOrder.at(-1)!];
  const dense = [...inKeyOrder];
  assert.equal([...reader.contentsOf(sparse)].length, 2);
  assert.equal([...reader.contentsOf(dense)].length, inKeyOrder.length);
  assert.deepEqual([sparse.length, dense.length], [0, 0]);
  reader.close();
});

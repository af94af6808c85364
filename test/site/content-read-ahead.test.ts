import assert from 'node:assert/strict';
import { test } from 'node:test';
import { contentReadAhead } from '../../src/site/content-read-ahead.js';
import type { ItemContent, Store } from '../../src/store/store.js';

// Item contents read in growing ranges when pages come in store-key order, one at a time when
// they do not; always the right content.

const items: ItemContent[] = [];
for (const feedKey of ['feed-a', 'feed-b', 'feed-c']) {
  for (let i = 0; i < 400; i++) {
    const key = `item-${String(i).padStart(4, '0')}`;
    items.push({ feedKey, key, contentHtml: `<p>${feedKey} ${key}</p>` });
  }
}

/** A store holding `items` (already in key order) that counts range reads and rows read. */
function fakeStore(): { store: Store; reads: number; rows: number } {
  const counts = { store: null as unknown as Store, reads: 0, rows: 0 };
  counts.store = {
    readItemContentsFrom(feedKey: string, key: string, limit: number): ItemContent[] {
      const start = items.findIndex(
        (item) => item.feedKey > feedKey || (item.feedKey === feedKey && item.key >= key),
      );
      const rows = start < 0 ? [] : items.slice(start, start + limit);
      counts.reads++;
      counts.rows += rows.length;
      return rows;
    },
  } as Store;
  return counts;
}

test('items asked in key order are read in ranges growing to 256', () => {
  const counts = fakeStore();
  const read = contentReadAhead(counts.store);
  for (const item of items) assert.equal(read(item.feedKey, item.key), item.contentHtml);
  // 1 + 2 + 4 + … + 128 = 255 items in 8 reads, then 945 more in 4 reads of 256.
  assert.equal(counts.reads, 12);
  assert.ok(counts.rows <= items.length + 256, `${counts.rows} rows read`);
});

test('scattered and out-of-order requests get the right content without reading far ahead', () => {
  const counts = fakeStore();
  const read = contentReadAhead(counts.store);
  const wanted = [items[900]!, items[3]!, items[500]!, items[10]!, items[1100]!, items[7]!];
  for (const item of wanted) assert.equal(read(item.feedKey, item.key), item.contentHtml);
  assert.equal(counts.reads, wanted.length);
  assert.ok(counts.rows <= wanted.length * 2, `${counts.rows} rows read`);
});

test('an item gone from the store reads as empty, and its neighbours still read right', () => {
  const counts = fakeStore();
  const read = contentReadAhead(counts.store);
  assert.equal(read('feed-a', 'item-0000'), items[0]!.contentHtml);
  assert.equal(read('feed-a', 'item-0000x'), '');
  assert.equal(read('feed-a', 'item-0001'), items[1]!.contentHtml);
  assert.equal(read('feed-z', 'nothing'), '');
});

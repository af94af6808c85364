import assert from 'node:assert/strict';
import { test } from 'node:test';
import { INDEXED_TEXT_CHARS } from '../../src/search/build-search-index.js';
import { textReadAhead } from '../../src/site/text-read-ahead.js';
import type { ItemText, Store } from '../../src/store/store.js';

// Texts for the search index: one by one for a few items, one scan once many are asked for;
// always the same text (its indexed start) either way.

const items: ItemText[] = [];
for (let i = 0; i < 2400; i++) {
  const key = `item-${String(i).padStart(4, '0')}`;
  // Long texts, some with characters outside the BMP (two UTF-16 units each).
  const body = i % 3 === 0 ? `𠀀${'字'.repeat(1500)}` : `${key} ${'word '.repeat(400)}`;
  items.push({ feedKey: `feed-${i % 7}`, key, text: body });
}
const byId = new Map(items.map((item) => [`${item.feedKey}\0${item.key}`, item.text]));

function codePointPrefix(text: string, n: number): string {
  return Array.from(text).slice(0, n).join('');
}

function fakeStore() {
  const counts = { single: 0, scans: 0 };
  const store = {
    readItemText(feedKey: string, key: string): string | null {
      counts.single++;
      return byId.get(`${feedKey}\0${key}`) ?? null;
    },
    readItemTextPrefixes(maxChars: number): ItemText[] {
      counts.scans++;
      return items.map((item) => ({ ...item, text: codePointPrefix(item.text, maxChars) }));
    },
  } as unknown as Store;
  return { store, counts };
}

test('a few texts are read one by one', () => {
  const { store, counts } = fakeStore();
  const read = textReadAhead(store, items.length);
  for (const item of items.slice(0, 100)) {
    assert.equal(read(item.feedKey, item.key), item.text.slice(0, INDEXED_TEXT_CHARS));
  }
  assert.deepEqual(counts, { single: 100, scans: 0 });
});

test('once an eighth of the items are asked for, the rest come from one scan, unchanged', () => {
  const { store, counts } = fakeStore();
  const read = textReadAhead(store, items.length);
  const order = [...items].reverse();
  for (const item of order) {
    assert.equal(read(item.feedKey, item.key), item.text.slice(0, INDEXED_TEXT_CHARS));
  }
  assert.equal(counts.scans, 1);
  assert.equal(counts.single, items.length / 8 - 1);
  // Asked again after the scan, or never stored: read alone.
  assert.equal(read(items[0]!.feedKey, items[0]!.key), items[0]!.text.slice(0, INDEXED_TEXT_CHARS));
  assert.equal(read('feed-x', 'gone'), '');
  assert.equal(counts.scans, 1);
});

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import Database from 'better-sqlite3';
import type { Item } from '../../src/content/item.js';
import type { FeedSource } from '../../src/sources/feed-source.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';

// The store's read methods for the site builder: summaries without the long texts, in the
// order of listItems, and each item's content and text on demand.

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-summaries-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

const source: FeedSource = {
  key: 'rsshub:/sina/finance',
  category: '金融',
  site: '新浪财经',
  name: '新浪财经－国內',
  location: { kind: 'url', url: 'http://127.0.0.1:1200/sina/finance' },
  timeZone: 'Asia/Shanghai',
  interval: null,
};

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
    full.map(({ contentHtml: _c, sourceHtml: _s, text: _t, ...rest }) => rest),
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
  db.close();
  assert.match(plan.map((row) => row.detail).join('\n'), /COVERING INDEX items_summary/);
});

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import type { Item } from '../../src/content/item.js';
import { INDEXED_TEXT_CHARS } from '../../src/search/build-search-index.js';
import { searchEntries } from '../../src/search/search-document.js';
import { SegmentWorker } from '../../src/search/search-index-thread.js';
import { buildSegment } from '../../src/search/search-segment.js';
import { searchSiteFiles } from '../../src/search/search-site-files.js';
import { StoredTexts } from '../../src/search/stored-texts.js';
import { loadSiteModel } from '../../src/site/build-from-store.js';
import { labelsFor } from '../../src/site/labels.js';
import { buildSiteStructure } from '../../src/site/site-structure.js';
import { textReadAhead } from '../../src/site/text-read-ahead.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import type { Store } from '../../src/store/store.js';
import { fetchedAt, sinaFinanceSource } from '../support/sample-source.js';

// The index thread reads its texts itself from the store file (stored-texts.ts) in a full
// build: the texts, and so the index files, must be those the main thread would have read.

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-stored-texts-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Texts around the cut: long ones, astral characters (two UTF-16 units) at the boundary. */
function textOf(n: number): string {
  if (n % 4 === 0) return `制造业竞争力 ${n} `.repeat(200);
  if (n % 4 === 1) return '𠀀'.repeat(INDEXED_TEXT_CHARS - 1) + `尾 ${n}`;
  if (n % 4 === 2) return `short ${n}`;
  return '';
}

function item(n: number): Item {
  const published = new Date(Date.UTC(2024, 0, 1) + n * 3_600_000).toISOString();
  return {
    key: `item-${String(n).padStart(4, '0')}`,
    title: `标题 ${n}`,
    link: `https://example.com/${n}`,
    published,
    publishedText: null,
    updated: null,
    author: null,
    contentHtml: `<p>${n}</p>`,
    sourceHtml: `<p>${n}</p>`,
    excerpt: `摘要 ${n}`,
    text: textOf(n),
    readingMinutes: 1,
    image: null,
    categories: [],
  };
}

const SETTINGS = {
  title: 'Tidings',
  description: '',
  url: 'https://example.github.io/news',
  language: 'zh-CN',
  timeZone: 'Asia/Shanghai',
  perPage: 5,
  maxAgeDays: 0,
  outputDir: path.join(dir, 'public'),
  permalink: 'items/:id.html',
  staticDir: null,
};

function storeOf(count: number): { store: Store; file: string } {
  const file = path.join(dir, `store-${count}.db`);
  const store = openSqliteStore(file);
  const at = '2024-06-01T00:00:00.000Z';
  const items = Array.from({ length: count }, (_, n) => item(n));
  store.saveFeed(sinaFinanceSource, { title: null, link: null }, items, fetchedAt(at));
  return { store, file };
}

test('stored texts are the texts the main thread reads, cut the same way', () => {
  const { store, file } = storeOf(40);
  try {
    const onMain = textReadAhead(store, 40);
    const stored = new StoredTexts(file, INDEXED_TEXT_CHARS);
    try {
      // Asked in another order than the store's, one twice, and one the store does not have.
      const keys = [...Array.from({ length: 40 }, (_, n) => item(39 - n).key), 'item-0003'];
      for (const key of keys) {
        const expected = onMain(sinaFinanceSource.key, key);
        assert.equal(stored.get(sinaFinanceSource.key, key), expected, key);
      }
      const cut = stored.get(sinaFinanceSource.key, 'item-0001');
      assert.equal(cut.length, INDEXED_TEXT_CHARS, 'cut after INDEXED_TEXT_CHARS code units');
      assert.equal(stored.get(sinaFinanceSource.key, 'no-such-item'), '');
    } finally {
      stored.close();
    }
  } finally {
    store.close();
  }
});

test('a segment whose texts the worker reads from the store file: the same index files', () => {
  const count = 2600; // two segments: the main one (blocks of 1,024) and the tail
  const { store, file } = storeOf(count);
  try {
    const model = loadSiteModel({ site: SETTINGS } as never, store);
    const { items } = buildSiteStructure(model, labelsFor('zh-CN'));
    const read = (storeFile?: string): Map<string, Buffer> => {
      const options = storeFile === undefined ? {} : { storeFile };
      const files = searchSiteFiles(items, textReadAhead(store, count), undefined, {
        workerMinDocuments: 0,
        ...options,
      });
      return new Map(
        files.map((f) => {
          const content = f.render();
          return [f.path, typeof content === 'string' ? Buffer.from(content) : content];
        }),
      );
    };
    let mainReads = 0;
    const fromMain = read();
    const fromStore = searchSiteFiles(
      items,
      () => {
        mainReads++;
        return '';
      },
      undefined,
      { workerMinDocuments: 0, storeFile: file },
    );
    assert.deepEqual(fromStore.map((f) => f.path).sort(), [...fromMain.keys()].sort());
    for (const f of fromStore) {
      const content = f.render();
      const bytes = typeof content === 'string' ? Buffer.from(content) : content;
      assert.ok(bytes.equals(fromMain.get(f.path)!), `${f.path} differs`);
    }
    assert.equal(mainReads, 0, 'the main thread reads no text');
    assert.ok(fromMain.has('search/t/0.txt') && fromMain.has('search/u/0.txt'));

    // Started before the documents were known, reading every text ahead (a full build).
    const early = new SegmentWorker();
    early.readTexts(file, INDEXED_TEXT_CHARS, null);
    const ahead = searchSiteFiles(items, () => '', undefined, {
      workerMinDocuments: 0,
      storeFile: file,
      worker: early,
    });
    assert.deepEqual(ahead.map((f) => f.path).sort(), [...fromMain.keys()].sort());
    for (const f of ahead) {
      const content = f.render();
      const bytes = typeof content === 'string' ? Buffer.from(content) : content;
      assert.ok(bytes.equals(fromMain.get(f.path)!), `${f.path} differs (read ahead)`);
    }
  } finally {
    store.close();
  }
});

test('a store file the worker cannot open fails with the file named', () => {
  const { store } = storeOf(30);
  try {
    const model = loadSiteModel({ site: SETTINGS } as never, store);
    const { items } = buildSiteStructure(model, labelsFor('zh-CN'));
    const missing = path.join(dir, 'missing.db');
    const failsNamingIt = (error: Error): boolean =>
      error.message.includes(missing) && /cannot open the store/.test(error.message);
    // The files wait for the worker's segments (their shard counts come from the texts).
    assert.throws(
      () => searchSiteFiles(items, () => '', undefined, { workerMinDocuments: 0, storeFile: missing }), // prettier-ignore
      failsNamingIt,
    );
    // Read ahead: the failure waits for the segments that need the texts.
    const early = new SegmentWorker();
    early.readTexts(missing, INDEXED_TEXT_CHARS, null);
    assert.throws(
      () => searchSiteFiles(items, () => '', undefined, { workerMinDocuments: 0, storeFile: missing, worker: early }), // prettier-ignore
      failsNamingIt,
    );
  } finally {
    store.close();
  }
});

test('beyond SCAN_ALL_MAX_TEXTS, texts are read in the index order and only those ahead are held', () => {
  const { store, file } = storeOf(40);
  try {
    const onMain = textReadAhead(store, 40);
    const limits = { scanAllMax: 10, readAhead: 5 };
    // The order the index asks in (first seen, then feed, then key).
    const model = loadSiteModel({ site: SETTINGS } as never, store);
    const entries = searchEntries(buildSiteStructure(model, labelsFor('zh-CN')).items);
    assert.equal(entries.length, 40);
    const inOrder = new StoredTexts(file, INDEXED_TEXT_CHARS, null, limits);
    try {
      let mostHeld = 0;
      for (const { feedKey, key } of entries) {
        assert.equal(inOrder.get(feedKey, key), onMain(feedKey, key), key);
        mostHeld = Math.max(mostHeld, inOrder.held);
      }
      assert.ok(mostHeld <= 5, `at most the 5 read ahead are held (${mostHeld})`);
      assert.equal(inOrder.held, 0);
      assert.equal(inOrder.get(sinaFinanceSource.key, 'item-0003'), onMain(sinaFinanceSource.key, 'item-0003'), 'asked again'); // prettier-ignore
      assert.equal(inOrder.get(sinaFinanceSource.key, 'no-such-item'), '');
    } finally {
      inOrder.close();
    }
    // Asked in another order: the same texts (those passed on the way wait until asked for).
    const reversed = new StoredTexts(file, INDEXED_TEXT_CHARS, null, limits);
    try {
      for (const { feedKey, key } of entries.slice().reverse()) {
        assert.equal(reversed.get(feedKey, key), onMain(feedKey, key), key);
      }
      assert.equal(reversed.held, 0);
    } finally {
      reversed.close();
    }
  } finally {
    store.close();
  }
});

test('shards handed over from the worker, in buffers of their own or packed, are the same bytes', () => {
  // Large shards (over 4 KB: buffers of their own, transferred as they are) and small ones
  // (views of Node's shared pool, copied into one buffer): both as the main thread builds them.
  const titles = Array.from({ length: 3000 }, (_, n) => `标题 ${n} term${n % 50}`);
  // Terms every document has make long postings, so some shards pass 4 KB; the long texts
  // make many shards, most of them small.
  const texts = titles.map((_, n) => `word${n} 共同 common ${`filler${n} `.repeat(25)}`);
  const worker = new SegmentWorker();
  try {
    const documents = titles.map((title, n) => ({ title, text: texts[n]! }));
    worker.build('t', 0, documents);
    worker.endInput();
    const made = worker.result('t');
    const shardCount = made.files.length;
    const onMain = buildSegment({ first: 0, titles, texts, shardCount, folder: 't' });
    const sizes = onMain.files.map((file) => file.content.length);
    assert.ok(sizes.some((size) => size >= 4096) && sizes.some((size) => size < 4096), `${sizes}`);
    assert.deepEqual(made.files.map((file) => file.path), onMain.files.map((file) => file.path)); // prettier-ignore
    made.files.forEach((file, i) => {
      assert.ok(file.content.equals(onMain.files[i]!.content), `${file.path} differs`);
    });
    assert.equal(made.bytes, onMain.bytes);
  } finally {
    worker.stop();
  }
});

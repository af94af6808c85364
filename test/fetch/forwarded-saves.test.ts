import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { parseConfig } from '../../src/config/load-config.js';
import { updateFeeds } from '../../src/pipeline.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import { StoreWriterThread } from '../../src/store/store-writer-thread.js';
import { storeRows } from '../support/store-rows.js';

// An update on threads sends each prepared feed from its prepare worker straight to the store
// writer thread (store/forwarded-save.ts). What it stores must be what the same update stores
// on the main thread alone, next due times from each feed's <ttl> included.

const FEEDS = 24;
let server: http.Server;
let base = '';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-forwarded-'));

function rss(n: number): string {
  const items = Array.from(
    { length: 5 },
    (_, i) =>
      `<item><title>第${n}条 ${i}</title><link>https://news.example/${n}/${i}</link>` +
      `<pubDate>Wed, 25 Nov 2026 07:0${i}:00 GMT</pubDate>` +
      `<description><![CDATA[<p>正文 ${n} ${i} <img src="/p${i}.jpg"></p>]]></description></item>`,
  ).join('');
  // Feeds ask for different intervals: the next due time depends on what the worker parsed.
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Feed ${n}</title>
    <link>https://news.example/${n}</link><ttl>${30 + n * 10}</ttl>${items}</channel></rss>`;
}

before(async () => {
  server = http.createServer((request, response) => {
    const n = Number(/\/(\d+)\.xml$/.exec(request.url ?? '')?.[1] ?? -1);
    if (n < 0) return void response.writeHead(404).end();
    response.writeHead(200, { 'content-type': 'application/rss+xml', etag: `"f${n}"` });
    response.end(rss(n));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(() => {
  server.closeAllConnections();
  server.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function update(name: string, threads: boolean) {
  const feeds = Array.from(
    { length: FEEDS },
    (_, n) => `          - { name: F${n}, url: "${base}/${n}.xml" }`,
  ).join('\n');
  const configFile = path.join(dir, name, 'tidings.yaml');
  fs.mkdirSync(path.dirname(configFile));
  const config = parseConfig(
    `sources:\n  - category: C\n    sites:\n      - name: S\n        feeds:\n${feeds}\n`,
    configFile,
  );
  const store = openSqliteStore(config.storePath);
  const now = () => new Date('2026-11-26T08:00:00.000Z');
  try {
    const outcomes = await updateFeeds(config, store, config.sources, {
      force: true,
      now,
      workers: threads ? 1 : 0,
      ...(threads ? { storeFile: config.storePath } : {}),
    });
    return { outcomes, file: config.storePath };
  } finally {
    store.close();
  }
}

test('feeds prepared on a worker and saved straight from it store what the main thread stores', async () => {
  // Saves sent by the main thread go through saveFeed; forwarded ones do not.
  const sentByMain: string[] = [];
  const saveFeed = StoreWriterThread.prototype.saveFeed;
  StoreWriterThread.prototype.saveFeed = function (this: StoreWriterThread, source, ...rest) {
    sentByMain.push(source.name);
    return saveFeed.call(this, source, ...rest);
  };
  let threaded;
  try {
    threaded = await update('threads', true);
  } finally {
    StoreWriterThread.prototype.saveFeed = saveFeed;
  }
  const inline = await update('inline', false);
  assert.deepEqual(sentByMain, [], 'no feed went through the main thread to the writer');
  const report = (outcomes: typeof inline.outcomes) =>
    outcomes.map((o) => ({ ...o, source: o.source.name }));
  assert.deepEqual(report(threaded.outcomes), report(inline.outcomes));
  assert.equal(threaded.outcomes.filter((o) => o.status === 'ok' && o.added === 5).length, FEEDS);
  const stored = storeRows(threaded.file);
  assert.equal(stored.items.length, FEEDS * 5);
  assert.deepEqual(stored, storeRows(inline.file));
  // Feed 3 asked for 60 minutes.
  const feed3 = stored.feeds.find((row) => (row as { name: string }).name === 'F3') as {
    next_due_at: string;
  };
  assert.equal(feed3.next_due_at, '2026-11-26T09:00:00.000Z');
});

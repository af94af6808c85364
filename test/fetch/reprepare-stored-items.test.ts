import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import Database from 'better-sqlite3';
import { parseConfig } from '../../src/config/load-config.js';
import type { Config } from '../../src/config/config.js';
import { PreparePool } from '../../src/content/prepare-pool.js';
import { preparationKey, preparationSettingsText } from '../../src/content/preparer-fingerprint.js';
import { updateFeeds } from '../../src/pipeline.js';
import { reprepareStoredItems, type ReprepareSummary } from '../../src/reprepare-stored-items.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import type { Store } from '../../src/store/store.js';

// Items that have left the feed are prepared again from their stored source HTML when the
// feed's preparation key changes (a new clean rule here).

const item = (guid: string) => `<item><title>${guid}</title><guid>${guid}</guid>
<link>http://example.invalid/${guid}</link>
<description><![CDATA[<p>正文 ${guid}</p><p class="ad">广告：扫码下载</p><img src="/img/${guid}.jpg">]]></description></item>`;
const feed = (...guids: string[]) =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>Steady</title>${guids.map(item).join('')}</channel></rss>`;

let server: http.Server;
let base = '';
let body = '';

before(async () => {
  server = http.createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(() => server.close());

function configWith(clean: string, folder: string): Config {
  return parseConfig(
    `${clean}
sources:
  - category: News
    sites:
      - name: Steady
        feeds:
          - { name: steady, url: "${base}/feed.xml" }
`,
    path.join(folder, 'tidings.yaml'),
  );
}

const RULE = 'content: { clean: { remove: ["p.ad"] } }';

function contentOf(store: Store): Map<string, string> {
  return new Map(store.listItems().map((stored) => [stored.key, stored.contentHtml]));
}

/** A store holding a1, a2, a3, of which only a3 is still in the feed, prepared without RULE. */
async function storeWithGoneItems(): Promise<{ store: Store; folder: string; config: Config }> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-reprep-'));
  const plain = configWith('', folder);
  const store = openSqliteStore(plain.storePath);
  body = feed('a1', 'a2');
  await updateFeeds(plain, store, plain.sources, { workers: 0, force: true });
  body = feed('a3');
  await updateFeeds(plain, store, plain.sources, { workers: 0, force: true });
  for (const html of contentOf(store).values()) assert.match(html, /广告/);
  return { store, folder, config: configWith(RULE, folder) };
}

test('a changed clean rule reaches items that left the feed, once; one without source HTML is left alone', async () => {
  const { store, folder, config } = await storeWithGoneItems();
  try {
    // a2 as a store from before source_html was kept holds it.
    const db = new Database(config.storePath);
    db.prepare("UPDATE items SET source_html = '' WHERE key = 'a2'").run();
    db.close();
    const summaries: ReprepareSummary[] = [];
    await updateFeeds(config, store, config.sources, {
      workers: 0,
      onReprepared: (summary) => summaries.push(summary),
    });
    const content = contentOf(store);
    assert.doesNotMatch(content.get('a1')!, /广告/);
    assert.match(content.get('a1')!, /正文 a1/);
    // Relative URLs still resolve against the item's link.
    assert.match(content.get('a1')!, /src="http:\/\/example\.invalid\/img\/a1\.jpg"/);
    assert.match(content.get('a2')!, /广告/);
    assert.doesNotMatch(content.get('a3')!, /广告/);
    const a1 = store.listItems().find((stored) => stored.key === 'a1')!;
    assert.doesNotMatch(a1.text, /广告/);
    assert.equal(a1.image, 'http://example.invalid/img/a1.jpg');
    assert.equal(summaries.length, 1);
    assert.equal(summaries[0]!.withoutSource, 1);
    assert.deepEqual(store.itemsPreparation(config.sources[0]!.key), {
      key: preparationKey(config.sources[0]!),
      after: null,
      settings: preparationSettingsText(config.sources[0]!),
    });
    // Recorded: the next update does not do it again.
    await updateFeeds(config, store, config.sources, {
      workers: 0,
      onReprepared: (summary) => summaries.push(summary),
    });
    assert.equal(summaries.length, 1);
  } finally {
    store.close();
    fs.rmSync(folder, { recursive: true, force: true });
  }
});

test('progress is told before the first batch and after each', async () => {
  const { store, folder, config } = await storeWithGoneItems();
  try {
    const told: { done: number; total: number }[] = [];
    await reprepareStoredItems(store, config.sources, {
      batchSize: 2,
      onProgress: (progress) => told.push(progress),
    });
    assert.deepEqual(told, [
      { done: 0, total: 3 },
      { done: 2, total: 3 },
      { done: 3, total: 3 },
    ]);
    told.length = 0;
    await reprepareStoredItems(store, config.sources, { onProgress: (p) => told.push(p) });
    assert.deepEqual(told, [], 'nothing to do, nothing told');
  } finally {
    store.close();
    fs.rmSync(folder, { recursive: true, force: true });
  }
});

for (const workers of [0, 1]) {
  test(`a run stopped midway leaves each item old or new and the next goes on where it stopped (${workers} workers)`, async () => {
    const { store, folder, config } = await storeWithGoneItems();
    const source = config.sources[0]!;
    try {
      let saves = 0;
      const crashing: Store = Object.create(store) as Store;
      crashing.saveReprepared = (...args) => {
        if (++saves === 2) throw new Error('power cut');
        return store.saveReprepared(...args);
      };
      await assert.rejects(
        reprepareStoredItems(crashing, config.sources, { batchSize: 1, workers }),
        /power cut/,
      );
      let content = contentOf(store);
      assert.doesNotMatch(content.get('a1')!, /广告/);
      assert.match(content.get('a2')!, /广告/);
      assert.deepEqual(store.itemsPreparation(source.key), {
        key: preparationKey(source),
        after: 'a1',
        settings: preparationSettingsText(source),
      });

      const readFrom: (string | null)[] = [];
      const watched: Store = Object.create(store) as Store;
      watched.readItemsAfter = (feedKey, from, limit) => {
        readFrom.push(from);
        return store.readItemsAfter(feedKey, from, limit);
      };
      const summary = await reprepareStoredItems(watched, config.sources, {
        batchSize: 1,
        workers,
      });
      assert.equal(readFrom[0], 'a1');
      assert.equal(summary.items, 2);
      content = contentOf(store);
      for (const html of content.values()) assert.doesNotMatch(html, /广告/);
      assert.equal(store.itemsPreparation(source.key).after, null);
    } finally {
      store.close();
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
}

test('batches prepared again on a worker thread store exactly what the main thread stores', async () => {
  const stores: { store: Store; folder: string; config: Config }[] = [];
  try {
    const guids = Array.from({ length: 23 }, (_, i) => `b${i}`);
    const summaries: ReprepareSummary[] = [];
    const told: number[][] = [];
    for (const workers of [0, 1]) {
      const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-reprep-pool-'));
      const plain = configWith('', folder);
      const store = openSqliteStore(plain.storePath);
      const config = configWith(RULE, folder);
      stores.push({ store, folder, config });
      body = feed(...guids);
      // One clock for both stores: their rows are compared whole, times included.
      const now = () => new Date('2026-11-26T08:00:00.000Z');
      await updateFeeds(plain, store, plain.sources, { workers: 0, force: true, now });
      const progress: number[] = [];
      const sentToPool = spyOnPoolReprepare();
      summaries.push(
        await reprepareStoredItems(store, config.sources, {
          now,
          batchSize: 5,
          workers,
          onProgress: ({ done }) => progress.push(done),
        }),
      );
      told.push(progress);
      assert.equal(
        sentToPool.stop(),
        workers === 0 ? 0 : 5,
        `batches sent to a pool, ${workers} workers`,
      );
    }
    const [inline, pooled] = stores.map(({ store }) => store.listItems());
    assert.equal(pooled!.length, 23);
    assert.deepEqual(pooled, inline);
    for (const stored of pooled!) assert.doesNotMatch(stored.contentHtml, /广告/);
    assert.deepEqual(summaries[1], summaries[0]);
    assert.deepEqual(summaries[0], {
      feeds: 1,
      items: 23,
      changed: 23,
      withoutSource: 0,
      failed: 0,
    });
    assert.deepEqual(
      told[1],
      [0, 5, 10, 15, 20, 23],
      'batches saved in order, progress after each',
    );
    assert.deepEqual(told[1], told[0]);
  } finally {
    for (const { store, folder } of stores) {
      store.close();
      fs.rmSync(folder, { recursive: true, force: true });
    }
  }
});

test('a feed stored for the first time is recorded as prepared with the current key', async () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-reprep-'));
  const config = configWith(RULE, folder);
  const store = openSqliteStore(config.storePath);
  try {
    body = feed('a1');
    await updateFeeds(config, store, config.sources, { workers: 0 });
    assert.deepEqual(store.itemsPreparation(config.sources[0]!.key), {
      key: preparationKey(config.sources[0]!),
      after: null,
      settings: preparationSettingsText(config.sources[0]!),
    });
  } finally {
    store.close();
    fs.rmSync(folder, { recursive: true, force: true });
  }
});

test('a feed taken out of the config is prepared again with the settings recorded for it', async () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-reprep-'));
  const config = configWith(RULE, folder);
  const store = openSqliteStore(config.storePath);
  try {
    body = feed('a1', 'a2');
    await updateFeeds(config, store, config.sources, { workers: 0 });
    const key = config.sources[0]!.key;
    // As an older Tidings would have left them: the ad still in, another preparation key.
    const db = new Database(config.storePath);
    db.prepare(
      "UPDATE items SET content_html = content_html || '<p>广告：扫码下载</p>', content_hash = 'old'",
    ).run();
    db.prepare("UPDATE feeds SET items_prepared_key = 'older-tidings' WHERE key = ?").run(key);
    db.close();
    for (const html of contentOf(store).values()) assert.match(html, /广告/);

    // The feed has left the config; its items are still stored and shown.
    const without = parseConfig('sources: []\n', path.join(folder, 'tidings.yaml'));
    const summaries: ReprepareSummary[] = [];
    await updateFeeds(without, store, without.sources, {
      workers: 0,
      onReprepared: (done) => summaries.push(done),
    });
    assert.equal(summaries.length, 1, 'an update does it');
    const summary = summaries[0]!;
    assert.deepEqual(
      { feeds: summary.feeds, items: summary.items, changed: summary.changed },
      { feeds: 1, items: 2, changed: 2 },
    );
    for (const html of contentOf(store).values()) {
      assert.doesNotMatch(html, /广告/, 'prepared again with its own clean rule');
      assert.match(html, /正文 a/);
    }
    assert.equal(store.itemsPreparation(key).key, preparationKey(config.sources[0]!));
    // Done once: the next run has nothing to do.
    const again = await reprepareStoredItems(store, [], { configured: [] });
    assert.equal(again.feeds, 0);

    // Without recorded settings (stored by an older Tidings) such a feed is left as it is,
    // and so is one whose recorded settings are not what Tidings writes.
    for (const settings of [null, '{"not": "settings"}']) {
      const db2 = new Database(config.storePath);
      db2
        .prepare("UPDATE feeds SET items_prepared_key = 'older', items_prepared_settings = ?")
        .run(settings);
      db2.close();
      const left = await reprepareStoredItems(store, [], { configured: [] });
      assert.equal(left.feeds, 0, String(settings));
    }
  } finally {
    store.close();
    fs.rmSync(folder, { recursive: true, force: true });
  }
});

test('an item that left the feed is prepared again against the xml:base its HTML was given under', async () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-reprep-'));
  const plain = configWith('', folder);
  const store = openSqliteStore(plain.storePath);
  // The description's relative URLs resolve against its xml:base, not the item link.
  const based = (guid: string) => `<item><title>${guid}</title><guid>${guid}</guid>
<link>http://example.invalid/${guid}</link>
<description xml:base="http://cdn.example.invalid/media/"><![CDATA[<p>正文 ${guid}</p><p class="ad">广告</p><img src="${guid}.jpg">]]></description></item>`;
  const basedFeed = (...guids: string[]) =>
    `<?xml version="1.0"?><rss version="2.0"><channel><title>Steady</title>${guids.map(based).join('')}</channel></rss>`;
  try {
    body = basedFeed('b1', 'b2');
    await updateFeeds(plain, store, plain.sources, { workers: 0, force: true });
    body = basedFeed('b2');
    await updateFeeds(plain, store, plain.sources, { workers: 0, force: true });
    const first = store.listItems().find((stored) => stored.key === 'b1')!;
    assert.match(first.contentHtml, /src="http:\/\/cdn\.example\.invalid\/media\/b1\.jpg"/);
    assert.equal(first.image, 'http://cdn.example.invalid/media/b1.jpg');
    assert.equal(first.sourceBase, 'http://cdn.example.invalid/media/');

    const summaries: ReprepareSummary[] = [];
    const config = configWith(RULE, folder);
    await updateFeeds(config, store, config.sources, {
      workers: 0,
      onReprepared: (summary) => summaries.push(summary),
    });
    assert.equal(summaries[0]?.changed, 2, 'both cleaned again');
    const again = store.listItems().find((stored) => stored.key === 'b1')!;
    assert.doesNotMatch(again.contentHtml, /广告/);
    assert.match(again.contentHtml, /src="http:\/\/cdn\.example\.invalid\/media\/b1\.jpg"/);
    assert.equal(again.image, 'http://cdn.example.invalid/media/b1.jpg');
    assert.equal(again.sourceBase, 'http://cdn.example.invalid/media/');
  } finally {
    store.close();
    fs.rmSync(folder, { recursive: true, force: true });
  }
});

/** Counts the batches given to a PreparePool until stop(), which restores it. */
function spyOnPoolReprepare(): { stop(): number } {
  const original = PreparePool.prototype.reprepare;
  let calls = 0;
  PreparePool.prototype.reprepare = function (this: PreparePool, batch) {
    calls++;
    return original.call(this, batch);
  };
  return {
    stop() {
      PreparePool.prototype.reprepare = original;
      return calls;
    },
  };
}

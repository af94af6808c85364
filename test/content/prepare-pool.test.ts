import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import {
  prepareFeed,
  type PreparedFeed,
  type PrepareFeedRequest,
} from '../../src/content/prepare-feed.js';
import { itemCount, packItems, unpackItems } from '../../src/content/packed-items.js';
import { INLINE_PREPARER, PreparePool } from '../../src/content/prepare-pool.js';
import { NotAFeedError } from '../../src/parse/index.js';
import type { ForwardedSave } from '../../src/store/forwarded-save.js';
import type { WriteRequest } from '../../src/store/store-writer-thread.js';

function rss(
  items: number,
  html = '<p>Hello <a href="/rel">link</a> <img src="pic.jpg"></p>',
): string {
  const body = Array.from(
    { length: items },
    (_, i) => `<item><title>Item ${i}</title><link>https://news.example/${i}</link>
      <guid>item-${i}</guid><pubDate>Wed, 25 Nov 2026 07:${String(i % 60).padStart(2, '0')}:00 GMT</pubDate>
      <description><![CDATA[${html}<!-- comment --><script>alert(${i})</script>]]></description></item>`,
  ).join('\n');
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Pool feed</title>
    <link>https://news.example/</link><ttl>90</ttl>${body}</channel></rss>`;
}

function request(xml: string, extra: Partial<PrepareFeedRequest> = {}): PrepareFeedRequest {
  return {
    body: Buffer.from(xml),
    webUrl: 'https://news.example/feed.xml',
    charset: null,
    timeZone: 'Asia/Shanghai',
    ...extra,
  };
}

describe('PreparePool', () => {
  test('a worker prepares a feed exactly as the main thread does', async () => {
    const pool = new PreparePool(2);
    try {
      const content = { embeds: false, builtinRules: true, clean: [] };
      for (const job of [request(rss(5)), request(rss(3), { content, webUrl: null })]) {
        const inline = prepareFeed(job);
        assert.equal(itemCount(inline.items) > 0, true);
        assert.deepEqual(await INLINE_PREPARER.prepare(job), inline);
        // Last: the pool takes the bytes (see the transfer test).
        assert.deepEqual(await pool.prepare(job), inline);
      }
      const prepared = await pool.prepare(request(rss(1)));
      assert.equal(prepared.feedMinutes, 90);
      assert.equal(prepared.title, 'Pool feed');
      assert.doesNotMatch(unpackItems(prepared.items)[0]!.contentHtml, /script|comment/);
    } finally {
      await pool.close();
    }
  });

  test('asked for packed items (packItems), a worker answers the same items in one string', async () => {
    const pool = new PreparePool(1);
    try {
      const inline = prepareFeed(request(rss(4)));
      assert.ok(Array.isArray(inline.items), 'unasked, the items come as a list');
      const packed = await pool.prepare({ ...request(rss(4)), packItems: true });
      assert.ok(!Array.isArray(packed.items), 'asked, they come packed');
      assert.equal(packed.items.count, 4);
      assert.equal(typeof packed.items.json, 'string');
      assert.deepEqual(unpackItems(packed.items), inline.items);
      assert.deepEqual({ ...packed, items: null }, { ...inline, items: null });
      // Inline (the pool's fallback) packs the same way.
      const fallback = await INLINE_PREPARER.prepare({ ...request(rss(4)), packItems: true });
      assert.deepEqual(fallback.items, packed.items);
    } finally {
      await pool.close();
    }
  });

  test('workers start with the work, up to the pool size, and go with close()', async () => {
    const pool = new PreparePool(2);
    assert.equal(pool.workerCount, 0, 'no work, no worker');
    const jobs = Array.from({ length: 6 }, (_, i) => pool.prepare(request(rss(i + 1))));
    assert.equal(pool.workerCount, 2);
    const feeds = await Promise.all(jobs);
    assert.deepEqual(
      feeds.map((feed) => itemCount(feed.items)),
      [1, 2, 3, 4, 5, 6],
    );
    await pool.close();
    assert.equal(pool.workerCount, 0);
    await assert.rejects(pool.prepare(request(rss(1))), /closed/);
  });

  test('a body of its own is moved to the worker; a slice of a shared buffer is copied', async () => {
    const pool = new PreparePool(1);
    try {
      const own = new Uint8Array(Buffer.from(rss(40)));
      assert.ok(own.byteLength > 4096);
      const moved = await pool.prepare(request('', { body: own }));
      assert.equal(itemCount(moved.items), 40);
      assert.equal(own.byteLength, 0, "transferred: the caller's view is detached");

      // Small Buffers share one pooled ArrayBuffer: moving it would empty its neighbours.
      const small = Buffer.from(rss(1));
      const neighbour = Buffer.from('the neighbour in the same pool');
      assert.equal(small.buffer, neighbour.buffer, 'both come from the Buffer pool');
      const copied = await pool.prepare(request('', { body: small }));
      assert.equal(itemCount(copied.items), 1);
      assert.equal(small.toString(), rss(1), 'a shared buffer is left as it was');
      assert.equal(neighbour.toString(), 'the neighbour in the same pool');
    } finally {
      await pool.close();
    }
  });

  test('warmUp starts every worker before any work; they then prepare feeds', async () => {
    const pool = new PreparePool(2);
    try {
      pool.warmUp();
      assert.equal(pool.workerCount, 2);
      pool.warmUp();
      assert.equal(pool.workerCount, 2, 'no more than the pool size');
      const feeds = await Promise.all([
        pool.prepare(request(rss(2))),
        pool.prepare(request(rss(3))),
      ]);
      assert.deepEqual(
        feeds.map((feed) => itemCount(feed.items)),
        [2, 3],
      );
    } finally {
      await pool.close();
    }
  });

  test('"not a feed" crosses the thread boundary as a NotAFeedError with its links', async () => {
    const pool = new PreparePool(1);
    try {
      const html =
        '<!doctype html><html><head><link rel="alternate" type="application/rss+xml" href="/feed.xml"></head><body>hi</body></html>';
      const error = await pool.prepare(request(html)).then(
        () => assert.fail('an HTML page was taken for a feed'),
        (error: unknown) => error,
      );
      assert.ok(error instanceof NotAFeedError, String(error));
      assert.deepEqual(error.feedLinks, ['https://news.example/feed.xml']);
      assert.match(error.message, /not a feed/);
    } finally {
      await pool.close();
    }
  });

  test('a worker that dies fails its feed only; the next feed gets a new worker', async () => {
    // A heap too small for a large feed: the worker runs out of memory on it and exits.
    const pool = new PreparePool(1, { resourceLimits: { maxOldGenerationSizeMb: 48 } });
    try {
      const huge = rss(1000, `<p>${'Lots of text in a long paragraph. '.repeat(2000)}</p>`);
      await assert.rejects(pool.prepare(request(huge)), /the worker preparing this feed stopped/);
      const next = await pool.prepare(request(rss(2)));
      assert.equal(itemCount(next.items), 2);
    } finally {
      await pool.close();
    }
  });

  test('feeds queued while a worker dies go to the next worker, their bytes intact', async () => {
    // One worker, every feed asked for at once: the huge one first, the others queued behind it.
    const pool = new PreparePool(1, { resourceLimits: { maxOldGenerationSizeMb: 48 } });
    try {
      const huge = rss(1000, `<p>${'Lots of text in a long paragraph. '.repeat(2000)}</p>`);
      const results = await Promise.allSettled([
        pool.prepare(request(huge)),
        ...[2, 3, 4].map((n) => pool.prepare(request(rss(n)))),
      ]);
      assert.equal(results[0]!.status, 'rejected');
      assert.match(String((results[0] as PromiseRejectedResult).reason), /stopped/);
      assert.deepEqual(
        results
          .slice(1)
          .map((result) => result.status === 'fulfilled' && itemCount(result.value.items)),
        [2, 3, 4],
      );
    } finally {
      await pool.close();
    }
  });

  test("with a port to the store writer, a worker sends a job's save there and answers the count", async () => {
    const ports: MessagePort[] = [];
    const pool = new PreparePool(1, {
      openWriterPort: () => {
        const { port1, port2 } = new MessageChannel();
        ports.push(port1);
        return port2;
      },
    });
    try {
      const save: ForwardedSave = {
        id: 41,
        source: {
          key: 'url:https://news.example/feed.xml',
          category: 'c',
          site: 's',
          name: 'n',
          location: { kind: 'url', url: 'https://news.example/feed.xml' },
          timeZone: 'Asia/Shanghai',
          interval: null,
        },
        fetch: {
          at: '2026-11-26T08:00:00.000Z',
          etag: null,
          lastModified: null,
          bodyHash: 'h',
          movedTo: null,
        },
        schedule: {
          now: Date.parse('2026-11-26T08:00:00.000Z'),
          settings: { interval: 60, minInterval: 5, maxInterval: 1440 },
          interval: null,
          maxAgeSeconds: null,
        },
      };
      const preparing = pool.prepare(request(rss(3)), save);
      assert.equal(ports.length, 1, 'the worker got a port as it started');
      const sent = new Promise<WriteRequest>((resolve) => ports[0]!.once('message', resolve));
      const prepared = await preparing;
      assert.deepEqual(prepared.items, { forwarded: true, count: 3 });
      const write = await sent;
      const inline = prepareFeed(request(rss(3)));
      assert.equal(write.op, 'save');
      assert.ok(write.op === 'save');
      assert.equal(write.id, 41);
      assert.deepEqual(unpackItems(write.items), inline.items);
      assert.deepEqual(write.meta, {
        title: 'Pool feed',
        link: 'https://news.example/',
        language: null,
      });
      // The feed's <ttl>90</ttl> sets the next due time, as on the main thread.
      assert.equal(write.fetch.nextDueAt, '2026-11-26T09:30:00.000Z');
      assert.equal(write.fetch.bodyHash, 'h');
      // Without a save, the items come back.
      const back = await pool.prepare(request(rss(2)));
      assert.equal(Array.isArray(back.items), true);
    } finally {
      for (const port of ports) port.close();
      await pool.close();
    }
  });

  test('when workers cannot start at all, feeds are prepared on this thread', async () => {
    // A heap too small to load the worker's modules: every worker dies before answering.
    // Not under 4 MB: from Node 22 on, a heap of 2 MB cannot hold V8's startup snapshot, and
    // that aborts the whole process ("GC during deserialization"), not just the worker. The
    // worker needs 10 MB or more (Node 20, 22, 24 and 26 measured), so 4 MB still kills it.
    const pool = new PreparePool(1, {
      resourceLimits: { maxOldGenerationSizeMb: 4, maxYoungGenerationSizeMb: 1 },
    });
    try {
      const results = await Promise.allSettled(
        Array.from({ length: 5 }, (_, i) => pool.prepare(request(rss(i + 1)))),
      );
      assert.deepEqual(
        results.map((result) => result.status),
        ['rejected', 'rejected', 'rejected', 'fulfilled', 'fulfilled'],
      );
      const last = results[4] as PromiseFulfilledResult<PreparedFeed>;
      assert.equal(itemCount(last.value.items), 5);
    } finally {
      await pool.close();
    }
  });

  test('a pool size that is not a positive integer is refused', () => {
    assert.throws(() => new PreparePool(0), /positive integer, not 0/);
    assert.throws(() => new PreparePool(1.5), /positive integer, not 1.5/);
  });
});

test("the feed's own title closes the bidi override it leaves open, as item titles do", () => {
  const xml = rss(1).replace('<title>Pool feed</title>', '<title>Pool \u202Efeed</title>');
  assert.equal(prepareFeed(request(xml)).title, 'Pool \u202Efeed\u202C');
});

describe('packed items', () => {
  test('unpack to exactly the items packed, odd characters and all', () => {
    const item = {
      ...unpackItems(prepareFeed(request(rss(1))).items)[0]!,
      title: 'lone \ud800 surrogate, "quotes", \\ back\u0000slash, 表情 😀',
      categories: [],
      author: null,
      readingMinutes: 0,
    };
    const packed = packItems([item, item]);
    assert.equal(itemCount(packed), 2);
    assert.deepEqual(unpackItems(packed), [item, item]);
    const list = [item];
    assert.equal(unpackItems(list), list, 'a list is used as it is');
    assert.equal(itemCount(list), 1);
  });
});

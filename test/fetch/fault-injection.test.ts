import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import zlib from 'node:zlib';
import { parseConfig } from '../../src/config/load-config.js';
import type { Config } from '../../src/config/config.js';
import { updateFeeds, type FeedOutcome } from '../../src/pipeline.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import type { Store } from '../../src/store/store.js';

// A loopback server that misbehaves in every way the fetcher must survive. Phase 1 serves a
// good feed on every path (so each feed has stored items); phase 2 turns each path into its fault.

const CASES = [
  'good',
  'slow-headers',
  'stalled-body',
  'reset',
  'error-500',
  'retry-after-503',
  'too-many-429',
  'not-modified',
  'moved',
  'loop',
  'long-chain',
  'missing',
  'gone',
  'bomb',
  'too-big',
  'html',
  'gbk-wrong-header',
  'empty',
] as const;
type Case = (typeof CASES)[number];

/** GBK bytes of a feed that declares encoding="gbk"; the server will claim UTF-8. */
const GBK_FEED = Buffer.from(
  '3c3f786d6c2076657273696f6e3d22312e302220656e636f64696e673d2267626b223f3e3c7273732076657273696f6e3d22322e30223e3c6368616e6e656c3e3c7469746c653ebdadb3c7cdedb1a83c2f7469746c653e3c6974656d3e3c7469746c653eb3a4bdadb4f3c7c5d2b9bce4bcecd0de3c2f7469746c653e3c677569643e67626b2d313c2f677569643e3c2f6974656d3e3c2f6368616e6e656c3e3c2f7273733e',
  'hex',
);

function rss(name: string, guids: string[]): string {
  const items = guids
    .map((g) => `<item><title>${name} ${g}</title><guid>${name}-${g}</guid></item>`)
    .join('');
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>${name}</title>${items}</channel></rss>`;
}

const MAX_BYTES = 256 * 1024;

describe('fetching against a fault-injection server', () => {
  let server: http.Server;
  /** The 429 case's own host: a 429 pauses its whole host (host-pauses.ts). */
  let limitedServer: http.Server;
  let base = '';
  let limitedBase = '';
  let phase = 1;
  const hits = new Map<string, number>();
  let dir = '';
  let config: Config;
  let store: Store;
  let bomb: Buffer;
  let phase2: FeedOutcome[] = [];
  let phase2Ms = 0;
  /** Requests per path during phase 2 (later tests clear `hits`). */
  let phase2Hits = new Map<string, number>();

  before(async () => {
    // 64 MiB of zeros gzip to ~64 KiB: small on the wire, huge inflated.
    bomb = zlib.gzipSync(Buffer.alloc(64 * 1024 * 1024), { level: 9 });
    const handler = (request: http.IncomingMessage, response: http.ServerResponse) => {
      const url = new URL(request.url ?? '/', base);
      const name = url.pathname.slice(1);
      hits.set(name, (hits.get(name) ?? 0) + 1);
      serve(name, request, response);
    };
    server = http.createServer(handler);
    limitedServer = http.createServer(handler);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    await new Promise<void>((resolve) => limitedServer.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    limitedBase = `http://127.0.0.1:${(limitedServer.address() as AddressInfo).port}`;
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-faults-'));
    const feeds = CASES.map(
      (c) => `          - { name: ${c}, url: "${c === 'too-many-429' ? limitedBase : base}/${c}" }`,
    ).join('\n');
    config = parseConfig(
      `fetch: { timeout: 3, headersTimeout: 0.5, connectTimeout: 1, retries: 2, maxBytes: ${MAX_BYTES}, concurrency: 32 }
sources:
  - category: Faults
    sites:
      - name: Loopback
        feeds:
${feeds}
`,
      path.join(dir, 'tidings.yaml'),
    );
    store = openSqliteStore(config.storePath);
    // Phase 1 prepares and stores feeds on the main thread; phase 2 prepares them on worker
    // threads and stores them on the writer thread: both paths run.
    const first = await updateFeeds(config, store, config.sources, { force: true, workers: 0 });
    assert.deepEqual(
      first.filter((o) => o.status !== 'ok').map((o) => o.source.name),
      [],
      'phase 1: every feed is good',
    );
    phase = 2;
    hits.clear();
    const started = performance.now();
    phase2 = await updateFeeds(config, store, config.sources, {
      force: true,
      workers: 2,
      storeFile: config.storePath,
      retry: { baseDelayMs: 20, maxDelayMs: 2000 },
    });
    phase2Ms = performance.now() - started;
    phase2Hits = new Map(hits);
  });

  after(() => {
    store?.close();
    for (const each of [server, limitedServer]) {
      each.closeAllConnections();
      each.close();
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  function serve(name: string, request: http.IncomingMessage, response: http.ServerResponse): void {
    const feedCase = CASES.find((c) => name === c || name.startsWith(`${c}-`)) ?? null;
    if (phase === 1 || feedCase === null) {
      if (name.startsWith('moved-') || name.startsWith('loop-'))
        return void response.writeHead(404).end();
      response.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"v1"' });
      return void response.end(rss(name, ['a', 'b']));
    }
    const faults: Record<Case, () => void> = {
      good: () => {
        response.writeHead(200, { 'content-type': 'application/rss+xml' });
        response.end(rss('good', ['a', 'b', 'c']));
      },
      'slow-headers': () => {
        const timer = setTimeout(() => response.writeHead(200).end(rss(name, ['late'])), 5000);
        response.on('close', () => clearTimeout(timer));
      },
      'stalled-body': () => {
        response.writeHead(200, { 'content-type': 'application/rss+xml' });
        response.write('<?xml version="1.0"?><rss version="2.0"><channel><title>stalled</title>');
      },
      reset: () => {
        response.writeHead(200, {
          'content-type': 'application/rss+xml',
          'content-length': '5000',
        });
        response.write('<?xml version="1.0"?><rss version="2.0"><channel>', () =>
          request.socket.destroy(),
        );
      },
      'error-500': () => void response.writeHead(500).end(),
      'retry-after-503': () => {
        if ((hits.get(name) ?? 0) === 1)
          return void response.writeHead(503, { 'retry-after': '1' }).end();
        response.writeHead(200, { 'content-type': 'application/rss+xml' });
        response.end(rss(name, ['a', 'b', 'after-retry']));
      },
      'too-many-429': () => void response.writeHead(429, { 'retry-after': '3600' }).end(),
      'not-modified': () => {
        if (request.headers['if-none-match'] === '"v1"') return void response.writeHead(304).end();
        response.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"v2"' });
        response.end(rss(name, ['changed']));
      },
      moved: () => {
        if (name === 'moved') return void response.writeHead(301, { location: '/moved-2' }).end();
        if (name === 'moved-2')
          return void response.writeHead(308, { location: `${base}/moved-final` }).end();
        response.writeHead(200, { 'content-type': 'application/rss+xml' });
        response.end(rss('moved', ['a', 'b', 'moved']));
      },
      loop: () => {
        const next = name === 'loop' ? '/loop-b' : '/loop';
        response.writeHead(302, { location: next }).end();
      },
      'long-chain': () => {
        // Six hops before the feed: one more than a client should follow.
        const step = name === 'long-chain' ? 0 : Number(name.slice('long-chain-'.length));
        if (step < 6)
          return void response.writeHead(302, { location: `/long-chain-${step + 1}` }).end();
        response.writeHead(200, { 'content-type': 'application/rss+xml' });
        response.end(rss(name, ['a']));
      },
      missing: () => void response.writeHead(404).end(),
      gone: () => void response.writeHead(410).end(),
      bomb: () => {
        response.writeHead(200, {
          'content-type': 'application/rss+xml',
          'content-encoding': 'gzip',
        });
        response.end(bomb);
      },
      'too-big': () => {
        response.writeHead(200, { 'content-type': 'application/rss+xml' });
        response.end('<rss>' + 'x'.repeat(MAX_BYTES * 2));
      },
      html: () => {
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        response.end(
          '<!doctype html><html><head><title>Blog</title><link rel="alternate" type="application/rss+xml" href="/blog/feed.xml"></head><body>hi</body></html>',
        );
      },
      'gbk-wrong-header': () => {
        response.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
        response.end(GBK_FEED);
      },
      empty: () => void response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(),
    };
    faults[feedCase]();
  }

  function outcome(name: Case): FeedOutcome {
    const found = phase2.find((o) => o.source.name === name);
    assert.ok(found, name);
    return found;
  }

  function failure(name: Case): { kind: string; error: string } {
    const found = outcome(name);
    assert.equal(found.status, 'failed', `${name}: ${JSON.stringify(found)}`);
    return found as { kind: string; error: string };
  }

  test('the run finishes within its timeouts, whatever the server does', () => {
    // Bounded by: 3 s total timeout, 0.5 s header/body timeouts, one 1 s Retry-After.
    assert.ok(phase2Ms < 8000, `took ${Math.round(phase2Ms)} ms`);
  });

  test('a good feed among broken ones goes through', () => {
    const good = outcome('good');
    assert.equal(good.status, 'ok');
    assert.equal((good as { added: number }).added, 1);
  });

  test('slow headers and a stalled body time out; neither is retried', () => {
    assert.equal(failure('slow-headers').kind, 'timeout');
    assert.match(
      failure('slow-headers').error,
      /\/slow-headers: no response headers within 0\.5 s/,
    );
    assert.equal(failure('stalled-body').kind, 'timeout');
    assert.equal(phase2Hits.get('slow-headers'), 1);
    assert.equal(phase2Hits.get('stalled-body'), 1);
  });

  test('a connection reset and a 500 are retried, then reported', () => {
    assert.equal(failure('reset').kind, 'network');
    assert.equal(phase2Hits.get('reset'), 3, '1 try + 2 retries');
    assert.match(failure('error-500').error, /\/error-500: HTTP 500 Internal Server Error$/);
    assert.equal(phase2Hits.get('error-500'), 3);
  });

  test('a 503 with Retry-After is retried after the wait and succeeds', () => {
    const result = outcome('retry-after-503');
    assert.equal(result.status, 'ok');
    assert.equal((result as { added: number }).added, 1);
    assert.equal(phase2Hits.get('retry-after-503'), 2);
  });

  test('a 429 asking for an hour is not retried now, and the feed waits at least that long', () => {
    assert.match(failure('too-many-429').error, /HTTP 429 Too Many Requests/);
    assert.equal(phase2Hits.get('too-many-429'), 1);
    const state = store.getFetchState(`url:${limitedBase}/too-many-429`)!;
    assert.ok(Date.parse(state.nextDueAt!) - Date.now() > 3500 * 1000, state.nextDueAt!);
    assert.equal(state.consecutiveFailures, 1);
  });

  test('a 304 costs no parsing and no item writes', () => {
    assert.equal(outcome('not-modified').status, 'not-modified');
    const items = store.listItems().filter((i) => i.feedKey === `url:${base}/not-modified`);
    assert.deepEqual(items.map((i) => i.key).sort(), ['not-modified-a', 'not-modified-b']);
  });

  test('a 301 → 308 chain is followed, reported, and used from then on', async () => {
    const result = outcome('moved');
    assert.equal(result.status, 'ok');
    assert.equal((result as { movedTo: string }).movedTo, `${base}/moved-final`);
    assert.equal(store.getFetchState(`url:${base}/moved`)!.movedTo, `${base}/moved-final`);
    hits.clear();
    const [again] = await updateFeeds(
      config,
      store,
      config.sources.filter((s) => s.name === 'moved'),
      { force: true },
    );
    assert.equal(again!.status, 'unchanged');
    assert.equal(hits.get('moved'), undefined, 'the old URL is not asked again');
    assert.equal(hits.get('moved-final'), 1);
  });

  test('a redirect loop, a 404 and a 410 are reported as such', () => {
    assert.equal(failure('loop').kind, 'redirect');
    assert.match(failure('loop').error, /redirect loop/);
    assert.equal(failure('long-chain').kind, 'redirect');
    assert.match(failure('long-chain').error, /more than 5 redirects/);
    assert.equal(phase2Hits.get('long-chain-5'), 1);
    assert.equal(phase2Hits.get('long-chain-6'), undefined);
    assert.equal(failure('missing').kind, 'not-found');
    assert.equal(failure('gone').kind, 'gone');
    assert.equal(store.getFetchState(`url:${base}/gone`)!.gone, true);
  });

  test('a gone feed is not fetched again until forced', async () => {
    hits.clear();
    const outcomes = await updateFeeds(
      config,
      store,
      config.sources.filter((s) => s.name === 'gone'),
    );
    assert.equal(outcomes[0]!.status, 'skipped');
    assert.equal((outcomes[0] as { reason: string }).reason, 'gone');
    assert.equal(hits.get('gone'), undefined);
  });

  test('a decompression bomb and an oversized body stop at the cap', () => {
    assert.equal(failure('bomb').kind, 'too-large');
    assert.match(failure('bomb').error, /over the 262144-byte limit/);
    assert.equal(failure('too-big').kind, 'too-large');
  });

  test('an HTML page is "not a feed" and names the feeds it links', () => {
    const { kind, error } = failure('html');
    assert.equal(kind, 'not-a-feed');
    assert.match(error, /not a feed/);
    assert.ok(error.includes(`${base}/blog/feed.xml`), error);
    assert.equal(failure('empty').kind, 'not-a-feed');
    assert.match(failure('empty').error, /empty/i);
  });

  test('a GBK feed served with a wrong UTF-8 header is still read correctly', () => {
    assert.equal(outcome('gbk-wrong-header').status, 'ok');
    const titles = store
      .listItems()
      .filter((i) => i.feedKey === `url:${base}/gbk-wrong-header`)
      .map((i) => i.title);
    assert.ok(titles.includes('长江大桥夜间检修'), titles.join(', '));
  });

  test('nothing already stored is lost, and failures are recorded per feed', () => {
    const items = store.listItems();
    for (const name of CASES) {
      if (name === 'gbk-wrong-header') continue; // its phase-2 feed has other items, added to the old
      const at = name === 'too-many-429' ? limitedBase : base;
      const keys = items.filter((i) => i.feedKey === `url:${at}/${name}`).map((i) => i.key);
      assert.ok(
        keys.includes(`${name}-a`) && keys.includes(`${name}-b`),
        `${name}: ${keys.join(', ')}`,
      );
    }
    const feeds = store.listFeeds();
    const failing = feeds.filter((f) => f.lastError !== null).map((f) => f.name);
    assert.deepEqual(failing.sort(), [
      'bomb',
      'empty',
      'error-500',
      'gone',
      'html',
      'long-chain',
      'loop',
      'missing',
      'reset',
      'slow-headers',
      'stalled-body',
      'too-big',
      'too-many-429',
    ]);
    for (const feed of feeds.filter((f) => f.lastError !== null)) {
      assert.ok(feed.lastSuccessAt, `${feed.name} keeps its last success`);
    }
  });
});

import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { runTidings } from '../support/run-tidings.js';
import { rssKiB, WatchProcess, type WatchEventLine } from './watch-process.js';

// `tidings watch` against loopback feeds whose content changes every few seconds, for a
// bounded time (WATCH_SECONDS, default 240 s: two teeth of the RSS sawtooth described below). A feed
// that hangs and one that fails run beside them. Checked: every item served appears on the
// site exactly once and in the store once, the process's memory (RSS) stays flat, the
// failing and hanging feeds do not hold up the others, and SIGTERM stops it with exit 0.

const WATCH_SECONDS = Number(process.env['WATCH_SECONDS'] ?? 240);
/**
 * Largest rise allowed in the RSS ceiling: the highest sample of the second half of the run
 * (after warm-up) against that of the first. RSS is a sawtooth here (a 330 s run climbed to
 * 142–145 MB and fell back to ~107 MB three times as V8 gave memory back), so comparing single
 * samples at both ends measures where in a tooth they fell; a leak raises the ceiling. The run
 * is long enough for each half to hold a whole tooth (in 130 s the first half held none).
 */
const RSS_GROWTH_LIMIT_KIB = 25 * 1024;
const WARM_UP_MS = Math.min(30_000, (WATCH_SECONDS * 1000) / 3);
const FEEDS = 4;
const WINDOW = 12; // items a feed lists at once: older ones drop out, as real feeds do

/** A token per item, on its page's <title>: `WATCHITEM f<feed> i<n> END`. */
const token = (feed: number, n: number) => `WATCHITEM f${feed} i${n} END`;

function feedXml(feed: number, newest: number): string {
  const items: string[] = [];
  for (let n = newest; n > Math.max(0, newest - WINDOW); n--) {
    items.push(`<item><title>${token(feed, n)}</title><guid isPermaLink="false">f${feed}-i${n}</guid>
<pubDate>${new Date(Date.UTC(2026, 0, 1, 0, 0, n * FEEDS + feed)).toUTCString()}</pubDate>
<description><![CDATA[<p>第 ${n} 条：${'新闻正文。'.repeat(40)}</p>]]></description></item>`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Feed ${feed}</title>
<link>http://127.0.0.1/f/${feed}</link>${items.join('\n')}</channel></rss>`;
}

function htmlFiles(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .filter((name) => name.endsWith('.html'))
    .map((name) => path.join(dir, name));
}

describe(
  'tidings watch on changing loopback feeds',
  { timeout: (WATCH_SECONDS + 90) * 1000 },
  () => {
    let dir = '';
    let server: http.Server;
    const started = Date.now();
    /** Frozen: no new items from then on. */
    let frozenAt: number | null = null;
    /** Every item any response carried. */
    const served = new Set<string>();
    const hanging: http.ServerResponse[] = [];

    const newest = (feed: number) => {
      const now = frozenAt ?? Date.now();
      // Feeds gain an item every 2.5–4 s, each at its own pace.
      return 1 + Math.floor((now - started) / (2500 + feed * 500));
    };

    before(async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-watch-'));
      server = http.createServer((request, response) => {
        const url = request.url ?? '';
        if (url === '/hang') {
          hanging.push(response); // never answered: the fetch timeout must free its slot
          return;
        }
        if (url === '/fail') return void response.writeHead(503).end('down for maintenance');
        const match = /^\/f\/(\d+)$/.exec(url);
        if (!match) return void response.writeHead(404).end();
        const feed = Number(match[1]);
        const last = newest(feed);
        for (let n = last; n > Math.max(0, last - WINDOW); n--) served.add(token(feed, n));
        response.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
        response.end(feedXml(feed, last));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const feeds = Array.from(
        { length: FEEDS },
        (_, i) => `          - { name: F${i}, url: ${base}/f/${i} }`,
      );
      fs.writeFileSync(
        path.join(dir, 'tidings.yaml'),
        `site:
  perPage: 5000
store: tidings.db
fetch:
  interval: 0.05        # every 3 s
  minInterval: 0.01
  maxBackoff: 0.1
  timeout: 3
  headersTimeout: 3
  retries: 0
sources:
  - category: Watch
    sites:
      - name: Loopback
        feeds:
${feeds.join('\n')}
          - { name: Hangs, url: ${base}/hang }
          - { name: Fails, url: ${base}/fail }
`,
      );
    });

    after(async () => {
      for (const response of hanging) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (process.env['KEEP_WATCH_DIR']) process.stderr.write(`kept ${dir}\n`);
      else fs.rmSync(dir, { recursive: true, force: true });
    });

    test('every served item is on the site exactly once; memory stays flat; SIGTERM exits 0', async () => {
      const config = path.join(dir, 'tidings.yaml');
      const watch = new WatchProcess([
        '--config',
        config,
        '--debounce',
        '0.5',
        '--max-wait',
        '3',
        '--grace',
        '5',
      ]);
      try {
        await watch.waitFor((e) => e.event === 'build', 30_000);
        const samples: { t: number; kib: number }[] = [];
        const end = Date.now() + WATCH_SECONDS * 1000;
        while (Date.now() < end) {
          await sleep(3000);
          const kib = rssKiB(watch.pid);
          if (kib !== null) samples.push({ t: Date.now() - started, kib });
        }

        // Freeze the feeds, then wait until everything served is stored and built.
        // (Frozen feeds still list the items due by the freeze, maybe one more than before.)
        frozenAt = Date.now();
        await sleep(5000); // every feed is fetched (every 3 s) once more after the freeze
        const db = new Database(path.join(dir, 'tidings.db'), { readonly: true });
        const stored = () =>
          (db.prepare('SELECT count(*) AS n FROM items').get() as { n: number }).n;
        const settleBy = Date.now() + 30_000;
        while (Date.now() < settleBy) {
          const lastAdded = watch.events.findLastIndex(
            (e) => e.event === 'feed' && ((e['added'] as number) ?? 0) > 0,
          );
          // A build that started after the last new item, and finished.
          const buildStart = watch.events.findIndex(
            (e, i) => i > lastAdded && e.event === 'build-start',
          );
          const built =
            buildStart >= 0 && watch.events.some((e, i) => i > buildStart && e.event === 'build');
          if (stored() >= served.size && built) break;
          await sleep(500);
        }
        const expected = served.size;
        assert.equal(stored(), expected, 'the store holds every item served, once');
        db.close();

        // Fetches that find nothing new still move status.json's lastUpdateAt (no rebuild).
        const statusFile = path.join(dir, 'public', 'status.json');
        const lastUpdate = () =>
          Date.parse(JSON.parse(fs.readFileSync(statusFile, 'utf8')).lastUpdateAt as string);
        const buildsBefore = watch.events.filter((e) => e.event === 'build').length;
        const fresh = Date.now() + 1000;
        for (let waited = 0; lastUpdate() < fresh && waited < 20_000; waited += 500) {
          await sleep(500);
        }
        assert.ok(lastUpdate() >= fresh, 'status.json follows the fetches');
        assert.equal(
          watch.events.filter((e) => e.event === 'build').length,
          buildsBefore,
          'without a rebuild',
        );

        watch.child.kill('SIGTERM');
        const stopAsked = Date.now();
        const exit = await watch.exited;
        assert.equal(exit.code, 0, watch.stderr);
        assert.ok(Date.now() - stopAsked < 8000 + 3000, 'exited within --grace + 3 s');
        const stopped = watch.events.at(-1)!;
        assert.equal(stopped.event, 'stopped');
        assert.equal(fs.existsSync(path.join(dir, 'tidings.db.lock')), false, 'lock released');

        // The site: one page per item, whose <title> carries the item's token.
        const site = path.join(dir, 'public');
        const pagesPerToken = new Map<string, number>();
        for (const file of htmlFiles(site)) {
          const title = /<title>([^<]*)<\/title>/.exec(fs.readFileSync(file, 'utf8'))?.[1] ?? '';
          const found = /WATCHITEM f\d+ i\d+ END/.exec(title);
          if (found) pagesPerToken.set(found[0], (pagesPerToken.get(found[0]) ?? 0) + 1);
        }
        assert.equal(pagesPerToken.size, expected, 'a page for every item served');
        for (const [name, count] of pagesPerToken)
          assert.equal(count, 1, `${name}: ${count} pages`);
        // The river of news (one page: perPage is large) lists each item as often as any other.
        const home = fs.readFileSync(path.join(site, 'index.html'), 'utf8');
        const mentions = [...served].map((t) => home.split(t).length - 1);
        assert.ok(mentions[0]! >= 1);
        assert.ok(
          mentions.every((m) => m === mentions[0]),
          `home page mentions: ${mentions}`,
        );
        const status = JSON.parse(fs.readFileSync(path.join(site, 'status.json'), 'utf8'));
        assert.equal(status.items.total, expected);
        assert.deepEqual(status.feeds, {
          total: FEEDS + 2,
          ok: FEEDS,
          failing: 2,
          gone: 0,
          neverFetched: 0,
        });

        // The hanging feed timed out (again and again) without holding the others back.
        const feedEvents = watch.events.filter((e): e is WatchEventLine => e.event === 'feed');
        const failures = (name: string) =>
          feedEvents.filter((e) => e['name'] === name && e['status'] === 'failed');
        assert.ok(failures('Hangs').length >= 2, 'the hung feed timed out and was retried');
        assert.ok(failures('Hangs').every((e) => e['kind'] === 'timeout'));
        assert.ok(failures('Fails').length >= 2);
        const builds = watch.events.filter((e) => e.event === 'build').length;
        const changes = feedEvents.filter((e) => ((e['added'] as number) ?? 0) > 0).length;
        assert.ok(builds < changes, `debounced: ${builds} builds for ${changes} feed changes`);

        const afterWarmUp = samples.filter((s) => s.t >= WARM_UP_MS);
        assert.ok(afterWarmUp.length >= 6, 'enough memory samples');
        const half = Math.floor(afterWarmUp.length / 2);
        const ceiling = (part: typeof samples) => Math.max(...part.map((s) => s.kib));
        const first = ceiling(afterWarmUp.slice(0, half));
        const last = ceiling(afterWarmUp.slice(half));
        const mb = (kib: number) => Math.round(kib / 1024);
        const trace = afterWarmUp.map((s) => `${Math.round(s.t / 1000)}:${mb(s.kib)}`).join(' ');
        process.stderr.write(
          `watch: ${expected} items, ${changes} feed changes, ${builds} builds; RSS ceiling ` +
            `${mb(first)} MB in the first half after warm-up, ${mb(last)} MB in the second; ` +
            `samples (s:MB) ${trace}\n`,
        );
        assert.ok(
          last - first < RSS_GROWTH_LIMIT_KIB,
          `RSS ceiling rose ${mb(last - first)} MB (limit ${mb(RSS_GROWTH_LIMIT_KIB)} MB)`,
        );
        // The lock is free again: an update runs.
        const update = await runTidings(['update', '--no-build', '--config', config]);
        assert.equal(update.code, 0, update.stderr);
      } finally {
        watch.kill();
      }
    });
  },
);

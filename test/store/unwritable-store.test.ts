import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { parseConfig } from '../../src/config/load-config.js';
import { updateFeeds, type FeedOutcome } from '../../src/pipeline.js';
import { StoreError } from '../../src/store/store-error.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import type { Store } from '../../src/store/store.js';
import { cli } from '../support/run-tidings.js';

// A store that stops taking writes (a full disk) ends the update with one error naming the
// file: the feeds stored before stay stored, no failure is recorded against the feeds (it is
// not theirs, and recording it fails the same way), and no more feeds are fetched for nothing.

const FEEDS = 24;
const ITEMS = 30;

function rss(feed: number): string {
  const items = Array.from(
    { length: ITEMS },
    (_, j) =>
      `<item><title>源 ${feed} 条目 ${j}</title><guid>f${feed}-${j}</guid>` +
      `<description><![CDATA[<p>${'国家统计局今天发布数据。'.repeat(40)}</p>]]></description></item>`,
  ).join('');
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>源 ${feed}</title>${items}</channel></rss>`;
}

function feedsYaml(base: string): string {
  const feeds = Array.from(
    { length: FEEDS },
    (_, i) => `          - { name: 源${i}, url: "${base}/${i}" }`,
  );
  return `fetch: { retries: 0, concurrency: 1 }
sources:
  - category: 压力
    sites:
      - name: 测试
        feeds:
${feeds.join('\n')}
`;
}

/** A store whose writes fail as SQLite's do on a full disk once `room` feeds were saved. */
function fillingStore(store: Store, room: number): Store {
  let saved = 0;
  const full = () => {
    throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
  };
  return new Proxy(store, {
    get(target, property) {
      if (property === 'saveFeed' || property === 'recordFailure') {
        return (...args: unknown[]) => {
          if (saved >= room) full();
          saved += 1;
          return (target.saveFeed as (...a: unknown[]) => unknown).apply(target, args);
        };
      }
      const value: unknown = Reflect.get(target, property);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

describe('an update whose store stops taking writes', () => {
  let server: http.Server;
  let base = '';
  let requests = 0;
  let dir = '';

  before(async () => {
    server = http.createServer((request, response) => {
      requests += 1;
      response.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
      response.end(rss(Number(request.url?.slice(1))));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-unwritable-'));
  });

  after(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('fails naming the store, keeps what was stored, blames no feed, fetches no more', async () => {
    const config = parseConfig(feedsYaml(base), path.join(dir, 'tidings.yaml'));
    const real = openSqliteStore(config.storePath);
    try {
      const reported: FeedOutcome[] = [];
      requests = 0;
      await assert.rejects(
        updateFeeds(config, fillingStore(real, 2), config.sources, {
          workers: 0,
          onFeed: (outcome) => reported.push(outcome),
        }),
        (error: unknown) =>
          error instanceof StoreError &&
          error.message.startsWith(
            `${real.filePath}: cannot write to the store: database or disk is full (SQLITE_FULL)`,
          ),
      );
      // Saved in completion order, so which two feeds fit before the store filled up varies
      // (源0 and 源1, or 源0 and 源3 …): the two reported ok are exactly the two stored.
      const ok = reported.filter((outcome) => outcome.status === 'ok');
      assert.deepEqual(
        reported.map((outcome) => outcome.status),
        ['ok', 'ok'],
      );
      // Those already downloading when the store filled up end; no other feed is fetched.
      assert.ok(requests < 8, `${requests} of ${FEEDS} feeds fetched`);
      const feeds = real.listFeeds();
      assert.deepEqual(
        feeds.map((feed) => [feed.name, feed.itemCount, feed.consecutiveFailures]).sort(),
        ok.map((outcome) => [outcome.source.name, ITEMS, 0]).sort(),
      );
      assert.equal(real.listItems().length, 2 * ITEMS);
    } finally {
      real.close();
    }
  });

  // A real full disk, and the store writer thread (a run of 16 feeds or more uses it): a tmpfs.
  const isRoot = process.getuid?.() === 0;
  test(
    'tidings update on a full disk: exit 1 naming the store, the store intact, the next run completes',
    { skip: !isRoot && 'mounting a small tmpfs needs root' },
    async (t) => {
      const mount = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-full-disk-'));
      const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', mount]);
      if (mounted.status !== 0) {
        fs.rmdirSync(mount);
        return t.skip(`cannot mount a tmpfs: ${String(mounted.stderr)}`);
      }
      try {
        const configFile = path.join(dir, 'full-disk.yaml');
        const storeFile = path.join(mount, 'tidings.db');
        fs.writeFileSync(configFile, `store: ${storeFile}\n${feedsYaml(base)}`);
        const update = () =>
          new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
            execFile(
              process.execPath,
              [cli, 'update', '--config', configFile, '--no-build', '--json'],
              { encoding: 'utf8', timeout: 60_000 },
              (error, stdout, stderr) =>
                resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
            );
          });

        const full = await update();
        assert.equal(full.code, 1, full.stderr);
        assert.equal(
          full.stderr,
          `tidings: ${storeFile}: cannot write to the store: database or disk is full (SQLITE_FULL); ` +
            'the feeds stored before this stay stored, the others are fetched again on the next run\n',
        );
        const stored = full.stdout
          .split('\n')
          .filter((line) => line.includes('"event":"feed"'))
          .map((line) => JSON.parse(line) as { name: string; status: string });
        assert.ok(stored.length > 0 && stored.length < FEEDS, `${stored.length} feeds stored`);
        assert.ok(stored.every((feed) => feed.status === 'ok'));
        assert.equal(fs.existsSync(`${storeFile}.lock`), false, 'the lock is released');

        const db = new Database(storeFile, { readonly: true });
        try {
          assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
          const counts = db
            .prepare(
              'SELECT f.name AS name, COUNT(i.key) AS items FROM feeds f JOIN items i ON i.feed_key = f.key GROUP BY f.key',
            )
            .all() as { name: string; items: number }[];
          assert.deepEqual(
            counts.map((row) => [row.name, row.items]).sort(),
            stored.map((feed) => [feed.name, ITEMS]).sort(),
            'every feed reported stored is, with all its items; no other is',
          );
        } finally {
          db.close();
        }

        spawnSync('mount', ['-o', 'remount,size=64m', mount]);
        const next = await update();
        assert.equal(next.code, 0, next.stderr);
        const check = new Database(storeFile, { readonly: true });
        try {
          const items = check.prepare('SELECT COUNT(*) AS n FROM items').get() as { n: number };
          assert.equal(items.n, FEEDS * ITEMS);
        } finally {
          check.close();
        }
      } finally {
        spawnSync('umount', [mount]);
        fs.rmdirSync(mount);
      }
    },
  );
});

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';

// Kills `tidings update` with SIGKILL at random points and checks that the store survives:
// it opens, passes PRAGMA integrity_check, holds every item of every feed whose transaction
// committed (the `--json` feed event with status ok is printed right after the commit), and
// no feed is half-written. The built CLI is used (npm test builds it first).
// Kill points are chosen by progress, not by the clock (a loaded machine starts Node slowly):
// after a random number of committed feeds, plus a random few milliseconds, so kills land
// during start-up, between feeds and inside transactions alike.

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cli = path.join(repo, 'dist/cli/main.js');

const FEEDS = Number(process.env.CRASH_FEEDS ?? 60);
const ITEMS = 20;
const KILLS = Number(process.env.CRASH_KILLS ?? 20);
const MAX_RUNS = 45;

/** Incremented before each run: every run brings ITEMS new items per feed. */
let run = 0;

const PARAGRAPH =
  '<p>　　国家统计局今天发布数据，前三季度国内生产总值同比增长，' +
  '规模以上工业增加值增长，社会消费品零售总额增长。<img src="https://img.example/a.jpg"></p>';

function feedXml(feed: number, runNumber: number): string {
  const items: string[] = [];
  for (let j = 0; j < ITEMS; j++) {
    items.push(`<item><title>第 ${runNumber} 轮 · 源 ${feed} · 条目 ${j}</title>
<guid isPermaLink="false">f${feed}-r${runNumber}-${j}</guid>
<pubDate>${new Date(Date.UTC(2024, 0, 1, 0, runNumber, j)).toUTCString()}</pubDate>
<description><![CDATA[${PARAGRAPH.repeat(6)}<p class="article-editor">责任编辑：某某</p>]]></description></item>`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>源 ${feed}</title>
<link>https://news.example/${feed}</link>${items.join('\n')}</channel></rss>`;
}

interface RunResult {
  killed: boolean;
  committed: string[];
}

/** When to kill a run: once `afterFeeds` feed events were printed, `delayMs` later. */
interface KillPoint {
  afterFeeds: number;
  delayMs: number;
}

describe('crash safety: SIGKILL during tidings update', () => {
  let dir = '';
  let server: http.Server;
  let base = '';

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-crash-'));
    server = http.createServer((request, response) => {
      const match = /^\/f\/(\d+)$/.exec(request.url ?? '');
      if (!match) return void response.writeHead(404).end();
      response.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
      response.end(feedXml(Number(match[1]), run));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const feeds = Array.from(
      { length: FEEDS },
      (_, i) => `          - { name: 源${i}, url: ${base}/f/${i} }`,
    );
    fs.writeFileSync(
      path.join(dir, 'tidings.yaml'),
      `store: tidings.db
fetch:
  concurrency: 4
  retries: 0
sources:
  - category: 压力
    sites:
      - name: 测试
        feeds:
${feeds.join('\n')}
`,
    );
  });

  after(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  function update(kill: KillPoint | null): Promise<RunResult> {
    return new Promise((resolve, reject) => {
      const child = spawn(
        process.execPath,
        [
          cli,
          'update',
          '--config',
          path.join(dir, 'tidings.yaml'),
          '--json',
          '--force',
          '--no-build',
        ],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let stdout = '';
      let stderr = '';
      let armed = false;
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        stdout += chunk;
        const feeds = stdout.split('"event":"feed"').length - 1;
        if (
          kill !== null &&
          !armed &&
          stdout.includes('"event":"start"') &&
          feeds >= kill.afterFeeds
        ) {
          armed = true;
          setTimeout(() => child.kill('SIGKILL'), kill.delayMs);
        }
      });
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      child.on('error', reject);
      child.on('close', (code, signal) => {
        if (signal === null && code !== 0) return reject(new Error(`exit ${code}: ${stderr}`));
        const committed: string[] = [];
        for (const line of stdout.split('\n')) {
          // The last line may be cut by the kill: only whole JSON events count.
          let event: { event?: string; status?: string; feed?: string };
          try {
            event = JSON.parse(line) as typeof event;
          } catch {
            continue;
          }
          if (event.event === 'feed' && event.status === 'ok' && event.feed)
            committed.push(event.feed);
        }
        // A run that finished before the kill landed does not count as killed.
        const finished = stdout.includes('"event":"summary"');
        resolve({ killed: signal === 'SIGKILL' && !finished, committed });
      });
    });
  }

  /** Checks the store after run `runNumber`; returns how many feeds of that run are stored. */
  function check(
    runNumber: number,
    committed: readonly string[],
    everCommitted: Map<string, number[]>,
  ): number {
    const db = new Database(path.join(dir, 'tidings.db'));
    try {
      assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
      const count = db.prepare<[string, string], { n: number }>(
        'SELECT count(*) AS n FROM items WHERE feed_key = ? AND key LIKE ?',
      );
      const feedOf = (i: number) => `url:${base}/f/${i}`;
      let stored = 0;
      for (let i = 0; i < FEEDS; i++) {
        const n = count.get(feedOf(i), `f${i}-r${runNumber}-%`)!.n;
        // One transaction per feed: all of its items or none, never some.
        assert.ok(n === 0 || n === ITEMS, `feed ${i}, run ${runNumber}: ${n} of ${ITEMS} items`);
        if (n === ITEMS) stored++;
      }
      for (const feed of committed) {
        const runs = everCommitted.get(feed) ?? [];
        runs.push(runNumber);
        everCommitted.set(feed, runs);
      }
      // Every committed feed transaction of every run so far is still there in full.
      for (const [feed, runs] of everCommitted) {
        const i = Number(feed.slice(feed.lastIndexOf('/') + 1));
        for (const r of runs) {
          assert.equal(count.get(feed, `f${i}-r${r}-%`)!.n, ITEMS, `${feed} run ${r} committed`);
        }
      }
      return stored;
    } finally {
      db.close();
    }
  }

  test(
    `at least ${KILLS} runs killed at random points leave a sound store`,
    { timeout: 300_000 },
    async () => {
      const everCommitted = new Map<string, number[]>();
      run = 1;
      const full = await update(null);
      assert.equal(full.committed.length, FEEDS);
      assert.equal(check(run, full.committed, everCommitted), FEEDS);

      let kills = 0;
      let committedInKilledRuns = 0;
      let runs = 1;
      while (kills < KILLS && runs < MAX_RUNS) {
        run = ++runs;
        const result = await update({
          afterFeeds: Math.floor(Math.random() * FEEDS),
          delayMs: Math.floor(Math.random() * 40),
        });
        const stored = check(run, result.committed, everCommitted);
        assert.ok(stored >= result.committed.length, 'every reported commit is stored');
        if (result.killed) {
          kills++;
          committedInKilledRuns += result.committed.length;
        }
      }
      console.log(
        `SIGKILL runs survived: ${kills} (of ${runs} runs); ` +
          `feed transactions committed in killed runs: ${committedInKilledRuns}`,
      );
      assert.ok(kills >= KILLS, `only ${kills} runs were killed before finishing`);
      // The store still works for a normal run afterwards.
      run = ++runs;
      const last = await update(null);
      assert.equal(last.committed.length, FEEDS);
      check(run, last.committed, everCommitted);
    },
  );
});

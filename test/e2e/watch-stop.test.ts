import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { cli, runTidings } from '../support/run-tidings.js';
import { WatchProcess } from './watch-process.js';

// SIGTERM while `tidings watch` is in the middle of a build. With --grace 0 the build is
// given up: the previous site must be left exactly as it was, with no leftovers beside it,
// and the store consistent. With a grace period the build is finished first.

const BIG = 3000; // items, so that a build takes long enough to be interrupted

function rss(items: string[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>T</title>${items.join('')}</channel></rss>`;
}

function item(id: string, minute: number): string {
  return `<item><title>${id}</title><guid isPermaLink="false">${id}</guid>
<pubDate>${new Date(Date.UTC(2026, 0, 1, 0, minute)).toUTCString()}</pubDate>
<description><![CDATA[<p>${'正文内容。'.repeat(30)}</p>]]></description></item>`;
}

/** Every file of the site, by relative path, with a hash of its bytes. */
function snapshot(site: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const name of fs.readdirSync(site, { recursive: true }) as string[]) {
    const full = path.join(site, name);
    if (fs.statSync(full).isFile()) {
      files.set(name, createHash('sha256').update(fs.readFileSync(full)).digest('hex'));
    }
  }
  return files;
}

describe('SIGTERM during a watch build', { timeout: 240_000 }, () => {
  let dir = '';
  let server: http.Server;
  let base = '';
  let config = '';
  const bigFeed = rss(Array.from({ length: BIG }, (_, i) => item(`big-${i}`, i)));

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-watch-stop-'));
    server = http.createServer((request, response) => {
      const name = (request.url ?? '').slice(1);
      response.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
      response.end(name === 'big' ? bigFeed : rss([item(`${name}-only`, 9000)]));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    config = path.join(dir, 'tidings.yaml');
    writeConfig(['big']);
  });

  after(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  function writeConfig(feeds: string[]): void {
    fs.writeFileSync(
      config,
      `site: { perPage: 100 }
store: tidings.db
sources:
  - category: Stop
    sites:
      - name: Loopback
        feeds:
${feeds.map((name) => `          - { name: ${name}, url: ${base}/${name} }`).join('\n')}
`,
    );
  }

  /** Starts watch after a new feed joined the config; SIGTERM as the build for it starts. */
  async function stopDuringBuild(grace: string) {
    const watch = new WatchProcess(['--config', config, '--debounce', '0', '--grace', grace]);
    try {
      const added = await watch.waitFor(
        (e) => e.event === 'feed' && ((e['added'] as number) ?? 0) > 0,
        60_000,
      );
      const from = watch.events.indexOf(added);
      await watch.waitFor((e) => e.event === 'build-start', 30_000, from);
      watch.child.kill('SIGTERM');
      const asked = Date.now();
      const exit = await watch.exited;
      return { exit, waitedMs: Date.now() - asked, events: watch.events, stderr: watch.stderr };
    } finally {
      watch.kill();
    }
  }

  function assertStoreWhole(items: number): void {
    const db = new Database(path.join(dir, 'tidings.db'), { readonly: true });
    try {
      const check = db.pragma('integrity_check') as { integrity_check: string }[];
      assert.equal(check[0]!.integrity_check, 'ok');
      assert.equal((db.prepare('SELECT count(*) AS n FROM items').get() as { n: number }).n, items);
    } finally {
      db.close();
    }
  }

  test('--grace 0: the build is given up, the previous site stays exactly, the store is whole', async () => {
    const first = await runTidings(['update', '--config', config]);
    assert.equal(first.code, 0, first.stderr);
    const site = path.join(dir, 'public');
    const previous = snapshot(site);

    writeConfig(['big', 'late']);
    const run = await stopDuringBuild('0');
    assert.equal(run.exit.code, 0, run.stderr);
    assert.ok(run.waitedMs < 3000, `exited ${run.waitedMs} ms after SIGTERM`);
    const stopped = run.events.at(-1)!;
    assert.equal(stopped.event, 'stopped');
    assert.deepEqual(stopped['abandoned'], { fetches: 0, build: true });

    assert.deepEqual(snapshot(site), previous, 'the previous site, file for file');
    const leftovers = fs.readdirSync(dir).filter((name) => name.includes('tidings-'));
    assert.deepEqual(leftovers, [], 'no temporary build folders left');
    assertStoreWhole(BIG + 1);
    assert.equal(fs.existsSync(path.join(dir, 'tidings.db.lock')), false, 'lock released');
  });

  test('update stopped by SIGTERM during its build: exit 143, previous site intact, no leftovers', async () => {
    const site = path.join(dir, 'public');
    const previous = snapshot(site);
    writeConfig(['big', 'late', 'newest']);
    const child = spawn(process.execPath, [cli, 'update', '--config', config], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      // "Done: …" is printed when the feeds are stored, right before the build starts.
      if (stdout.includes('Done:')) child.kill('SIGTERM');
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    assert.equal(code, 143, stdout);
    assert.doesNotMatch(stdout, /Built /, 'stopped before the build finished');
    assert.deepEqual(snapshot(site), previous, 'the previous site, file for file');
    assert.deepEqual(
      fs.readdirSync(dir).filter((name) => name.includes('tidings-')),
      [],
      'no temporary build folders left',
    );
    assert.equal(fs.existsSync(path.join(dir, 'tidings.db.lock')), false, 'lock released');
    assertStoreWhole(BIG + 2);
  });

  test('with a grace period, the build in progress is finished before exiting', async () => {
    writeConfig(['big', 'late', 'newest', 'later']);
    const run = await stopDuringBuild('60');
    assert.equal(run.exit.code, 0, run.stderr);
    const stopped = run.events.at(-1)!;
    assert.deepEqual(stopped['abandoned'], { fetches: 0, build: false });
    const built = run.events.filter((e) => e.event === 'build');
    assert.ok(built.length >= 2, 'the start-up build and the interrupted one both finished');
    const home = fs.readFileSync(path.join(dir, 'public', 'index.html'), 'utf8');
    assert.match(home, /later-only/, 'the new item is on the site');
    assertStoreWhole(BIG + 3);
  });
});

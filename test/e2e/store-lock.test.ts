import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { setTimeout as delay } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { acquireStoreLock, lockPathFor, StoreLockedError } from '../../src/store/store-lock.js';
import { runTidings } from '../support/run-tidings.js';
import { WatchProcess } from './watch-process.js';

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-lock-'));
}

/** A pid that surely runs no process: one that just exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
    encoding: 'utf8',
  });
  return Number(child.stdout);
}

function writeLock(storePath: string, holder: object): void {
  fs.writeFileSync(lockPathFor(storePath), JSON.stringify(holder));
}

describe('store lock', () => {
  test('held: a second taker is refused with the holder named; released: free again', () => {
    const dir = tempDir();
    try {
      const store = path.join(dir, 'tidings.db');
      const lock = acquireStoreLock(store, 'tidings watch');
      const text = JSON.parse(fs.readFileSync(lockPathFor(store), 'utf8'));
      assert.equal(text.pid, process.pid);
      assert.equal(text.hostname, os.hostname());
      assert.equal(text.command, 'tidings watch');
      assert.throws(
        () => acquireStoreLock(store, 'tidings update'),
        (error: unknown) =>
          error instanceof StoreLockedError &&
          error.message.includes(`in use by "tidings watch" (pid ${process.pid}, since `),
      );
      lock.release();
      lock.release(); // twice is fine
      assert.equal(fs.existsSync(lockPathFor(store)), false);
      acquireStoreLock(store, 'tidings update').release();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a lock left by a dead process on this host is taken over', () => {
    const dir = tempDir();
    try {
      const store = path.join(dir, 'tidings.db');
      const old = {
        pid: deadPid(),
        hostname: os.hostname(),
        command: 'tidings watch',
        startedAt: '2026-01-01T00:00:00.000Z',
      };
      writeLock(store, old);
      const lock = acquireStoreLock(store, 'tidings update');
      assert.deepEqual(lock.recoveredFrom, old);
      assert.equal(JSON.parse(fs.readFileSync(lock.path, 'utf8')).pid, process.pid);
      lock.release();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a stale lock another live run is taking over is left to it: this run is refused', async () => {
    const dir = tempDir();
    // The other run: alive for the whole test.
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 600_000)'], {
      stdio: 'ignore',
    });
    try {
      const store = path.join(dir, 'tidings.db');
      const stale = {
        pid: deadPid(),
        hostname: os.hostname(),
        command: 'tidings watch',
        startedAt: '2026-01-01T00:00:00.000Z',
      };
      writeLock(store, stale);
      const takeover = `${lockPathFor(store)}.takeover`;
      fs.writeFileSync(
        takeover,
        JSON.stringify({
          pid: other.pid,
          hostname: os.hostname(),
          command: 'tidings update',
          startedAt: new Date().toISOString(),
        }),
      );
      const started = performance.now();
      assert.throws(
        () => acquireStoreLock(store, 'tidings update'),
        (error: unknown) =>
          error instanceof StoreLockedError &&
          /another run was taking over this lock, left by a run that crashed, for longer than 1 s; run again/.test(
            error.message,
          ),
      );
      // It waits the second its message names, then gives up rather than wait for the other
      // run. The upper bound is loose: 100 sleeps of 10 ms take seconds longer on a loaded
      // machine, while a run that waited for the other (alive for 10 minutes) would exceed it.
      const waitedMs = performance.now() - started;
      assert.ok(waitedMs >= 1000 && waitedMs < 30_000, `gave up after ${Math.round(waitedMs)} ms`);
      // Neither the stale lock nor the other run's takeover was touched.
      assert.deepEqual(JSON.parse(fs.readFileSync(lockPathFor(store), 'utf8')), stale);
      assert.ok(fs.existsSync(takeover));

      // The other run dies holding it (as it never would for long): its takeover is stale too.
      other.kill('SIGKILL');
      await once(other, 'exit');
      const lock = acquireStoreLock(store, 'tidings update');
      assert.deepEqual(lock.recoveredFrom, stale);
      assert.equal(fs.existsSync(takeover), false, 'no takeover file left');
      lock.release();
      assert.equal(fs.existsSync(lockPathFor(store)), false);
    } finally {
      other.kill('SIGKILL');
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a lock of a run that was killed but not yet reaped (a zombie) is taken over', async (t) => {
    if (!fs.existsSync('/proc/self/stat')) return t.skip('no /proc here');
    // `sleep 0` ends at once; its parent, exec'd into `sleep 600`, never reaps it. (When the
    // parent ends, init reaps the zombie: so the parent outlives even a slow, loaded run.)
    const shell = spawn('sh', ['-c', 'sleep 0 & echo $!; exec sleep 600'], { stdio: 'pipe' });
    t.after(() => shell.kill('SIGKILL'));
    const zombie = Number(String(await once(shell.stdout, 'data')).trim());
    const isZombie = () => fs.readFileSync(`/proc/${zombie}/stat`, 'utf8').includes(') Z');
    for (let tries = 0; tries < 100 && !isZombie(); tries++) await delay(20);
    assert.ok(isZombie(), `pid ${zombie} is a zombie`);
    const dir = tempDir();
    try {
      const store = path.join(dir, 'tidings.db');
      const old = {
        pid: zombie,
        hostname: os.hostname(),
        command: 'tidings update',
        startedAt: new Date().toISOString(),
      };
      writeLock(store, old);
      const lock = acquireStoreLock(store, 'tidings update');
      assert.deepEqual(lock.recoveredFrom, old);
      lock.release();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a live process, another host, or an unreadable lock file: refused, saying what to do', () => {
    const dir = tempDir();
    try {
      const store = path.join(dir, 'tidings.db');
      // pid 1 runs on every Linux system; it started long before this lock.
      writeLock(store, {
        pid: 1,
        hostname: os.hostname(),
        command: 'tidings update',
        startedAt: new Date().toISOString(),
      });
      assert.throws(() => acquireStoreLock(store, 'tidings watch'), /pid 1, since .*wait for it/);
      writeLock(store, {
        pid: deadPid(),
        hostname: 'elsewhere.example',
        command: 'tidings watch',
        startedAt: new Date().toISOString(),
      });
      assert.throws(
        () => acquireStoreLock(store, 'tidings watch'),
        /on host elsewhere\.example.*if it no longer runs there, delete .*tidings\.db\.lock/,
      );
      fs.writeFileSync(lockPathFor(store), '{"pid": 12');
      assert.throws(
        () => acquireStoreLock(store, 'tidings watch'),
        /unreadable.*delete the lock file/,
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a store folder where the lock cannot be written: a clear error naming it', () => {
    const dir = tempDir();
    try {
      const blocker = path.join(dir, 'file');
      fs.writeFileSync(blocker, '');
      assert.throws(
        () => acquireStoreLock(path.join(blocker, 'tidings.db'), 'tidings update'),
        /file: cannot create the store's folder \(EEXIST\)/,
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a lock naming a pid that now belongs to a newer process is stale (pid reuse)', () => {
    const dir = tempDir();
    try {
      const store = path.join(dir, 'tidings.db');
      // Our own parent started before this "lock" claims to have been taken… so pretend the
      // lock is from 2001: the process with that pid started later, so it cannot be the holder.
      writeLock(store, {
        pid: process.ppid,
        hostname: os.hostname(),
        command: 'tidings watch',
        startedAt: '2001-01-01T00:00:00.000Z',
      });
      const lock = acquireStoreLock(store, 'tidings update');
      assert.equal(lock.recoveredFrom?.pid, process.ppid);
      lock.release();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('two updates at once, and kill -9 of watch', () => {
  let dir = '';
  let server: http.Server;
  let config = '';
  const FEEDS = 8;

  before(async () => {
    dir = tempDir();
    server = http.createServer((request, response) => {
      const feed = /^\/f\/(\d+)$/.exec(request.url ?? '')?.[1];
      if (feed === undefined) return void response.writeHead(404).end();
      // Slow answers: the first update still holds the store when the second starts.
      setTimeout(() => {
        response.writeHead(200, { 'content-type': 'application/rss+xml' });
        const items = Array.from(
          { length: 10 },
          (_, i) => `<item><title>Feed ${feed} item ${i}</title><guid>f${feed}-${i}</guid></item>`,
        );
        response.end(
          `<rss version="2.0"><channel><title>F${feed}</title>${items.join('')}</channel></rss>`,
        );
      }, 1500);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    config = path.join(dir, 'tidings.yaml');
    const feeds = Array.from(
      { length: FEEDS },
      (_, i) => `          - { name: F${i}, url: ${base}/f/${i} }`,
    );
    fs.writeFileSync(
      config,
      `store: tidings.db
fetch: { concurrency: 2, retries: 0 }
sources:
  - category: Lock
    sites:
      - name: Loopback
        feeds:
${feeds.join('\n')}
`,
    );
  });

  after(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('one proceeds, one refuses naming the other; the store is whole', async () => {
    const [a, b] = await Promise.all([
      runTidings(['update', '--force', '--config', config]),
      runTidings(['update', '--force', '--config', config]),
    ]);
    const results = [a, b].sort((x, y) => (x.code ?? 9) - (y.code ?? 9));
    assert.equal(results[0]!.code, 0, results[0]!.stderr);
    assert.equal(results[1]!.code, 1, results[1]!.stdout);
    assert.match(
      results[1]!.stderr,
      /^tidings: .*tidings\.db is in use by "tidings update" \(pid \d+, since [0-9T:.-]+Z\); wait for it to finish or stop it\n$/,
    );
    assert.match(results[0]!.stdout, /Done: 8 of 8 feed\(s\) fetched; 80 new/);
    const db = new Database(path.join(dir, 'tidings.db'), { readonly: true });
    assert.equal(
      (db.pragma('integrity_check') as { integrity_check: string }[])[0]!.integrity_check,
      'ok',
    );
    assert.equal((db.prepare('SELECT count(*) AS n FROM items').get() as { n: number }).n, 80);
    db.close();
    assert.equal(fs.existsSync(path.join(dir, 'tidings.db.lock')), false, 'lock released');
  });

  test('kill -9 of watch leaves a stale lock; the next watch takes it over and goes on', async () => {
    const first = new WatchProcess(['--config', config]);
    try {
      await first.waitFor((e) => e.event === 'build', 30_000);
      // While it runs, update refuses.
      const refused = await runTidings(['update', '--config', config]);
      assert.equal(refused.code, 1);
      assert.match(refused.stderr, new RegExp(`in use by "tidings watch" \\(pid ${first.pid},`));
      first.child.kill('SIGKILL');
      await first.exited;
    } finally {
      first.kill();
    }
    const lock = JSON.parse(fs.readFileSync(path.join(dir, 'tidings.db.lock'), 'utf8'));
    assert.equal(lock.pid, first.pid, 'the killed run left its lock');

    const second = new WatchProcess(['--config', config]);
    try {
      const start = await second.waitFor((e) => e.event === 'start', 30_000);
      assert.equal((start['recoveredLock'] as { pid: number }).pid, first.pid);
      await second.waitFor((e) => e.event === 'build', 30_000);
      second.child.kill('SIGTERM');
      assert.equal((await second.exited).code, 0, second.stderr);
    } finally {
      second.kill();
    }
    assert.equal(fs.existsSync(path.join(dir, 'tidings.db.lock')), false);
    const db = new Database(path.join(dir, 'tidings.db'), { readonly: true });
    assert.equal(
      (db.pragma('integrity_check') as { integrity_check: string }[])[0]!.integrity_check,
      'ok',
    );
    db.close();
  });
});

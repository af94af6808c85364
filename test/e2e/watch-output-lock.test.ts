import assert from 'node:assert/strict';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { after, afterEach, before, describe, test } from 'node:test';
import { outputLockPath } from '../../src/site/output-lock.js';
import { cli, runTidings } from '../support/run-tidings.js';
import { standInDeploy } from '../support/stand-in-deploy.js';
import { WatchProcess } from './watch-process.js';

// `tidings watch` cleans up after a build that was killed (at start) or that it gave up (at
// a stop) only holding the output folder's lock, which `deploy git` holds while git reads the
// folder: never moving the previous site back under a deploy. Loopback only.

/** A pid that surely runs no process: one that just exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
    encoding: 'utf8',
  });
  return Number(child.stdout);
}

function rss(count: number): string {
  const items = Array.from(
    { length: count },
    (_, i) => `<item><title>item ${i}</title><guid isPermaLink="false">i-${i}</guid></item>`,
  );
  return `<rss version="2.0"><channel><title>F</title>${items.join('')}</channel></rss>`;
}

describe('tidings watch and the output folder lock', { timeout: 120_000 }, () => {
  let dir = '';
  let config = '';
  let site = '';
  let lock = '';
  let server: http.Server;
  let items = 1;
  let deploy: ChildProcess | null = null;
  let watch: WatchProcess | null = null;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-watch-output-lock-'));
    server = http.createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/rss+xml' });
      response.end(rss(items));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    config = path.join(dir, 'tidings.yaml');
    fs.writeFileSync(
      config,
      `fetch: { interval: 0.02, minInterval: 0.01 }
sources:
  - category: C
    sites:
      - name: S
        feeds:
          - { name: F, url: 'http://127.0.0.1:${port}/feed' }
`,
    );
    site = path.join(dir, 'public');
    lock = outputLockPath(site);
    const first = await runTidings(['update', '--config', config]);
    assert.equal(first.code, 0, first.stderr);
  });
  afterEach(() => {
    watch?.kill();
    deploy?.kill('SIGKILL');
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** A live process standing for `deploy git` reading the output folder: it holds the lock. */
  async function deployHoldsLock(): Promise<number> {
    const standIn = await standInDeploy(lock);
    deploy = standIn.child;
    return standIn.holder.pid;
  }
  const leftovers = () => fs.readdirSync(dir).filter((name) => name.includes('.tidings-'));

  test('at start, a killed build is cleaned up only once a deploy holding the lock is done', async () => {
    // A build killed between the two renames of its swap: the site moved aside, none in place.
    const retired = path.join(dir, `.public.tidings-old-${deadPid()}-abcd1234`);
    fs.renameSync(site, retired);
    const pid = await deployHoldsLock();

    watch = new WatchProcess(['--config', config, '--debounce', '0']);
    const notice = await watch.waitFor((e) => e.event === 'output-lock', 30_000);
    const waiting = `^${site} is in use by "tidings deploy git" \\(pid ${pid}, since .*\\): waiting up to 600 s for it`;
    assert.match(String(notice['message']), new RegExp(waiting));
    await delay(700);
    assert.equal(
      fs.existsSync(site),
      false,
      'the previous site is not moved back under the deploy',
    );
    assert.equal(fs.existsSync(retired), true);
    assert.deepEqual(
      watch.events.map((e) => e.event),
      ['output-lock'],
      'it waits',
    );

    fs.rmSync(lock); // the deploy is done
    await watch.waitFor((e) => e.event === 'build', 30_000);
    assert.equal(fs.existsSync(path.join(site, 'index.html')), true);
    assert.deepEqual(leftovers(), [], 'the folder moved back, no lock left');
    watch.child.kill('SIGTERM');
    assert.deepEqual(await watch.exited, { code: 0, signal: null });
  });

  test('at start, past --lock-wait: exit 1 naming the holder, the killed build left as it was', async () => {
    const retired = path.join(dir, `.public.tidings-old-${deadPid()}-abcd1234`);
    fs.renameSync(site, retired);
    const pid = await deployHoldsLock();
    const result = await runTidings(['watch', '--config', config, '--lock-wait', '0.5']);
    assert.equal(result.code, 1, result.stderr);
    const lines = result.stderr.trimEnd().split('\n');
    assert.match(lines[0]!, / is in use by "tidings deploy git" .*: waiting up to 0\.5 s for it /);
    assert.match(lines.at(-1)!, new RegExp(`^tidings: ${site} is in use by "tidings deploy git" \\(pid ${pid}, .*after 0\\.5 s; wait for it`)); // prettier-ignore
    assert.equal(fs.existsSync(site), false);
    assert.equal(fs.existsSync(retired), true);
    assert.equal(fs.existsSync(path.join(dir, 'tidings.db.lock')), false, 'store lock released');
    fs.rmSync(lock);
    fs.renameSync(retired, site);
  });

  test('a build given up at a stop while a deploy holds the lock: its folders are left, said so', async () => {
    watch = new WatchProcess(['--config', config, '--debounce', '0', '--grace', '0']);
    await watch.waitFor((e) => e.event === 'build', 30_000);
    const home = fs.readFileSync(path.join(site, 'index.html'), 'utf8');
    // A deploy holds the lock before the next build starts: the build stages its pages (a
    // build takes the lock only to move them in), then waits for the deploy. No race.
    const pid = await deployHoldsLock();
    items = 3000;
    for (let waited = 0; !leftovers().some((name) => name.includes('-commit-')); waited += 10) {
      assert.ok(waited < 60_000, 'the build stages its pages');
      await delay(10);
    }
    await watch.waitFor((e) => e.event === 'output-lock', 60_000);
    assert.equal(fs.readFileSync(path.join(site, 'index.html'), 'utf8'), home, 'not built yet');
    watch.child.kill('SIGTERM');
    assert.deepEqual(await watch.exited, { code: 0, signal: null });

    const left = watch.events.find((e) => e.event === 'build-left');
    assert.ok(left, JSON.stringify(watch.events.slice(-4)));
    assert.equal(left['outputDir'], site);
    assert.match(String(left['reason']), new RegExp(`^${site} is in use by "tidings deploy git" \\(pid ${pid}, `)); // prettier-ignore
    assert.equal((watch.events.at(-1)!['abandoned'] as { build: boolean }).build, true);
    assert.equal(fs.readFileSync(path.join(site, 'index.html'), 'utf8'), home, 'site untouched');
    assert.equal(JSON.parse(fs.readFileSync(lock, 'utf8')).pid, pid, "the deploy's lock stays");
    assert.equal(leftovers().filter((name) => name.includes('-commit-')).length, 1);

    // The deploy is done: the next build removes them, and shows the new items.
    fs.rmSync(lock);
    const build = await runTidings(['build', '--config', config]);
    assert.equal(build.code, 0, build.stderr);
    assert.deepEqual(leftovers(), []);
    const built = fs.readFileSync(path.join(site, 'index.html'), 'utf8');
    assert.ok(built.includes('<p>3,000 items</p>'), 'the new items are on the site');
  });

  test('the text log says so in one line', async () => {
    const pid = await deployHoldsLock();
    fs.mkdirSync(path.join(dir, `.public.tidings-new-${deadPid()}-abcd1234`));
    const child = spawn(process.execPath, [cli, 'watch', '--config', config], { stdio: ['ignore', 'ignore', 'pipe'] }); // prettier-ignore
    let stderr = '';
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    try {
      for (let waited = 0; !stderr.includes('waiting'); waited += 50) {
        assert.ok(waited < 30_000, stderr);
        await delay(50);
      }
      assert.match(stderr, new RegExp(`^\\S+Z ${site} is in use by "tidings deploy git" \\(pid ${pid}, since \\S+\\): waiting up to 600 s for it \\(${lock}\\)\\n$`)); // prettier-ignore
      fs.rmSync(lock);
      for (let waited = 0; !stderr.includes('built '); waited += 50) {
        assert.ok(waited < 30_000, stderr);
        await delay(50);
      }
      assert.deepEqual(leftovers(), []);
    } finally {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
  });
  test('tidings build waits for a deploy, saying so; past --lock-wait it fails naming it', async () => {
    const pid = await deployHoldsLock();
    const holder = JSON.parse(fs.readFileSync(lock, 'utf8')) as { startedAt: string };
    const inUse = `${site} is in use by "tidings deploy git" (pid ${pid}, since ${holder.startedAt})`;
    const home = fs.readFileSync(path.join(site, 'index.html'), 'utf8');
    const failed = await runTidings(['build', '--full', '--config', config, '--lock-wait', '0.5']);
    assert.equal(failed.code, 1, failed.stderr);
    assert.equal(
      failed.stderr,
      `tidings: ${inUse}: waiting up to 0.5 s for it (${lock})\n` +
        `tidings: ${inUse}, which still held ${lock} after 0.5 s; wait for it to finish or ` +
        'stop it, then run again\n',
    );
    assert.equal(fs.readFileSync(path.join(site, 'index.html'), 'utf8'), home, 'site untouched');

    const build = spawn(process.execPath, [cli, 'build', '--full', '--config', config], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    build.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const exit = once(build, 'exit');
    for (let waited = 0; !stderr.includes('waiting'); waited += 50) {
      assert.ok(waited < 60_000, stderr);
      await delay(50);
    }
    await delay(500);
    assert.equal(build.exitCode, null, 'still waiting');
    fs.rmSync(lock); // the deploy is done
    assert.deepEqual(await exit, [0, null], stderr);
    assert.equal(stderr, `tidings: ${inUse}: waiting up to 600 s for it (${lock})\n`);
    assert.deepEqual(leftovers(), []);
  });

  test('--lock-wait takes seconds, 0–86400: else a usage error naming it', async () => {
    for (const command of [['build'], ['update'], ['watch'], ['deploy', 'git', '--repo', dir]]) {
      const result = await runTidings([...command, '--config', config, '--lock-wait', 'soon']);
      assert.equal(result.code, 2, `${command.join(' ')}: ${result.stderr}`);
      assert.equal(
        result.stderr,
        'tidings: --lock-wait soon: expected a number of seconds, 0–86400\n',
      );
    }
  });
});

import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { runTidingsSync } from '../support/run-tidings.js';
import { WatchProcess, type WatchEventLine } from './watch-process.js';

describe('watch, init and deploy on the command line', () => {
  test('each has --help with its exit codes, and is listed in tidings --help', () => {
    const main = runTidingsSync(['--help']);
    for (const command of ['watch', 'init', 'deploy']) {
      assert.match(main.stdout, new RegExp(`^  ${command}\\b`, 'm'));
    }
    for (const args of [['watch'], ['init'], ['deploy'], ['deploy', 'git']]) {
      const help = runTidingsSync([...args, '--help']);
      assert.equal(help.code, 0, args.join(' '));
      assert.match(help.stdout, new RegExp(`Usage: tidings ${args.join(' ')}`));
      assert.match(help.stdout, /Exit codes/);
    }
    assert.match(runTidingsSync(['watch', '--help']).stdout, /exits at most --grace \+ 3 seconds/);
  });

  test('bad option values are usage errors (exit 2) naming the option', () => {
    for (const [option, value] of [
      ['--grace', 'soon'],
      ['--debounce', '-1'],
      ['--max-wait', ''],
      ['--port', '99999'],
    ] as const) {
      const result = runTidingsSync(['watch', option, value, '--config', '/nonexistent.yaml']);
      assert.equal(result.code, 2, `${option} ${value}: ${result.stderr}`);
      assert.match(result.stderr, new RegExp(`^tidings: ${option} ${value}: expected`));
    }
  });

  test('watch with a missing config or an output folder it may not replace: exit 1', () => {
    const missing = runTidingsSync(['watch', '--config', '/nonexistent/tidings.yaml']);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /config file not found/);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-watch-cli-'));
    try {
      fs.writeFileSync(path.join(dir, 'tidings.yaml'), 'site: { output: mine }\n');
      fs.mkdirSync(path.join(dir, 'mine'));
      fs.writeFileSync(path.join(dir, 'mine', 'precious.txt'), 'not a Tidings site');
      const refused = runTidingsSync(['watch', '--config', path.join(dir, 'tidings.yaml')]);
      assert.equal(refused.code, 1, refused.stderr);
      assert.match(refused.stderr, /^tidings: the first build failed: Refusing to replace .*mine/m);
      assert.doesNotMatch(refused.stderr, /internal error/);
      assert.equal(fs.existsSync(path.join(dir, 'tidings.db.lock')), false, 'lock released');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('an edit of the config file is reported, a broken one with its problem; the run goes on', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-watch-config-'));
    const config = path.join(dir, 'tidings.yaml');
    fs.writeFileSync(config, 'site: { title: Before }\n');
    const watch = new WatchProcess(['--config', config]);
    try {
      await watch.waitFor((event) => event.event === 'build', 30_000);
      fs.writeFileSync(config, 'site: { title: Before, perPage: many }\n');
      const broken = await watch.waitFor((event) => event.event === 'config-changed', 10_000);
      assert.equal(broken['config'], config);
      assert.match(String(broken['problem']), /^site\.perPage/);
      const from = watch.events.length;
      fs.writeFileSync(config, 'site: { title: After }\n');
      const fixed = await watch.waitFor((event) => event.event === 'config-changed', 10_000, from);
      assert.equal(fixed['problem'], null);
      watch.child.kill('SIGTERM');
      assert.deepEqual(await watch.exited, { code: 0, signal: null });
    } finally {
      watch.kill();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('watch --json whose stdout is closed stops with exit 1, its lock released, so a supervisor restarts it', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-watch-pipe-'));
    const config = path.join(dir, 'tidings.yaml');
    fs.writeFileSync(config, 'site: { title: Before }\n');
    const watch = new WatchProcess(['--config', config]);
    try {
      await watch.waitFor((event) => event.event === 'build', 30_000);
      // The reader goes away (`tidings watch --json | jq` with jq gone); the next event fails.
      watch.child.stdout!.destroy();
      fs.writeFileSync(config, 'site: { title: After }\n');
      const exited = await Promise.race([
        watch.exited,
        new Promise((resolve) => setTimeout(() => resolve('still running'), 15_000)),
      ]);
      assert.deepEqual(exited, { code: 1, signal: null });
      assert.equal(fs.existsSync(path.join(dir, 'tidings.db.lock')), false, 'lock released');
    } finally {
      watch.kill();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a feed that fails, then answers again with nothing new: its recovery is reported', async () => {
    let requests = 0;
    // Answers, fails, then answers the same bytes (so: unchanged) from then on.
    const server = http.createServer((_request, response) => {
      requests++;
      if (requests === 2) return void response.writeHead(503).end('down');
      response.writeHead(200, { 'content-type': 'application/rss+xml' });
      response.end(
        '<rss version="2.0"><channel><title>F</title><item><title>one</title><guid>1</guid></item></channel></rss>',
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-watch-flip-'));
    const config = path.join(dir, 'tidings.yaml');
    fs.writeFileSync(
      config,
      `fetch: { interval: 0.02, minInterval: 0.01, maxBackoff: 0.02, retries: 0 }
sources:
  - category: C
    sites:
      - name: S
        feeds:
          - { name: Flips, url: 'http://127.0.0.1:${port}/feed' }
`,
    );
    const watch = new WatchProcess(['--config', config]);
    try {
      const feedEvent = (status: string) => (event: WatchEventLine) =>
        event.event === 'feed' && event['status'] === status;
      const first = await watch.waitFor(feedEvent('ok'), 30_000);
      assert.equal(first['recovered'], false);
      await watch.waitFor(feedEvent('failed'), 30_000);
      const back = await watch.waitFor(feedEvent('unchanged'), 30_000);
      assert.equal(back['recovered'], true, 'healthy again');
      watch.child.kill('SIGTERM');
      assert.deepEqual(await watch.exited, { code: 0, signal: null });
    } finally {
      watch.kill();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

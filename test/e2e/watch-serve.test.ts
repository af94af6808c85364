import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { WatchProcess } from './watch-process.js';

// `tidings watch --serve`: the server listens before the first build (which takes a while on
// a big store), so its address shows at once and a port already taken stops the watch before
// any build; once built, the site is served with live reload.

describe('tidings watch --serve', { timeout: 120_000 }, () => {
  let dir = '';
  let feeds: http.Server;
  let config = '';

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-watch-serve-'));
    feeds = http.createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
      response.end(`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>T</title>
<item><title>第一条新闻 served-one</title><guid>one</guid><link>https://example.com/1</link>
<pubDate>Sat, 25 Dec 2021 00:03:00 GMT</pubDate><description>正文</description></item>
</channel></rss>`);
    });
    await new Promise<void>((resolve) => feeds.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(feeds.address() as AddressInfo).port}`;
    config = path.join(dir, 'tidings.yaml');
    fs.writeFileSync(
      config,
      `site: { perPage: 10 }
store: tidings.db
sources:
  - category: 新闻
    sites:
      - name: Loopback
        feeds:
          - { name: one, url: ${base}/one }
`,
    );
  });

  after(async () => {
    feeds.closeAllConnections();
    await new Promise<void>((resolve) => feeds.close(() => resolve()));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('listens before the first build, then serves the built site with live reload', async () => {
    const watch = new WatchProcess([
      '--config',
      config,
      '--serve',
      '--port',
      '0',
      '--debounce',
      '0',
    ]);
    try {
      const serving = await watch.waitFor((e) => e.event === 'serve', 30_000);
      const firstBuild = watch.events.findIndex((e) => e.event === 'build');
      assert.ok(
        firstBuild === -1 || firstBuild > watch.events.indexOf(serving),
        'the address is given before the first build ends',
      );
      const url = serving['url'] as string;
      assert.match(url, /^http:\/\/localhost:\d+\/$/);
      // The feed's item is fetched after the first (empty-store) build, then built.
      await watch.waitFor((e) => e.event === 'feed', 30_000);
      const from = watch.events.findIndex((e) => e.event === 'feed');
      await watch.waitFor((e) => e.event === 'build', 30_000, from);
      const home = await fetch(url);
      assert.equal(home.status, 200);
      const html = await home.text();
      assert.match(html, /served-one/);
      assert.match(html, /__tidings\/live-reload/, 'pages carry the live-reload script');
      watch.child.kill('SIGTERM');
      assert.equal((await watch.exited).code, 0, watch.stderr);
    } finally {
      watch.kill();
    }
  });

  test('a port already taken stops the watch before any build, naming the port', async () => {
    const taken = http.createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as AddressInfo).port;
    const watch = new WatchProcess(['--config', config, '--serve', '--port', String(port)]);
    try {
      const exit = await watch.exited;
      assert.equal(exit.code, 1);
      assert.match(watch.stderr, new RegExp(String(port)));
      assert.deepEqual(
        watch.events.filter((e) => e.event.startsWith('build')),
        [],
        'no build was started',
      );
    } finally {
      watch.kill();
      await new Promise<void>((resolve) => taken.close(() => resolve()));
    }
  });
});

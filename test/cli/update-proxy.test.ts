import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { runTidings } from '../support/run-tidings.js';

// The feed's host is never looked up: the CLI runs with every DNS lookup blocked.
const noDns = fileURLToPath(new URL('../support/no-dns.mjs', import.meta.url));

const RSS = `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>代理</title>
<item><title>经由代理抓取的新闻</title><guid>proxied-1</guid><link>http://news.example.test/1</link>
<pubDate>Sat, 25 Dec 2021 08:03:00 GMT</pubDate><description>正文</description></item>
</channel></rss>`;

const CONFIG = `store: tidings.db
sources:
  - category: 新闻
    sites:
      - name: 外站
        feeds:
          - { name: 要闻, url: "http://news.example.test/rss.xml" }
`;

test('update fetches feeds through the proxy HTTP_PROXY names; a malformed one stops it with the variable named', async () => {
  const targets: string[] = [];
  const proxy = http.createServer((req, res) => {
    targets.push(req.url!);
    res.setHeader('content-type', 'application/rss+xml');
    res.end(RSS);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const { port } = proxy.address() as AddressInfo;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-proxy-'));
  const config = path.join(dir, 'tidings.yaml');
  fs.writeFileSync(config, CONFIG);
  const env = { NODE_OPTIONS: `--import ${noDns}`, no_proxy: '', NO_PROXY: '' };
  try {
    const bad = await runTidings(['update', '--config', config], dir, {
      ...env,
      HTTP_PROXY: 'http://proxy.corp:99999',
    });
    assert.equal(bad.code, 1, bad.stderr);
    assert.match(
      bad.stderr,
      /^tidings: HTTP_PROXY: "http:\/\/proxy\.corp:99999" is not a proxy address/m,
    );
    assert.deepEqual(targets, []);
    assert.ok(!fs.existsSync(path.join(dir, 'tidings.db')), 'stopped before the store is made');
    const watch = await runTidings(['watch', '--config', config], dir, {
      ...env,
      https_proxy: 'socks4://proxy.corp:1080',
    });
    assert.equal(watch.code, 1, watch.stderr);
    assert.match(
      watch.stderr,
      /^tidings: https_proxy: socks4:\/\/proxy\.corp:1080 is not a proxy Tidings can use/m,
    );

    const run = await runTidings(['update', '--config', config], dir, {
      ...env,
      HTTP_PROXY: `http://127.0.0.1:${port}`,
    });
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(targets, ['http://news.example.test/rss.xml']);
    const db = new Database(path.join(dir, 'tidings.db'), { readonly: true });
    try {
      const titles = db.prepare('SELECT title FROM items').pluck().all();
      assert.deepEqual(titles, ['经由代理抓取的新闻']);
    } finally {
      db.close();
    }
    const pages = fs.readdirSync(path.join(dir, 'public', 'items'));
    assert.equal(pages.length, 1);
  } finally {
    proxy.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('sources import reads a running RSSHub instance through the proxy too', async () => {
  const api = {
    sina: {
      name: '新浪',
      routes: {
        '/finance': {
          path: '/finance',
          name: '财经要闻',
          categories: ['finance'],
          example: '/sina/finance',
        },
      },
    },
  };
  const targets: string[] = [];
  const proxy = http.createServer((req, res) => {
    targets.push(req.url!);
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(api));
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const { port } = proxy.address() as AddressInfo;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-proxy-'));
  const config = path.join(dir, 'tidings.yaml');
  fs.writeFileSync(config, 'store: tidings.db\n');
  try {
    const run = await runTidings(
      [
        'sources',
        'import',
        'rsshub-routes',
        'http://rsshub.example.test',
        '--dry-run',
        '--config',
        config,
      ],
      dir,
      {
        NODE_OPTIONS: `--import ${noDns}`,
        http_proxy: `http://127.0.0.1:${port}`,
        no_proxy: '',
        NO_PROXY: '',
      },
    );
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(targets, ['http://rsshub.example.test/api/namespace']);
    assert.match(run.stdout, /\/sina\/finance/);
  } finally {
    proxy.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { cli, runTidings } from '../support/run-tidings.js';

// SIGTERM or Ctrl-C during `tidings build`: a clear message and exit 143/130, the previous
// site in place, and the next build completes with nothing left over. It ended without a word,
// its staging folder (a whole site, for a full build) left beside the output.

const FEEDS = 30;
const ITEMS = 100;

function rss(feed: number): string {
  const items = Array.from(
    { length: ITEMS },
    (_, j) =>
      `<item><title>源 ${feed} 条目 ${j}</title><guid>f${feed}-${j}</guid>` +
      `<pubDate>${new Date(Date.UTC(2024, 0, 1, feed, j)).toUTCString()}</pubDate>` +
      `<description><![CDATA[<p>${'国家统计局今天发布数据。'.repeat(30)}</p>]]></description></item>`,
  ).join('');
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>源 ${feed}</title>${items}</channel></rss>`;
}

/** Every file of the site with its bytes. */
function siteFiles(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    files.set(path.relative(dir, file), fs.readFileSync(file, 'latin1'));
  }
  return files;
}

describe('tidings build stopped by a signal', () => {
  let server: http.Server;
  let dir = '';
  let config = '';

  before(async () => {
    server = http.createServer((request, response) => {
      response.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
      response.end(rss(Number(request.url?.slice(1))));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-build-signal-'));
    config = path.join(dir, 'tidings.yaml');
    const feeds = Array.from(
      { length: FEEDS },
      (_, i) => `          - { name: 源${i}, url: "${base}/${i}" }`,
    );
    fs.writeFileSync(
      config,
      `sources:\n  - category: 压力\n    sites:\n      - name: 测试\n        feeds:\n${feeds.join('\n')}\n`,
    );
    const update = await runTidings(['update', '--config', config]);
    assert.equal(update.code, 0, update.stderr);
  });

  after(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  for (const [signal, code] of [
    ['SIGTERM', 143],
    ['SIGINT', 130],
  ] as const) {
    test(`${signal} while the pages are written: exit ${code}, a message, the site intact`, async () => {
      const output = path.join(dir, 'public');
      const before = siteFiles(output);
      const child = spawn(process.execPath, [cli, 'build', '--full', '--config', config], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      const exited = new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
      // Stopped once the staging folder holds pages: by progress, not by the clock.
      const staging = () =>
        fs.readdirSync(dir).find((name) => name.startsWith('.public.tidings-new-'));
      for (let waited = 0; staging() === undefined && waited < 20_000; waited += 5) {
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      assert.ok(staging(), 'the build started writing');
      await new Promise((resolve) => setTimeout(resolve, 100));
      child.kill(signal);
      assert.equal(await exited, code, stderr);
      assert.equal(
        stderr,
        `tidings: stopped by ${signal}; the site was not built, the previous one stays in place\n`,
      );
      assert.deepEqual(siteFiles(output), before, 'the previous site, byte for byte');

      const next = await runTidings(['build', '--config', config]);
      assert.equal(next.code, 0, next.stderr);
      assert.deepEqual(
        fs.readdirSync(dir).filter((name) => name.startsWith('.public.tidings-')),
        [],
        'no staging folder left',
      );
    });
  }
});

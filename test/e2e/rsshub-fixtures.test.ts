import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';

// Real feeds of the system Tidings replaces, served by a stand-in RSSHub on loopback.
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const fixtures = path.resolve(repo, '../shared/fixtures/rsshub-page');
const cli = path.join(repo, 'dist/cli/main.js');

interface Route {
  category: string;
  site: string;
  route: string;
  path: string;
  feed: string;
  items: number;
}

describe(
  'update from a stand-in RSSHub serving the rsshub-page fixtures',
  { skip: !fs.existsSync(fixtures) && 'no ../shared fixtures' },
  () => {
    const routes: Route[] = fs.existsSync(fixtures)
      ? (
          JSON.parse(fs.readFileSync(path.join(fixtures, 'routes.json'), 'utf8')) as {
            routes: Route[];
          }
        ).routes
      : [];
    let server: http.Server;
    let dir = '';
    const requested: string[] = [];
    before(async () => {
      server = http.createServer((request, response) => {
        const route = routes.find((r) => r.path === decodeURIComponent(request.url ?? ''));
        requested.push(request.url ?? '');
        if (!route) return void response.writeHead(404).end();
        response.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
        response.end(fs.readFileSync(path.join(fixtures, route.feed)));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const port = (server.address() as AddressInfo).port;
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-rsshub-'));
      const tree = new Map<string, Map<string, Route[]>>();
      for (const route of routes) {
        const sites = tree.get(route.category) ?? new Map<string, Route[]>();
        tree.set(route.category, sites);
        sites.set(route.site, [...(sites.get(route.site) ?? []), route]);
      }
      const yaml = [
        'site: { title: 小冰 RSSHub, language: zh-CN, timezone: Asia/Shanghai, perPage: 20, output: public }',
        `rsshub: { instance: "http://127.0.0.1:${port}" }`,
        'sources:',
        ...[...tree].flatMap(([category, sites]) => [
          `  - category: ${JSON.stringify(category)}`,
          '    sites:',
          ...[...sites].flatMap(([site, feeds]) => [
            `      - name: ${JSON.stringify(site)}`,
            '        feeds:',
            ...feeds.map(
              (r) =>
                `          - { name: ${JSON.stringify(r.route)}, rsshub: ${JSON.stringify(r.path)} }`,
            ),
          ]),
        ]),
      ].join('\n');
      fs.writeFileSync(path.join(dir, 'tidings.yaml'), yaml + '\n');
    });
    after(() => {
      server.close();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    test('stores every item of every route and gives each a page with its title', async () => {
      // Asynchronous: the stand-in RSSHub runs in this process and must keep answering.
      const result = await new Promise<{ status: number; stdout: string; stderr: string }>(
        (resolve) =>
          execFile(
            process.execPath,
            [cli, 'update', '--config', path.join(dir, 'tidings.yaml')],
            { encoding: 'utf8', timeout: 120_000 },
            (error, stdout, stderr) => resolve({ status: error ? 1 : 0, stdout, stderr }),
          ),
      );
      assert.equal(result.status, 0, result.stderr + result.stdout);
      assert.doesNotMatch(result.stdout, /FAIL/);
      assert.equal(requested.length, routes.length, 'one request per route');

      const db = new Database(path.join(dir, 'tidings.db'), { readonly: true });
      const counts = db
        .prepare<[], { category: string; site: string; name: string; n: number }>(
          'SELECT f.category, f.site, f.name, count(i.key) AS n FROM feeds f LEFT JOIN items i ON i.feed_key = f.key GROUP BY f.key',
        )
        .all();
      // RSSHub feeds say <ttl>5</ttl>: each is due again 5 minutes after it was fetched.
      const schedule = db
        .prepare<[], { last_fetched_at: string; next_due_at: string }>(
          'SELECT last_fetched_at, next_due_at FROM feeds',
        )
        .all();
      for (const row of schedule) {
        assert.equal(Date.parse(row.next_due_at) - Date.parse(row.last_fetched_at), 5 * 60_000);
      }
      db.close();
      for (const route of routes) {
        const row = counts.find(
          (c) => c.category === route.category && c.site === route.site && c.name === route.route,
        );
        assert.equal(row?.n, route.items, `${route.category} › ${route.site} › ${route.route}`);
      }

      const itemsDir = path.join(dir, 'public', 'items');
      const titles = new Set(
        fs
          .readdirSync(itemsDir)
          .map(
            (file) =>
              fs
                .readFileSync(path.join(itemsDir, file), 'utf8')
                .match(/<title>([^<]*)<\/title>/)?.[1],
          ),
      );
      const total = routes.reduce((sum, r) => sum + r.items, 0);
      assert.equal(fs.readdirSync(itemsDir).length, total);
      assert.ok(
        [...titles].some((t) => t?.includes('看得出这个寺庙在中国吗')),
        'a Sina headline has its page',
      );
    });
  },
);

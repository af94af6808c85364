import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import {
  fixtureAvailable,
  fixtureRoutes,
  fixtureSourcesYaml,
  startStandInRsshub,
  type StandInRsshub,
} from '../support/rsshub-page-fixture.js';
import { CONTENT_TASTE, htmlFileCount, htmlProblems } from '../support/html-problems.js';
import { runTidings } from '../support/run-tidings.js';

// Real feeds of the system Tidings replaces, served by a stand-in RSSHub on loopback.
describe(
  'update from a stand-in RSSHub serving the rsshub-page fixtures',
  { skip: !fixtureAvailable && 'no ../shared fixtures' },
  () => {
    const routes = fixtureRoutes();
    let rsshub: StandInRsshub;
    let dir = '';
    before(async () => {
      rsshub = await startStandInRsshub(routes);
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-rsshub-'));
      const yaml = [
        'site: { title: 小冰 RSSHub, language: zh-CN, timezone: Asia/Shanghai, perPage: 20, output: public }',
        `rsshub: { instance: "${rsshub.url}" }`,
        ...fixtureSourcesYaml(routes),
      ].join('\n');
      fs.writeFileSync(path.join(dir, 'tidings.yaml'), yaml + '\n');
    });
    after(async () => {
      await rsshub.close();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    test('stores every item of every route and gives each a page with its title', async () => {
      // Asynchronous: the stand-in RSSHub runs in this process and must keep answering.
      const result = await runTidings(['update', '--config', path.join(dir, 'tidings.yaml')]);
      assert.equal(result.code, 0, result.stderr + result.stdout);
      assert.doesNotMatch(result.stdout, /FAIL/);
      assert.equal(rsshub.requested.length, routes.length, 'one request per route');

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

    test('every page of the site of real feeds is valid HTML, with named image links', async () => {
      // After the test above, which built the site of every route.
      const site = path.join(dir, 'public');
      assert.ok((await htmlFileCount(site)) > 200);
      assert.deepEqual(await htmlProblems(site, CONTENT_TASTE), []);
      // cnBeta wraps pictures in links to their full-size files, without alt text.
      const pages = fs.readdirSync(path.join(site, 'items')).map((file) => fs.readFileSync(path.join(site, 'items', file), 'utf8')); // prettier-ignore
      assert.ok(
        pages.some((page) => page.includes('aria-label="图片链接（static.cnbetacdn.com）"')),
      );
    });
  },
);

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { compareWithExpected, formatComparison } from '../support/compare-hexo-posts.js';
import {
  fixtureAvailable,
  fixtureDir,
  type FixtureRoute,
  fixtureRoutes,
  startStandInRsshub,
  type StandInRsshub,
} from '../support/rsshub-page-fixture.js';
import { runTidings } from '../support/run-tidings.js';

// The category slugs RSSHub's route metadata would give the fixture's four categories.
const SLUGS: Record<string, string> = {
  二次元: 'anime',
  金融: 'finance',
  新媒体: 'new-media',
  社交媒体: 'social-media',
};

/**
 * What a running RSSHub answers at /api/namespace for the fixture's routes: namespace →
 * routes, paths relative to the namespace. The AcFun route is a pattern with a parameter
 * (as in RSSHub), so selecting `/acfun/bangumi/5022158` must match it.
 */
function namespaceApi(routes: FixtureRoute[]): unknown {
  const api: Record<string, { name: string; routes: Record<string, unknown> }> = {};
  for (const route of routes) {
    const [, namespace, ...rest] = route.path.split('/');
    const relative = namespace === 'acfun' ? '/bangumi/:id' : `/${rest.join('/')}`;
    api[namespace!] ??= { name: route.site, routes: {} };
    api[namespace!]!.routes[relative] = {
      path: relative,
      name: route.route,
      categories: [SLUGS[route.category], 'popular'],
      example: route.path,
      maintainers: ['someone'],
    };
  }
  return api;
}

describe(
  'drop-in for the old system: catalog import, update, Hexo export, build',
  { skip: !fixtureAvailable && 'no ../shared fixtures' },
  () => {
    const routes = fixtureRoutes();
    let rsshub: StandInRsshub;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-hexo-e2e-'));
    const config = path.join(dir, 'tidings.yaml');
    const posts = path.join(dir, 'blog/source/_posts');

    before(async () => {
      rsshub = await startStandInRsshub(routes, {
        '/api/namespace': { type: 'application/json', body: JSON.stringify(namespaceApi(routes)) },
      });
      fs.writeFileSync(
        config,
        [
          '# My news site (this comment must survive the import)',
          'site:',
          '  title: 小冰 RSSHub # inline comment',
          '  language: zh-CN',
          '  perPage: 1000',
          'fetch: { timeout: 30 }',
          '',
        ].join('\n'),
      );
      // The old config.yml's selection list: headings as comments, then " - /path" lines.
      fs.writeFileSync(
        path.join(dir, 'config.yml'),
        routes.map((r) => `#${r.category}\n##${r.site}\n###${r.route}\n - ${r.path}\n`).join(''),
      );
    });
    after(async () => {
      await rsshub.close();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    test('the route catalog of a running instance, with the old selection list, fills the config', async () => {
      const result = await runTidings([
        'sources',
        'import',
        'rsshub-routes',
        rsshub.url,
        '--headings',
        'zh',
        '--select-from',
        path.join(dir, 'config.yml'),
        '--config',
        config,
      ]);
      assert.equal(result.code, 0, result.stderr + result.stdout);
      assert.match(result.stdout, new RegExp(`Added ${routes.length} feed\\(s\\)`));
      const text = fs.readFileSync(config, 'utf8');
      assert.match(text, /^# My news site \(this comment must survive the import\)$/m);
      assert.match(text, /title: 小冰 RSSHub # inline comment/);
      assert.match(text, new RegExp(`instance: ${rsshub.url.replace(/[.]/g, '\\.')}`));
      for (const route of routes) assert.ok(text.includes(route.path), route.path);
    });

    test('update fetches every route from the stand-in RSSHub', async () => {
      const result = await runTidings(['update', '--no-build', '--config', config]);
      assert.equal(result.code, 0, result.stderr + result.stdout);
      assert.doesNotMatch(result.stdout, /FAIL/);
      for (const route of routes) assert.ok(rsshub.requested.includes(route.path), route.path);
    });

    test('export hexo reproduces the old posts (byte for byte or by a listed fix)', async () => {
      const result = await runTidings(['export', 'hexo', '--out', posts, '--config', config]);
      assert.equal(result.code, 0, result.stderr + result.stdout);
      const total = routes.reduce((n, r) => n + r.items, 0);
      assert.match(result.stdout, new RegExp(`Exported ${total} post\\(s\\)`));
      // The AcFun post uses the 2018 layout; test/export/hexo-fixtures covers --template 2018.
      const comparison = compareWithExpected(posts, routes, (r) =>
        r.templates.includes('v1-legacy'),
      );
      console.log(formatComparison(comparison));
      assert.deepEqual(comparison.other, []);
      assert.deepEqual(comparison.extra, []);
      assert.equal(comparison.compared + comparison.skipped.length, total);

      assert.match(
        result.stdout,
        /departures from the old format \(see README\): .*hexo-percent 17/,
      );

      const again = await runTidings([
        'export',
        'hexo',
        '--out',
        posts,
        '--json',
        '--config',
        config,
      ]);
      assert.equal(again.code, 0, again.stderr);
      const report = JSON.parse(again.stdout) as {
        posts: number;
        written: string[];
        unchanged: number;
        removed: string[];
        fixes: Record<string, number>;
      };
      assert.deepEqual(
        [report.posts, report.written.length, report.unchanged, report.removed.length],
        [total, 0, total, 0],
        'nothing rewritten the second time',
      );
      // The fixture's file names: 17 with %, 15 with " (README, "Hexo export").
      assert.equal(report.fixes['hexo-percent'], 17);
      assert.equal(report.fixes['windows-character'], 15);
    });

    test('build makes a site with every item, under its category', async () => {
      const result = await runTidings(['build', '--config', config]);
      assert.equal(result.code, 0, result.stderr + result.stdout);
      const pages = listHtml(path.join(dir, 'public'));
      const text = (file: string): string => decodeHtml(fs.readFileSync(file, 'utf8'));
      for (const category of new Set(routes.map((r) => r.category))) {
        const categoryPages = pages.filter(
          (file) =>
            file.includes(`${path.sep}categories${path.sep}`) &&
            titleOf(text(file)).includes(category),
        );
        assert.ok(categoryPages.length > 0, `a page for the category ${category}`);
        const content = categoryPages.map(text).join('\n');
        for (const route of routes.filter((r) => r.category === category)) {
          for (const title of feedTitles(route)) {
            assert.ok(content.includes(title), `${category}: lists "${title}"`);
          }
        }
        for (const route of routes.filter((r) => r.category !== category)) {
          for (const title of feedTitles(route)) {
            assert.ok(
              !content.includes(title),
              `${category}: does not list "${title}" (${route.category})`,
            );
          }
        }
      }
    });
  },
);

describe(
  'drop-in for the old system from its config.yml alone: old-config import, update, Hexo export',
  { skip: !fixtureAvailable && 'no ../shared fixtures' },
  () => {
    const routes = fixtureRoutes();
    let rsshub: StandInRsshub;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-old-config-e2e-'));
    const config = path.join(dir, 'tidings.yaml');
    const posts = path.join(dir, 'blog/source/_posts');

    before(async () => {
      rsshub = await startStandInRsshub(routes);
      fs.writeFileSync(config, `rsshub: { instance: ${JSON.stringify(rsshub.url)} }\n`);
      // The old config.yml as it was written: headings, rules, commented-out routes.
      const categories = [...new Set(routes.map((r) => r.category))];
      const text = categories.map((category) =>
        [
          `#${category}`,
          '#--------------------',
          '',
          ...routes
            .filter((r) => r.category === category)
            .flatMap((r) => [`##${r.site}`, `###${r.route}`, ` - ${r.path}`, '']),
          '##Some Site',
          '###Not selected',
          '# - /not/selected',
          '',
        ].join('\n'),
      );
      fs.writeFileSync(path.join(dir, 'config.yml'), `slect:\n${text.join('')}`);
    });
    after(async () => {
      await rsshub.close();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    test('the posts land where the old script filed them, under its headings', async () => {
      const steps = [
        ['sources', 'import', 'old-config', path.join(dir, 'config.yml')],
        ['update', '--no-build'],
        ['export', 'hexo', '--out', posts],
      ];
      for (const step of steps) {
        const result = await runTidings([...step, '--config', config]);
        assert.equal(result.code, 0, result.stderr + result.stdout);
      }
      assert.ok(!rsshub.requested.includes('/not/selected'));
      const comparison = compareWithExpected(posts, routes, (r) =>
        r.templates.includes('v1-legacy'),
      );
      assert.deepEqual(comparison.other, []);
      assert.deepEqual(comparison.extra, []);
      assert.equal(
        comparison.compared + comparison.skipped.length,
        routes.reduce((n, r) => n + r.items, 0),
      );
    });
  },
);

function listHtml(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? listHtml(full) : entry.name.endsWith('.html') ? [full] : [];
  });
}

function titleOf(html: string): string {
  return /<title>([\s\S]*?)<\/title>/.exec(html)?.[1] ?? '';
}

/** The item titles of a route's feed, as a reader shows them (whitespace collapsed). */
function feedTitles(route: FixtureRoute): string[] {
  const xml = fs.readFileSync(path.join(fixtureDir, route.feed), 'utf8');
  return [...xml.matchAll(/<item>\s*<title><!\[CDATA\[([\s\S]*?)\]\]><\/title>/g)].map((m) =>
    m[1]!.replace(/\s+/g, ' ').trim(),
  );
}

function decodeHtml(html: string): string {
  return html
    .replace(/&#(\d+);/g, (_m, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&#x([0-9a-f]+);/gi, (_m, code: string) => String.fromCodePoint(parseInt(code, 16)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

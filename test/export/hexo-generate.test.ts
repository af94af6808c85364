import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { after, before, describe, test } from 'node:test';
import Hexo from 'hexo';
import { exportHexo } from '../../src/export/export-hexo.js';
import { hexoTitle } from '../../src/export/hexo-title.js';
import { fixtureAvailable } from '../support/rsshub-page-fixture.js';
import { fixtureTemplate, storedFixture } from '../support/stored-fixture.js';

// A tiny theme: each post page prints what the test checks, in elements easy to find.
const POST_LAYOUT = `<!doctype html>
<html><body>
<h1 id="title">{{ page.title }}</h1>
<ul id="categories">{% for category in page.categories.toArray() %}<li data-id="{{ category._id }}" data-parent="{{ category.parent }}">{{ category.name }}</li>{% endfor %}</ul>
<time id="date">{{ page.date.toISOString() }}</time>
<p id="source">{{ page.source }}</p>
<div id="body">{{ page.content }}</div>
</body></html>
`;

interface GeneratedPost {
  file: string;
  title: string;
  categories: string[];
  date: string;
  source: string;
  html: string;
}

describe(
  'Hexo reads the exported posts',
  { skip: !fixtureAvailable && 'no ../shared fixtures' },
  () => {
    const site = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-hexo-site-'));
    const { feeds, items } = fixtureAvailable ? storedFixture() : { feeds: [], items: [] };
    const generated: GeneratedPost[] = [];
    let userFile = '';

    before(async () => {
      fs.writeFileSync(
        path.join(site, '_config.yml'),
        [
          'title: fixture',
          'url: http://example.test',
          'theme: tidings-test',
          'language: zh-CN',
        ].join('\n') + '\n',
      );
      fs.writeFileSync(
        path.join(site, 'package.json'),
        '{ "name": "hexo-site", "private": true }\n',
      );
      const layout = path.join(site, 'themes/tidings-test/layout');
      fs.mkdirSync(layout, { recursive: true });
      fs.writeFileSync(path.join(layout, 'post.njk'), POST_LAYOUT);
      fs.writeFileSync(path.join(layout, 'index.njk'), '<p>index</p>\n');
      const posts = path.join(site, 'source/_posts');
      fs.mkdirSync(posts, { recursive: true });
      // A post of the user's own, beside the export: Hexo keeps publishing it.
      userFile = path.join(posts, 'my-own-post.md');
      fs.writeFileSync(userFile, '---\ntitle: Mine\ndate: 2024-01-02 03:04:05\n---\nhello\n');
      const report = exportHexo(posts, feeds, items, { template: fixtureTemplate });
      assert.deepEqual(report.failed, []);

      const hexo = new Hexo(site, { silent: true });
      hexo.env.init = true; // what hexo-cli sets once it has found a site: read its _config.yml
      await hexo.init();
      // hexo-renderer-marked lives in the repository's node_modules, not the temp site's.
      await hexo.loadPlugin(createRequire(import.meta.url).resolve('hexo-renderer-marked'));
      await hexo.call('generate', {});
      await hexo.exit();

      const walk = (dir: string): string[] =>
        fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
          const full = path.join(dir, entry.name);
          return entry.isDirectory() ? walk(full) : entry.name === 'index.html' ? [full] : [];
        });
      for (const file of walk(path.join(site, 'public'))) {
        const html = fs.readFileSync(file, 'utf8');
        const source = /<p id="source">([^<]*)<\/p>/.exec(html)?.[1];
        if (source === undefined) continue;
        generated.push({
          file,
          title: /<h1 id="title">([\s\S]*?)<\/h1>/.exec(html)?.[1] ?? '',
          categories: categoryChain(html),
          date: /<time id="date">([^<]*)<\/time>/.exec(html)?.[1] ?? '',
          source,
          html,
        });
      }
    });
    after(() => fs.rmSync(site, { recursive: true, force: true }));

    test('every exported post becomes a page with its title, three nested categories and date', () => {
      const feedByKey = new Map(feeds.map((feed) => [feed.key, feed]));
      const bySource = new Map(generated.map((page) => [page.source, page]));
      const manifest = JSON.parse(
        fs.readFileSync(path.join(site, 'source/_posts/.tidings-hexo-export.json'), 'utf8'),
      ) as { posts: Record<string, { identity: string }> };
      const pathByIdentity = new Map(
        Object.entries(manifest.posts).map(([p, e]) => [e.identity, p]),
      );
      let checked = 0;
      for (const item of items) {
        const feed = feedByKey.get(item.feedKey)!;
        const relative = pathByIdentity.get(`${item.feedKey}\n${item.key}`);
        assert.ok(relative, `${item.title}: exported`);
        const page = bySource.get(`_posts/${relative}`);
        assert.ok(page, `${relative}: Hexo generated a page for it`);
        assert.equal(decode(page.title), decode(hexoTitle(item.title)), `${relative}: title`);
        assert.deepEqual(
          [...page.categories].sort(),
          [feed.category, feed.site, feed.name].sort(),
          `${relative}: categories`,
        );
        assert.equal(page.date, new Date(item.publishedText!).toISOString(), `${relative}: date`);
        checked += 1;
      }
      console.log(`Hexo ${generated.length} pages; ${checked} exported posts checked`);
      assert.equal(checked, items.length);
    });

    test("the export's manifest is not published, the user's own post is", () => {
      assert.ok(generated.some((page) => page.source === '_posts/my-own-post.md'));
      assert.ok(!generated.some((page) => page.source.includes('tidings-hexo-export')));
      assert.equal(generated.length, items.length + 1);
    });

    test('braces in a body reach the page as written, not as Nunjucks tags', () => {
      // The cnBeta post whose image alt text holds } and { (fixture README, quirk 3).
      const page = generated.find((p) => p.source.includes('-10°C街头车主实测特斯拉续航'));
      assert.ok(page, 'the cnBeta post was generated');
      assert.match(page.html, /alt="V\(JNSGJ(&#125;|\})U(&#123;|\{)2X2\$Y8%8(&#123;|\{)RYDQ\.png"/);
    });
  },
);

/**
 * The page's categories from the top down, following each one's parent: Hexo makes
 * `categories: [a, b, c]` the hierarchy a › b › c, which is what the old site showed.
 */
function categoryChain(html: string): string[] {
  const nodes = [
    ...html.matchAll(/<li data-id="([^"]*)" data-parent="([^"]*)">([^<]*)<\/li>/g),
  ].map((m) => ({ id: m[1]!, parent: m[2]!, name: m[3]! }));
  const chain: string[] = [];
  let parent = '';
  for (;;) {
    const next = nodes.find((node) => node.parent === parent && !chain.includes(node.name));
    if (!next) break;
    chain.push(next.name);
    parent = next.id;
  }
  return chain.length === nodes.length ? chain : nodes.map((node) => `(unordered) ${node.name}`);
}

/** Hexo escapes some characters in titles; compare the text, not the escaping. */
function decode(text: string): string {
  return text
    .replace(/&#123;/g, '{')
    .replace(/&#125;/g, '}')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

import assert from 'node:assert/strict';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { configProblem, parseTestConfig } from '../config/config-problem.js';
import { buildSite } from '../../src/site/build-site.js';
import { itemId, itemIdLong, itemPath } from '../../src/site/item-path.js';
import {
  HN,
  item,
  ODD,
  sampleModel,
  SINA,
  tempOutputDir,
  removeTempDirs,
} from './site-model-fixture.js';

after(removeTempDirs);

async function built(
  extra = sampleModel(''),
): Promise<{ out: string; read: (p: string) => Promise<string> }> {
  const out = await tempOutputDir();
  extra.settings.outputDir = out;
  await buildSite(extra);
  return { out, read: (path) => readFile(join(out, path), 'utf8') };
}

test('RSS 2.0 and JSON Feed carry the same newest items as Atom, site-wide with content', async () => {
  const { read } = await built();
  const rss = await read('rss.xml');
  assert.ok(rss.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"'));
  assert.equal((rss.match(/<item>/g) ?? []).length, 4);
  assert.ok(rss.includes('<guid isPermaLink="true">https://example.github.io/news/items/'));
  assert.ok(rss.includes('<pubDate>Sat, 25 Dec 2021 00:03:46 GMT</pubDate>'));
  assert.ok(rss.includes('&lt;div&gt;&lt;p&gt;'), 'content, escaped');
  const json = JSON.parse(await read('feed.json')) as {
    version: string;
    feed_url: string;
    items: { id: string; content_html?: string; title: string; authors: { name: string }[] }[];
  };
  assert.equal(json.version, 'https://jsonfeed.org/version/1.1');
  assert.equal(json.feed_url, 'https://example.github.io/news/feed.json');
  assert.equal(json.items.length, 4);
  assert.equal(json.items[1]?.title, 'Show HN: <script>alert("x")</script> & friends');
  assert.ok(json.items[0]?.content_html?.includes('referrerpolicy="no-referrer"'));
  assert.equal(json.items[0]?.authors[0]?.name, '新浪财经');
});

test('every category, site and feed has its own Atom, RSS and JSON feed, with excerpts', async () => {
  const { read } = await built();
  for (const folder of [
    'categories/金融',
    'categories/金融/新浪财经',
    'categories/金融/新浪财经/新浪财经－国內',
    'categories/Tech/Hacker-News/Front-page',
  ]) {
    const atom = await read(`${folder}/atom.xml`);
    assert.ok(atom.includes('<feed xmlns="http://www.w3.org/2005/Atom"'), folder);
    assert.ok(!atom.includes('<content'), `${folder}: excerpts only`);
    assert.ok(atom.includes('<summary type="text">'), folder);
    await read(`${folder}/rss.xml`);
    JSON.parse(await read(`${folder}/feed.json`));
  }
  const sina = await read('categories/金融/atom.xml');
  assert.equal((sina.match(/<entry>/g) ?? []).length, 2);
  const page = await read('categories/金融/index.html');
  assert.ok(
    page.includes(
      'type="application/rss+xml" title="金融 (RSS)" href="../../categories/%E9%87%91%E8%9E%8D/rss.xml"',
    ),
  );
});

test('OPML lists the subscriptions without RSSHub keys; files point at the site copy', async () => {
  const model = sampleModel('');
  model.feeds[0]!.location = 'https://rsshub.example/sina/finance?key=SECRET&limit=20';
  model.feeds[2]!.location = '/srv/feeds/odd.xml';
  const { read } = await built(model);
  const opml = await read('subscriptions.opml');
  assert.ok(opml.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<opml version="2.0">'));
  assert.ok(!opml.includes('SECRET'));
  assert.ok(opml.includes('xmlUrl="https://rsshub.example/sina/finance?limit=20"'));
  assert.ok(opml.includes('xmlUrl="https://example.github.io/news/categories/'));
  assert.ok(!opml.includes('/srv/feeds'));
  assert.ok(opml.includes('<outline text="金融" title="金融">'));
  assert.ok(!opml.includes('javascript:'), 'a bad feed home page is left out');
});

test('OPML: a feed only this machine or its network reaches points at the site copy', async () => {
  // The published OPML is for anyone: an RSSHub instance on loopback, on a private network or
  // by a Docker Compose service name is no address for them (nor theirs to know).
  for (const location of [
    'http://127.0.0.1:1200/sina/finance?key=SECRET',
    'http://rsshub:1200/sina/finance',
    'http://192.168.1.5:1200/sina/finance',
  ]) {
    const model = sampleModel('');
    model.feeds[0]!.location = location;
    const { read } = await built(model);
    const opml = await read('subscriptions.opml');
    const host = new URL(location).host;
    assert.ok(!opml.includes(host), location);
    assert.ok(
      opml.includes(
        'xmlUrl="https://example.github.io/news/categories/%E9%87%91%E8%9E%8D/%E6%96%B0%E6%B5%AA%E8%B4%A2%E7%BB%8F/',
      ),
      location,
    );
  }
});

test('no published file shows a password, key or token from a feed address or its error', async () => {
  const model = sampleModel('');
  const [sina, hn, odd] = model.feeds;
  // A fetch error quotes the address it fetched: an RSSHub key, a private feed's password.
  sina!.location = 'https://rsshub.example/sina/finance?key=RSSHUBKEY';
  sina!.lastError = 'https://rsshub.example/sina/finance?key=RSSHUBKEY: HTTP 503';
  sina!.lastErrorKind = 'http';
  sina!.consecutiveFailures = 2;
  hn!.key = 'url:https://me:PASSWORD@feeds.example.com/private.xml';
  hn!.location = 'https://me:PASSWORD@feeds.example.com/private.xml';
  hn!.lastError = 'https://me:PASSWORD@feeds.example.com/private.xml: cannot connect';
  hn!.lastErrorKind = 'network';
  odd!.location = 'https://github.example/me.private.atom?token=GHTOKEN&x=1';
  odd!.lastError = 'https://github.example/me.private.atom?token=GHTOKEN&x=1: HTTP 404';
  for (const item of model.items) if (item.feedKey === HN) item.feedKey = hn!.key;
  const { out, read } = await built(model);
  const files = (await readdir(out, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(out.length + 1));
  for (const file of files) {
    const text = await read(file);
    assert.doesNotMatch(text, /RSSHUBKEY|PASSWORD|GHTOKEN/, file);
  }
  // What is left still says which address failed, and how.
  const status = JSON.parse(await read('status.json')) as { failing: { feed: string; error: string }[] }; // prettier-ignore
  assert.ok(
    status.failing.some((f) => f.error === 'https://rsshub.example/sina/finance?key=…: HTTP 503'),
  );
  assert.ok(status.failing.some((f) => f.feed === 'url:https://feeds.example.com/private.xml'));
  assert.match(await read('health/index.html'), /me\.private\.atom\?token=…&amp;x=1: HTTP 404/);
  // The private feeds are listed in the OPML by their copies on the site.
  const opml = await read('subscriptions.opml');
  assert.ok(opml.includes('xmlUrl="https://rsshub.example/sina/finance"'));
  assert.ok(!opml.includes('feeds.example.com') && !opml.includes('github.example'));
});

test('sitemap index, sitemaps of lists and items, robots.txt', async () => {
  const { read } = await built();
  const index = await read('sitemap.xml');
  assert.ok(index.includes('<loc>https://example.github.io/news/sitemaps/lists.xml</loc>'));
  assert.ok(index.includes('<loc>https://example.github.io/news/sitemaps/items-1.xml</loc>'));
  const items = await read('sitemaps/items-1.xml');
  assert.equal((items.match(/<url>/g) ?? []).length, 4);
  assert.ok(
    items.includes(
      `<loc>https://example.github.io/news/${itemPath(SINA, 'https://finance.sina.com.cn/china/1.shtml')}</loc>`,
    ),
  );
  const lists = await read('sitemaps/lists.xml');
  assert.ok(
    lists.includes('<loc>https://example.github.io/news/categories/%E9%87%91%E8%9E%8D/</loc>'),
  );
  assert.ok(lists.includes('<loc>https://example.github.io/news/archives/2021/12/</loc>'));
  assert.equal(
    await read('robots.txt'),
    'User-agent: *\nAllow: /\n\nSitemap: https://example.github.io/news/sitemap.xml\n',
  );
});

test('the sitemaps list every item page, copies of an article other feeds carry too', async () => {
  // Two feeds carry one article: the site-wide lists show it once, but both copies have a
  // page. The sitemaps listed as many items as the home river has (one fewer), dropping the
  // oldest item of the site, not the copy.
  const shared = 'https://example.com/shared-story';
  const { out, read } = await built(
    sampleModel('', [
      item({ key: 'copy-1', feedKey: HN, link: shared, firstSeen: '2021-12-24T00:00:00.000Z' }),
      item({ key: 'copy-2', feedKey: ODD, link: shared }),
    ]),
  );
  const pages = await readdir(join(out, 'items'));
  const mapped = (await read('sitemaps/items-1.xml')).match(/<loc>[^<]*<\/loc>/g) ?? [];
  assert.equal(mapped.length, pages.length);
  for (const page of pages)
    assert.ok(
      mapped.some((loc) => loc.endsWith(`items/${page}</loc>`)),
      page,
    );
});

test('archives by month and day in the site time zone, with counts and breadcrumbs', async () => {
  const { read } = await built();
  const index = await read('archives/index.html');
  assert.ok(index.includes('2021 年 12 月<span class="count">4</span>'));
  const month = await read('archives/2021/12/index.html');
  assert.ok(month.includes('<h1>2021 年 12 月</h1>'));
  // 2021-12-25T00:03:46Z is the 25th in Shanghai; 2021-12-24T20:00Z is already the 25th too.
  const day = await read('archives/2021/12/25/index.html');
  assert.equal((day.match(/<article class="entry/g) ?? []).length, 2);
  assert.ok(day.includes('<li><a href="../../../../archives/2021/12/">2021 年 12 月</a></li>'));
  assert.ok(day.includes('<li aria-current="page">2021 年 12 月 25 日</li>'));
});

test('item pages: author, zoned <time>, original link, previous and next in the same feed', async () => {
  const { read } = await built();
  const newest = await read(itemPath(SINA, 'https://finance.sina.com.cn/china/1.shtml'));
  assert.ok(
    newest.includes('<time datetime="2021-12-25T08:03:46+08:00">2021年12月25日 08:03</time>'),
  );
  assert.ok(newest.includes('新浪财经</span>'));
  assert.ok(
    newest.includes(
      'href="https://example.com/https%3A%2F%2Ffinance.sina.com.cn%2Fchina%2F1.shtml"',
    ),
  );
  const olderPath = itemPath(SINA, 'https://finance.sina.com.cn/china/2.shtml');
  assert.ok(
    newest.includes(`<a class="prev" href="../${olderPath}" rel="prev">`),
    'older item of the feed',
  );
  assert.ok(!newest.includes('rel="next"><span class="label">'), 'nothing newer');
  const older = await read(itemPath(SINA, 'https://finance.sina.com.cn/china/2.shtml'));
  assert.ok(older.includes('rel="next"><span class="label">下一篇</span>'));
  // The HN item sits between them in time but is another feed: never a neighbour.
  assert.ok(!newest.includes(itemId(HN, 'hn-1')));
});

test('the health page shows every feed, failing ones first, with the last error', async () => {
  const { read } = await built();
  const health = await read('health/index.html');
  assert.ok(health.includes('3 个源中 2 个正常'));
  assert.equal((health.match(/<tr class="(failing|ok)">/g) ?? []).length, 3);
  assert.ok(health.includes('HTTP 503 &lt;oops&gt;'));
  assert.ok(health.includes('<time datetime="2021-12-25T08:10:00+08:00">'));
  // A page about the fetching, not news: out of search results and of the sitemap.
  assert.ok(health.includes('<meta name="robots" content="noindex">'));
  assert.ok(!health.includes('rel="canonical"'));
  assert.ok(!(await read('sitemaps/lists.xml')).includes('health'));
});

test('failing feeds come first on the health page', async () => {
  const model = sampleModel('');
  model.feeds[2]!.consecutiveFailures = 3;
  const { read } = await built(model);
  const health = await read('health/index.html');
  assert.ok(health.indexOf('class="failing"') < health.indexOf('class="ok"'));
});

test('404.html links from the site path, whatever depth it is served at', async () => {
  const { read } = await built();
  const page = await read('404.html');
  assert.ok(page.includes('<meta name="robots" content="noindex">'));
  assert.ok(page.includes('href="/news/style.css?v='));
  assert.ok(page.includes('<a href="/news/categories/">分类</a>'));
  assert.ok(!page.includes('href="../'));
});

test('permalink p/:abbrlink.html puts item pages under p/ with the same 64-bit id', async () => {
  const model = sampleModel('');
  model.settings.permalink = 'p/:abbrlink.html';
  const { out, read } = await built(model);
  const files = await readdir(join(out, 'p'));
  assert.equal(files.length, 4);
  assert.ok(files.includes(`${itemId(ODD, 'odd-1')}.html`));
  const newest = itemId(SINA, 'https://finance.sina.com.cn/china/1.shtml');
  assert.ok((await read('index.html')).includes(`href="p/${newest}.html"`));
  assert.equal(itemIdLong(ODD, 'odd-1').length, 24);
  assert.ok(itemIdLong(ODD, 'odd-1').startsWith(itemId(ODD, 'odd-1')));
});

test('the static folder is copied as is and its files replace generated ones', async () => {
  const dir = await tempOutputDir();
  const folder = join(dir, '..', 'static');
  await mkdir(join(folder, 'images'), { recursive: true });
  await writeFile(join(folder, 'images', 'a.jpg'), Buffer.from([0xff, 0xd8, 0xff]));
  await writeFile(join(folder, 'favicon.svg'), '<svg/>');
  // The search files are made last (once item-page threads run); a static file still wins.
  await writeFile(join(folder, 'search.css'), '/* mine */');
  await writeFile(join(folder, 'CNAME'), 'news.example.org\n');
  await writeFile(join(folder, '.DS_Store'), 'x');
  const model = sampleModel('');
  model.settings.staticDir = folder;
  const { out, read } = await built(model);
  assert.deepEqual([...(await readFile(join(out, 'images', 'a.jpg')))], [0xff, 0xd8, 0xff]);
  assert.equal(await read('favicon.svg'), '<svg/>');
  assert.equal(await read('search.css'), '/* mine */');
  assert.equal(await read('CNAME'), 'news.example.org\n');
  await assert.rejects(read('.DS_Store'));
  model.settings.staticDir = join(dir, 'missing');
  await assert.rejects(buildSite(model), /site\.static: .*missing: no such folder/);
});

test('an item with a published date out of order still lands in its own day', async () => {
  const late = item({ key: 'late', feedKey: ODD, published: '2020-02-29T16:30:00.000Z' });
  const model = sampleModel('', [late]);
  const { read } = await built(model);
  // 16:30 UTC on the 29th is 00:30 on 1 March in Shanghai.
  const day = await read('archives/2020/03/01/index.html');
  assert.ok(day.includes('Untitled'));
});

test('config: site.permalink and site.static are checked and resolved', () => {
  const config = parseTestConfig('site:\n  permalink: p/:abbrlink.html\n  static: assets\n');
  assert.equal(config.site.permalink, 'p/:abbrlink.html');
  assert.equal(config.site.staticDir, '/srv/news/assets');
  assert.equal(parseTestConfig('site: {}\n').site.permalink, 'items/:id.html');
  assert.equal(parseTestConfig('site: {}\n').site.staticDir, null);
  assert.match(
    configProblem('site:\n  permalink: posts/:title.html\n'),
    /site\.permalink: expected "items\/:id\.html" or "p\/:abbrlink\.html"/,
  );
});

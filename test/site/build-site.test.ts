import assert from 'node:assert/strict';
import { readdir, readFile, stat, writeFile, mkdir } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import { after, test } from 'node:test';
import { buildSite } from '../../src/site/build-site.js';
import { fragmentCacheFile } from '../../src/site/fragment-cache.js';
import { itemPath } from '../../src/site/item-path.js';
import {
  item,
  ODD,
  sampleModel,
  SINA,
  tempOutputDir,
  removeTempDirs,
} from './site-model-fixture.js';

after(removeTempDirs);

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split('\\').join('/'))
    .sort();
}

async function readAll(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const path of await listFiles(dir)) files.set(path, await readFile(join(dir, path), 'utf8'));
  return files;
}

/**
 * What the output's parent folder holds besides the fragment cache (fragment-cache.ts), which a
 * build keeps there on purpose: the output folder, and no staging or temporary folder.
 */
async function besideOutput(out: string): Promise<string[]> {
  const cache = basename(fragmentCacheFile(out));
  return (await readdir(join(out, '..'))).filter((name) => name !== cache);
}

function htmlPages(files: Map<string, string>): [string, string][] {
  return [...files].filter(([path]) => path.endsWith('.html'));
}

test('builds home, listings, category index, item pages, atom.xml and style.css', async () => {
  const out = await tempOutputDir();
  const model = sampleModel(out);
  const report = await buildSite(model);
  const files = await readAll(out);

  for (const path of [
    'index.html',
    'page/2/index.html',
    'categories/index.html',
    'atom.xml',
    'style.css',
  ]) {
    assert.ok(files.has(path), path);
  }
  assert.ok(!files.has('page/3/index.html'), 'four items at two a page make two pages');
  for (const it of model.items) assert.ok(files.has(itemPath(it.feedKey, it.key)), it.title);
  assert.ok(files.has('categories/金融/index.html'));
  assert.ok(files.has('categories/金融/新浪财经/index.html'));
  assert.ok(files.has('categories/金融/新浪财经/新浪财经－国內/index.html'));
  assert.ok(files.has('categories/Tech/Hacker-News/Front-page/index.html'));
  // Every file but the manifest, which the report does not count.
  assert.ok(files.has('.tidings-manifest.json'));
  assert.equal(report.written, files.size - 1);
  assert.equal(report.unchanged, 0);
  assert.equal(report.outputDir, out);
  assert.ok(report.durationMs >= 0);
});

test('every page is a full HTML5 document in the site language with an Atom link', async () => {
  const out = await tempOutputDir();
  await buildSite(sampleModel(out));
  for (const [path, page] of htmlPages(await readAll(out))) {
    assert.ok(page.startsWith('<!doctype html>\n<html lang="zh-CN">'), path);
    assert.match(page, /<meta charset="utf-8">/, path);
    assert.match(page, /<meta name="viewport" content="width=device-width, initial-scale=1">/);
    assert.match(page, /<title>[^<]+<\/title>/, path);
    assert.match(
      page,
      // Relative links, but on the 404 page (served at any depth), links from the site's path.
      /<link rel="alternate" type="application\/atom\+xml" [^>]*href="(?:(\.\.\/)*|\/news\/)atom\.xml">/,
      path,
    );
    assert.match(
      page,
      /<header class="site-header">[\s\S]*<main id="main"[\s\S]*<\/main>\s*<footer/,
      path,
    );
    assert.ok(page.trimEnd().endsWith('</html>'), path);
    // Only the characters of text, never raw control characters from feeds.
    assert.doesNotMatch(page, /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFF]/, path);
  }
});

test('titles and names are escaped everywhere; no script gets through', async () => {
  const out = await tempOutputDir();
  await buildSite(sampleModel(out));
  const files = await readAll(out);
  const home = files.get('index.html') ?? '';
  assert.ok(
    home.includes('Show HN: &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; friends'),
  );
  assert.ok(home.includes('<title>Tidings &lt;News&gt;</title>'));
  // The one script of the site is search.js, on the search page.
  const searchScript = /<script src="search\.js\?v=[0-9a-f]{8}" defer><\/script>/;
  for (const [path, page] of htmlPages(files)) {
    const checked = path === 'search.html' ? page.replace(searchScript, '') : page;
    assert.ok(!checked.includes('<script'), path);
    assert.ok(!page.includes('<News>'), path);
    assert.ok(!page.includes('<feed>'), path);
    assert.ok(!page.includes('javascript:'), path);
  }
  const oddFeed = [...files.keys()].find(
    (p) => p.includes('a-quoted-feed-name') && p.endsWith('/index.html'),
  );
  assert.ok(oddFeed);
  const page = files.get(oddFeed) ?? '';
  assert.ok(page.includes('a &quot;quoted&quot; &lt;feed&gt; | name'));
  assert.ok(page.includes('HTTP 503 &lt;oops&gt;'));
});

test('a category, site or feed name leaves no bidi override open for the text after it', async () => {
  // Names can come from an imported OPML file. Unclosed, "x\u202E" reversed the site and feed
  // names, the date and the excerpt shown after it in each card, and the search results' source.
  const out = await tempOutputDir();
  const model = sampleModel(out);
  for (const feed of model.feeds) {
    if (feed.key !== SINA) continue;
    feed.category = 'cat\u202E';
    feed.site = '\u2067site';
    feed.name = 'feed\u202E\u202C';
  }
  await buildSite(model);
  const files = await readAll(out);
  const home = files.get('index.html') ?? '';
  assert.ok(home.includes('>cat\u202E\u202C</a>'), 'the category closes its override');
  assert.ok(home.includes('>\u2067site\u2069</a>'), 'the site closes its isolate');
  assert.ok(home.includes('>feed\u202E\u202C</a>'), 'a closed override is left as it is');
  const search = [...files].filter(([path]) => path.startsWith('search/')).map(([, text]) => text);
  assert.ok(search.some((text) => text.includes('cat\u202E\u202C › \u2067site\u2069 › feed')));
});

test('every <img> carries referrerpolicy="no-referrer", content images are lazy', async () => {
  const out = await tempOutputDir();
  const model = sampleModel(out);
  await buildSite(model);
  const files = await readAll(out);
  let images = 0;
  for (const [path, page] of htmlPages(files)) {
    for (const tag of page.match(/<img\b(?:[^>"']|"[^"]*"|'[^']*')*>/gi) ?? []) {
      images++;
      assert.match(tag, /\sreferrerpolicy="no-referrer"/, `${path}: ${tag}`);
      assert.equal((tag.match(/referrerpolicy/gi) ?? []).length, 1, tag);
      assert.match(tag, /\sloading="(lazy|eager)"/, tag);
    }
  }
  assert.ok(images >= 6, `found only ${images} images`);
  const first = model.items.find((i) => i.key.endsWith('1.shtml'));
  assert.ok(first);
  const itemPage = files.get(itemPath(first.feedKey, first.key)) ?? '';
  assert.ok(
    itemPage.includes(
      '<img src="https://n.sinaimg.cn/finance/cece9e13/20200514/343233024.png" alt="图" referrerpolicy="no-referrer" loading="lazy" decoding="async">',
    ),
  );
  // Thumbnails: fixed size box, lazy, async.
  const home = files.get('index.html') ?? '';
  assert.match(
    home,
    /<a class="thumb"[^>]*><img src="[^"]+" alt="" width="160" height="120" loading="lazy" decoding="async" referrerpolicy="no-referrer">/,
  );
});

test('home entries show source links, time in the site zone and excerpt', async () => {
  const out = await tempOutputDir();
  await buildSite(sampleModel(out));
  const home = await readFile(join(out, 'index.html'), 'utf8');
  // 00:03:46 UTC is 08:03 in Asia/Shanghai; the machine-readable time carries the zone too.
  assert.match(home, /<time datetime="2021-12-25T08:03:46\+08:00">2021年12月25日 08:03<\/time>/);
  assert.ok(home.includes('<a href="categories/%E9%87%91%E8%9E%8D/">金融</a>'));
  assert.ok(home.includes('原标题：提升制造业核心竞争力'));
  // Four items, two a page: pages 1 (oldest) and 2; the front page's "older" is page 1.
  assert.match(home, /<a href="page\/1\/" rel="next">/);
  const page2 = await readFile(join(out, 'page/2/index.html'), 'utf8');
  assert.match(page2, /<a href="\.\.\/\.\.\/" rel="prev">/);
  assert.match(page2, /<link rel="stylesheet" href="\.\.\/\.\.\/style\.css\?v=[0-9a-f]{8}">/);
});

test('an item page names its source once: the line above its title, no breadcrumbs', async () => {
  const out = await tempOutputDir();
  const model = sampleModel(out);
  await buildSite(model);
  const sina = model.items.find((it) => it.feedKey === SINA)!;
  const page = await readFile(join(out, itemPath(sina.feedKey, sina.key)), 'utf8');
  assert.doesNotMatch(page, /class="breadcrumbs"/);
  const source = /<p class="article-source">(.*?)<\/p>\n<h1/.exec(page);
  assert.ok(source, 'the source line comes right before the title');
  const links = [...source[1]!.matchAll(/<a href="([^"]+)">([^<]+)<\/a>/g)].map((m) => m[2]);
  assert.deepEqual(links, ['金融', '新浪财经', '新浪财经－国內']);
  // The feed's page is linked from the source line only (the header links home and categories).
  const feedFolder = '%E6%96%B0%E6%B5%AA%E8%B4%A2%E7%BB%8F%EF%BC%8D%E5%9B%BD%E5%85%A7/"';
  assert.equal(page.split(feedFolder).length - 1, 1);
});

test('listing pages have breadcrumbs, counts and pagination; the index lists everything', async () => {
  const out = await tempOutputDir();
  const extra = Array.from({ length: 5 }, (_, i) =>
    item({
      key: `extra-${i}`,
      feedKey: SINA,
      title: `新闻 ${i}`,
      published: `2021-12-20T0${i}:00:00.000Z`,
    }),
  );
  await buildSite(sampleModel(out, extra));
  const files = await readAll(out);
  const category = files.get('categories/金融/index.html') ?? '';
  assert.ok(category.includes('<p>7 条 · 1 个站点</p>'));
  assert.match(
    category,
    /<nav class="breadcrumbs"[^>]*><ol><li><a href="\.\.\/\.\.\/">首页<\/a><\/li><li><a href="\.\.\/\.\.\/categories\/">分类<\/a><\/li><li aria-current="page">金融<\/li><\/ol><\/nav>/,
  );
  assert.ok(files.has('categories/金融/page/4/index.html'));
  assert.ok(!files.has('categories/金融/page/5/index.html'));
  const feedPage = files.get('categories/金融/新浪财经/新浪财经－国內/page/2/index.html') ?? '';
  assert.ok(feedPage.includes('<li aria-current="page">第 2 页</li>'));
  const index = files.get('categories/index.html') ?? '';
  for (const name of [
    '金融',
    '新浪财经',
    '新浪财经－国內',
    'Tech',
    'Hacker News',
    'Front page',
    '科技/数码',
  ]) {
    assert.ok(index.includes(`>${name}</a>`), name);
  }
  assert.ok(index.includes('7 条'));
});

test('folder names are safe and links to them are percent-encoded and resolve', async () => {
  const out = await tempOutputDir();
  await buildSite(sampleModel(out));
  const files = await readAll(out);
  for (const path of files.keys()) {
    for (const segment of path.split('/')) {
      assert.doesNotMatch(segment, /[\\:*?"<>|\u0000-\u001f]/, path);
      assert.ok(
        !segment.startsWith('.') ||
          ['.nojekyll', '.tidings-site', '.tidings-manifest.json'].includes(path),
        path,
      );
    }
  }
  // Every relative link of every page points at a file we wrote (the 404 page's links start
  // from the site's path instead, as it is served at any depth).
  for (const [path, page] of htmlPages(files)) {
    if (path === '404.html') {
      for (const [, link] of page.matchAll(/<a [^>]*href="([^"]+)"/g)) {
        assert.match(link ?? '', /^(\/news\/|https?:|#)/, link);
      }
      continue;
    }
    const base = new URL(`http://x/${path.split('/').map(encodeURIComponent).join('/')}`);
    for (const [, link] of page.matchAll(/<a [^>]*href="([^"]+)"/g)) {
      if (!link || /^(https?:|#)/.test(link)) continue;
      const target = new URL(link.replace(/&amp;/g, '&'), base);
      let file = decodeURIComponent(target.pathname.slice(1));
      if (file === '' || file.endsWith('/')) file += 'index.html';
      assert.ok(files.has(file), `${path} links to missing ${file}`);
    }
  }
});

test('item paths do not change when other items are added', async () => {
  const out = await tempOutputDir();
  const before = sampleModel(out);
  await buildSite(before);
  const newer = item({
    key: 'new',
    feedKey: ODD,
    title: 'Newest',
    published: '2022-01-01T00:00:00.000Z',
  });
  const grown = sampleModel(out, [newer]);
  await buildSite(grown);
  const files = await readAll(out);
  for (const it of before.items) {
    const page = files.get(itemPath(it.feedKey, it.key));
    assert.ok(page, it.title);
  }
  assert.ok(files.has(itemPath(ODD, 'new')));
});

test('a second build of the same model rewrites no file', async () => {
  const out = await tempOutputDir();
  const first = await buildSite(sampleModel(out));
  const before = new Map<string, { ino: number; mtimeMs: number }>();
  for (const path of await listFiles(out)) before.set(path, await stat(join(out, path)));
  const second = await buildSite(sampleModel(out));
  assert.equal(second.written, 0);
  assert.equal(second.unchanged, first.written);
  for (const path of await listFiles(out)) {
    const info = await stat(join(out, path));
    assert.equal(info.ino, before.get(path)?.ino, path);
    assert.equal(info.mtimeMs, before.get(path)?.mtimeMs, path);
  }
});

test('a change rewrites only the pages it touches', async () => {
  const out = await tempOutputDir();
  await buildSite(sampleModel(out));
  const before = new Map<string, number>();
  for (const path of await listFiles(out)) before.set(path, (await stat(join(out, path))).ino);
  const model = sampleModel(out);
  const changed = model.items.find((i) => i.key === 'odd-1');
  assert.ok(changed);
  changed.contentHtml = '<p>Edited</p>';
  changed.changedAt = '2021-12-26T00:00:00.000Z';
  const contents = new Map(model.items.map((i) => [i.key, i.contentHtml]));
  model.readContent = (_feed, key) => contents.get(key) ?? '';
  const report = await buildSite(model);
  // The item page; its neighbours in the feed (none here); the lists and feeds that hold it
  // (their entries' change times changed): home, its feed/site/category, month and day pages,
  // the site's and its lists' feeds, the sitemap of items.
  const written = new Set<string>();
  for (const path of await listFiles(out)) {
    const info = await stat(join(out, path));
    if (path !== '.tidings-manifest.json' && info.ino !== before.get(path)) written.add(path);
  }
  assert.equal(report.written, written.size);
  assert.ok(written.has(itemPath(ODD, 'odd-1')));
  assert.ok(!written.has(itemPath(SINA, 'https://finance.sina.com.cn/china/1.shtml')));
  assert.ok(!written.has('categories/Tech/index.html'), 'other lists stay');
  assert.ok(!written.has('style.css'));
});

test('pages that no longer exist are removed; no temporary folders are left', async () => {
  const out = await tempOutputDir();
  await buildSite(sampleModel(out, [item({ key: 'gone', feedKey: ODD, title: 'Gone' })]));
  assert.ok((await listFiles(out)).includes(itemPath(ODD, 'gone')));
  await buildSite(sampleModel(out));
  assert.ok(!(await listFiles(out)).includes(itemPath(ODD, 'gone')));
  assert.deepEqual(await besideOutput(out), ['public']);
  assert.ok((await stat(fragmentCacheFile(out))).size > 0, 'the fragment cache is kept beside');
});

test('refuses to replace a folder that Tidings did not make', async () => {
  const out = await tempOutputDir();
  await mkdir(out);
  await writeFile(join(out, 'precious.txt'), 'keep me');
  await assert.rejects(buildSite(sampleModel(out)), /Refusing to replace/);
  assert.equal(await readFile(join(out, 'precious.txt'), 'utf8'), 'keep me');
});

for (const full of [false, true]) {
  test(`a failed ${full ? 'full' : 'incremental'} build leaves the previous site whole`, async () => {
    const out = await tempOutputDir();
    await buildSite(sampleModel(out));
    const before = await readAll(out);
    const broken = sampleModel(out);
    // Every item changed, and reading one item's content fails half way through writing.
    for (const it of broken.items) it.changedAt = '2022-01-01T00:00:00.000Z';
    broken.readContent = (_feed, key) => {
      if (key === 'odd-1') throw new Error('render failed');
      return '<p>new</p>';
    };
    await assert.rejects(buildSite(broken, { full }), /render failed/);
    assert.deepEqual(await readAll(out), before);
    assert.deepEqual(await besideOutput(out), ['public']);
  });
}

test('a commit interrupted after its journal is finished by the next build', async () => {
  const out = await tempOutputDir();
  await buildSite(sampleModel(out));
  const grown = sampleModel(out, [
    item({ key: 'late', feedKey: ODD, title: 'Late', published: '2022-01-01T00:00:00.000Z' }),
  ]);
  // Stage the next build as a crashed process would leave it: files and journal, nothing moved.
  const staging = join(out, '..', '.public.tidings-commit-999999999-0000abcd');
  await mkdir(join(staging, 'items'), { recursive: true });
  const path = itemPath(ODD, 'late');
  await writeFile(join(staging, path), 'staged');
  await writeFile(
    join(staging, '.tidings-journal.json'),
    JSON.stringify({ moves: [path], removes: [] }),
  );
  await buildSite(grown);
  assert.deepEqual(await besideOutput(out), ['public']);
  // Rolled forward, then rebuilt: the page is the real one, not the staged stand-in.
  assert.match(await readFile(join(out, path), 'utf8'), /<h1>Late<\/h1>/);
});

test('a commit staged flat and interrupted half-way is finished by the next build', async () => {
  const out = await tempOutputDir();
  await buildSite(sampleModel(out));
  // Journal moves as [staged name, site path]: one already moved before the crash, one into a
  // folder the site does not have yet (made when its rename finds no folder).
  const staging = join(out, '..', '.public.tidings-commit-999999999-0000abce');
  await mkdir(staging, { recursive: true });
  await writeFile(join(staging, '.staged-1'), 'new folder');
  await writeFile(join(out, 'moved.txt'), 'moved before the crash');
  await writeFile(
    join(staging, '.tidings-journal.json'),
    JSON.stringify({
      moves: [
        ['.staged-0', 'moved.txt'],
        ['.staged-1', 'extra/deeper/file.txt'],
      ],
      removes: [],
    }),
  );
  await buildSite(sampleModel(out));
  assert.deepEqual(await besideOutput(out), ['public']);
  assert.equal(await readFile(join(out, 'moved.txt'), 'utf8'), 'moved before the crash');
  assert.equal(await readFile(join(out, 'extra/deeper/file.txt'), 'utf8'), 'new folder');
});

test('an incremental build stages its files flat and leaves no staged name in the site', async () => {
  const out = await tempOutputDir();
  await buildSite(sampleModel(out));
  const grown = sampleModel(out, [
    item({ key: 'late', feedKey: ODD, title: 'Late', published: '2022-01-01T00:00:00.000Z' }),
  ]);
  const report = await buildSite(grown);
  assert.ok(report.written > 5);
  const files = await listFiles(out);
  assert.ok(!files.some((path) => path.includes('.staged-')), 'no staged name left');
  assert.match(await readFile(join(out, itemPath(ODD, 'late')), 'utf8'), /<h1>Late<\/h1>/);
  assert.deepEqual(await besideOutput(out), ['public']);
});

test('reports progress up to the total', async () => {
  const out = await tempOutputDir();
  const seen: number[] = [];
  let total = 0;
  await buildSite(sampleModel(out), {
    onProgress: (p) => {
      seen.push(p.done);
      total = p.total;
    },
  });
  assert.equal(seen.length, total);
  assert.equal(Math.max(...seen), total);
});

test('English sites get English labels and dates', async () => {
  const out = await tempOutputDir();
  const model = sampleModel(out);
  model.settings.language = 'en';
  model.settings.timeZone = 'UTC';
  await buildSite(model);
  const home = await readFile(join(out, 'index.html'), 'utf8');
  assert.ok(home.startsWith('<!doctype html>\n<html lang="en">'));
  assert.ok(home.includes('>Categories</a>'));
  assert.ok(home.includes('<p>4 items</p>'));
  assert.match(home, /<time datetime="2021-12-25T00:03:46Z">Dec 25, 2021, 12:03\sAM<\/time>/);
});

test('an empty site still builds a home page and a valid feed', async () => {
  const out = await tempOutputDir();
  const model = sampleModel(out);
  model.items = [];
  model.feeds = [];
  await buildSite(model);
  const home = await readFile(join(out, 'index.html'), 'utf8');
  assert.ok(home.includes('暂无内容。'));
  const atom = await readFile(join(out, 'atom.xml'), 'utf8');
  // No item, no change time: a fixed date, so that rebuilding an empty site changes nothing.
  assert.ok(atom.includes('<updated>1970-01-01T00:00:00.000Z</updated>'));
  assert.ok(!atom.includes('<entry>'));
});

test('a file without a key is rendered on every build but written only when it changed', async () => {
  const { writeOutput } = await import('../../src/site/write-output.js');
  const out = await tempOutputDir();
  let renders = 0;
  let text = 'one';
  const files = () => [
    { path: 'keyed.txt', key: 'k1', render: () => 'keyed' },
    { path: 'status.json', render: () => (renders++, text) },
  ];
  await writeOutput(out, files());
  const same = await writeOutput(out, files());
  assert.equal(renders, 2);
  assert.equal(same.written, 0);
  text = 'two';
  const changed = await writeOutput(out, files());
  assert.equal(changed.written, 1);
  assert.equal(await readFile(join(out, 'status.json'), 'utf8'), 'two');
});

test('a new time zone or language rewrites every time shown, search results included', async () => {
  for (const change of [{ timeZone: 'America/New_York' }, { language: 'en' }]) {
    const out = await tempOutputDir();
    await buildSite(sampleModel(out));
    const model = sampleModel(out);
    Object.assign(model.settings, change);
    await buildSite(model);
    const fresh = await tempOutputDir();
    const full = sampleModel(fresh);
    Object.assign(full.settings, change);
    await buildSite(full);
    const rebuilt = await readAll(out);
    const expected = await readAll(fresh);
    rebuilt.delete('.tidings-manifest.json');
    expected.delete('.tidings-manifest.json');
    assert.deepEqual([...rebuilt.keys()], [...expected.keys()], JSON.stringify(change));
    for (const [path, text] of expected) assert.equal(rebuilt.get(path), text, path);
    // The search results' metadata shows the new times (keyed by the times, not their texts).
    const chunk = expected.get('search/d/0.json') ?? '';
    assert.ok(
      'timeZone' in change ? chunk.includes('-05:00') : chunk.includes('Dec'),
      JSON.stringify(change),
    );
  }
});

test('a feed moved to another site or category is renamed in every feed file that lists its items', async () => {
  // The feeds' entries name their item's site (author) and category: a move rewrites them as
  // a full build would. They kept the old names, the feed files' keys holding no tree.
  for (const move of [{ site: 'Moved site' }, { category: 'Moved category' }]) {
    const out = await tempOutputDir();
    await buildSite(sampleModel(out));
    const model = sampleModel(out);
    model.feeds = model.feeds.map((f) => (f.key === SINA ? { ...f, ...move } : f));
    await buildSite(model);
    const fresh = await tempOutputDir();
    const full = sampleModel(fresh);
    full.feeds = full.feeds.map((f) => (f.key === SINA ? { ...f, ...move } : f));
    await buildSite(full);
    const rebuilt = await readAll(out);
    const expected = await readAll(fresh);
    rebuilt.delete('.tidings-manifest.json');
    expected.delete('.tidings-manifest.json');
    assert.deepEqual([...rebuilt.keys()], [...expected.keys()], JSON.stringify(move));
    for (const [path, text] of expected) assert.equal(rebuilt.get(path), text, path);
    assert.ok(expected.get('atom.xml')?.includes(Object.values(move)[0] ?? ''));
  }
});

test('a build that keeps no card or fragment in memory writes the same site and cache', async () => {
  // Fragments beyond the build's budget go to a spill file and cards are put together again for
  // each list (fragment-spill.ts, render-river.ts): a long history's build holds neither for
  // every item. With no budget at all, every fragment takes that path, and nothing changes.
  const kept = await tempOutputDir();
  const spilled = await tempOutputDir();
  await buildSite(sampleModel(kept));
  await buildSite(sampleModel(spilled), { keptBytes: { fragments: 0, cards: 0 } });
  assert.deepEqual(await readAll(spilled), await readAll(kept));
  assert.deepEqual(
    await readFile(fragmentCacheFile(spilled)),
    await readFile(fragmentCacheFile(kept)),
  );
  assert.deepEqual(await besideOutput(spilled), ['public'], 'no spill file left');

  // An incremental build after a new item spills what it makes too, and matches a full one.
  const more = [item({ key: 'new-1', feedKey: ODD, title: 'New' })];
  await buildSite(sampleModel(kept, more), { full: true });
  await buildSite(sampleModel(spilled, more), { keptBytes: { fragments: 0, cards: 0 } });
  assert.deepEqual(await readAll(spilled), await readAll(kept));
  assert.deepEqual(await besideOutput(spilled), ['public'], 'no spill file left');
});

test('a river whose cards outgrow the scratch buffer they are put in is written whole', async () => {
  // Cards not kept are put together in one scratch buffer per river (render-river.ts), 512 KB
  // at first: 120 cards with 2,000-character titles (~6 KB each, and their fragments read back
  // beside them) make it grow in the middle of the home page's river.
  const long = Array.from({ length: 120 }, (_, i) =>
    item({
      key: `long-${i}`,
      feedKey: ODD,
      title: `${'长'.repeat(2000)} ${i}`,
      published: new Date(Date.UTC(2021, 11, 26, 0, i)).toISOString(),
    }),
  );
  const onePage = (outputDir: string): ReturnType<typeof sampleModel> => {
    const model = sampleModel(outputDir, long);
    return { ...model, settings: { ...model.settings, perPage: 200 } };
  };
  const kept = await tempOutputDir();
  const spilled = await tempOutputDir();
  await buildSite(onePage(kept));
  await buildSite(onePage(spilled), { keptBytes: { fragments: 0, cards: 0 } });
  const expected = await readAll(kept);
  assert.deepEqual(await readAll(spilled), expected);
  assert.ok((expected.get('index.html')?.length ?? 0) > 200_000, 'one large river');
});

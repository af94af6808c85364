import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import type { Config } from '../../src/config/config.js';
import type { Item } from '../../src/content/item.js';
import { buildFromStore } from '../../src/site/build-from-store.js';
import { fragmentCacheFile } from '../../src/site/fragment-cache.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import type { Store } from '../../src/store/store.js';
import { sinaFinanceSource } from '../support/sample-source.js';

// A rebuild decides "nothing changed" from the store's change watermark and the manifest's
// inputs key, without reading a single item; every kind of change still rebuilds.

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-build-from-store-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

const source = sinaFinanceSource;

function item(key: string, published: string, body = `正文 ${key}`): Item {
  return {
    key,
    title: `标题 ${key}`,
    link: `https://example.com/${key}`,
    published,
    publishedText: null,
    updated: null,
    author: '记者',
    contentHtml: `<p>${body}</p>`,
    sourceHtml: `<p>${body}</p>`,
    excerpt: body,
    text: body,
    readingMinutes: 1,
    image: null,
    categories: [],
  };
}

function fetchRecord(at: string) {
  return { at, etag: null, lastModified: null, bodyHash: null, movedTo: null, nextDueAt: at };
}

function configFor(name: string, title = 'Tidings', maxAgeDays = 0): Config {
  // Only the site settings are read by a build; the rest of a config plays no part.
  return {
    site: {
      title,
      description: '',
      url: 'https://example.github.io/news',
      language: 'zh-CN',
      timeZone: 'Asia/Shanghai',
      perPage: 2,
      maxAgeDays,
      outputDir: path.join(dir, name, 'public'),
      permalink: 'items/:id.html',
      staticDir: null,
    },
  } as Config;
}

/** The store, counting how often the builder asked for the item list. */
function counted(store: Store): { store: Store; listed: () => number } {
  let listed = 0;
  const proxy = new Proxy(store, {
    get(target, name, receiver) {
      if (name === 'listItemSummaries') {
        return (...args: Parameters<Store['listItemSummaries']>) => {
          listed++;
          return target.listItemSummaries(...args);
        };
      }
      const value: unknown = Reflect.get(target, name, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { store: proxy, listed: () => listed };
}

function openStore(name: string): Store {
  fs.mkdirSync(path.join(dir, name), { recursive: true });
  const store = openSqliteStore(path.join(dir, name, 'store.db'));
  store.saveFeed(
    source,
    { title: null, link: null },
    [item('a', '2021-12-24T00:00:00.000Z'), item('b', '2021-12-25T00:00:00.000Z')],
    fetchRecord('2021-12-25T01:00:00.000Z'),
  );
  return store;
}

test('a rebuild with nothing changed reads no item and writes nothing', async () => {
  const { store, listed } = counted(openStore('same'));
  const config = configFor('same');
  const first = await buildFromStore(config, store);
  assert.ok(first.written > 10);
  assert.equal(listed(), 1);
  const manifest = path.join(config.site.outputDir, '.tidings-manifest.json');
  const before = fs.statSync(manifest).mtimeMs;

  const progress: number[] = [];
  const second = await buildFromStore(config, store, {
    onProgress: ({ done, total }) => progress.push(done, total),
  });
  assert.equal(listed(), 1, 'the item list was not read again');
  assert.equal(second.written, 0);
  assert.equal(second.removed, 0);
  assert.equal(second.unchanged, first.written + first.unchanged);
  assert.deepEqual(progress, [second.unchanged, second.unchanged]);
  assert.equal(fs.statSync(manifest).mtimeMs, before, 'not even the manifest is rewritten');

  // --full renders everything anyway (and finds every byte the same).
  const full = await buildFromStore(config, store, { full: true });
  assert.equal(listed(), 2);
  assert.equal(full.written, 0);
  store.close();
});

test('a new item, an edited item, a failed fetch or new settings each rebuild', async () => {
  const { store, listed } = counted(openStore('changes'));
  const config = configFor('changes');
  const out = config.site.outputDir;
  await buildFromStore(config, store);
  let reads = listed();
  const rebuilt = async (what: string, settings: Config = config): Promise<number> => {
    const report = await buildFromStore(settings, store);
    assert.equal(listed(), ++reads, `${what}: the items were read again`);
    return report.written;
  };

  store.saveFeed(
    source,
    { title: null, link: null },
    [item('c', '2021-12-26T00:00:00.000Z')],
    fetchRecord('2021-12-26T01:00:00.000Z'),
  );
  assert.ok((await rebuilt('new item')) > 0);
  assert.match(fs.readFileSync(path.join(out, 'index.html'), 'utf8'), /标题 c/);

  store.saveFeed(
    source,
    { title: null, link: null },
    [item('c', '2021-12-26T00:00:00.000Z', '改过的正文')],
    fetchRecord('2021-12-26T02:00:00.000Z'),
  );
  assert.ok((await rebuilt('edited item')) > 0);
  const pages = fs.readdirSync(path.join(out, 'items'));
  assert.ok(
    pages.some((page) =>
      fs.readFileSync(path.join(out, 'items', page), 'utf8').includes('改过的正文'),
    ),
  );

  store.recordFailure(source, {
    at: '2021-12-26T03:00:00.000Z',
    kind: 'http',
    message: 'HTTP 503 from the server',
    nextDueAt: '2021-12-26T04:00:00.000Z',
    gone: false,
  });
  assert.ok((await rebuilt('failed fetch')) > 0);
  assert.match(fs.readFileSync(path.join(out, 'health/index.html'), 'utf8'), /HTTP 503/);

  const renamed = configFor('changes', 'Renamed news');
  assert.ok((await rebuilt('new title', renamed)) > 0);
  assert.match(fs.readFileSync(path.join(out, 'index.html'), 'utf8'), /Renamed news/);

  // And once more with nothing changed: no reading.
  assert.equal((await buildFromStore(renamed, store)).written, 0);
  assert.equal(listed(), reads);
  store.close();
});

test('a site whose manifest is gone or which has a build staged beside it is built again', async () => {
  const { store, listed } = counted(openStore('unsettled'));
  const config = configFor('unsettled');
  const out = config.site.outputDir;
  await buildFromStore(config, store);
  fs.rmSync(path.join(out, '.tidings-manifest.json'));
  await buildFromStore(config, store);
  assert.equal(listed(), 2, 'no manifest: built');

  const staged = path.join(path.dirname(out), `.public.tidings-commit-${process.pid}-0000`);
  fs.mkdirSync(staged);
  await buildFromStore(config, store);
  assert.equal(listed(), 3, 'a commit staged beside the output: built');
  fs.rmSync(staged, { recursive: true, force: true });
  store.close();
});

/** Every file of a site folder (path → bytes), and its manifest's file keys. */
function siteFiles(out: string): { files: Map<string, Buffer>; keys: unknown } {
  const files = new Map<string, Buffer>();
  for (const entry of fs.readdirSync(out, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    files.set(path.relative(out, file), fs.readFileSync(file));
  }
  const manifest = files.get('.tidings-manifest.json')!;
  files.delete('.tidings-manifest.json');
  return { files, keys: (JSON.parse(manifest.toString('utf8')) as { files: unknown }).files };
}

test('after new and edited items, a rebuild leaves the files a full build of the same store makes', async () => {
  const store = openStore('same-as-full');
  const config = configFor('same-as-full');
  const reference = configFor('same-as-full-reference');
  await buildFromStore(config, store);
  const save = (items: Item[], at: string): void => {
    store.saveFeed(source, { title: null, link: null }, items, fetchRecord(at));
  };
  const newItems = (from: number, count: number): Item[] =>
    Array.from({ length: count }, (_, i) => {
      const n = from + i;
      const published = new Date(Date.UTC(2022, 0, 1) + n * 3_600_000).toISOString();
      return item(`n${n}`, published, `第 ${n} 条新闻：制造业 manufacturing ${n}`);
    });
  // Small appends are indexed on this thread, 50 or more on the search worker thread.
  const steps: [string, () => void][] = [
    ['3 new items', () => save(newItems(0, 3), '2022-01-02T00:00:00.000Z')],
    ['60 new items', () => save(newItems(3, 60), '2022-01-05T00:00:00.000Z')],
    ['an edited item', () => save([item('n10', '2022-01-01T10:00:00.000Z', '更正')], '2022-01-06T00:00:00.000Z')], // prettier-ignore
    ['1 new item', () => save(newItems(63, 1), '2022-01-07T00:00:00.000Z')],
  ];
  // The fragment cache beside the output damaged between builds: rebuilds make what it lacks.
  const cacheFile = fragmentCacheFile(config.site.outputDir);
  const damage: Record<string, () => void> = {
    'an edited item': () => fs.truncateSync(cacheFile, Math.floor(fs.statSync(cacheFile).size / 2)),
    '1 new item': () => fs.writeFileSync(cacheFile, 'tidings-fragments-1\nnot the key\n'),
  };
  for (const [what, change] of steps) {
    change();
    damage[what]?.();
    const report = await buildFromStore(config, store);
    assert.ok(fs.statSync(cacheFile).size > 0, `${what}: fragment cache kept`);
    assert.ok(report.written > 0, what);
    fs.rmSync(reference.site.outputDir, { recursive: true, force: true });
    await buildFromStore(reference, store, { full: true });
    const rebuilt = siteFiles(config.site.outputDir);
    const full = siteFiles(reference.site.outputDir);
    assert.deepEqual([...rebuilt.files.keys()].sort(), [...full.files.keys()].sort(), what);
    for (const [file, bytes] of full.files) {
      assert.ok(rebuilt.files.get(file)!.equals(bytes), `${what}: ${file}`);
    }
    assert.deepEqual(rebuilt.keys, full.keys, `${what}: manifest keys`);
  }
  store.close();
});

test('a rebuild takes the cards of old items from the fragment cache, not from rendering', async () => {
  const store = openStore('carried-cards');
  const config = configFor('carried-cards');
  await buildFromStore(config, store);
  // Item b's card as the cache holds it, edited (same length): a rebuild that shows b's card
  // without rendering it shows the edit. (A real cache never differs from rendering.)
  const cacheFile = fragmentCacheFile(config.site.outputDir);
  const cache = fs.readFileSync(cacheFile);
  const title = Buffer.from('>标题 b<', 'utf8');
  const at = cache.indexOf(title);
  assert.ok(at > 0, 'the card of b is in the cache');
  Buffer.from('>标题 B<', 'utf8').copy(cache, at);
  fs.writeFileSync(cacheFile, cache);
  store.saveFeed(source, { title: null, link: null }, [item('c', '2021-12-26T00:00:00.000Z')], fetchRecord('2021-12-26T01:00:00.000Z')); // prettier-ignore
  await buildFromStore(config, store);
  const home = fs.readFileSync(path.join(config.site.outputDir, 'index.html'), 'utf8');
  assert.match(home, />标题 c</, 'the new card rendered');
  assert.match(home, />标题 B</, 'the old card carried');
  // A full build trusts no cache: it renders every card again.
  await buildFromStore(config, store, { full: true });
  const rendered = fs.readFileSync(path.join(config.site.outputDir, 'index.html'), 'utf8');
  assert.match(rendered, />标题 b</);
  store.close();
});

test('site.maxAgeDays: the site shows the window, the store keeps every item, and moving the window rebuilds as a full build would', async () => {
  const store = openStore('window');
  const days = (n: number): string => new Date(Date.now() - n * 86_400_000).toISOString();
  // Published 1, 3, 10, 40 and 400 days ago, and a few more within the first days, so that
  // the lists have numbered pages (perPage 2) that the window shifts.
  const recent = [1, 1.5, 2, 3, 10, 40, 400].map((age, i) =>
    item(`w${i}`, days(age), `窗口 ${age} 天`),
  );
  store.saveFeed(source, { title: null, link: null }, recent, fetchRecord(days(0)));
  const config = (maxAgeDays: number): Config => configFor('window', 'Tidings', maxAgeDays);
  const reference = (maxAgeDays: number): Config =>
    configFor('window-reference', 'Tidings', maxAgeDays);
  const out = config(0).site.outputDir;
  const itemPages = (): number => fs.readdirSync(path.join(out, 'items')).length;

  await buildFromStore(config(0), store);
  assert.equal(itemPages(), 9, "no window: every stored item (with openStore's two)");
  // 2.5 whole days back and a little more (to that day's midnight in Asia/Shanghai).
  for (const [maxAgeDays, shown] of [
    [30, 5],
    [5, 4],
    [60, 6],
    [0, 9],
  ] as const) {
    const report = await buildFromStore(config(maxAgeDays), store);
    assert.equal(itemPages(), shown, `maxAgeDays ${maxAgeDays}`);
    assert.ok(report.written > 0 && report.unchanged > 0, `${maxAgeDays}: an incremental build`);
    fs.rmSync(reference(0).site.outputDir, { recursive: true, force: true });
    await buildFromStore(reference(maxAgeDays), store, { full: true });
    const rebuilt = siteFiles(out);
    const full = siteFiles(reference(0).site.outputDir);
    assert.deepEqual([...rebuilt.files.keys()].sort(), [...full.files.keys()].sort());
    for (const [file, bytes] of full.files) {
      assert.ok(rebuilt.files.get(file)!.equals(bytes), `maxAgeDays ${maxAgeDays}: ${file}`);
    }
    assert.deepEqual(rebuilt.keys, full.keys, `maxAgeDays ${maxAgeDays}: manifest keys`);
  }
  assert.equal(store.listItemSummaries().length, 9, 'the store keeps every item');

  // The window shown: the home page counts and lists only its items, search has only theirs.
  await buildFromStore(config(5), store);
  const home = fs.readFileSync(path.join(out, 'index.html'), 'utf8');
  assert.match(home, /4 条/);
  const shownFiles = siteFiles(out).files;
  const holding = (text: string): string[] =>
    [...shownFiles].filter(([, bytes]) => bytes.includes(text)).map(([file]) => file);
  assert.ok(holding('标题 w3').length > 3, 'an item 3 days old is on pages, in feeds and search');
  // Not on any page, feed, sitemap or search file: every output is made from the window.
  assert.deepEqual(holding('标题 w4'), [], 'an item 10 days old is nowhere');
  assert.deepEqual(holding('窗口 400 天'), []);
  const mapped = [...shownFiles].filter(([file]) => /sitemap/.test(file)).map(([, b]) => String(b));
  assert.equal(mapped.join('').match(/\/items\//g)?.length, 4, 'sitemaps list the shown items');

  // A no-change rebuild stops early with a window too (the window moves only at midnight).
  assert.equal((await buildFromStore(config(5), store)).written, 0);

  // The item-page threads read the store file themselves: they skip what the window leaves out.
  fs.rmSync(out, { recursive: true, force: true });
  const threaded = await buildFromStore(config(5), store, {
    itemPageThreads: { threads: 2, minPages: 1 },
  });
  assert.ok(threaded.written > 0);
  assert.equal(itemPages(), 4);
  store.close();
});

test('a feed moved or renamed in the config is at its new place on the next build, unfetched', async () => {
  const store = openStore('moved');
  const other = { ...source, key: 'rsshub:/other', name: '其他' };
  store.saveFeed(
    other,
    { title: null, link: null },
    [item('c', '2021-12-23T00:00:00.000Z')],
    fetchRecord('2021-12-25T01:00:00.000Z'),
  );
  const base = configFor('moved');
  const out = base.site.outputDir;
  const places = [
    { key: source.key, category: '财经', site: '新浪', name: '国内新闻' },
    { key: other.key, category: other.category, site: other.site, name: other.name },
  ];
  const first = await buildFromStore({ ...base, sources: places }, store);
  assert.equal(first.unconfigured, undefined);
  const feedPage = path.join(out, 'categories', '财经', '新浪', '国内新闻', 'index.html');
  assert.match(fs.readFileSync(feedPage, 'utf8'), /标题 a/);
  const oldPlace = path.join(out, 'categories', '金融', '新浪财经', '新浪财经－国內');
  assert.ok(!fs.existsSync(oldPlace), 'the old place is gone');
  assert.ok(fs.existsSync(path.join(out, 'categories', '金融', '新浪财经', '其他', 'index.html')));

  // The other feed leaves the config: its items stay on the site, and the report says so.
  const report = await buildFromStore({ ...base, sources: places.slice(0, 1) }, store);
  assert.deepEqual(report.unconfigured, [
    { label: '金融 › 新浪财经 › 其他', key: 'rsshub:/other', items: 1 },
  ]);
  const otherPage = path.join(out, 'categories', '金融', '新浪财经', '其他', 'index.html');
  assert.match(fs.readFileSync(otherPage, 'utf8'), /标题 c/);
  // No longer fetched: not a subscription, no health to report.
  assert.doesNotMatch(fs.readFileSync(path.join(out, 'subscriptions.opml'), 'utf8'), /其他/);
  assert.match(fs.readFileSync(path.join(out, 'subscriptions.opml'), 'utf8'), /国内新闻/);
  assert.doesNotMatch(fs.readFileSync(path.join(out, 'health', 'index.html'), 'utf8'), /其他/);
  const status = JSON.parse(fs.readFileSync(path.join(out, 'status.json'), 'utf8')) as {
    feeds: { total: number };
    items: { total: number };
  };
  assert.deepEqual([status.feeds.total, status.items.total], [1, 2]);
  store.close();
});

test('an article two feeds carry (same link) is one card on the home page, in each feed on its own', async () => {
  const store = openStore('same-link');
  const other = { ...source, key: 'rsshub:/sina/finance/all', name: '全部' };
  // The same story as feed one's item b, seen later through the other route; and one of its own.
  store.saveFeed(
    other,
    { title: null, link: null },
    [
      { ...item('b', '2021-12-25T00:00:00.000Z'), key: 'other-b' },
      item('d', '2021-12-20T00:00:00.000Z'),
    ],
    fetchRecord('2021-12-25T02:00:00.000Z'),
  );
  const config = configFor('same-link');
  const out = config.site.outputDir;
  await buildFromStore(config, store);
  const cards = (file: string) =>
    fs.readFileSync(path.join(out, file), 'utf8').match(/标题 [a-d]/g) ?? [];
  assert.deepEqual(cards('index.html'), ['标题 b', '标题 a'], 'b once, then a');
  const atom = fs.readFileSync(path.join(out, 'atom.xml'), 'utf8');
  assert.equal(atom.match(/<title[^>]*>标题 b</g)?.length, 1);
  const otherFeed = path.join('categories', '金融', '新浪财经', '全部', 'index.html');
  assert.deepEqual(cards(otherFeed), ['标题 b', '标题 d'], 'the other feed lists its copy');
  assert.equal(fs.readdirSync(path.join(out, 'items')).length, 4, 'every stored item has its page');
  // Search lists it once too: the copy the home page links to (the other copy is not indexed).
  const manifest = JSON.parse(fs.readFileSync(path.join(out, 'search', 'index.json'), 'utf8'));
  assert.equal(manifest.documents, 3);
  const rows: string[][] = JSON.parse(fs.readFileSync(path.join(out, 'search', 'd', '0.json'), 'utf8')); // prettier-ignore
  const b = rows.filter((row) => row[1] === '标题 b');
  assert.equal(b.length, 1, 'b is one document');
  assert.ok(
    fs.readFileSync(path.join(out, 'index.html'), 'utf8').includes(b[0]![0]!),
    'the listed copy',
  );
  store.close();
});

test('a static file replaced by one of the same size and modification time is copied (tar, cp -p, rsync -t)', async () => {
  const store = openStore('static-swap');
  const config = configFor('static-swap');
  const staticDir = path.join(dir, 'static-swap', 'static');
  fs.mkdirSync(staticDir);
  config.site.staticDir = staticDir;
  const logo = path.join(staticDir, 'logo.txt');
  const copied = path.join(config.site.outputDir, 'logo.txt');
  const mtime = new Date('2024-05-01T12:00:00.000Z');
  fs.writeFileSync(logo, 'version 1\n');
  fs.utimesSync(logo, mtime, mtime);
  await buildFromStore(config, store);
  assert.equal(fs.readFileSync(copied, 'utf8'), 'version 1\n');

  // As rsync -t and tar do: a new file, renamed over the old one, given the old one's times.
  const replacement = path.join(staticDir, '.logo.txt.new');
  fs.writeFileSync(replacement, 'version 2\n');
  fs.utimesSync(replacement, mtime, mtime);
  fs.renameSync(replacement, logo);
  const second = await buildFromStore(config, store);
  assert.equal(fs.readFileSync(copied, 'utf8'), 'version 2\n');
  assert.equal(second.written, 1);

  // As cp -p does: the same file (inode) rewritten in place, its time put back.
  fs.writeFileSync(logo, 'version 3\n');
  fs.utimesSync(logo, mtime, mtime);
  await buildFromStore(config, store);
  assert.equal(fs.readFileSync(copied, 'utf8'), 'version 3\n');

  // Nothing changed: nothing read, nothing written.
  const third = await buildFromStore(config, store);
  assert.equal(third.written, 0);
  store.close();
});

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import type { SiteSettings } from '../../src/config/config.js';
import type { Item } from '../../src/content/item.js';
import { loadSiteModel } from '../../src/site/build-from-store.js';
import { buildSite, type BuildOptions } from '../../src/site/build-site.js';
import { ItemPageThreads } from '../../src/site/item-page-threads.js';
import { labelsFor } from '../../src/site/labels.js';
import { isFileSystemError } from '../../src/site/site-output-error.js';
import { buildSiteStructure } from '../../src/site/site-structure.js';
import type { SiteModel } from '../../src/site/site-model.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import type { Store } from '../../src/store/store.js';
import type { FeedSource } from '../../src/sources/feed-source.js';
import { fetchedAt, sinaFinanceSource } from '../support/sample-source.js';
import { siteTree } from '../support/site-tree.js';

// Item pages written by worker threads (item-page-threads.ts) from a real store: the same
// bytes as the main thread writes, every build path (full, over an old site, incremental),
// and a thread that fails fails the build and leaves the old site whole.

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-item-threads-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

const sources: FeedSource[] = [
  sinaFinanceSource,
  { ...sinaFinanceSource, key: 'rsshub:/other', name: '其他', site: '东方财富' },
];

function item(n: number, body = `正文 ${n}`): Item {
  return {
    key: `item-${String(n).padStart(3, '0')}`,
    title: `标题 ${n} <b>&</b>`,
    link: `https://example.com/${n}`,
    published: new Date(Date.UTC(2021, 11, 1) + n * 3_600_000).toISOString(),
    publishedText: null,
    updated: null,
    author: n % 3 === 0 ? null : '记者',
    // Images, a control character and a C1 control: both paths of item-page-bytes.ts.
    contentHtml:
      n % 5 === 0
        ? `<p>${body}\u0001\u0085</p>`
        : `<p>${body}</p><img src="https://n.sinaimg.cn/${n}.jpg" alt="图 ${n}">`,
    sourceHtml: `<p>${body}</p>`,
    excerpt: body,
    text: body,
    readingMinutes: 1,
    image: n % 2 === 0 ? `https://n.sinaimg.cn/lead-${n}.jpg` : null,
    categories: [],
  };
}

const fetchRecord = fetchedAt;

function openStore(name: string, count = 40): Store {
  fs.mkdirSync(path.join(dir, name), { recursive: true });
  const store = openSqliteStore(path.join(dir, name, 'store.db'));
  sources.forEach((source, s) => {
    const items = Array.from({ length: count }, (_, i) => i).filter((i) => i % 2 === s);
    store.saveFeed(source, { title: null, link: null }, items.map((i) => item(i)), fetchRecord('2021-12-25T01:00:00.000Z')); // prettier-ignore
  });
  return store;
}

function settingsFor(output: string, more: Partial<SiteSettings> = {}): SiteSettings {
  return {
    ...more,
    title: 'Tidings',
    description: '',
    url: 'https://example.github.io/news',
    language: 'zh-CN',
    timeZone: 'Asia/Shanghai',
    perPage: 5,
    maxAgeDays: 0,
    outputDir: output,
    permalink: 'items/:id.html',
    staticDir: null,
  };
}

function model(
  store: Store,
  output: string,
  threaded = true,
  more: Partial<SiteSettings> = {},
): SiteModel {
  const loaded = loadSiteModel({ site: settingsFor(output, more) } as never, store);
  if (threaded) return loaded;
  delete loaded.storeFile;
  return loaded;
}

const threads = (count: number): BuildOptions => ({
  itemPageThreads: { threads: count, minPages: 1 },
});

function assertSameTree(actual: string, expected: string): void {
  const a = siteTree(actual);
  const b = siteTree(expected);
  assert.deepEqual([...a.keys()].sort(), [...b.keys()].sort());
  for (const [file, bytes] of b) assert.ok(a.get(file)?.equals(bytes), `${file} differs`);
}

function itemPages(output: string): string[] {
  return fs.readdirSync(path.join(output, 'items')).map((name) => path.join(output, 'items', name));
}

test('item pages written by threads are the bytes the main thread writes', async () => {
  const store = openStore('same-bytes');
  try {
    const mainOut = path.join(dir, 'same-bytes', 'main');
    const threadOut = path.join(dir, 'same-bytes', 'threads');
    const onMain = await buildSite(model(store, mainOut, false), threads(2));
    const progress: number[] = [];
    const threaded = await buildSite(model(store, threadOut), {
      ...threads(3),
      onProgress: ({ done, total }) => {
        assert.ok(done <= total);
        progress.push(done);
      },
    });
    assert.equal(itemPages(threadOut).length, 40);
    assertSameTree(threadOut, mainOut);
    assert.equal(threaded.written, onMain.written);
    assert.equal(progress.at(-1), threaded.written + threaded.unchanged);
    assert.deepEqual(
      fs.readdirSync(path.dirname(threadOut)).filter((name) => name.includes('tidings-')),
      [],
      'no staging folder left',
    );
  } finally {
    store.close();
  }
});

test('through an image proxy, threads write the bytes the main thread writes', async () => {
  const store = openStore('proxied');
  try {
    const proxy = { imageProxy: { url: 'https://wsrv.nl/?url={url}', hosts: ['sinaimg.cn'] } };
    const mainOut = path.join(dir, 'proxied', 'main');
    const threadOut = path.join(dir, 'proxied', 'threads');
    await buildSite(model(store, mainOut, false, proxy), threads(2));
    await buildSite(model(store, threadOut, true, proxy), threads(2));
    assertSameTree(threadOut, mainOut);
    const pages = itemPages(threadOut).map((file) => fs.readFileSync(file, 'utf8'));
    const images = pages.join('').match(/<img src="[^"]*"/g) ?? [];
    // 32 content images (every item but each fifth) and 4 lead images (even items without one).
    assert.equal(images.length, 36);
    for (const image of images) assert.match(image, /^<img src="https:\/\/wsrv\.nl\/\?url=https%3A%2F%2Fn\.sinaimg\.cn%2F/); // prettier-ignore
    const home = fs.readFileSync(path.join(threadOut, 'index.html'), 'utf8');
    assert.match(home, /<img src="https:\/\/wsrv\.nl\/\?url=https%3A%2F%2Fn\.sinaimg\.cn%2Flead-/);
    // The feeds out keep the items' own image URLs.
    assert.doesNotMatch(fs.readFileSync(path.join(threadOut, 'atom.xml'), 'utf8'), /wsrv/);
    assert.match(fs.readFileSync(path.join(threadOut, 'atom.xml'), 'utf8'), /n\.sinaimg\.cn/);
  } finally {
    store.close();
  }
});

test('a full build over the old site links unchanged item pages and writes changed ones', async () => {
  const store = openStore('relink');
  try {
    const output = path.join(dir, 'relink', 'public');
    await buildSite(model(store, output), threads(2));
    const inode = (file: string): number => fs.statSync(file).ino;
    const before = new Map(itemPages(output).map((file) => [path.basename(file), inode(file)]));
    // Item 7 gets new content; its page changes, and no other (its neighbours link by title).
    store.saveFeed(sources[1]!, { title: null, link: null }, [item(7, '改过的正文')], fetchRecord('2021-12-26T01:00:00.000Z')); // prettier-ignore
    const report = await buildSite(model(store, output), { ...threads(2), full: true });
    const changed = itemPages(output).filter((file) => before.get(path.basename(file)) !== inode(file)); // prettier-ignore
    assert.equal(changed.length, 1);
    assert.match(fs.readFileSync(changed[0]!, 'utf8'), /改过的正文/);
    assert.ok(report.unchanged >= 39);
    const fresh = path.join(dir, 'relink', 'fresh');
    await buildSite(model(store, fresh, false));
    assertSameTree(output, fresh);
  } finally {
    store.close();
  }
});

test('an incremental build writes changed item pages on threads and moves only those', async () => {
  const store = openStore('incremental');
  try {
    const output = path.join(dir, 'incremental', 'public');
    await buildSite(model(store, output), threads(2));
    // New content for every item of one feed: 20 item pages to render again.
    store.saveFeed(sources[0]!, { title: null, link: null }, Array.from({ length: 20 }, (_, i) => item(i * 2, `新的 ${i}`)), fetchRecord('2021-12-26T01:00:00.000Z')); // prettier-ignore
    const report = await buildSite(model(store, output), threads(2));
    assert.ok(report.written >= 20, `written ${report.written}`);
    const fresh = path.join(dir, 'incremental', 'fresh');
    await buildSite(model(store, fresh, false));
    assertSameTree(output, fresh);
  } finally {
    store.close();
  }
});

test('a thread that cannot read the store fails the build and leaves the old site whole', async () => {
  const store = openStore('fails');
  try {
    const output = path.join(dir, 'fails', 'public');
    await buildSite(model(store, output), threads(2));
    const before = siteTree(output);
    const broken: SiteModel = { ...model(store, output), storeFile: path.join(dir, 'missing.db') };
    for (const full of [true, false]) {
      // A full build, and an incremental one with every item page to write (a new title).
      const settings = { ...broken.settings, title: full ? 'Tidings' : 'Renamed' };
      await assert.rejects(
        buildSite({ ...broken, settings }, { ...threads(2), full }),
        /Writing item pages on a worker thread failed: .*missing\.db: cannot open the store/,
      );
      assertSameTree(output, output); // still readable
      assert.deepEqual([...siteTree(output).keys()].sort(), [...before.keys()].sort());
      for (const [file, bytes] of before) assert.ok(siteTree(output).get(file)?.equals(bytes));
      assert.deepEqual(
        fs.readdirSync(path.dirname(output)).filter((name) => name.includes('tidings-')),
        [],
        'no staging folder left',
      );
    }
  } finally {
    store.close();
  }
});

test('below the page threshold, item pages stay on the main thread', async () => {
  const store = openStore('threshold', 6);
  try {
    const output = path.join(dir, 'threshold', 'public');
    // A store file that cannot be opened: a thread would fail the build; the main thread does not.
    const report = await buildSite(
      { ...model(store, output), storeFile: path.join(dir, 'missing.db') },
      { itemPageThreads: { threads: 2, minPages: 7 } },
    );
    assert.equal(itemPages(output).length, 6);
    assert.ok(report.written > 6);
  } finally {
    store.close();
  }
});

/** The process's OS threads (Linux): a worker thread that has not ended is one of them. */
function osThreads(): number {
  return fs.readdirSync('/proc/self/task').length;
}

test('threads started before planning end when the build fails before they get pages', async () => {
  const store = openStore('dismissed');
  try {
    const output = path.join(dir, 'dismissed', 'public');
    await fs.promises.mkdir(path.dirname(output), { recursive: true }); // start libuv's pool now
    const baseline = osThreads();
    // A full build (no manifest) starts its item-page threads first; a missing static folder
    // then fails it while planning, before any thread was handed its pages.
    const settings = { ...settingsFor(output), staticDir: path.join(dir, 'no-such-static') };
    await assert.rejects(
      buildSite({ ...model(store, output), settings }, threads(2)),
      /site\.static: .*no-such-static: no such folder/,
    );
    const deadline = Date.now() + 10_000;
    while (osThreads() > baseline && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.ok(osThreads() <= baseline, `${osThreads() - baseline} thread(s) left running`);
  } finally {
    store.close();
  }
});

test("a file-system error on a thread comes back as one (its code), not as a thread's stack", async () => {
  const store = openStore('refused');
  try {
    const output = path.join(dir, 'refused', 'public');
    const loaded = model(store, output);
    const structure = buildSiteStructure(loaded, labelsFor('zh-CN'));
    const group = new ItemPageThreads({
      settings: loaded.settings,
      styleVersion: 'test',
      storeFile: loaded.storeFile!,
      shownSince: null,
      threads: 1,
      minPages: 1,
    });
    for (const view of structure.items) group.add(view);
    // The staging folder given lies under a file: the thread's first mkdir fails (ENOTDIR).
    const aFile = path.join(dir, 'refused', 'a-file');
    fs.writeFileSync(aFile, '');
    const paths = structure.items.map((view) => view.path);
    const write = group.start(paths, { folder: path.join(aFile, 'staging'), old: null, same: 'link' }); // prettier-ignore
    const error: unknown = await write.done.then(
      () => assert.fail('the write should fail'),
      (failure: unknown) => failure,
    );
    assert.ok(isFileSystemError(error), String(error));
    assert.equal(error.code, 'ENOTDIR');
    assert.doesNotMatch(error.message, /worker thread failed|\n\s+at /);
  } finally {
    store.close();
  }
});

test('pages sent to threads in many runs are the bytes the main thread writes', async () => {
  // A thread takes its pages a run at a time (ITEM_PAGE_CHUNK), so neither thread holds all of
  // them; runs of 3 pages cut each thread's share into many, the last one short.
  const store = openStore('runs');
  try {
    const mainOut = path.join(dir, 'runs', 'main');
    const threadOut = path.join(dir, 'runs', 'threads');
    await buildSite(model(store, mainOut, false), threads(2));
    await buildSite(model(store, threadOut), {
      itemPageThreads: { threads: 2, minPages: 1, chunkPages: 3 },
    });
    assert.equal(itemPages(threadOut).length, 40);
    assertSameTree(threadOut, mainOut);
  } finally {
    store.close();
  }
});

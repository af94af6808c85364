import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SiteModel } from '../../src/site/site-model.js';
import type { StoredFeed, StoredItem } from '../../src/store/store.js';

const tempDirs: string[] = [];

/** A fresh, empty temporary folder whose `public` child is the output folder. */
export async function tempOutputDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tidings-site-'));
  tempDirs.push(dir);
  return join(dir, 'public');
}

/** Removes the folders made by tempOutputDir; call from an `after` hook. */
export async function removeTempDirs(): Promise<void> {
  await Promise.all(tempDirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}

export function feed(overrides: Partial<StoredFeed> & Pick<StoredFeed, 'key'>): StoredFeed {
  return {
    category: '金融',
    site: '新浪财经',
    name: '新浪财经－国內',
    location: 'https://rsshub.app/sina/finance',
    title: '新浪财经－国內',
    link: 'https://finance.sina.com.cn/china/',
    lastFetchedAt: '2021-12-25T00:10:00.000Z',
    lastSuccessAt: '2021-12-25T00:10:00.000Z',
    lastError: null,
    lastErrorKind: null,
    consecutiveFailures: 0,
    nextDueAt: null,
    gone: false,
    movedTo: null,
    itemCount: 0,
    ...overrides,
  };
}

export function item(
  overrides: Partial<StoredItem> & Pick<StoredItem, 'key' | 'feedKey'>,
): StoredItem {
  return {
    title: 'Untitled',
    link: `https://example.com/${encodeURIComponent(overrides.key)}`,
    published: '2021-12-25T00:03:46.000Z',
    publishedText: 'Sat, 25 Dec 2021 00:03:46 GMT',
    updated: null,
    author: null,
    contentHtml: '<p>Body</p>',
    sourceHtml: '<p>Body</p>',
    excerpt: 'Body',
    text: 'Body',
    readingMinutes: 1,
    image: null,
    categories: [],
    firstSeen: '2021-12-25T00:10:00.000Z',
    changedAt: '2021-12-25T00:10:00.000Z',
    ...overrides,
  };
}

export const SINA = 'rsshub:/sina/finance';
export const HN = 'url:https://news.ycombinator.com/rss';
/** A feed whose names hold every character that is unsafe in paths. */
export const ODD = 'url:https://example.org/odd.xml';

/**
 * A small site: Chinese and English items, some with lead images, content with <img> tags
 * lacking referrerpolicy, names with unsafe characters, an HTML-looking title.
 */
export function sampleModel(
  outputDir: string,
  extraItems: StoredItem[] = [],
): ReturnType<typeof modelOf> {
  const items: StoredItem[] = [
    item({
      key: 'https://finance.sina.com.cn/china/1.shtml',
      feedKey: SINA,
      title: '工信部部长肖亚庆：提升制造业核心竞争力 确保工业经济平稳运行',
      published: '2021-12-25T00:03:46.000Z',
      author: '新浪财经',
      contentHtml:
        '<div><p>　　原标题：提升制造业核心竞争力</p><img src="https://n.sinaimg.cn/finance/cece9e13/20200514/343233024.png" alt="图"><p>正文 &lt;b&gt;</p></div>',
      excerpt: '原标题：提升制造业核心竞争力',
      image: 'https://n.sinaimg.cn/finance/cece9e13/20200514/343233024.png',
      categories: ['宏观'],
    }),
    item({
      key: 'hn-1',
      feedKey: HN,
      title: 'Show HN: <script>alert("x")</script> & friends',
      published: '2021-12-24T20:00:00.000Z',
      contentHtml:
        '<p>Hello <img src=\'https://i.example.com/a.png\' referrerpolicy="origin"/></p>',
      excerpt: 'Hello & goodbye',
      image: 'https://i.example.com/a.png',
    }),
    item({
      key: 'odd-1',
      feedKey: ODD,
      title: 'Odd names',
      published: null,
      firstSeen: '2021-12-24T10:00:00.000Z',
      contentHtml: '<p>No image. Control\u0001char and \uFFFF.</p>',
      excerpt: 'No image',
    }),
    item({
      key: 'https://finance.sina.com.cn/china/2.shtml',
      feedKey: SINA,
      title: '央行：保持流动性合理充裕',
      published: '2021-12-24T08:00:00.000Z',
      contentHtml:
        '<p>图片 <IMG SRC="https://n.sinaimg.cn/x.jpg" loading="eager" title="a > b"></p>',
      excerpt: '保持流动性合理充裕',
    }),
    ...extraItems,
  ];
  items.sort((a, b) => (b.published ?? b.firstSeen).localeCompare(a.published ?? a.firstSeen));
  return modelOf(outputDir, items);
}

/** The sample site's settings and feeds with these items (newest first); content from memory. */
export function modelOf(
  outputDir: string,
  items: StoredItem[],
): Omit<SiteModel, 'items'> & { items: StoredItem[] } {
  const contents = new Map(items.map((i) => [`${i.feedKey}\0${i.key}`, i.contentHtml]));
  const texts = new Map(items.map((i) => [`${i.feedKey}\0${i.key}`, i.text]));
  return {
    settings: {
      title: 'Tidings <News>',
      description: '每日新闻 & more',
      url: 'https://example.github.io/news',
      language: 'zh-CN',
      timeZone: 'Asia/Shanghai',
      perPage: 2,
      maxAgeDays: 0,
      outputDir,
      permalink: 'items/:id.html',
      staticDir: null,
    },
    feeds: [
      feed({ key: SINA }),
      feed({
        key: HN,
        category: 'Tech',
        site: 'Hacker News',
        name: 'Front page',
        link: 'https://news.ycombinator.com/',
      }),
      feed({
        key: ODD,
        category: '科技/数码',
        site: '..hidden: site*?',
        name: 'a "quoted" <feed> | name\u0007',
        link: 'javascript:alert(1)',
        lastError: 'HTTP 503 <oops>',
      }),
    ],
    items,
    readContent: (feedKey, key) => contents.get(`${feedKey}\0${key}`) ?? '',
    readText: (feedKey, key) => texts.get(`${feedKey}\0${key}`) ?? '',
    shownSince: null,
  };
}

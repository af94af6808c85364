import type { StoredFeed, StoredItem } from '../../src/store/store.js';

/** One stored RSSHub feed for the Hexo export tests: its posts go to 新媒体/Test Site/快讯. */
export const exportedFeed: StoredFeed = {
  key: 'rsshub:/test',
  category: '新媒体',
  site: 'Test Site',
  name: '快讯',
  location: '/test',
  title: null,
  link: null,
  lastFetchedAt: null,
  lastSuccessAt: null,
  lastError: null,
  lastErrorKind: null,
  itemCount: 0,
  consecutiveFailures: 0,
  nextDueAt: null,
  gone: false,
  movedTo: null,
};

/** A stored item of that feed, dated as an RSSHub item is; `extra` overrides any field. */
export function exportedItem(
  key: string,
  title: string,
  extra: Partial<StoredItem> = {},
): StoredItem {
  return {
    feedKey: exportedFeed.key,
    key,
    title,
    link: null,
    published: '2022-07-31T06:13:25.000Z',
    publishedText: 'Sun, 31 Jul 2022 06:13:25 GMT',
    updated: null,
    author: null,
    contentHtml: '',
    sourceHtml: `<p>${title}</p>`,
    excerpt: '',
    text: '',
    readingMinutes: 0,
    image: null,
    categories: [],
    firstSeen: '2022-08-01T00:00:00.000Z',
    changedAt: '2022-08-01T00:00:00.000Z',
    ...extra,
  };
}

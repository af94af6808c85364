import type { FeedSource } from '../../src/sources/feed-source.js';
import type { FetchRecord } from '../../src/store/store.js';

/** One RSSHub feed as the config would give it, for tests that store items. */
export const sinaFinanceSource: FeedSource = {
  key: 'rsshub:/sina/finance',
  category: '金融',
  site: '新浪财经',
  name: '新浪财经－国內',
  location: { kind: 'url', url: 'http://127.0.0.1:1200/sina/finance' },
  timeZone: 'Asia/Shanghai',
  interval: null,
};

/** A successful fetch at `at` with no validators, due again at once: what most store tests save. */
export function fetchedAt(at: string): FetchRecord {
  return { at, etag: null, lastModified: null, bodyHash: null, movedTo: null, nextDueAt: at };
}

import { readFileSync, rmSync } from 'node:fs';
import { prepareFeed } from '../dist/content/prepare-feed.js';
import { openSqliteStore } from '../dist/store/sqlite-store.js';
const bodies = Array.from({ length: 200 }, (_, i) => readFileSync(`/tmp/fb/f${i}.xml`));
const prepared = bodies.map((body) => prepareFeed({ body, webUrl: 'http://127.0.0.1/x.xml', charset: null, timeZone: 'UTC' }));
const db = '/tmp/fb/store-bench/t.db'; rmSync('/tmp/fb/store-bench', { recursive: true, force: true });
const store = openSqliteStore(db);
const at = new Date().toISOString();
const t = performance.now(); const c0 = process.cpuUsage();
for (let n = 0; n < 1000; n++) {
  const feed = prepared[n % 200];
  const items = feed.items.map((item) => ({ ...item, key: `${n}-${item.key}` }));
  const source = { key: `feed-${n}`, category: 'B', site: 'S', name: `F${n}`, location: { kind: 'url', url: `http://127.0.0.1/feed/${n}.xml` }, timeZone: 'UTC' };
  store.saveFeed(source, { title: feed.title, link: feed.link }, items, { at, etag: '"x"', lastModified: null, bodyHash: 'h' + n, movedTo: null, nextDueAt: at });
}
const c = process.cpuUsage(c0);
console.log('saveFeed ×1000:', (performance.now() - t).toFixed(0), 'ms wall', ((c.user + c.system) / 1000).toFixed(0), 'ms cpu');
store.close();

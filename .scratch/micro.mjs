import { readFileSync } from 'node:fs';
import { parseFeed } from '../dist/parse/index.js';
import { prepareItem } from '../dist/content/prepare-item.js';
import { cleanHtml } from '../dist/content/clean-html.js';
import { sanitizeHtml } from '../dist/content/sanitize-html.js';
import { htmlToText } from '../dist/content/html-to-text.js';
import { openSqliteStore } from '../dist/store/sqlite-store.js';
const bodies = Array.from({ length: 200 }, (_, i) => readFileSync(`/tmp/fb/f${i}.xml`));
function t(name, fn, reps = 3) {
  let best = Infinity, r;
  for (let k = 0; k < reps; k++) { const s = performance.now(); r = fn(); best = Math.min(best, performance.now() - s); }
  console.log(name.padEnd(20), (best / 200).toFixed(3), 'ms/feed');
  return r;
}
const feeds = t('parse', () => bodies.map((b) => parseFeed(b, { baseUrl: 'http://x/' })));
const items = feeds.flatMap((f) => f.items);
t('prepare', () => items.map((p) => prepareItem(p, { baseUrl: 'http://127.0.0.1/feed.xml' })));
const cleaned = t('clean', () => items.map((p) => cleanHtml(p.content ?? p.summary ?? '').html));
const san = t('sanitize', () => cleaned.map((h) => sanitizeHtml(h, 'http://news.example/x')));
t('text', () => san.map((h) => htmlToText(h)));

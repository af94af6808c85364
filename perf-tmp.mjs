import { openSqliteStore } from './dist/store/sqlite-store.js';
import { buildFromStore } from './dist/pipeline.js';
import fs from 'node:fs';
const N = Number(process.argv[2] ?? 10000);
const dir = `/tmp/tidings-perf-${N}`;
const fresh = !fs.existsSync(`${dir}/store.db`);
fs.mkdirSync(dir, { recursive: true });
const store = openSqliteStore(`${dir}/store.db`);
const zh = '制造业核心竞争力确保工业经济平稳运行，各地区各部门持续推进高质量发展，市场预期总体稳定。';
const en = 'The quick brown fox jumps over the lazy dog while markets rally on strong earnings. ';
const feedsN = 200;
const sources = Array.from({ length: feedsN }, (_, f) => ({ key: `feed-${f}`, category: `分类${f % 12}`, site: `站点${f % 60}`, name: `源${f}`, location: { kind: 'url', url: `https://rsshub.app/r/${f}` } }));
function items(f, from, count) {
  return Array.from({ length: count }, (_, i) => {
    const n = from + i; const body = (n % 2 ? zh : en).repeat(20 + (n % 100));
    return { key: `k${n}`, title: `标题 ${n} ${n % 2 ? '新闻' : 'news'}`, link: `https://example.com/${f}/${n}`, published: new Date(Date.UTC(2025, 0, 1) + n * 600000).toISOString(), publishedText: null, updated: null, author: 'A', contentHtml: `<p>${body}</p><img src="https://img.example.com/${n}.jpg" alt="">`, sourceHtml: '', excerpt: body.slice(0, 140), text: body, readingMinutes: 3, image: `https://img.example.com/${n}.jpg`, categories: ['x'] };
  });
}
const rec = (at) => ({ at, etag: null, lastModified: null, bodyHash: null, movedTo: null, nextDueAt: at });
if (fresh) {
  const per = N / feedsN;
  for (let f = 0; f < feedsN; f++) store.saveFeed(sources[f], { title: null, link: null }, items(f, f * per * 1 + 0, 0).concat(Array.from({length: per}, (_, i) => items(f, i * feedsN + f, 1)[0])), rec('2025-06-01T00:00:00.000Z'));
}
const config = { site: { title: 'Perf', description: '', url: 'http://localhost:4000', language: 'zh-CN', timeZone: 'Asia/Shanghai', perPage: 100, outputDir: `${dir}/public`, permalink: 'items/:id.html', staticDir: null } };
const step = async (label, opts) => { const t = performance.now(); const r = await buildFromStore(config, store, opts); console.log(label, Math.round(performance.now() - t), 'ms', r.written, 'written', r.unchanged, 'unchanged', 'rss MB', Math.round(process.memoryUsage().rss / 1e6)); };
if (process.argv[3] === 'add') {
  for (let i = 0; i < 100; i++) { const f = i % feedsN; store.saveFeed(sources[f], { title: null, link: null }, items(f, N * 10 + Date.now() % 100000 * 100 + i, 1), rec(new Date().toISOString())); }
  await step('after +100', {});
} else {
  await step(process.argv[3] ?? 'build', process.argv[3] === 'full' ? { full: true } : {});
}
store.close();

import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { stringify } from 'yaml';
import { ArticleWriter, SeededRandom } from './corpus-text.js';
import { loadDist } from './build-dist.js';
import type { ParsedItem } from '../src/parse/parsed-feed.js';
import type { FeedSource } from '../src/sources/feed-source.js';

/**
 * The build benchmark's corpus: N items written straight into a Tidings SQLite store
 * through the project's own `prepareItem` and `saveFeed` (so the store holds exactly what
 * `tidings update` would have stored), plus a config file pointing at it, in
 * `bench/.corpus/n<N>/` (gitignored). Deterministic: item i is a function of i alone (its
 * own seeded generator, no clock), so every N gives the same items, and N = 1,000 is the
 * first 1,000 of N = 10,000.
 *
 * Run alone: `node --import tsx bench/generate-corpus.ts 1000` (after `npm run build`).
 */

/** Bump when the generated items change, so cached corpora are made again. */
export const CORPUS_VERSION = 1;
const SEED = 0x7d1d1e5;

const CATEGORIES = ['金融', '科技', '新媒体', '二次元', '社交媒体', '游戏', '新闻', '科学', '国际', '编程']; // prettier-ignore
const SITES = [
  '新浪财经', '东方财富', '华尔街见闻', '第一财经', '财新网',
  '36氪', '虎嗅', '钛媒体', '少数派', '爱范儿',
  'IT之家', 'cnBeta', '极客公园', '雷锋网', '品玩',
  'Bangumi', 'AcFun', '哔哩哔哩', '萌娘百科', 'Animen',
  '知乎', '微博', '豆瓣', '即刻', '小红书',
  '游民星空', '机核', '触乐', '3DM', '游研社',
  '人民网', '新华网', '澎湃新闻', '界面新闻', '南方周末',
  '中国天气网', '果壳', '科学网', '环球科学', '知识分子',
  'BBC 中文', '联合早报', '路透中文网', '纽约时报中文网', '德国之声',
  'Hacker News', 'GitHub Trending', 'V2EX', 'Solidot', 'InfoQ',
]; // prettier-ignore
const FEED_KINDS = ['最新', '要闻', '快讯', '专栏'];
const SITES_PER_CATEGORY = 5;

/** Items are dated over these two years; items added later are newer than all of them. */
const SPAN_START = Date.UTC(2024, 10, 1);
const SPAN_END = Date.UTC(2026, 10, 1);

export interface CorpusFeed {
  category: string;
  site: string;
  name: string;
  /** The feed's RSSHub route, its key in the store (`rsshub:<route>`). Never fetched. */
  route: string;
  /** How many items it gets relative to the others (feeds differ, as real ones do). */
  weight: number;
}

/** 10 categories × 5 sites × 4 feeds: the category › site › feed tree of the old system. */
export function corpusFeeds(): CorpusFeed[] {
  const feeds: CorpusFeed[] = [];
  CATEGORIES.forEach((category, c) => {
    for (let s = 0; s < SITES_PER_CATEGORY; s++) {
      const site = SITES[c * SITES_PER_CATEGORY + s] as string;
      FEED_KINDS.forEach((kind, f) => {
        const index = feeds.length;
        feeds.push({
          category,
          site,
          name: `${site}－${kind}`,
          route: `/bench/c${c}/s${s}/f${f}`,
          weight: 1 + ((index * 7919) % 10),
        });
      });
    }
  });
  return feeds;
}

const FEEDS = corpusFeeds();
const WEIGHT_TOTAL = FEEDS.reduce((sum, feed) => sum + feed.weight, 0);

function pickFeed(random: SeededRandom): number {
  let roll = random.next() * WEIGHT_TOTAL;
  for (let i = 0; i < FEEDS.length; i++) {
    roll -= (FEEDS[i] as CorpusFeed).weight;
    if (roll < 0) return i;
  }
  return FEEDS.length - 1;
}

export interface CorpusItem {
  feed: number;
  parsed: ParsedItem;
}

/**
 * Item `index`, as a parser would have returned it. `dateMs` overrides its date (items
 * added after the corpus are dated after the span); otherwise it falls somewhere in the
 * span, and about 1 in 100 items has no date at all.
 */
export function corpusItem(index: number, dateMs?: number): CorpusItem {
  const random = new SeededRandom(Math.imul(index + 1, 0x9e3779b1) ^ SEED);
  const writer = new ArticleWriter(random);
  const feed = pickFeed(random);
  const source = FEEDS[feed] as CorpusFeed;
  const dated = dateMs !== undefined || !random.chance(0.01);
  const ms = dateMs ?? SPAN_START + Math.floor(random.next() * ((SPAN_END - SPAN_START) / 1000)) * 1000; // prettier-ignore
  const date = dated ? new Date(ms) : null;
  const title = writer.title();
  const { html } = writer.articleHtml(random.int(2000, 11600));
  const link = `https://www.example-news.cn${source.route}/${index}.html`;
  const author = random.chance(0.8)
    ? random.pick([source.site, `${source.site}记者`, '王磊', '李娜', 'Reuters', 'Jane Doe'])
    : null;
  return {
    feed,
    parsed: {
      id: link,
      title,
      link,
      published: date ? date.toISOString() : null,
      // As RSS writes it, which is what the old Hexo posts carried verbatim.
      publishedText: date ? date.toUTCString() : null,
      updated: null,
      author,
      summary: null,
      content: html,
      categories: [],
      enclosures: [],
      image: null,
    },
  };
}

export interface Corpus {
  n: number;
  dir: string;
  configPath: string;
  /** The generated store, never built from: each run copies it to `workStorePath`. */
  pristineStorePath: string;
  /** The store the config points at. */
  workStorePath: string;
  /** Body HTML sizes in bytes (min, mean, max), for the report. */
  bodyBytes: { min: number; mean: number; max: number };
}

const here = fileURLToPath(new URL('.', import.meta.url));
/** Where corpora are generated and kept unless a run names another folder (bench:build --corpus-root). */
export const CORPUS_ROOT = join(here, '.corpus');

/** What a corpus folder holds before any build: the rest (outputs, work store) is made by runs. */
const CORPUS_FILES = ['corpus.json', 'corpus.db', 'tidings.yaml'];

/** The corpus site's settings, as its tidings.yaml gives them (also used where no config is read). */
export const CORPUS_SITE = {
  title: 'Tidings build benchmark',
  description: '生成的基准测试语料 / generated benchmark corpus',
  url: 'http://localhost:4000',
  language: 'zh-CN',
  timezone: 'Asia/Shanghai',
  perPage: 100,
  output: 'public',
} as const;

function configYaml(): string {
  const byCategory = new Map<string, Map<string, CorpusFeed[]>>();
  for (const feed of FEEDS) {
    const sites = byCategory.get(feed.category) ?? new Map<string, CorpusFeed[]>();
    byCategory.set(feed.category, sites);
    sites.set(feed.site, [...(sites.get(feed.site) ?? []), feed]);
  }
  const config = {
    site: CORPUS_SITE,
    store: 'tidings.db',
    // Never contacted: the items are written into the store directly.
    rsshub: { instance: 'http://127.0.0.1:1200' },
    sources: [...byCategory].map(([category, sites]) => ({
      category,
      sites: [...sites].map(([name, feeds]) => ({
        name,
        feeds: feeds.map((feed) => ({ name: feed.name, rsshub: feed.route })),
      })),
    })),
  };
  return '# Generated by bench/generate-corpus.ts; do not edit.\n' + stringify(config);
}

interface Marker {
  version: number;
  n: number;
  bodyBytes: Corpus['bodyBytes'];
}

/** Writes items [from, from + count) into the store, in batches as `tidings update` would. */
export async function writeItems(
  configPath: string,
  storePath: string,
  from: number,
  count: number,
  dateFor: (index: number) => number | undefined = () => undefined,
): Promise<Corpus['bodyBytes']> {
  const { loadConfig, openSqliteStore, prepareItem } = await loadDist();
  const sources = new Map<string, FeedSource>(
    loadConfig(configPath).sources.map((source) => [source.key, source]),
  );
  const store = openSqliteStore(storePath);
  const sizes = { min: Infinity, total: 0, max: 0 };
  const BATCH = 2000;
  try {
    for (let start = from; start < from + count; start += BATCH) {
      const end = Math.min(start + BATCH, from + count);
      const byFeed = new Map<number, ParsedItem[]>();
      let newest = 0;
      for (let index = start; index < end; index++) {
        const item = corpusItem(index, dateFor(index));
        byFeed.set(item.feed, [...(byFeed.get(item.feed) ?? []), item.parsed]);
        const bytes = Buffer.byteLength(item.parsed.content ?? '');
        sizes.min = Math.min(sizes.min, bytes);
        sizes.max = Math.max(sizes.max, bytes);
        sizes.total += bytes;
        newest = Math.max(newest, Date.parse(item.parsed.published ?? '') || 0);
      }
      // "Fetched" a few minutes after the newest item of the batch: no clock involved.
      const at = new Date((newest || SPAN_END) + 5 * 60_000).toISOString();
      for (const [feedIndex, items] of byFeed) {
        const feed = FEEDS[feedIndex] as CorpusFeed;
        const source = sources.get(`rsshub:${feed.route}`);
        if (!source) throw new Error(`${configPath}: no feed with route ${feed.route}`);
        const baseUrl = `http://127.0.0.1:1200${feed.route}`;
        const prepared = items.map((parsed) =>
          prepareItem(parsed, { baseUrl, ...(source.content ? { content: source.content } : {}) }),
        );
        store.saveFeed(
          source,
          { title: feed.name, link: `https://www.example-news.cn${feed.route}` },
          prepared,
          {
            at,
            etag: null,
            lastModified: null,
            bodyHash: null,
            movedTo: null,
            nextDueAt: new Date(Date.parse(at) + 3_600_000).toISOString(),
          },
        );
      }
    }
  } finally {
    store.close();
  }
  return { min: sizes.min, mean: Math.round(sizes.total / Math.max(count, 1)), max: sizes.max };
}

/** Items added after the corpus: one a minute after the span's end, newer than every other. */
export function addNewItems(corpus: Corpus, storePath: string, count: number, already = 0) {
  const first = corpus.n + already;
  return writeItems(corpus.configPath, storePath, first, count, (index) => {
    return SPAN_END + (index - corpus.n + 1) * 60_000;
  });
}

/** Whether the marker at `markerPath` is of a current corpus of `n` items. */
function isCurrent(markerPath: string, n: number): boolean {
  if (!existsSync(markerPath)) return false;
  const marker = JSON.parse(readFileSync(markerPath, 'utf8')) as Marker;
  return marker.version === CORPUS_VERSION && marker.n === n;
}

/**
 * The corpus of `n` items in `root` (default bench/.corpus), generated unless a current one is
 * already there (or, for another root, in the default one: then it is copied).
 */
export async function ensureCorpus(
  n: number,
  log: (line: string) => void,
  root: string = CORPUS_ROOT,
): Promise<Corpus> {
  const dir = join(root, `n${n}`);
  const corpus = (bodyBytes: Corpus['bodyBytes']): Corpus => ({
    n,
    dir,
    configPath: join(dir, 'tidings.yaml'),
    pristineStorePath: join(dir, 'corpus.db'),
    workStorePath: join(dir, 'tidings.db'),
    bodyBytes,
  });
  const markerPath = join(dir, 'corpus.json');
  // Elsewhere (a tmpfs, say), a current corpus of the default folder is copied, not generated
  // again: the same items, and a minute or more saved.
  const kept = join(CORPUS_ROOT, `n${n}`);
  if (root !== CORPUS_ROOT && !existsSync(markerPath) && isCurrent(join(kept, 'corpus.json'), n)) {
    log(
      `copying the corpus of ${n.toLocaleString('en')} items from ${kept} to ${dir} (not timed) …`,
    );
    mkdirSync(dir, { recursive: true });
    for (const name of CORPUS_FILES) copyFileSync(join(kept, name), join(dir, name));
  }
  if (existsSync(markerPath)) {
    const marker = JSON.parse(readFileSync(markerPath, 'utf8')) as Marker;
    if (marker.version === CORPUS_VERSION && marker.n === n) {
      const cached = corpus(marker.bodyBytes);
      await upgradeStore(cached.pristineStorePath, log);
      return cached;
    }
  }
  log(`generating the corpus of ${n.toLocaleString('en')} items in ${dir} (not timed) …`);
  const started = performance.now();
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const result = corpus({ min: 0, mean: 0, max: 0 });
  writeFileSync(result.configPath, configYaml());
  result.bodyBytes = await writeItems(result.configPath, result.pristineStorePath, 0, n);
  const marker: Marker = { version: CORPUS_VERSION, n, bodyBytes: result.bodyBytes };
  writeFileSync(markerPath, JSON.stringify(marker) + '\n');
  log(`  generated in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return result;
}

/**
 * Brings a cached corpus store up to the current schema, once, before anything is timed. A
 * store generated by an older Tidings would otherwise be migrated by every timed full build
 * (each copies the pristine store): at 10,000 items, schema 4 → 5 copies every row, ~1.3 s of
 * the build's start under load. A user's store is migrated once, by the first `tidings update`
 * after an upgrade, so the build benchmark must not count it. A migration leaves the old rows'
 * pages free (the file doubles): VACUUM gives the compact file a fresh corpus would be, so
 * copying it before each run writes no more than it did.
 */
async function upgradeStore(storePath: string, log: (line: string) => void): Promise<void> {
  const { openSqliteStore } = await loadDist();
  const started = performance.now();
  // Opening migrates (a no-op when current); closing checkpoints the WAL into the file.
  openSqliteStore(storePath).close();
  const db = new Database(storePath);
  try {
    if ((db.pragma('freelist_count', { simple: true }) as number) > 0) db.exec('VACUUM');
  } finally {
    db.close();
  }
  const ms = performance.now() - started;
  if (ms > 200) log(`  the cached corpus store took ${(ms / 1000).toFixed(1)} s to bring up to date (a schema migration, not timed)`); // prettier-ignore
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const n = Number(process.argv[2] ?? '1000');
  if (!Number.isInteger(n) || n < 1) {
    console.error(`generate-corpus: item count must be a positive integer, got "${process.argv[2]}"`); // prettier-ignore
    process.exit(2);
  }
  const corpus = await ensureCorpus(n, console.log);
  console.log(`${corpus.configPath} (store ${corpus.pristineStorePath})`);
}

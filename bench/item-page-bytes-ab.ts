import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { SiteSettings } from '../src/config/config.js';
import { labelsFor } from '../src/site/labels.js';
import { rootPrefix, type PageContext } from '../src/site/page-context.js';
import type { ItemPageFeed, ItemPageView } from '../src/site/render-item-page.js';
import { CORPUS_SITE } from './generate-corpus.js';
import { median } from './median.js';

/**
 * Same-process A/B of what an item-page thread spends most of its CPU on, without the disk,
 * the store scan or the other threads: `node --import tsx bench/item-page-bytes-ab.ts --base
 * OLD_TREE [--rounds R]` loads `itemPageBytes` from this tree's src/ and from OLD_TREE's
 * (another checkout's source folder), reads every item's content bytes and page fields from
 * a bench corpus store (bench/build-bench.ts makes one), and alternates rounds of making all
 * its item pages' bytes with each, printing each round's CPU time and the medians. Pages are
 * as the build makes them but for folder names (feed keys stand in for names). Each round
 * also checks the two give the same bytes for every page.
 */

const USAGE = `Usage: node --import tsx bench/item-page-bytes-ab.ts --base TREE [--store FILE] [--rounds R]

  --base TREE   the other checkout (its src/site/item-page-bytes.ts is loaded through tsx)
  --store FILE  a corpus store (default bench/.corpus/n10000/corpus.db)
  --rounds R    pairs of rounds (default 5)`;

type ItemPageBytes = (page: PageContext, view: ItemPageView, content: Buffer) => Buffer[];

interface Row {
  feed_key: string;
  key: string;
  title: string;
  link: string | null;
  published: string | null;
  published_text: string | null;
  author: string | null;
  image: string | null;
  categories: string;
  reading_minutes: number;
  excerpt: string;
  content: Buffer;
}

interface Page {
  path: string;
  view: ItemPageView;
  content: Buffer;
}

function loadPages(storeFile: string): Page[] {
  const require = createRequire(import.meta.url);
  const Database = require('better-sqlite3') as typeof import('better-sqlite3');
  const db = new Database(storeFile, { readonly: true });
  const rows = db
    .prepare<[], Row>(
      `SELECT feed_key, key, title, link, published, published_text, author, image, categories,
       reading_minutes, excerpt, CAST(content_html AS BLOB) AS content FROM items
       ORDER BY feed_key, sort_time`,
    )
    .all();
  db.close();
  const feeds = new Map<string, ItemPageFeed>();
  const feedOf = (key: string): ItemPageFeed => {
    let feed = feeds.get(key);
    if (feed === undefined) {
      const category = { name: '分类', folder: 'categories/分类', url: 'categories/%E5%88%86%E7%B1%BB/' }; // prettier-ignore
      const site = { name: `站点 ${key}`, folder: `${category.folder}/${key}`, url: `${category.url}${key}/`, category }; // prettier-ignore
      feed = { name: `源 ${key}`, folder: `${site.folder}/f`, url: `${site.url}f/`, site };
      feeds.set(key, feed);
    }
    return feed;
  };
  return rows.map((row, i): Page => {
    const time = { iso: row.published ?? '', text: row.published_text ?? '' };
    const near = (other: Row | undefined) =>
      other === undefined || other.feed_key !== row.feed_key
        ? null
        : { url: `items/${other.key}.html`, item: { title: other.title } };
    return {
      path: `items/${row.key}.html`,
      content: row.content,
      view: {
        item: {
          title: row.title,
          author: row.author,
          categories: JSON.parse(row.categories) as string[],
          readingMinutes: row.reading_minutes,
          link: row.link,
          image: row.image,
          excerpt: row.excerpt,
        },
        feed: feedOf(row.feed_key),
        time,
        updated: null,
        older: near(rows[i - 1]),
        newer: near(rows[i + 1]),
      },
    };
  });
}

function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** One round: every page's bytes, as an item-page thread makes them (a context per page). */
function round(make: ItemPageBytes, pages: readonly Page[], settings: SiteSettings): number {
  const labels = labelsFor(settings.language);
  const start = cpuMs();
  let bytes = 0;
  for (const { path, view, content } of pages) {
    const page: PageContext = { settings, labels, path, root: rootPrefix(path), styleVersion: 'v1' }; // prettier-ignore
    for (const chunk of make(page, view, content)) bytes += chunk.length;
  }
  if (bytes === 0) throw new Error('no bytes made');
  return cpuMs() - start;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { base: { type: 'string' }, store: { type: 'string' }, rounds: { type: 'string' } },
  });
  const rounds = Number(values.rounds ?? '5');
  if (values.base === undefined || !Number.isInteger(rounds) || rounds < 1) {
    console.error(USAGE);
    return 2;
  }
  const load = async (tree: string): Promise<ItemPageBytes> =>
    ((await import(pathToFileURL(join(tree, 'src/site/item-page-bytes.ts')).href)) as { itemPageBytes: ItemPageBytes }).itemPageBytes; // prettier-ignore
  const variants = [
    { name: 'base', make: await load(resolve(values.base)), ms: [] as number[] },
    { name: 'new', make: await load(resolve(import.meta.dirname, '..')), ms: [] as number[] },
  ];
  const store = values.store ?? join(import.meta.dirname, '.corpus/n10000/corpus.db');
  const pages = loadPages(store);
  const { title, description, url, language, timezone, perPage } = CORPUS_SITE;
  const settings: SiteSettings = {
    ...{ title, description, url, language, timeZone: timezone, perPage, maxAgeDays: 0 },
    outputDir: '/tmp/unused',
    permalink: 'items/:id.html',
    staticDir: null,
  };
  // The same bytes from both, page by page.
  const labels = labelsFor(settings.language);
  for (const { path, view, content } of pages) {
    const page: PageContext = { settings, labels, path, root: rootPrefix(path), styleVersion: 'v1' }; // prettier-ignore
    const [a, b] = variants.map((variant) => Buffer.concat(variant.make(page, view, content)));
    if (!a!.equals(b!)) throw new Error(`${path}: the two give different bytes`);
  }
  console.log(`${pages.length} item pages, ${rounds} rounds; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`); // prettier-ignore
  for (let r = 1; r <= rounds; r++) {
    const order = r % 2 === 1 ? variants : [...variants].reverse();
    const line: string[] = [];
    for (const variant of order) {
      const ms = round(variant.make, pages, settings);
      variant.ms.push(ms);
      line.push(`${variant.name} ${ms.toFixed(0)} ms`);
    }
    console.log(`round ${r}: ${line.join(', ')}`);
  }
  const [base, fresh] = variants.map((variant) => median(variant.ms));
  console.log(`median CPU: base ${base!.toFixed(0)} ms, new ${fresh!.toFixed(0)} ms (${(fresh! / base!).toFixed(2)}x); load average now ${loadavg().map((l) => l.toFixed(1)).join(' ')}`); // prettier-ignore
  return 0;
}

process.exitCode = await main();

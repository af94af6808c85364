import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';

/**
 * Gives every feed of a store a long history cheaply, for measuring what grows with it
 * (bench/RESULTS.md, "Long histories"): adds `perFeed` items to each feed, older than what it
 * holds, spread over three years, whose texts are copied row by row from another store (the
 * build corpus, `bench/generate-corpus.ts`; its rows cycle). Plain SQL, nothing prepared
 * again: 90,000 items in ~40 s. Each item gets its own key, link and content hash, so an
 * update or a build treats it as any stored item. The usual way: `tidings update` a config of
 * loopback feeds once (`bench/loopback-feed-server.ts` with `BENCH_PORT`, so the feed keys stay
 * the same on the next start), then inflate that store.
 *
 * Usage: node --import tsx bench/inflate-history.ts STORE PER_FEED CORPUS_STORE
 */

const SPAN_MS = 3 * 365 * 24 * 3_600_000;
/** The newest added item is older than this (the loopback feeds' items are from 2026-11-25). */
const NEWEST = Date.UTC(2026, 10, 20);

interface CorpusRow {
  title: string;
  author: string | null;
  content_html: string;
  source_html: string;
  excerpt: string;
  text: string;
  reading_minutes: number;
}

export function inflateHistory(storePath: string, perFeed: number, corpusPath: string): number {
  const corpus = new Database(corpusPath, { readonly: true, fileMustExist: true });
  const db = new Database(storePath, { fileMustExist: true });
  try {
    db.pragma('journal_mode = WAL');
    const rows = corpus.prepare<[number], CorpusRow>(
      `SELECT title, author, content_html, source_html, excerpt, text, reading_minutes
       FROM items WHERE rowid = ?`,
    );
    const corpusRows = corpus.prepare<[], number>('SELECT max(rowid) FROM items').pluck().get() ?? 0; // prettier-ignore
    if (corpusRows === 0) throw new Error(`${corpusPath}: no items to copy`);
    const feeds = db.prepare<[], string>('SELECT key FROM feeds ORDER BY key').pluck().all();
    const batch = db.prepare<[], number>('SELECT count(*) FROM items').pluck().get() ?? 0;
    const insert = db.prepare(
      `INSERT INTO items (feed_key, key, sort_time, first_seen, changed_at, content_hash, title,
         link, published, published_text, updated, author, image, categories, reading_minutes,
         excerpt, content_html, text, source_html)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, NULL, '[]', ?, ?, ?, ?, ?)`,
    );
    let next = 0;
    feeds.forEach((feed, f) => {
      db.transaction(() => {
        for (let j = 0; j < perFeed; j++) {
          const row = rows.get(1 + ((batch + next++) % corpusRows))!;
          const at = new Date(NEWEST - ((j + 0.5 + (f % 7) / 7) * SPAN_MS) / perFeed);
          const seen = new Date(at.getTime() + 300_000).toISOString();
          // `batch` (the items before) keeps the keys of a second inflation apart.
          const id = `${batch}-${j}`;
          insert.run(feed, `${feed}#old-${id}`, at.toISOString(), seen, seen, `old-${f}-${id}`,
            row.title, `https://old.example/${f}/${id}.html`, at.toISOString(), at.toUTCString(),
            row.author, row.reading_minutes, row.excerpt, row.content_html, row.text,
            row.source_html); // prettier-ignore
        }
      })();
    });
    return db.prepare<[], number>('SELECT count(*) FROM items').pluck().get() ?? 0;
  } finally {
    db.close();
    corpus.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [store, perFeedText, corpus] = process.argv.slice(2);
  const perFeed = Number(perFeedText);
  if (!store || !corpus || !Number.isInteger(perFeed) || perFeed < 1) {
    console.error('usage: node --import tsx bench/inflate-history.ts STORE PER_FEED CORPUS_STORE');
    process.exit(2);
  }
  const started = performance.now();
  const total = inflateHistory(store, perFeed, corpus);
  console.log(`${store}: ${total.toLocaleString('en')} items (${((performance.now() - started) / 1000).toFixed(1)} s)`); // prettier-ignore
}

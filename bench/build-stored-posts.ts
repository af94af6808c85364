import Database from 'better-sqlite3';

/**
 * The stored items the peers' inputs (Hexo posts, Hugo content) are made from, streamed
 * one at a time straight from the store's SQLite tables, read-only: `Store.listItems()`
 * would hold all 50,000 items (HTML and text) in memory at once.
 */
export interface StoredPost {
  feedKey: string;
  key: string;
  category: string;
  site: string;
  feed: string;
  title: string;
  /** ISO UTC, else null (no readable date in the feed). */
  published: string | null;
  /** The date as the feed wrote it (the old Hexo posts' `date:`). */
  publishedText: string | null;
  firstSeen: string;
  author: string | null;
  /** The item's HTML exactly as the feed gave it: what the Hexo export writes. */
  sourceHtml: string;
  image: string | null;
}

interface Row {
  feed_key: string;
  key: string;
  category: string;
  site: string;
  name: string;
  title: string;
  published: string | null;
  published_text: string | null;
  first_seen: string;
  author: string | null;
  source_html: string;
  image: string | null;
}

/** Calls `each` for every stored item, newest first; returns how many there were. */
export function forEachStoredPost(storePath: string, each: (post: StoredPost) => void): number {
  const db = new Database(storePath, { readonly: true, fileMustExist: true });
  let count = 0;
  try {
    const rows = db
      .prepare<[], Row>(
        `SELECT i.feed_key, i.key, f.category, f.site, f.name, i.title, i.published,
                i.published_text, i.first_seen, i.author, i.source_html, i.image
         FROM items i JOIN feeds f ON f.key = i.feed_key
         ORDER BY i.sort_time DESC, i.first_seen DESC, i.key`,
      )
      .iterate();
    for (const row of rows) {
      each({
        feedKey: row.feed_key,
        key: row.key,
        category: row.category,
        site: row.site,
        feed: row.name,
        title: row.title,
        published: row.published,
        publishedText: row.published_text,
        firstSeen: row.first_seen,
        author: row.author,
        sourceHtml: row.source_html,
        image: row.image,
      });
      count++;
    }
  } finally {
    db.close();
  }
  return count;
}

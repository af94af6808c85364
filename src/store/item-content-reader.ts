import { openReadOnlyConnection } from './read-only-connection.js';

/** An item's identity in the store: its feed and its key. */
export interface ItemIdentity {
  feedKey: string;
  key: string;
}

/** An item's sanitised content HTML as the store holds it: UTF-8 bytes, not decoded. */
export interface ItemContentBytes extends ItemIdentity {
  contentHtml: Buffer;
}

/**
 * Reads item contents from a store file on its own read-only connection: what the threads that
 * write item pages use while the main thread keeps its own connection (SQLite's WAL lets
 * readers of one file work side by side). Contents come as their UTF-8 bytes: a page writer
 * that copies them into the page as they are saves decoding them into a string and encoding
 * them back (two thirds of the cost of reading them, for Chinese text).
 */
export interface ItemContentReader {
  /**
   * Contents of the items from `first` to `last` (both included) in the store's key order
   * (feed key, then key, compared as SQLite compares text: by UTF-8 bytes), one at a time:
   * one sequential scan, and never more than one item's content in memory.
   */
  contentsBetween(first: ItemIdentity, last: ItemIdentity): IterableIterator<ItemContentBytes>;
  /** One item's content, or null when it is not stored (deleted since the build began). */
  content(item: ItemIdentity): Buffer | null;
  close(): void;
}

/**
 * With `shownSince` (the site's window, site-window.ts), the range scans skip the items the
 * site does not show: in a store much larger than its site they are most of every range.
 */
export function openItemContentReader(
  filePath: string,
  shownSince: string | null = null,
): ItemContentReader {
  const db = openReadOnlyConnection(filePath, 'item contents');
  // CAST … AS BLOB hands the stored bytes over as they are (a Buffer), without decoding.
  const range = db.prepare<string[], { feed_key: string; key: string; content: Buffer }>(
    `SELECT feed_key, key, CAST(content_html AS BLOB) AS content FROM items
     WHERE (feed_key, key) >= (?, ?) AND (feed_key, key) <= (?, ?)
     ${shownSince === null ? '' : 'AND sort_time >= ?'} ORDER BY feed_key, key`,
  );
  const since = shownSince === null ? [] : [shownSince];
  const one = db.prepare<[string, string], { content: Buffer }>(
    'SELECT CAST(content_html AS BLOB) AS content FROM items WHERE feed_key = ? AND key = ?',
  );
  return {
    *contentsBetween(first, last) {
      for (const row of range.iterate(first.feedKey, first.key, last.feedKey, last.key, ...since)) {
        yield { feedKey: row.feed_key, key: row.key, contentHtml: row.content };
      }
    },
    content(item) {
      return one.get(item.feedKey, item.key)?.content ?? null;
    },
    close() {
      db.close();
    },
  };
}

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

/** An item asked for, with its content's bytes; null: not stored (deleted since the build began). */
export interface ItemWithContent<T extends ItemIdentity> {
  item: T;
  content: Buffer | null;
}

/**
 * `contentsOf` scans the items' key range when they are at least this share of its rows, and
 * reads them one by one otherwise. Measured at 100,000 stored items: reading every row's
 * content one by one took 1.0–1.3× the scan, so one by one wins well below half of them.
 */
export const SCAN_MIN_SHARE = 0.5;

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
  /**
   * The contents of `items` (given in the store's key order), one at a time, each with its
   * item. When they are most of the rows of their key range (a full build), by one scan of it
   * (`contentsBetween`); when they are few of them (an incremental build's new items and their
   * neighbours, spread over a long history), one by one: a scan read the content of every
   * stored item in between, so each rebuild cost the whole history (100,000 items: ~3 s of a
   * thread for 2,000 pages). Takes the array over: it is emptied, so that each item is garbage
   * once handed out.
   */
  contentsOf<T extends ItemIdentity>(items: T[]): IterableIterator<ItemWithContent<T>>;
  /** One item's content, or null when it is not stored (deleted since the build began). */
  content(item: ItemIdentity): Buffer | null;
  /** Rows read so far from the store by the methods above (what a read costs; for tests). */
  readonly rowsRead: number;
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
  // Counted in the key index alone (no row is read): ~20 ms at 100,000 items.
  const rowsBetween = db
    .prepare<string[], number>(
      `SELECT count(*) FROM items WHERE (feed_key, key) >= (?, ?) AND (feed_key, key) <= (?, ?)`,
    )
    .pluck();
  let rowsRead = 0;
  const reader: ItemContentReader = {
    get rowsRead() {
      return rowsRead;
    },
    *contentsBetween(first, last) {
      for (const row of range.iterate(first.feedKey, first.key, last.feedKey, last.key, ...since)) {
        rowsRead++;
        yield { feedKey: row.feed_key, key: row.key, contentHtml: row.content };
      }
    },
    *contentsOf(items) {
      const first = items[0];
      const last = items.at(-1);
      if (first === undefined || last === undefined) return;
      const rows = rowsBetween.get(first.feedKey, first.key, last.feedKey, last.key) ?? 0;
      if (items.length < rows * SCAN_MIN_SHARE) {
        // One by one, in key order (neighbouring reads touch neighbouring pages).
        for (let i = 0; i < items.length; i++) {
          const item = items[i]!;
          yield { item, content: reader.content(item) };
        }
        items.length = 0;
        return;
      }
      const waiting = new Map<string, (typeof items)[number]>();
      for (const item of items) waiting.set(`${item.feedKey}\0${item.key}`, item);
      items.length = 0;
      for (const row of reader.contentsBetween(first, last)) {
        const id = `${row.feedKey}\0${row.key}`;
        const item = waiting.get(id);
        if (item === undefined) continue; // another thread's, or not in this build
        waiting.delete(id);
        yield { item, content: row.contentHtml };
      }
      // Not met in the scan: deleted since the build began, or out of the scan's order.
      for (const item of waiting.values()) yield { item, content: reader.content(item) };
    },
    content(item) {
      rowsRead++;
      return one.get(item.feedKey, item.key)?.content ?? null;
    },
    close() {
      db.close();
    },
  };
  return reader;
}

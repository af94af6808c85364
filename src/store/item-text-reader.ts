import type { ItemIdentity } from './item-content-reader.js';
import { openReadOnlyConnection } from './read-only-connection.js';
import { storedText } from './stored-text.js';

/** The start of an item's plain text, as the search index reads it. */
export interface ItemTextPrefix extends ItemIdentity {
  text: string;
}

/**
 * Reads item texts from a store file on its own read-only connection: what the search index
 * thread uses to read the texts it indexes itself, while the main thread renders pages (WAL
 * lets readers of one file work side by side). The same queries as the store's
 * `readItemTextPrefixes` and `readItemText`, so the texts are the same.
 */
export interface ItemTextReader {
  /** Every item's text cut after `maxChars` characters (code points), in the store's key order. */
  prefixes(maxChars: number): IterableIterator<ItemTextPrefix>;
  /**
   * The same texts in the search index's order: first seen, then feed key, then key. Read on a
   * connection of its own (the reader's `text` works while it is open), through the first-seen
   * index: slower than `prefixes` (~1.3× at 100,000 items), but a reader that follows the
   * index's order need not hold the texts it has not reached.
   */
  prefixesInFirstSeenOrder(maxChars: number): IterableIterator<ItemTextPrefix>;
  /** How many texts `prefixes` gives (counted in an index, no row read). */
  count(): number;
  /** One item's whole text, or null when it is not stored (deleted since the build began). */
  text(item: ItemIdentity): string | null;
  close(): void;
}

/**
 * Every item's text cut after as many characters as the first parameter says, in the store's
 * key order; with `windowed`, only the items whose sort time is not before the second (the
 * site's window, site-window.ts). The one
 * query of the store's `readItemTextPrefixes` and of this reader, so their texts are the same.
 */
export function textPrefixesQuery(windowed: boolean): string {
  return `SELECT feed_key, key, substr(text, 1, ?) AS text FROM items
    ${windowed ? 'WHERE sort_time >= ?' : ''} ORDER BY feed_key, key`;
}

/** With `shownSince` (the site's window, site-window.ts), `prefixes` reads only its items. */
export function openItemTextReader(
  filePath: string,
  shownSince: string | null = null,
): ItemTextReader {
  const db = openReadOnlyConnection(filePath, 'item texts');
  const all = db.prepare<(number | string)[], { feed_key: string; key: string; text: string }>(
    textPrefixesQuery(shownSince !== null),
  );
  const since = shownSince === null ? [] : [shownSince];
  const one = db.prepare<[string, string], { text: string }>(
    'SELECT text FROM items WHERE feed_key = ? AND key = ?',
  );
  let ordered: ReturnType<typeof openReadOnlyConnection> | null = null;
  return {
    *prefixes(maxChars) {
      for (const row of all.iterate(maxChars, ...since)) {
        yield { feedKey: row.feed_key, key: row.key, text: storedText(row.text) };
      }
    },
    *prefixesInFirstSeenOrder(maxChars) {
      ordered ??= openReadOnlyConnection(filePath, 'item texts');
      const rows = ordered.prepare<
        (number | string)[],
        { feed_key: string; key: string; text: string }
      >(
        `SELECT feed_key, key, substr(text, 1, ?) AS text FROM items
         ${shownSince === null ? '' : 'WHERE sort_time >= ?'} ORDER BY first_seen, feed_key, key`,
      );
      for (const row of rows.iterate(maxChars, ...since)) {
        yield { feedKey: row.feed_key, key: row.key, text: storedText(row.text) };
      }
    },
    count() {
      const sql = `SELECT count(*) FROM items ${shownSince === null ? '' : 'WHERE sort_time >= ?'}`;
      return (
        db
          .prepare<string[], number>(sql)
          .pluck()
          .get(...since) ?? 0
      );
    },
    text(item) {
      return storedText(one.get(item.feedKey, item.key)?.text ?? null);
    },
    close() {
      ordered?.close();
      db.close();
    },
  };
}

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
  return {
    *prefixes(maxChars) {
      for (const row of all.iterate(maxChars, ...since)) {
        yield { feedKey: row.feed_key, key: row.key, text: storedText(row.text) };
      }
    },
    text(item) {
      return storedText(one.get(item.feedKey, item.key)?.text ?? null);
    },
    close() {
      db.close();
    },
  };
}

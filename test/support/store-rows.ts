import Database from 'better-sqlite3';

/** Every feed and item row of a store file, in key order, read on a connection of its own. */
export function storeRows(file: string) {
  const db = new Database(file, { readonly: true });
  try {
    return {
      feeds: db.prepare('SELECT * FROM feeds ORDER BY key').all(),
      items: db.prepare('SELECT * FROM items ORDER BY feed_key, key').all(),
    };
  } finally {
    db.close();
  }
}

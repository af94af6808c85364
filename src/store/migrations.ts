import type Database from 'better-sqlite3';
import { StoreError } from './store-error.js';

/**
 * Schema versions, applied in order; `PRAGMA user_version` records how far a database is.
 * Never edit a released migration: add a new one.
 */
const MIGRATIONS: readonly string[] = [
  // 1: feeds with their place in the tree and fetch outcome; items keyed by feed + identity.
  `CREATE TABLE feeds (
     key             TEXT PRIMARY KEY,
     category        TEXT NOT NULL,
     site            TEXT NOT NULL,
     name            TEXT NOT NULL,
     location        TEXT NOT NULL,
     title           TEXT,
     link            TEXT,
     last_fetched_at TEXT,
     last_success_at TEXT,
     last_error      TEXT
   );
   CREATE TABLE items (
     feed_key     TEXT NOT NULL REFERENCES feeds(key),
     key          TEXT NOT NULL,
     title        TEXT NOT NULL,
     link         TEXT,
     published    TEXT,
     updated      TEXT,
     author       TEXT,
     content_html TEXT NOT NULL,
     excerpt      TEXT NOT NULL,
     image        TEXT,
     categories   TEXT NOT NULL,
     content_hash TEXT NOT NULL,
     first_seen   TEXT NOT NULL,
     changed_at   TEXT NOT NULL,
     sort_time    TEXT NOT NULL,
     PRIMARY KEY (feed_key, key)
   ) WITHOUT ROWID;
   CREATE INDEX items_by_time ON items (sort_time DESC);`,
  // 2: conditional GET, health and schedule per feed.
  `ALTER TABLE feeds ADD COLUMN etag TEXT;
   ALTER TABLE feeds ADD COLUMN last_modified TEXT;
   ALTER TABLE feeds ADD COLUMN body_hash TEXT;
   ALTER TABLE feeds ADD COLUMN moved_to TEXT;
   ALTER TABLE feeds ADD COLUMN last_error_kind TEXT;
   ALTER TABLE feeds ADD COLUMN consecutive_failures INTEGER NOT NULL DEFAULT 0;
   ALTER TABLE feeds ADD COLUMN next_due_at TEXT;
   ALTER TABLE feeds ADD COLUMN gone INTEGER NOT NULL DEFAULT 0;`,
  // 3: plain text for search and reading time per item; per-feed time index for retention.
  // Items stored before hold '' and 0 until their feed is next parsed: the content hash covers
  // both, so every item is rewritten once then.
  `ALTER TABLE items ADD COLUMN text TEXT NOT NULL DEFAULT '';
   ALTER TABLE items ADD COLUMN reading_minutes INTEGER NOT NULL DEFAULT 0;
   CREATE INDEX items_by_feed_time ON items (feed_key, sort_time DESC);`,
  // 4: the date and HTML as the feed wrote them, for exports that must match the old system.
  // Older items hold NULL and '' until their feed is next parsed (the content hash covers both).
  `ALTER TABLE items ADD COLUMN published_text TEXT;
   ALTER TABLE items ADD COLUMN source_html TEXT NOT NULL DEFAULT '';`,
  // 5: items in a rowid table, short columns first and the long texts last. WITHOUT ROWID kept
  // whole rows in the primary-key B-tree, where a row over ~1 KB spills into overflow pages:
  // ~4.8 KB on disk per item of ~1.1 KB text, all written at every insert. Same columns and
  // keys; the primary key becomes a unique index. Every row is copied as it is.
  `CREATE TABLE items_v5 (
     feed_key        TEXT NOT NULL REFERENCES feeds(key),
     key             TEXT NOT NULL,
     sort_time       TEXT NOT NULL,
     first_seen      TEXT NOT NULL,
     changed_at      TEXT NOT NULL,
     content_hash    TEXT NOT NULL,
     title           TEXT NOT NULL,
     link            TEXT,
     published       TEXT,
     published_text  TEXT,
     updated         TEXT,
     author          TEXT,
     image           TEXT,
     categories      TEXT NOT NULL,
     reading_minutes INTEGER NOT NULL DEFAULT 0,
     excerpt         TEXT NOT NULL,
     content_html    TEXT NOT NULL,
     text            TEXT NOT NULL DEFAULT '',
     source_html     TEXT NOT NULL DEFAULT '',
     PRIMARY KEY (feed_key, key)
   );
   INSERT INTO items_v5 (feed_key, key, sort_time, first_seen, changed_at, content_hash, title,
       link, published, published_text, updated, author, image, categories, reading_minutes,
       excerpt, content_html, text, source_html)
     SELECT feed_key, key, sort_time, first_seen, changed_at, content_hash, title, link,
       published, published_text, updated, author, image, categories, reading_minutes, excerpt,
       content_html, text, source_html
     FROM items ORDER BY feed_key, key;
   DROP TABLE items;
   ALTER TABLE items_v5 RENAME TO items;
   CREATE INDEX items_by_time ON items (sort_time DESC);
   CREATE INDEX items_by_feed_time ON items (feed_key, sort_time DESC);`,
  // 6: an item's link within its feed, to find the stored item a new guid is a reissue of
  // (reissued-item.ts) without scanning the feed's items for each new one. Items dated after
  // they were first seen sort by first seen (sortTime in sqlite-store.ts).
  `CREATE INDEX items_by_feed_link ON items (feed_key, link);
   UPDATE items SET sort_time = first_seen WHERE sort_time > first_seen;`,
  // 7: the language a feed declares (a BCP 47 tag), for the pages' lang of its items. NULL
  // (unknown) until the feed is next parsed; every row stays as it was.
  `ALTER TABLE feeds ADD COLUMN language TEXT;`,
  // 8: how a feed's stored items were last prepared again from their source_html
  // (reprepare-stored-items.ts): the preparation key, and while that is under way, the last
  // item key done with it (NULL: all done). NULL key: unknown, so every stored item is prepared
  // again once. Self-contained: renumber freely.
  `ALTER TABLE feeds ADD COLUMN items_prepared_key TEXT;
   ALTER TABLE feeds ADD COLUMN items_prepared_after TEXT;`,
  // 9: the key a feed's item pages are named after (site/item-path.ts), kept when a moved
  // feed's history is adopted under a new key (renameFeed), so item URLs stay. NULL: the
  // feed's own key. Self-contained: renumber freely.
  `ALTER TABLE feeds ADD COLUMN page_key TEXT;`,
  // 10: the settings a feed's items_prepared_key was made from (preparer-fingerprint.ts), to
  // prepare its stored items again after an upgrade once the feed has left the config. NULL:
  // not known (such a removed feed keeps its items as they are). Self-contained: renumber freely.
  `ALTER TABLE feeds ADD COLUMN items_prepared_settings TEXT;`,
  // 11: the xml:base in force where an item's source_html came from (Item.sourceBase), so that
  // preparing it again resolves its relative URLs as the first time. NULL: none was written
  // (every item stored before, whose URLs were resolved against its link); every row stays as
  // it was. Self-contained: renumber freely.
  `ALTER TABLE items ADD COLUMN source_base TEXT;`,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/**
 * Brings the database up to the current schema (or to `target`, for tests of a migration), in
 * one transaction.
 */
export function migrate(
  db: Database.Database,
  fileName: string,
  target: number = MIGRATIONS.length,
): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new StoreError(
      `${fileName}: the store has schema version ${current}, newer than this Tidings knows (${MIGRATIONS.length}); upgrade Tidings`,
    );
  }
  if (current >= target) return;
  // One transaction for all the steps: a new store (the first run of every user, 11 steps)
  // commits once, and an upgrade either completes or leaves the store as it was.
  db.transaction(() => {
    for (let version = current; version < target; version++) db.exec(MIGRATIONS[version]!);
    db.pragma(`user_version = ${target}`);
  })();
}

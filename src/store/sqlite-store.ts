import { makeFolders } from '../make-folders.js';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Item } from '../content/item.js';
import type { FeedPlace, FeedSource } from '../sources/feed-source.js';
import { describeLocation } from '../sources/feed-source.js';
import { textPrefixesQuery } from './item-text-reader.js';
import {
  feedListing,
  isReissuedItem,
  reissueLookupLink,
  type FeedListing,
  type StoredCandidate,
} from './reissued-item.js';
import { migrate } from './migrations.js';
import type {
  FailureRecord,
  FeedFetchState,
  FeedMeta,
  FetchRecord,
  ItemContent,
  ItemsPreparation,
  ItemSummary,
  ItemText,
  SaveFeedResult,
  Store,
  StoredFeed,
  StoredItem,
} from './store.js';
import { StoreError } from './store-error.js';
import { storedCategories, storedText } from './stored-text.js';

const DAY_MS = 24 * 60 * 60 * 1000;

interface FeedRow {
  key: string;
  category: string;
  site: string;
  name: string;
  location: string;
  title: string | null;
  link: string | null;
  language: string | null;
  last_fetched_at: string | null;
  last_success_at: string | null;
  last_error: string | null;
  last_error_kind: string | null;
  item_count: number;
  etag: string | null;
  last_modified: string | null;
  body_hash: string | null;
  moved_to: string | null;
  consecutive_failures: number;
  next_due_at: string | null;
  gone: number;
  page_key: string | null;
}

/** Opens (creating if needed) the SQLite store at `filePath`. */
export function openSqliteStore(filePath: string): Store {
  let db: Database.Database | undefined;
  try {
    makeFolders(path.dirname(filePath));
    db = new Database(filePath);
    // WAL: readers never block the writer, and a crash mid-write leaves the last commit intact.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db, filePath);
  } catch (error) {
    // A store refused (not SQLite, newer, read-only) must not stay open: the file held, its
    // folder could not be unmounted, and a long-running caller would keep the descriptors.
    db?.close();
    // Already names the file and says what to do (a store of a newer Tidings).
    if (error instanceof StoreError) throw error;
    if (isFolder(filePath)) {
      throw new StoreError(`${filePath}: a folder, not a store file (check store: in the config)`);
    }
    // SQLite only says "unable to open database file" or "attempt to write a readonly database".
    const readOnly = readOnlyPlace(filePath);
    if (readOnly !== null) {
      throw new StoreError(
        `${filePath}: cannot open the store: ${readOnly}; Tidings writes to the store and ` +
          'beside it (its -wal and -shm files) even to read it',
      );
    }
    throw new StoreError(`${filePath}: cannot open the store (${(error as Error).message})`);
  }
  return new SqliteStore(db, path.resolve(filePath));
}

/** What keeps the store from being written: its folder or file, read-only; null: neither. */
function readOnlyPlace(filePath: string): string | null {
  for (const place of [path.dirname(filePath), filePath]) {
    try {
      fs.accessSync(place, fs.constants.W_OK);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EROFS') return `${place} is on a read-only file system (EROFS)`;
      if (code === 'EACCES' || code === 'EPERM') return `${place} may not be written (${code})`;
    }
  }
  return null;
}

function isFolder(filePath: string): boolean {
  try {
    return fs.statSync(filePath).isDirectory();
  } catch {
    return false;
  }
}

class SqliteStore implements Store {
  private readonly upsertFeed;
  private readonly placeFeed;
  private readonly markSuccess;
  private readonly markFailure;
  private readonly selectState;
  private readonly selectStates;
  /** Asked for every feed at each update and watch fetch: prepared once. */
  private readonly selectPreparation;
  private readonly recordPreparation;
  private readonly anyItemOf;
  private readonly findHash;
  private readonly findByLink;
  private readonly insertItem;
  private readonly updateItem;
  private readonly deleteOlder;
  private readonly deleteBeyond;
  private readonly selectContent;
  private readonly selectText;
  private readonly selectContentsFrom;
  private readonly selectShownContentsFrom;

  constructor(
    private readonly db: Database.Database,
    readonly filePath: string,
  ) {
    this.upsertFeed = db.prepare(
      `INSERT INTO feeds (key, category, site, name, location) VALUES (@key, @category, @site, @name, @location)
       ON CONFLICT (key) DO UPDATE SET category = excluded.category, site = excluded.site,
         name = excluded.name, location = excluded.location`,
    );
    // Only when it moved: an unchanged row keeps its bytes (and the WAL stays small).
    this.placeFeed = db.prepare(
      `UPDATE feeds SET category = @category, site = @site, name = @name
       WHERE key = @key AND (category, site, name) IS NOT (@category, @site, @name)`,
    );
    // A fetch that got an answer: health reset, conditional-GET validators and schedule kept.
    this.markSuccess = db.prepare(
      `UPDATE feeds SET last_fetched_at = @at, last_success_at = @at, last_error = NULL,
         last_error_kind = NULL, consecutive_failures = 0, gone = 0, etag = @etag,
         last_modified = @lastModified, body_hash = @bodyHash, moved_to = @movedTo,
         next_due_at = @nextDueAt,
         title = CASE WHEN @hasMeta THEN @title ELSE title END,
         link = CASE WHEN @hasMeta THEN @link ELSE link END,
         language = CASE WHEN @hasMeta THEN @language ELSE language END
       WHERE key = @key`,
    );
    this.markFailure = db.prepare(
      `UPDATE feeds SET last_fetched_at = @at, last_error = @message, last_error_kind = @kind,
         consecutive_failures = consecutive_failures + 1, next_due_at = @nextDueAt, gone = @gone
       WHERE key = @key`,
    );
    this.selectState = db.prepare<[string], FeedRow>(
      'SELECT *, 0 AS item_count FROM feeds WHERE key = ?',
    );
    this.selectStates = db.prepare<[], FeedRow>('SELECT *, 0 AS item_count FROM feeds');
    this.selectPreparation = db.prepare<
      [string],
      { key: string | null; after: string | null; settings: string | null }
    >(
      `SELECT items_prepared_key AS key, items_prepared_after AS after,
         items_prepared_settings AS settings FROM feeds WHERE key = ?`,
    );
    this.recordPreparation = db.prepare(
      `UPDATE feeds SET items_prepared_key = ?, items_prepared_after = ?,
         items_prepared_settings = coalesce(?, items_prepared_settings) WHERE key = ?`,
    );
    this.anyItemOf = db
      .prepare<[string], number>('SELECT 1 FROM items WHERE feed_key = ? LIMIT 1')
      .pluck();
    this.findHash = db.prepare<[string, string], { content_hash: string }>(
      'SELECT content_hash FROM items WHERE feed_key = ? AND key = ?',
    );
    // Two rows at most: more than one stored item with the link means it is not the article's.
    this.findByLink = db.prepare<[string, string], StoredCandidate & { content_hash: string }>(
      `SELECT key, title, published, content_hash FROM items WHERE feed_key = ? AND link = ?
       LIMIT 2`,
    );
    this.insertItem = db.prepare(
      `INSERT INTO items (feed_key, key, title, link, published, published_text, updated, author,
         content_html, source_html, source_base, excerpt, text, reading_minutes, image, categories,
         content_hash, first_seen, changed_at, sort_time)
       VALUES (@feed_key, @key, @title, @link, @published, @published_text, @updated, @author,
         @content_html, @source_html, @source_base, @excerpt, @text, @reading_minutes, @image,
         @categories, @content_hash, @now, @now, ${sortTime('@now')})`,
    );
    // first_seen is never touched again; sort_time keeps it when published is unknown or later.
    this.updateItem = db.prepare(
      `UPDATE items SET title = @title, link = @link, published = @published,
         published_text = @published_text, updated = @updated, author = @author,
         content_html = @content_html, source_html = @source_html, source_base = @source_base,
         excerpt = @excerpt, text = @text, reading_minutes = @reading_minutes, image = @image,
         categories = @categories, content_hash = @content_hash, changed_at = @now,
         sort_time = ${sortTime('first_seen')}
       WHERE feed_key = @feed_key AND key = @key`,
    );
    // Retention. `@current` is a JSON array of the keys the feed lists now: those are kept.
    this.deleteOlder = db.prepare(
      `DELETE FROM items WHERE feed_key = @feed AND sort_time < @cutoff
         AND key NOT IN (SELECT value FROM json_each(@current))`,
    );
    this.deleteBeyond = db.prepare(
      `DELETE FROM items WHERE feed_key = @feed
         AND key NOT IN (SELECT value FROM json_each(@current))
         AND key IN (SELECT key FROM items WHERE feed_key = @feed
                     ORDER BY sort_time DESC, first_seen DESC, key LIMIT -1 OFFSET @keep)`,
    );
    this.selectContent = db.prepare<[string, string], { content_html: string }>(
      'SELECT content_html FROM items WHERE feed_key = ? AND key = ?',
    );
    this.selectText = db.prepare<[string, string], { text: string }>(
      'SELECT text FROM items WHERE feed_key = ? AND key = ?',
    );
    this.selectContentsFrom = db.prepare<
      [string, string, number],
      { feed_key: string; key: string; content_html: string }
    >(
      `SELECT feed_key, key, content_html FROM items WHERE (feed_key, key) >= (?, ?)
       ORDER BY feed_key, key LIMIT ?`,
    );
    this.selectShownContentsFrom = db.prepare<
      [string, string, string, number],
      { feed_key: string; key: string; content_html: string }
    >(
      `SELECT feed_key, key, content_html FROM items WHERE (feed_key, key) >= (?, ?)
       AND sort_time >= ? ORDER BY feed_key, key LIMIT ?`,
    );
    ensureReadIndexes(db);
  }

  saveFeed(source: FeedSource, meta: FeedMeta, items: Item[], fetch: FetchRecord): SaveFeedResult {
    const fetchedAt = fetch.at;
    const result: SaveFeedResult = { added: 0, changed: 0, unchanged: 0, removed: 0 };
    this.db.transaction(() => {
      this.upsertFeed.run(feedRow(source));
      const seen = new Set<string>();
      const listing = feedListing(items, meta.link);
      // A feed's first save (every feed of a new store) has nothing to compare with: no lookups.
      const stored = this.anyItemOf.get(source.key) !== undefined;
      for (const [position, listed] of items.entries()) {
        // A feed listing the same item twice: the first occurrence wins, as readers show it.
        if (seen.has(listed.key)) continue;
        seen.add(listed.key);
        let item = listed;
        let existing: { content_hash: string } | undefined = stored
          ? this.findHash.get(source.key, item.key)
          : undefined;
        if (!existing && stored) {
          // The same article under a new guid keeps its stored key, so its page keeps its URL.
          const earlier = this.findReissued(source.key, item, listing, seen);
          if (earlier) {
            item = { ...item, key: earlier.key };
            existing = earlier;
            seen.add(earlier.key);
          }
        }
        const row = itemRow(source.key, item, fetchedAt);
        if (!existing) {
          this.insertItem.run({ ...row, now: seenInListingOrder(fetchedAt, position) });
          result.added++;
        } else if (existing.content_hash !== row.content_hash) {
          this.updateItem.run(row);
          result.changed++;
        } else {
          result.unchanged++;
        }
      }
      result.removed = this.applyRetention(source, seen, fetchedAt);
      this.markSuccess.run({
        key: source.key,
        ...fetch,
        hasMeta: 1,
        title: meta.title,
        link: meta.link,
        language: meta.language ?? null,
      });
    })();
    return result;
  }

  /** The stored item `item` is a reissue of (reissued-item.ts), if any. */
  private findReissued(
    feedKey: string,
    item: Item,
    listing: FeedListing,
    taken: ReadonlySet<string>,
  ): (StoredCandidate & { content_hash: string }) | null {
    const link = reissueLookupLink(item, listing);
    if (link === null) return null;
    const rows = this.findByLink.all(feedKey, link);
    const candidate = rows.length === 1 ? rows[0]! : null;
    if (!candidate || taken.has(candidate.key)) return null;
    return isReissuedItem(candidate, item, listing) ? candidate : null;
  }

  /** Deletes what the feed's retention policy lets go; returns how many items went. */
  private applyRetention(source: FeedSource, current: Set<string>, now: string): number {
    const policy = source.retention;
    if (!policy) return 0;
    const keys = JSON.stringify([...current]);
    let removed = 0;
    if (policy.maxAgeDays !== null && policy.maxAgeDays > 0) {
      const cutoff = new Date(Date.parse(now) - policy.maxAgeDays * DAY_MS).toISOString();
      removed += this.deleteOlder.run({ feed: source.key, cutoff, current: keys }).changes;
    }
    if (policy.maxItemsPerFeed !== null && policy.maxItemsPerFeed > 0) {
      removed += this.deleteBeyond.run({
        feed: source.key,
        keep: policy.maxItemsPerFeed,
        current: keys,
      }).changes;
    }
    return removed;
  }

  inOneTransaction<T>(writes: () => T): T {
    // better-sqlite3 turns a transaction begun inside another into a savepoint.
    return this.db.transaction(writes)();
  }

  recordUnchanged(source: FeedSource, fetch: FetchRecord): void {
    this.db.transaction(() => {
      this.upsertFeed.run(feedRow(source));
      this.markSuccess.run({
        key: source.key,
        ...fetch,
        hasMeta: 0,
        title: null,
        link: null,
        language: null,
      });
    })();
  }

  recordFailure(source: FeedSource, failure: FailureRecord): void {
    this.db.transaction(() => {
      this.upsertFeed.run(feedRow(source));
      this.markFailure.run({ key: source.key, ...failure, gone: failure.gone ? 1 : 0 });
    })();
  }

  placeFeeds(places: readonly FeedPlace[]): void {
    this.db.transaction(() => {
      for (const { key, category, site, name } of places) {
        this.placeFeed.run({ key, category, site, name });
      }
    })();
  }

  renameFeed(from: string, to: string): void {
    this.db.transaction(() => {
      // The items point at the feed's key: checked at commit, once both carry the new one.
      this.db.pragma('defer_foreign_keys = ON');
      // Its items' pages keep the names they had under the first key (site/item-path.ts).
      this.db
        .prepare('UPDATE feeds SET page_key = coalesce(page_key, key), key = ? WHERE key = ?')
        .run(to, from);
      this.db.prepare('UPDATE items SET feed_key = ? WHERE feed_key = ?').run(to, from);
    })();
  }

  forgetFeed(key: string): number | null {
    return this.db.transaction(() => {
      const items = this.db.prepare('DELETE FROM items WHERE feed_key = ?').run(key).changes;
      const feeds = this.db.prepare('DELETE FROM feeds WHERE key = ?').run(key).changes;
      return feeds === 0 ? null : items;
    })();
  }

  getFetchState(feedKey: string): FeedFetchState | null {
    const row = this.selectState.get(feedKey);
    return row ? fetchState(row) : null;
  }

  getFetchStates(): Map<string, FeedFetchState> {
    const states = new Map<string, FeedFetchState>();
    for (const row of this.selectStates.all()) states.set(row.key, fetchState(row));
    return states;
  }

  listFeeds(): StoredFeed[] {
    const rows = this.db
      .prepare<[], FeedRow>(
        `SELECT f.*, (SELECT count(*) FROM items i WHERE i.feed_key = f.key) AS item_count
         FROM feeds f ORDER BY f.rowid`,
      )
      .all();
    return rows.map((row) => ({
      key: storedText(row.key),
      category: storedText(row.category),
      site: storedText(row.site),
      name: storedText(row.name),
      location: storedText(row.location),
      title: storedText(row.title),
      link: storedText(row.link),
      language: storedText(row.language),
      lastFetchedAt: storedText(row.last_fetched_at),
      lastSuccessAt: storedText(row.last_success_at),
      lastError: storedText(row.last_error),
      lastErrorKind: storedText(row.last_error_kind),
      itemCount: row.item_count,
      consecutiveFailures: Number(row.consecutive_failures) || 0,
      nextDueAt: storedText(row.next_due_at),
      gone: row.gone === 1,
      movedTo: storedText(row.moved_to),
      pageKey: storedText(row.page_key),
    }));
  }

  listItems(): StoredItem[] {
    return [...this.iterateItems()];
  }

  *iterateItems(): IterableIterator<StoredItem> {
    const rows = this.db
      .prepare<[], ItemCells>(
        `SELECT ${ITEM_COLUMNS} FROM items ORDER BY sort_time DESC, first_seen DESC, key`,
      )
      .raw(true)
      .iterate();
    for (const row of rows) yield storedItem(row);
  }

  listItemSummaries(shownSince: string | null = null): ItemSummary[] {
    // Rows as arrays (raw): better-sqlite3 then makes no object with column names per row,
    // ~25% of reading 10,000 summaries. One row at a time, not all() then map: each row's array
    // is garbage at once, where all() held every row until the summaries were made, so the
    // young generation's collections copied them all (200,000 summaries: 3.1–4.0 s and 1.9–2.2 s
    // of GC, against 2.1–2.2 s and 0.8 s).
    const rows = this.db
      .prepare<string[], SummaryCells>(
        `SELECT ${SUMMARY_COLUMNS} FROM items ${shownSince === null ? '' : 'WHERE sort_time >= ?'}
         ORDER BY sort_time DESC, first_seen DESC, key`,
      )
      .raw(true)
      .iterate(...(shownSince === null ? [] : [shownSince]));
    const summaries: ItemSummary[] = [];
    for (const row of rows) summaries.push(itemSummary(row));
    return summaries;
  }

  readItemContent(feedKey: string, key: string): string | null {
    return storedText(this.selectContent.get(feedKey, key)?.content_html ?? null);
  }

  readItemContentsFrom(
    feedKey: string,
    key: string,
    limit: number,
    shownSince: string | null = null,
  ): ItemContent[] {
    const rows =
      shownSince === null
        ? this.selectContentsFrom.all(feedKey, key, limit)
        : this.selectShownContentsFrom.all(feedKey, key, shownSince, limit);
    return rows.map((row) => ({
      feedKey: row.feed_key,
      key: row.key,
      contentHtml: storedText(row.content_html),
    }));
  }

  readItemText(feedKey: string, key: string): string | null {
    return storedText(this.selectText.get(feedKey, key)?.text ?? null);
  }

  readItemTextPrefixes(maxChars: number, shownSince: string | null = null): ItemText[] {
    return this.db
      .prepare<(number | string)[], { feed_key: string; key: string; text: string }>(
        textPrefixesQuery(shownSince !== null),
      )
      .all(maxChars, ...(shownSince === null ? [] : [shownSince]))
      .map((row) => ({ feedKey: row.feed_key, key: row.key, text: storedText(row.text) }));
  }

  changeWatermark(): string {
    // Sums of the times in whole milliseconds, not their maxima: in `watch`, a feed fetched
    // earlier may be saved later, so an edit or a replaced item can carry a time older than
    // the newest one; any edit moves the sum of changed times, any replacement that of first-
    // seen times (unless both fall on the same millisecond). 64-bit integers, read as BigInt:
    // exact up to ~5M items (as JS numbers they were exact only up to ~5,000). unixepoch()
    // gives strftime('%s')'s seconds in half the time (10,000 items: ~15 ms less a build).
    const items = this.db
      .prepare<[], { n: bigint; seen: bigint | null; changed: bigint | null }>(ITEM_TIME_SUMS)
      .safeIntegers(true)
      .get();
    const schema = this.db.pragma('user_version', { simple: true }) as number;
    const feeds = createHash('sha256').update(JSON.stringify(this.listFeeds())).digest('base64url');
    return `${schema} ${items?.n ?? 0} ${items?.seen ?? '-'} ${items?.changed ?? '-'} ${feeds}`;
  }

  itemsPreparation(feedKey: string): ItemsPreparation {
    const row = this.selectPreparation.get(feedKey);
    return {
      key: storedText(row?.key ?? null),
      after: storedText(row?.after ?? null),
      settings: storedText(row?.settings ?? null),
    };
  }

  readItemsAfter(feedKey: string, after: string | null, limit: number): StoredItem[] {
    // Two forms, so that each is a range read of the (feed_key, key) index: `? IS NULL OR
    // key > ?` made SQLite read the feed's items from the first for every batch.
    const from = after === null ? '' : 'AND key > @after';
    const rows = this.db
      .prepare<{ feedKey: string; after: string | null; limit: number }, ItemCells>(
        `SELECT ${ITEM_COLUMNS} FROM items
         WHERE feed_key = @feedKey ${from} ORDER BY key LIMIT @limit`,
      )
      .raw(true)
      .all({ feedKey, after, limit });
    return rows.map(storedItem);
  }

  saveReprepared(
    feedKey: string,
    items: readonly Item[],
    done: ItemsPreparation,
    at: string,
  ): number {
    let changed = 0;
    this.db.transaction(() => {
      for (const item of items) {
        const existing = this.findHash.get(feedKey, item.key);
        if (!existing) continue; // deleted meanwhile (forget, retention): not brought back
        const row = itemRow(feedKey, item, at);
        if (existing.content_hash === row.content_hash) continue;
        this.updateItem.run(row);
        changed++;
      }
      this.recordPreparation.run(done.key, done.after, done.settings ?? null, feedKey);
    })();
    return changed;
  }

  recordPreparations(done: ReadonlyMap<string, ItemsPreparation>): void {
    this.db.transaction(() => {
      for (const [feedKey, preparation] of done) {
        this.recordPreparation.run(
          preparation.key,
          preparation.after,
          preparation.settings ?? null,
          feedKey,
        );
      }
    })();
  }

  close(): void {
    this.db.close();
  }
}

/** The item count and sums of times in `changeWatermark` (whole milliseconds, see there). */
const ms = (column: string) =>
  `sum(unixepoch(${column}) * 1000 + CAST(substr(${column}, 21, 3) AS INTEGER))`;
export const ITEM_TIME_SUMS = `SELECT count(*) AS n, ${ms('first_seen')} AS seen,
  ${ms('changed_at')} AS changed FROM items`;

/**
 * Indexes that only speed up reads, made on open rather than in a migration because they hold
 * no data of their own (IF NOT EXISTS: once per store); a store opened read-only simply does
 * without them.
 * - `items_summary` covers `listItemSummaries`, in its order. Without it, reading an item's
 *   summary columns walks the overflow pages of its content (they are stored after it in the
 *   row): 10,000 items took 2.3 s instead of ~0.1 s.
 * - `items_change_times` covers ITEM_TIME_SUMS, which every build reads first to know whether
 *   anything changed. Without it the sums scanned `items_summary` (excerpts and all: ~40 MB at
 *   10,000 items): 16–32 ms with the pages cached, ~1 s from disk, against 3 ms and 18–28 ms.
 */
function ensureReadIndexes(db: Database.Database): void {
  try {
    db.exec(
      `CREATE INDEX IF NOT EXISTS items_summary ON items (sort_time DESC, first_seen DESC, key,
         feed_key, title, link, published, published_text, updated, author, excerpt,
         reading_minutes, image, categories, changed_at);
       CREATE INDEX IF NOT EXISTS items_change_times ON items (first_seen, changed_at);`,
    );
  } catch {
    // read-only or busy: still read, only slower
  }
}

/**
 * The first-seen time of a new item: the fetch time, less a millisecond per place down the
 * feed's listing. Items new in one fetch all had the same time, so undated ones (and ones
 * dated alike) were shown in the order of their keys, e.g. their guids' alphabetical order,
 * not the feed's newest-first order.
 */
function seenInListingOrder(fetchedAt: string, position: number): string {
  return position === 0 ? fetchedAt : new Date(Date.parse(fetchedAt) - position).toISOString();
}

/**
 * Where an item sorts: when it was published, but never after it was first seen. A date in the
 * future (a wrong year, a zone mistaken by hours) kept the item at the top of the home page and
 * of its lists until that date came, above everything fetched meanwhile, and out of reach of
 * retention's maxAgeDays. ISO UTC strings of one format compare as their times.
 */
function sortTime(firstSeen: string): string {
  return `CASE WHEN @published IS NULL OR @published > ${firstSeen} THEN ${firstSeen} ELSE @published END`;
}

/** An item's columns without its long texts, in the order of SummaryCells. */
const SUMMARY_COLUMNS = `feed_key, key, title, link, published, published_text, updated, author,
  excerpt, reading_minutes, image, categories, first_seen, changed_at`;

/** A row of SUMMARY_COLUMNS read raw (as an array). */
type SummaryCells = [
  feedKey: string,
  key: string,
  title: string,
  link: string | null,
  published: string | null,
  publishedText: string | null,
  updated: string | null,
  author: string | null,
  excerpt: string,
  readingMinutes: number,
  image: string | null,
  categories: string,
  firstSeen: string,
  changedAt: string,
];

/** An item row without its long texts → the summary the site lists. */
function itemSummary(cells: readonly [...SummaryCells, ...(string | null)[]]): ItemSummary {
  const categories = cells[11];
  return {
    feedKey: storedText(cells[0]),
    key: storedText(cells[1]),
    title: storedText(cells[2]),
    link: storedText(cells[3]),
    published: storedText(cells[4]),
    publishedText: storedText(cells[5]),
    updated: storedText(cells[6]),
    author: storedText(cells[7]),
    excerpt: storedText(cells[8]),
    readingMinutes: Number(cells[9]) || 0,
    image: storedText(cells[10]),
    categories: categories === '[]' ? [] : storedCategories(categories),
    firstSeen: storedText(cells[12]),
    changedAt: storedText(cells[13]),
  };
}

/** All of an item's columns: its summary's, then the long texts, in the order of ItemCells. */
const ITEM_COLUMNS = `${SUMMARY_COLUMNS}, content_html, source_html, text, source_base`;

type ItemCells = [
  ...SummaryCells,
  contentHtml: string,
  sourceHtml: string,
  text: string,
  sourceBase: string | null,
];

/** A row of ITEM_COLUMNS read raw → the stored item. */
function storedItem(cells: ItemCells): StoredItem {
  return {
    ...itemSummary(cells),
    contentHtml: storedText(cells[14]),
    sourceHtml: storedText(cells[15]),
    text: storedText(cells[16]),
    sourceBase: storedText(cells[17]),
  };
}

function feedRow(source: FeedSource) {
  return {
    key: source.key,
    category: source.category,
    site: source.site,
    name: source.name,
    location: describeLocation(source.location),
  };
}

function itemRow(feedKey: string, item: Item, now: string) {
  const fields = {
    title: item.title,
    link: item.link,
    published: item.published,
    published_text: item.publishedText,
    updated: item.updated,
    author: item.author,
    content_html: item.contentHtml,
    source_html: item.sourceHtml,
    excerpt: item.excerpt,
    text: item.text,
    reading_minutes: item.readingMinutes,
    image: item.image,
    categories: JSON.stringify(item.categories),
  };
  const source_base = item.sourceBase ?? null;
  // Hashed only when there is one, so the hashes of items stored before it was kept (and of
  // items without one) stay as they were: no item counts as changed for it alone.
  const hashed = source_base === null ? fields : { ...fields, source_base };
  const content_hash = createHash('sha256').update(JSON.stringify(hashed)).digest('base64url');
  return { feed_key: feedKey, key: item.key, ...fields, source_base, content_hash, now };
}

function fetchState(row: FeedRow): FeedFetchState {
  return {
    etag: row.etag,
    lastModified: row.last_modified,
    bodyHash: row.body_hash,
    movedTo: row.moved_to,
    consecutiveFailures: row.consecutive_failures,
    nextDueAt: row.next_due_at,
    gone: row.gone === 1,
  };
}

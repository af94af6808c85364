import {
  openItemTextReader,
  type ItemTextPrefix,
  type ItemTextReader,
} from '../store/item-text-reader.js';

/**
 * Up to this many texts, all are read ahead in one scan in the store's key order and held until
 * asked for (10,000 texts: ~0.3 s). Beyond, they are read in the order the index asks for them
 * (first seen), so only those read ahead of it are held: the scan held every text at once, 2 KB
 * an item of Chinese (200 MB at 100,000 items) for most of a full build.
 */
export const SCAN_ALL_MAX_TEXTS = 25_000;
/** In the index's order, how many texts are read before the index asks for any. */
export const READ_AHEAD_TEXTS = 10_000;

/** Texts being read in the index's order, with those read and not yet asked for. */
interface InIndexOrder {
  rows: Iterator<ItemTextPrefix>;
  /** By `feedKey\0key`. */
  waiting: Map<string, string>;
}

/**
 * The texts the index thread reads itself from the store file (search-index-worker.ts), so the
 * main thread, the build's critical path, never reads them. The index asks in its own order
 * (first seen), which a range scan cannot follow, so up to SCAN_ALL_MAX_TEXTS the first text
 * asked for reads the starts of all texts in one scan (10,000 texts: ~0.5 s against ~1.2 s one
 * by one); each is dropped once handed out. Beyond, they are read in the index's order through
 * the first-seen index, READ_AHEAD_TEXTS ahead of it at first. Texts the read did not meet
 * (stored since) are read one by one. Same texts as the main thread's `textReadAhead` gives:
 * each cut after `maxChars` UTF-16 code units.
 */
export class StoredTexts {
  private readonly reader: ItemTextReader;
  /**
   * Texts by feed, then item key: no key string is joined per item (the index asks for every
   * item once, each with a fresh feed key from the message that named it).
   */
  private scanned: Map<string, Map<string, string>> | null = null;
  /** Or the texts in the index's order (more than SCAN_ALL_MAX_TEXTS of them). */
  private ordered: InIndexOrder | null = null;

  /**
   * With `shownSince` (the site's window), the scan reads only the texts the site shows.
   * `limits` overrides SCAN_ALL_MAX_TEXTS and READ_AHEAD_TEXTS (tests).
   */
  constructor(
    storeFile: string,
    private readonly maxChars: number,
    shownSince: string | null = null,
    private readonly limits = { scanAllMax: SCAN_ALL_MAX_TEXTS, readAhead: READ_AHEAD_TEXTS },
  ) {
    this.reader = openItemTextReader(storeFile, shownSince);
  }

  /** Texts read and not yet asked for (tests). */
  get held(): number {
    if (this.ordered !== null) return this.ordered.waiting.size;
    let held = 0;
    for (const feed of this.scanned?.values() ?? []) held += feed.size;
    return held;
  }

  /** Reads the starts of the texts now (all, or the first to be asked for), else `get` does. */
  scan(): void {
    if (this.scanned !== null || this.ordered !== null) return;
    if (this.reader.count() > this.limits.scanAllMax) {
      this.ordered = {
        rows: this.reader.prefixesInFirstSeenOrder(this.maxChars),
        waiting: new Map(),
      };
      for (let n = 0; n < this.limits.readAhead && this.readNext() !== null; n++);
      return;
    }
    const scanned = new Map<string, Map<string, string>>();
    this.scanned = scanned;
    let feed: Map<string, string> | undefined;
    let feedKey: string | undefined;
    for (const row of this.reader.prefixes(this.maxChars)) {
      // Rows come in key order, so a feed's items follow each other.
      if (row.feedKey !== feedKey) {
        feedKey = row.feedKey;
        feed = scanned.get(feedKey);
        if (feed === undefined) scanned.set(feedKey, (feed = new Map()));
      }
      feed!.set(row.key, row.text.slice(0, this.maxChars));
    }
  }

  /** The indexed text of an item: its first `maxChars` characters, '' when it is not stored. */
  get(feedKey: string, key: string): string {
    this.scan();
    const text = this.ordered === null ? this.scannedText(feedKey, key) : this.next(feedKey, key);
    return text ?? (this.reader.text({ feedKey, key }) ?? '').slice(0, this.maxChars);
  }

  close(): void {
    this.scanned = null;
    this.ordered?.rows.return?.(); // ends the read, so its connection closes
    this.ordered = null;
    this.reader.close();
  }

  /** From the scan of all texts: the text asked for (dropped once handed out). */
  private scannedText(feedKey: string, key: string): string | undefined {
    const feed = this.scanned!.get(feedKey);
    const text = feed?.get(key);
    if (text !== undefined) feed!.delete(key);
    return text;
  }

  /**
   * In the index's order: the text asked for, read ahead or read now (those passed on the way
   * are kept until asked for); undefined when the read ends without it (stored since).
   */
  private next(feedKey: string, key: string): string | undefined {
    const { waiting } = this.ordered!;
    const id = `${feedKey}\0${key}`;
    const ahead = waiting.get(id);
    if (ahead !== undefined) {
      waiting.delete(id);
      return ahead;
    }
    for (let row = this.readNext(); row !== null; row = this.readNext()) {
      if (row === id) {
        const text = waiting.get(id)!;
        waiting.delete(id);
        return text;
      }
    }
    return undefined;
  }

  /** Reads the next text in the index's order into `waiting`; its id, or null at the end. */
  private readNext(): string | null {
    const { rows, waiting } = this.ordered!;
    const next = rows.next();
    if (next.done === true) return null;
    const { feedKey, key, text } = next.value;
    const id = `${feedKey}\0${key}`;
    waiting.set(id, text.slice(0, this.maxChars));
    return id;
  }
}

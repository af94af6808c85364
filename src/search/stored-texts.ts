import { openItemTextReader, type ItemTextReader } from '../store/item-text-reader.js';

/**
 * The texts the index thread reads itself from the store file (search-index-worker.ts), so the
 * main thread, the build's critical path, never reads them. The index asks in its own order
 * (first seen), which a range scan cannot follow, so the first text asked for reads the starts
 * of all texts in one scan (10,000 texts: ~0.5 s against ~1.2 s one by one); each is dropped
 * once handed out. Texts the scan did not meet (stored since) are read one by one. Same texts
 * as the main thread's `textReadAhead` gives: each cut after `maxChars` UTF-16 code units.
 */
export class StoredTexts {
  private readonly reader: ItemTextReader;
  /**
   * Texts by feed, then item key: no key string is joined per item (the index asks for every
   * item once, each with a fresh feed key from the message that named it).
   */
  private scanned: Map<string, Map<string, string>> | null = null;

  /** With `shownSince` (the site's window), the scan reads only the texts the site shows. */
  constructor(
    storeFile: string,
    private readonly maxChars: number,
    shownSince: string | null = null,
  ) {
    this.reader = openItemTextReader(storeFile, shownSince);
  }

  /** Reads the starts of all texts now (else the first `get` does). */
  scan(): void {
    if (this.scanned !== null) return;
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
    const feed = this.scanned!.get(feedKey);
    const text = feed?.get(key);
    if (text !== undefined) {
      feed!.delete(key);
      return text;
    }
    return (this.reader.text({ feedKey, key }) ?? '').slice(0, this.maxChars);
  }

  close(): void {
    this.scanned = null;
    this.reader.close();
  }
}

/** An item made ready to store and publish: identity settled, HTML made safe, text derived. */
export interface Item {
  /**
   * Stable identity within its feed: the guid/id, else the link, else a hash of title and
   * date. The same item seen again gets the same key, so it is updated, never duplicated.
   */
  key: string;
  title: string;
  link: string | null;
  /** ISO 8601 UTC, or null when the feed gives no readable date. */
  published: string | null;
  /** The date as the feed wrote it (`Sat, 25 Dec 2021 00:03:46 GMT`): Hexo posts carry it. */
  publishedText: string | null;
  updated: string | null;
  author: string | null;
  /** Sanitised HTML, safe to put on our pages. */
  contentHtml: string;
  /**
   * The item's HTML exactly as the feed gave it (content, else summary): never shown on our
   * pages; kept so exports that must match the old system (Hexo posts) can reproduce it.
   */
  sourceHtml: string;
  /**
   * The xml:base the feed wrote in force where `sourceHtml` came from (ParsedItem.sourceBase):
   * its relative URLs resolve against it before the item link. Kept so that preparing the item
   * again from `sourceHtml` resolves them as the first time. Absent or null: none was written.
   */
  sourceBase?: string | null;
  /** Plain-text excerpt for cards and feeds, cut on a character boundary (CJK-aware). */
  excerpt: string;
  /** The whole content as plain text, whitespace collapsed: what search indexes. */
  text: string;
  /** Minutes to read the text (CJK counted by character, other scripts by word); 0 = no text. */
  readingMinutes: number;
  /** Lead image URL, absolute. */
  image: string | null;
  categories: string[];
}

/**
 * The parse contract (DESIGN.md, "The parse contract"): what `parse/` returns and
 * `tidings parse` prints. Field names are checked by the conformance suite; keep them exact.
 */
export type FeedFormat = 'rss' | 'atom' | 'rdf' | 'json';

export interface ParsedFeed {
  format: FeedFormat;
  title: string | null;
  /** Home page (alternate) URL, absolute. */
  link: string | null;
  /** Subtitle/description as given, plain text. */
  description: string | null;
  language: string | null;
  /** ISO 8601 UTC with milliseconds, e.g. "2021-12-25T00:03:46.000Z". */
  updated: string | null;
  /** Feed logo/icon URL. */
  image: string | null;
  items: ParsedItem[];
}

export interface Enclosure {
  url: string;
  type: string | null;
  length: number | null;
}

export interface ParsedItem {
  /** guid / atom:id / JSON Feed id. */
  id: string | null;
  title: string | null;
  /** Absolute (xml:base, then the document URL). */
  link: string | null;
  published: string | null;
  /**
   * The publication date exactly as the feed wrote it (trimmed), readable or not: the old
   * Hexo posts carry it verbatim (`date:`), so the export needs it.
   */
  publishedText: string | null;
  updated: string | null;
  /** The first author's display name. */
  author: string | null;
  /** HTML or text, unsanitised. */
  summary: string | null;
  /** Full HTML (content:encoded, atom:content, content_html), unsanitised. */
  content: string | null;
  /**
   * The HTML the content (else summary) came from, exactly as given: RSS fields keep the
   * whitespace `content`/`summary` trim away (the old Hexo posts carry it byte for byte).
   * Absent means `content ?? summary`.
   */
  sourceHtml?: string | null;
  /**
   * The xml:base in force on the element the content (else summary) came from, when the
   * document wrote one there or above it (RFC 4287 §5: the HTML's relative URLs resolve
   * against it). Absent when only the document URL is in force: they resolve against the item
   * link. Not part of the parse contract (`tidings parse` leaves it out).
   */
  sourceBase?: string | null;
  categories: string[];
  enclosures: Enclosure[];
  /** Lead image URL, absolute. */
  image: string | null;
}

export interface ParseOptions {
  /** The URL the document was served from; relative URLs resolve against it. */
  baseUrl?: string;
  /** Charset from outside the document (the HTTP Content-Type header). */
  charset?: string;
  /** IANA zone for dates written without one (default UTC). */
  timeZone?: string;
  /**
   * Reference instant for dates written without a year (`12月25日 08:03`) when the feed
   * has no updated time of its own; default the clock.
   */
  now?: Date | number;
  /** Told about problems the parser read past (a truncated document, a bad date, …). */
  onWarning?: (message: string) => void;
  /** Told how often the feed asks to be read, in minutes (`<ttl>`, `sy:updatePeriod`). */
  onRefreshHint?: (minutes: number) => void;
}

/** Thrown when the input is not a feed at all (empty, an HTML page, unknown XML, …). */
export class NotAFeedError extends Error {
  /** Feed URLs an HTML page advertises with <link rel="alternate">, if any. */
  readonly feedLinks: string[];
  constructor(message: string, feedLinks: string[] = []) {
    super(message);
    this.name = 'NotAFeedError';
    this.feedLinks = feedLinks;
  }
}

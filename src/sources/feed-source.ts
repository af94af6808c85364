/** A feed's place in the config's tree (category → site → name), by its store key. */
export type FeedPlace = Pick<FeedSource, 'key' | 'category' | 'site' | 'name' | 'language'>;

/** Where a feed's bytes come from. */
export type FeedLocation = { kind: 'url'; url: string } | { kind: 'file'; path: string };

/** One subscription: its place in the tree (category → site → feed) and where to read it. */
export interface FeedSource {
  /**
   * Stable identity in the store. It follows the feed's address as the user wrote it
   * (`rsshub:/sina/finance`, `url:https://…`, `file:feeds/local.xml`), so renaming or
   * moving a feed in the tree keeps its history, and so does changing the RSSHub instance.
   */
  key: string;
  category: string;
  site: string;
  name: string;
  location: FeedLocation;
  /** IANA zone for dates the feed writes without one. */
  timeZone: string;
  /**
   * The language of the feed's items set in the config (a canonical BCP 47 tag): wins over
   * the one the feed declares. Absent: the feed's own.
   */
  language?: string;
  /** Minutes between fetches set for this feed in the config, if any. */
  interval: number | null;
  /** How the feed's item HTML is cleaned and sanitised; absent = the defaults. */
  content?: ContentSettings;
  /** How long its items are kept; absent = forever. */
  retention?: RetentionPolicy;
}

/**
 * User rules for cleaning item HTML, as written in the config (`clean:` globally, per site
 * or per feed). Selectors and patterns are validated when the config is loaded.
 */
export interface CleanRules {
  /** CSS selectors: matching elements are removed with their content. */
  remove: string[];
  /** Regular expressions: matching text is removed; elements left empty go too. */
  removePattern: string[];
  /** A CSS selector: when it matches, only the matching elements are kept. */
  keepOnly: string | null;
}

/** Content settings of one feed: config-wide ones merged with its site's and its own. */
export interface ContentSettings {
  /** Allow video players from the embed allowlist (YouTube, Vimeo, Bilibili, Tencent Video). */
  embeds: boolean;
  /** Apply the built-in boilerplate rules (src/content/builtin-clean-rules.ts). */
  builtinRules: boolean;
  /** User rule sets, from the least to the most specific: config-wide, site, feed. */
  clean: CleanRules[];
}

/** Which stored items of a feed are deleted; null = no limit of that kind. */
export interface RetentionPolicy {
  /** Items older than this many days (published, else first seen) are deleted. */
  maxAgeDays: number | null;
  /** Only the newest this many items are kept. */
  maxItemsPerFeed: number | null;
}

/** The location as a short human string for messages: a URL or a file path. */
export function describeLocation(location: FeedLocation): string {
  return location.kind === 'url' ? location.url : location.path;
}

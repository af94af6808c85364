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
  /** Minutes between fetches set for this feed in the config, if any. */
  interval: number | null;
}

/** The location as a short human string for messages: a URL or a file path. */
export function describeLocation(location: FeedLocation): string {
  return location.kind === 'url' ? location.url : location.path;
}

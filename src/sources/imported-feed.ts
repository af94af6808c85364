/** A feed found by an import (RSSHub catalog, OPML), placed in the category → site → feed tree. */
export interface ImportedFeed {
  category: string;
  site: string;
  name: string;
  /** Exactly what the config's feed entry says about where to read it. */
  location: { rsshub: string } | { url: string } | { file: string };
}

/** The location as the config writes it: `rsshub:/x`, `url:https://…`, `file:x.xml`. */
export function importedFeedKey(feed: ImportedFeed): string {
  const location = feed.location;
  if ('rsshub' in location) return `rsshub:${location.rsshub}`;
  if ('url' in location) return `url:${location.url}`;
  return `file:${location.file}`;
}

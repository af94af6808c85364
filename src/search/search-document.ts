import type { ItemView } from '../site/site-structure.js';
import { INDEXED_TEXT_CHARS } from './build-search-index.js';

/** What the search index knows about one item. */
export interface SearchDocument {
  /** Site-relative path of the item's page: `items/3f2a9c0d4e5b6a71.html`. */
  path: string;
  title: string;
  /** The item's whole plain text; only its first INDEXED_TEXT_CHARS characters are indexed. */
  text: string;
  /** Shown under the title in results. */
  excerpt: string;
  /** ISO time for `<time datetime>`, and how the site shows it. */
  time: string;
  timeText: string;
  /** Where it came from: `金融 › 新浪财经 › 新浪财经－国內`. */
  source: string;
}

/**
 * The site's items as search documents, in a stable order: first seen, then feed, then key.
 * New items are seen last, so they are appended and older documents keep their numbers (and
 * the metadata chunks holding them stay byte-identical).
 */
export function searchDocuments(
  views: readonly ItemView[],
  readText: (feedKey: string, key: string) => string,
): SearchDocument[] {
  const ordered = [...views].sort((a, b) => {
    const x = a.item;
    const y = b.item;
    return (
      compare(x.firstSeen, y.firstSeen) || compare(x.feedKey, y.feedKey) || compare(x.key, y.key)
    );
  });
  return ordered.map((view) => ({
    path: view.path,
    title: view.item.title,
    // Only the indexed prefix is kept, copied so the whole text can be freed.
    text: copyOf(readText(view.item.feedKey, view.item.key).slice(0, INDEXED_TEXT_CHARS)),
    excerpt: view.item.excerpt,
    time: view.time.iso,
    timeText: view.time.text,
    source: `${view.feed.site.category.name} › ${view.feed.site.name} › ${view.feed.feed.name}`,
  }));
}

/** A flat copy: a slice would keep its whole parent string alive. */
function copyOf(text: string): string {
  return Buffer.from(text, 'utf8').toString('utf8');
}

/** Code-unit order: the same on every machine and locale. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

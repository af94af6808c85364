import { excerptBesideTitle } from '../site/excerpt-beside-title.js';
import type { ItemView } from '../site/site-structure.js';

/** What the search index knows about one item, besides its text. */
export interface SearchEntry {
  /** Site-relative path of the item's page: `items/3f2a9c0d4e5b6a71.html`. */
  path: string;
  title: string;
  /** Shown under the title in results. */
  excerpt: string;
  /** ISO time for `<time datetime>`, and how the site shows it. */
  time: string;
  timeText: string;
  /** Where it came from: `金融 › 新浪财经 › 新浪财经－国內`. */
  source: string;
  /**
   * The language of its title and excerpt when that is not the site's (the site: its feed's
   * `lang`, foreign-language.ts), so results mark them as its pages do; absent or null: the
   * site's, and its metadata row carries none.
   */
  lang?: string | null;
  /**
   * Changes whenever the item's text may have changed (for the site: its feed, key and change
   * time). Segments are keyed by revisions, so an unchanged segment is known without reading
   * a single text.
   */
  revision: string;
  /**
   * What `time` and `timeText` are made from, when that is cheaper to key than the texts (the
   * site: the item's published or first-seen time; the language and zone go into the
   * `timesKey` of metadataChunkKey). Chunks not written then never make the two texts.
   */
  timeKey?: string;
}

/** A document with its text, as tests and benchmarks hand them to buildSearchIndex. */
export interface SearchDocument extends Omit<SearchEntry, 'revision'> {
  /** The item's plain text; only its first INDEXED_TEXT_CHARS characters are indexed. */
  text: string;
  /** Defaults to the indexed text itself. */
  revision?: string;
}

/** A site item's entry, with what reading its text from the store takes. */
export interface ItemSearchEntry extends SearchEntry {
  feedKey: string;
  key: string;
}

/**
 * The site's items as search entries, in a stable order: first seen, then feed, then key. New
 * items are seen last, so they are appended and older documents keep their numbers (and the
 * segments and metadata chunks holding them stay byte-identical).
 */
export function searchEntries(views: readonly ItemView[]): ItemSearchEntry[] {
  const ordered = [...views].sort((a, b) => {
    const x = a.item;
    const y = b.item;
    return (
      compare(x.firstSeen, y.firstSeen) || compare(x.feedKey, y.feedKey) || compare(x.key, y.key)
    );
  });
  const sources = new Map<ItemView['feed'], string>();
  const sourceOf = ({ feed }: ItemView): string => {
    let source = sources.get(feed);
    if (source === undefined) {
      source = `${feed.site.category.name} › ${feed.site.name} › ${feed.name}`;
      sources.set(feed, source);
    }
    return source;
  };
  return ordered.map((view) => new ItemEntry(view, sourceOf(view)));
}

/**
 * A site item's search entry. Its time texts are made only when read: a rebuild writes a few
 * metadata chunks, whose keys use timeKey instead (see metadataChunkKey). A class: V8 makes
 * object literals with getters one by one, slowly, and there is one per item.
 */
class ItemEntry implements ItemSearchEntry {
  readonly path: string;
  readonly title: string;
  readonly excerpt: string;
  readonly timeKey: string;
  readonly lang: string | null;
  readonly revision: string;
  readonly feedKey: string;
  readonly key: string;

  constructor(
    private readonly view: ItemView,
    readonly source: string,
  ) {
    const { item } = view;
    this.path = view.path;
    this.title = item.title;
    // Without the words the title shows already, as on the item's card.
    this.excerpt = excerptBesideTitle(item.excerpt, item.title);
    this.timeKey = item.published ?? item.firstSeen;
    this.lang = view.feed.lang;
    this.revision = `${item.feedKey}\u0000${item.key}\u0000${item.changedAt}`;
    this.feedKey = item.feedKey;
    this.key = item.key;
  }

  get time(): string {
    return this.view.time.iso;
  }

  get timeText(): string {
    return this.view.time.text;
  }
}

/** Code-unit order: the same on every machine and locale. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

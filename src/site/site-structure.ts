import type { StoredFeed, StoredItem } from '../store/store.js';
import type { SiteModel } from './site-model.js';
import { createTimeFormatter, type DisplayTime } from './format-time.js';
import { itemPath } from './item-path.js';
import type { Labels } from './labels.js';
import { assignSegments } from './path-segment.js';

/** The site's tree and item list, worked out once per build; pages only read it. */
export interface SiteStructure {
  categories: CategoryNode[];
  items: ItemView[];
}

export interface CategoryNode {
  name: string;
  /** Folder of its page, site-relative and unencoded: `categories/金融`. */
  folder: string;
  sites: SiteNode[];
  /** Newest first. */
  items: ItemView[];
}

export interface SiteNode {
  name: string;
  folder: string;
  category: CategoryNode;
  feeds: FeedNode[];
  items: ItemView[];
}

export interface FeedNode {
  feed: StoredFeed;
  folder: string;
  site: SiteNode;
  items: ItemView[];
}

/** An item with everything its entries and page need, computed once. */
export interface ItemView {
  item: StoredItem;
  feed: FeedNode;
  /** Site-relative path of its page: `items/<id>.html`. */
  path: string;
  /** Published time, or first seen when the feed gave no date. */
  time: DisplayTime;
  updated: DisplayTime | null;
}

/** Folder holding all category pages, and the category index itself. */
export const CATEGORIES_FOLDER = 'categories';

/** Groups that keep insertion order and are looked up by name. */
function getOrAdd<K, V>(map: Map<K, V>, key: K, create: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = create();
    map.set(key, value);
  }
  return value;
}

/** Stand-in for items whose feed is no longer in the store, so they are still shown. */
function orphanFeed(feedKey: string, labels: Labels): StoredFeed {
  return {
    key: feedKey,
    category: labels.uncategorized,
    site: feedKey,
    name: feedKey,
    location: '',
    title: null,
    link: null,
    lastFetchedAt: null,
    lastSuccessAt: null,
    lastError: null,
    lastErrorKind: null,
    itemCount: 0,
    consecutiveFailures: 0,
    nextDueAt: null,
    gone: false,
    movedTo: null,
  };
}

/**
 * Builds the category → site → feed tree and the item views. Items keep the model's order
 * (newest first), and each list is filled in that order, so nothing is sorted again. Tree
 * levels are sorted by name with the site language's collation (pinyin order for Chinese).
 */
export function buildSiteStructure(model: SiteModel, labels: Labels): SiteStructure {
  const { language, timeZone } = model.settings;
  const collator = new Intl.Collator(language);
  const byName = (a: { name: string }, b: { name: string }): number =>
    collator.compare(a.name, b.name);

  const feeds = new Map<string, StoredFeed>();
  for (const feed of model.feeds) feeds.set(feed.key, feed);
  for (const item of model.items) {
    if (!feeds.has(item.feedKey)) feeds.set(item.feedKey, orphanFeed(item.feedKey, labels));
  }

  // category name → site name → feeds
  const tree = new Map<string, Map<string, StoredFeed[]>>();
  for (const feed of feeds.values()) {
    const sites = getOrAdd(tree, feed.category, () => new Map<string, StoredFeed[]>());
    getOrAdd(sites, feed.site, () => []).push(feed);
  }

  const feedNodes = new Map<string, FeedNode>();
  const categoryNames = [...tree.keys()];
  const categorySegments = assignSegments(categoryNames.map((name) => ({ id: name, name })));
  const categories: CategoryNode[] = [];
  for (const [categoryName, sites] of tree) {
    const category: CategoryNode = {
      name: categoryName,
      folder: `${CATEGORIES_FOLDER}/${categorySegments.get(categoryName)}`,
      sites: [],
      items: [],
    };
    const siteSegments = assignSegments([...sites.keys()].map((name) => ({ id: name, name })));
    for (const [siteName, siteFeeds] of sites) {
      const site: SiteNode = {
        name: siteName,
        folder: `${category.folder}/${siteSegments.get(siteName)}`,
        category,
        feeds: [],
        items: [],
      };
      const feedSegments = assignSegments(siteFeeds.map((f) => ({ id: f.key, name: f.name })));
      for (const feed of siteFeeds) {
        const node: FeedNode = {
          feed,
          folder: `${site.folder}/${feedSegments.get(feed.key)}`,
          site,
          items: [],
        };
        site.feeds.push(node);
        feedNodes.set(feed.key, node);
      }
      site.feeds.sort((a, b) => collator.compare(a.feed.name, b.feed.name));
      category.sites.push(site);
    }
    category.sites.sort(byName);
    categories.push(category);
  }
  categories.sort(byName);

  const formatTime = createTimeFormatter(language, timeZone);
  const display = (iso: string): DisplayTime => ({ iso, text: formatTime(iso) });
  const items: ItemView[] = [];
  const paths = new Set<string>();
  for (const item of model.items) {
    const feed = feedNodes.get(item.feedKey);
    if (!feed) continue; // cannot happen: every feedKey got a node above
    const path = itemPath(item.feedKey, item.key);
    if (paths.has(path)) continue; // the same item twice: keep the first (newest)
    paths.add(path);
    const view: ItemView = {
      item,
      feed,
      path,
      time: display(item.published ?? item.firstSeen),
      updated: item.updated && item.updated !== item.published ? display(item.updated) : null,
    };
    items.push(view);
    feed.items.push(view);
    feed.site.items.push(view);
    feed.site.category.items.push(view);
  }
  return { categories, items };
}

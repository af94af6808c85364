import { createHash } from 'node:crypto';
import { foreignLanguage } from './foreign-language.js';
import { displayText } from '../content/display-text.js';
import type { ItemSummary, StoredFeed } from '../store/store.js';
import type { SiteModel } from './site-model.js';
import { createTimeFormatter, type LocalTime } from './format-time.js';
import { itemId, itemIdLong, itemPathFor } from './item-path.js';
import type { Labels } from './labels.js';
import { assignSegments, encodePath } from './path-segment.js';
import { laterCopies } from './same-link-copies.js';

/** The site's tree, archives and item list, worked out once per build; pages only read it. */
export interface SiteStructure {
  categories: CategoryNode[];
  /** Newest first. */
  items: ItemView[];
  /**
   * What the site-wide lists show (home, the site's feeds, archives): the items, newest first,
   * an article that several feeds carry once (same-link-copies.ts).
   */
  river: ItemView[];
  /** Months with items, newest first. */
  months: MonthNode[];
  /**
   * A hash of every name and folder of the tree: item cards show their category › site › feed,
   * so a renamed node changes every page that lists its items.
   */
  treeKey: string;
}

/** What every listing node has: a folder for its pages and its items, newest first. */
export interface ListNode {
  name: string;
  /** Folder of its pages, site-relative and unencoded: `categories/金融`. */
  folder: string;
  /** The same, URL-encoded, with a trailing slash: `categories/%E9%87%91%E8%9E%8D/`. */
  url: string;
  items: ItemView[];
}

export interface CategoryNode extends ListNode {
  sites: SiteNode[];
}

export interface SiteNode extends ListNode {
  category: CategoryNode;
  feeds: FeedNode[];
}

export interface FeedNode extends ListNode {
  feed: StoredFeed;
  site: SiteNode;
  /**
   * The `lang` its items' titles and texts are marked with: the feed's language when it is not
   * the site's (foreign-language.ts), else null.
   */
  lang: string | null;
}

export interface DayNode extends ListNode {
  /** `2021-12-25`. */
  date: string;
  month: MonthNode;
}

export interface MonthNode extends ListNode {
  /** `2021-12`. */
  date: string;
  /** Newest first. */
  days: DayNode[];
}

/** An item with everything its entries and page need, computed once. */
export interface ItemView {
  item: ItemSummary;
  feed: FeedNode;
  /** Site-relative path of its page: `items/<id>.html` (or `p/<id>.html`). */
  path: string;
  /** The same, URL-encoded (it needs no encoding today, but paths go through one place). */
  url: string;
  /** Published time, or first seen when the feed gave no date. */
  time: LocalTime;
  updated: LocalTime | null;
  /** The previous (older) and next (newer) item of the same feed. */
  older: ItemView | null;
  newer: ItemView | null;
}

/** Folder holding all category pages, and the category index itself. */
export const CATEGORIES_FOLDER = 'categories';
/** Folder of the archives by month and day. */
export const ARCHIVES_FOLDER = 'archives';

function getOrAdd<K, V>(map: Map<K, V>, key: K, create: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = create();
    map.set(key, value);
  }
  return value;
}

/**
 * A node of the tree. Its name, shown beside other names and dates, is made safe to show as the
 * content stage makes titles (displayText): config names can come from an imported OPML file.
 */
function listNode(name: string, folder: string): ListNode {
  return { name: displayText(name), folder, url: `${encodePath(folder)}/`, items: [] };
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
 * Page ids of all items. Ids are 64-bit hashes of the item's identity; should two meet (see
 * item-path.ts for how unlikely), the item whose identity sorts later gets a longer id, so
 * the result does not depend on the order of items.
 */
function assignItemIds(
  items: readonly ItemSummary[],
  pageKeyOf: (feedKey: string) => string,
): Map<ItemSummary, string> {
  const ids = new Map<ItemSummary, string>();
  const byId = new Map<string, ItemSummary>();
  const identity = (item: ItemSummary): string => `${item.feedKey}\0${item.key}`;
  for (const item of items) {
    const id = itemId(pageKeyOf(item.feedKey), item.key);
    const other = byId.get(id);
    if (other === undefined) {
      byId.set(id, item);
      ids.set(item, id);
      continue;
    }
    const later = identity(item) > identity(other) ? item : other;
    const earlier = later === item ? other : item;
    ids.set(earlier, id);
    byId.set(id, earlier);
    ids.set(later, itemIdLong(pageKeyOf(later.feedKey), later.key));
  }
  return ids;
}

/**
 * Builds the category → site → feed tree, the archives and the item views. Items keep the
 * model's order (newest first), and each list is filled in that order, so nothing is sorted
 * again. Tree levels are sorted by name with the site language's collation (pinyin order for
 * Chinese).
 */
export function buildSiteStructure(model: SiteModel, labels: Labels): SiteStructure {
  const { language, timeZone, permalink } = model.settings;
  const collator = new Intl.Collator(language);
  const byName = (a: { name: string }, b: { name: string }): number =>
    collator.compare(a.name, b.name);

  const feeds = new Map<string, StoredFeed>();
  for (const feed of model.feeds) feeds.set(feed.key, feed);
  for (const item of model.items) {
    if (!feeds.has(item.feedKey)) feeds.set(item.feedKey, orphanFeed(item.feedKey, labels));
  }

  // category name → site name → feeds, each level in the order its first feed was stored
  // (model.feeds is oldest first): assignSegments keeps the plain folder for the oldest.
  const tree = new Map<string, Map<string, StoredFeed[]>>();
  for (const feed of feeds.values()) {
    const sites = getOrAdd(tree, feed.category, () => new Map<string, StoredFeed[]>());
    getOrAdd(sites, feed.site, () => []).push(feed);
  }

  const treeHash = createHash('sha1');
  const feedNodes = new Map<string, FeedNode>();
  const categorySegments = assignSegments([...tree.keys()].map((name) => ({ id: name, name })));
  const categories: CategoryNode[] = [];
  for (const [categoryName, sites] of tree) {
    const category: CategoryNode = {
      ...listNode(categoryName, `${CATEGORIES_FOLDER}/${categorySegments.get(categoryName)}`),
      sites: [],
    };
    const siteSegments = assignSegments([...sites.keys()].map((name) => ({ id: name, name })));
    for (const [siteName, siteFeeds] of sites) {
      const site: SiteNode = {
        ...listNode(siteName, `${category.folder}/${siteSegments.get(siteName)}`),
        category,
        feeds: [],
      };
      // A clash's hash is of the key the feed's history began under (as its items' pages are),
      // so a feed that moved to a new address keeps its folder.
      const feedSegments = assignSegments(
        siteFeeds.map((f) => ({ id: f.key, name: f.name, hashOf: f.pageKey ?? f.key })),
      );
      for (const feed of siteFeeds) {
        const node: FeedNode = {
          ...listNode(feed.name, `${site.folder}/${feedSegments.get(feed.key)}`),
          feed,
          site,
          lang: foreignLanguage(feed.language, language),
        };
        site.feeds.push(node);
        feedNodes.set(feed.key, node);
      }
      site.feeds.sort(byName);
      category.sites.push(site);
    }
    category.sites.sort(byName);
    categories.push(category);
  }
  categories.sort(byName);
  for (const category of categories) {
    treeHash.update(`c\0${category.name}\0${category.folder}\0`);
    for (const site of category.sites) {
      treeHash.update(`s\0${site.name}\0${site.folder}\0`);
      for (const feed of site.feeds) treeHash.update(`f\0${feed.name}\0${feed.folder}\0`);
    }
  }

  const localTime = createTimeFormatter(language, timeZone);
  // A feed whose history moved to a new key keeps naming its items' pages after the old one.
  const pageKeys = new Map(model.feeds.map((feed) => [feed.key, feed.pageKey ?? feed.key]));
  const pageKeyOf = (feedKey: string): string => pageKeys.get(feedKey) ?? feedKey;
  const ids = assignItemIds(model.items, pageKeyOf);
  const copies = laterCopies(model.items);
  const items: ItemView[] = [];
  const river: ItemView[] = [];
  const months = new Map<string, MonthNode>();
  const days = new Map<string, DayNode>();
  for (const item of model.items) {
    const feed = feedNodes.get(item.feedKey);
    if (!feed) continue; // cannot happen: every feedKey got a node above
    const path = itemPathFor(permalink, ids.get(item) ?? itemId(pageKeyOf(item.feedKey), item.key));
    const time = localTime(item.published ?? item.firstSeen);
    const view: ItemView = {
      item,
      feed,
      path,
      url: encodePath(path),
      time,
      updated: item.updated && item.updated !== item.published ? localTime(item.updated) : null,
      older: null,
      newer: null,
    };
    const newer = feed.items.at(-1);
    if (newer) {
      newer.older = view;
      view.newer = newer;
    }
    items.push(view);
    feed.items.push(view);
    feed.site.items.push(view);
    feed.site.category.items.push(view);
    if (copies.has(item)) continue;
    river.push(view);

    // The month is looked up only for a day's first item: the day node knows it.
    let day = days.get(time.day);
    if (day === undefined) {
      const monthDate = time.day.slice(0, 7);
      const month = getOrAdd(months, monthDate, () => ({
        ...listNode(monthDate, `${ARCHIVES_FOLDER}/${monthDate.replace('-', '/')}`),
        date: monthDate,
        days: [],
      }));
      day = {
        ...listNode(time.day, `${ARCHIVES_FOLDER}/${time.day.replaceAll('-', '/')}`),
        date: time.day,
        month,
      };
      month.days.push(day);
      days.set(time.day, day);
    }
    day.month.items.push(view);
    day.items.push(view);
  }
  // Items come newest first, so this only guards the order against a store that sorts otherwise.
  const newestFirst = (a: { date: string }, b: { date: string }) =>
    a.date < b.date ? 1 : a.date > b.date ? -1 : 0;
  const monthList = [...months.values()].sort(newestFirst);
  for (const month of monthList) month.days.sort(newestFirst);
  return { categories, items, river, months: monthList, treeKey: treeHash.digest('hex') };
}

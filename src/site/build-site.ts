import type { OutputLockWait } from './output-lock.js';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { SiteModel } from './site-model.js';
import { FEED_FILES, LIST_FEED_ENTRIES, SITE_FEED_ENTRIES, type FeedOut } from './feed-out.js';
import { createTimeFormatter } from './format-time.js';
import { FragmentCache, fragmentCacheFile, fragmentCacheKey } from './fragment-cache.js';
import { labelsFor } from './labels.js';
import { MemoryBudget } from './memory-budget.js';
import { rootPrefix, sitePathPrefix, type PageContext } from './page-context.js';
import { pageFile, pageNavKey, paginate } from './paginate.js';
import { renderArchiveIndex, renderDayPage, renderMonthPage } from './render-archives.js';
import { renderAtomFeed } from './render-atom-feed.js';
import { renderCategoryIndex } from './render-category-index.js';
import { renderHealthPage } from './render-health-page.js';
import { renderHomePage } from './render-home-page.js';
import { ItemPageThreads, type ItemPageThreadsOptions } from './item-page-threads.js';
import { renderItemPage } from './render-item-page.js';
import { renderJsonFeed } from './render-json-feed.js';
import { renderListingPage, type Listing } from './render-listing-page.js';
import { renderNotFoundPage } from './render-not-found-page.js';
import { CARDS_IN_MEMORY_BYTES } from './render-river.js';
import { renderSearchPage, SEARCH_PAGE } from './render-search-page.js';
import { INDEXED_TEXT_CHARS } from '../search/build-search-index.js';
import { SegmentWorker } from '../search/search-index-thread.js';
import {
  searchPageFile,
  startSearchSiteFiles,
  WORKER_MIN_DOCUMENTS,
} from '../search/search-site-files.js';
import { renderOpml } from './render-opml.js';
import { renderRssFeed } from './render-rss-feed.js';
import {
  itemSitemapEntries,
  renderRobots,
  renderSitemap,
  renderSitemapIndex,
  SITEMAP_ITEMS_PER_FILE,
  type SitemapEntry,
} from './render-sitemap.js';
import { ListFingerprints, pageKeys } from './page-keys.js';
import { rendererFingerprint } from './renderer-fingerprint.js';
import { renderSiteStatus } from './site-status.js';
import { fetchedFeedsOnly } from './subscribed-tree.js';
import {
  ARCHIVES_FOLDER,
  buildSiteStructure,
  CATEGORIES_FOLDER,
  type ItemView,
  type ListNode,
} from './site-structure.js';
import { listStaticFiles } from './static-files.js';
import type { UnconfiguredFeed } from '../store/feed-places.js';
import { FAVICON_SVG } from './favicon.svg.js';
import { STYLE_CSS } from './style.css.js';
import {
  MANIFEST,
  writeOutput,
  type Manifest,
  type LateFiles,
  type OutputFile,
  type WriteResult,
} from './write-output.js';

export interface BuildProgress {
  /** Files handled so far (written or found unchanged), of `total`. */
  done: number;
  total: number;
}

export interface BuildOptions {
  onProgress?: (progress: BuildProgress) => void;
  /** Render and compare every file, ignoring the build manifest (`tidings build --full`). */
  full?: boolean;
  /** The build's inputs key (build-inputs.ts), recorded in the manifest for the next build. */
  inputs?: string;
  /** How many threads write item pages, from how many pages on (tests; item-page-threads.ts). */
  itemPageThreads?: Pick<ItemPageThreadsOptions, 'threads' | 'minPages' | 'chunkPages'>;
  /** The output's manifest, read at the start of the build (write-output.ts). */
  manifest?: Manifest;
  /**
   * Overrides the bytes of item fragments and of cards the build keeps in memory to its end
   * (FRAGMENTS_IN_MEMORY_BYTES, CARDS_IN_MEMORY_BYTES; tests).
   */
  keptBytes?: { fragments: number; cards: number };
  /** Waiting for another run holding the output folder's lock (write-output.ts). */
  outputLock?: OutputLockWait;
}

/** What a build did. Counts are files in the output folder. */
export interface BuildReport {
  outputDir: string;
  /** Files whose bytes were new or changed. */
  written: number;
  /** Files kept as they were (same inputs as the previous build, or the same bytes). */
  unchanged: number;
  /** Files of the previous build that the site no longer has, deleted. */
  removed: number;
  durationMs: number;
  /** The site's window (site.maxAgeDays), when it has one: its days and first local day. */
  window?: { days: number; firstDay: string };
  /** Stored feeds the config no longer lists (feed-places.ts): still shown, said so. */
  unconfigured?: UnconfiguredFeed[];
}

/**
 * Builds the static site from the model into settings.outputDir.
 *
 * URL layout (all links between pages are relative, so any path prefix works):
 *   index.html, page/<n>/index.html            the river of news (n counts from the oldest)
 *   categories/index.html                      all categories, sites and feeds
 *   categories/<category>/[<site>/[<feed>/]]   a list's pages, and its atom.xml, rss.xml, feed.json
 *   archives/index.html, archives/<yyyy>/<mm>/[<dd>/]   archives by month and by day
 *   items/<id>.html (or p/<id>.html)           one item (see item-path.ts)
 *   health/index.html                          last success and last error of every feed
 *   atom.xml, rss.xml, feed.json               the whole site's feeds
 *   subscriptions.opml, sitemap.xml, sitemaps/, robots.txt, 404.html, style.css, favicon.svg
 * Folder names come from path-segment.ts; list pages are numbered as paginate.ts explains.
 *
 * Incremental: every file gets a key, a hash of everything it shows (see write-output.ts).
 * A file whose key matches the previous build's is not rendered at all, so a rebuild costs
 * what changed, not the size of the site.
 */
export async function buildSite(
  model: SiteModel,
  options: BuildOptions = {},
): Promise<BuildReport> {
  const started = performance.now();
  const threads = startThreads(model, options);
  try {
    return await plannedBuild(model, options, threads, started);
  } finally {
    // Threads started ahead and never handed their work (the build failed first) must end.
    threads.search?.stop();
    threads.pages?.dismiss();
  }
}

/** The build's threads, some started before planning (see startThreads). */
interface BuildThreads {
  styleVersion: string;
  /** The search index thread started ahead, until the index takes it over. */
  search: SegmentWorker | undefined;
  /** Whether it reads every item's text from the store file itself (a full build). */
  searchReadsTexts: boolean;
  /** The item-page threads (started ahead in a full build of a large site). */
  pages: ItemPageThreads | undefined;
  /** A full build: `--full`, or no manifest of a previous build in the output folder. */
  full: boolean;
}

/**
 * A full build (`--full`, or no manifest from a previous build) of a large store file starts
 * its threads before planning, while the second core has nothing else to do: the search index
 * thread, reading every item's text from the store (SegmentWorker.readTexts), and the item-page
 * threads, loading their modules and opening the store (ItemPageThreads.prewarm). An
 * incremental build of a large site starts only the search index thread ahead, to load its
 * modules meanwhile (~0.1 s of the other core): appending new items' documents on it runs
 * beside the main thread's rendering and ends about when it does, so its start delays the
 * build. The index stops it if the build appends too few documents to want it.
 */
function startThreads(model: SiteModel, options: BuildOptions): BuildThreads {
  const { storeFile, settings } = model;
  const styleVersion = createHash('sha256').update(STYLE_CSS).digest('hex').slice(0, 8);
  const pages =
    storeFile === undefined
      ? undefined
      : new ItemPageThreads({
          ...options.itemPageThreads,
          settings,
          styleVersion,
          storeFile,
          shownSince: model.shownSince,
        });
  const full = options.full === true || !existsSync(join(settings.outputDir, MANIFEST));
  const count = model.items.length;
  let search: SegmentWorker | undefined;
  let searchReadsTexts = false;
  if (full && storeFile !== undefined) {
    if (pages !== undefined && count >= pages.minFiles) pages.prewarm();
    if (count >= WORKER_MIN_DOCUMENTS) {
      search = new SegmentWorker();
      search.readTexts(storeFile, INDEXED_TEXT_CHARS, model.shownSince);
      searchReadsTexts = true;
    }
  } else if (!full && count >= WORKER_MIN_DOCUMENTS) {
    search = new SegmentWorker();
  }
  return { styleVersion, search, searchReadsTexts, pages, full };
}

async function plannedBuild(
  model: SiteModel,
  options: BuildOptions,
  threads: BuildThreads,
  started: number,
): Promise<BuildReport> {
  const { settings } = model;
  const labels = labelsFor(settings.language);
  const structure = buildSiteStructure(model, labels);
  const { treeKey } = structure;
  const { styleVersion } = threads;
  // Where the site is written does not change what it shows; everything else may. The window
  // (maxAgeDays) changes which items are shown, which the pages' keys hold already: changing
  // it rewrites only the pages whose items come or go.
  const shown = { ...settings, outputDir: '', staticDir: '', maxAgeDays: 0 };
  const everything = `${rendererFingerprint()}\0${JSON.stringify(shown)}`;
  const keyOf = pageKeys(everything);
  // Cards and excerpt-feed entries of items, carried between incremental builds; a full build
  // makes them all anew (and trusts nothing it did not make).
  const fragmentsFile = fragmentCacheFile(settings.outputDir);
  const fragmentsKey = fragmentCacheKey(`fragments\0${everything}\0${treeKey}`);
  // What it makes beyond its memory budget is spilled to a file beside it (fragment-spill.ts).
  const kept = options.keptBytes;
  const fragments = threads.full
    ? FragmentCache.empty(fragmentsKey, {
        file: FragmentCache.spillFile(fragmentsFile),
        ...(kept === undefined ? {} : { memoryBytes: kept.fragments }),
      })
    : FragmentCache.read(fragmentsFile, fragmentsKey, kept?.fragments);
  let result: WriteResult;
  // A failure anywhere below must close the cache (its file, and its spill file if it made one).
  try {
    // Cards kept for the items' other lists, up to a budget (render-river.ts).
    const cardMemory = new MemoryBudget(kept?.cards ?? CARDS_IN_MEMORY_BYTES);
    // What a list's cards depend on: which items, whether each changed, and the language each
    // is marked with (a feed's language changes without its items changing).
    const listPrints = new ListFingerprints<ItemView>(
      (view) => `${view.url} ${view.item.changedAt} ${view.feed.lang}`,
    );
    const context = (path: string): PageContext => ({
      settings,
      labels,
      path,
      root: rootPrefix(path),
      styleVersion,
      fragments,
      cardMemory,
    });

    const files: OutputFile[] = [];
    const add = (
      path: string,
      parts: readonly (string | number | null | undefined)[],
      render: OutputFile['render'],
      group?: OutputFile['group'],
    ): void => {
      const key = keyOf(path, parts);
      files.push(group === undefined ? { path, key, render } : { path, key, render, group });
    };

    add('style.css', [], () => STYLE_CSS);
    add('favicon.svg', [], () => FAVICON_SVG);
    // GitHub Pages would otherwise run Jekyll, which hides folders starting with `_`.
    add('.nojekyll', [], () => '');
    add('robots.txt', [], () => renderRobots(settings));
    // Feeds the config no longer lists are not fetched: no subscription, no health to report.
    const unconfigured = model.unconfiguredFeeds ?? new Set<string>();
    const subscribed = fetchedFeedsOnly(structure.categories, unconfigured);
    files.push({
      path: 'status.json',
      render: () => renderSiteStatus(model.feeds.filter((feed) => !unconfigured.has(feed.key))),
    });

    // The newest change of the whole site: the date of feeds that have no entries.
    let siteUpdated = '1970-01-01T00:00:00.000Z';
    for (const view of structure.items) {
      if (view.item.changedAt > siteUpdated) siteUpdated = view.item.changedAt;
    }
    const readContent = (view: ItemView): string =>
      model.readContent(view.item.feedKey, view.item.key);

    /** A list's three feeds: Atom, RSS 2.0 and JSON Feed. */
    const addFeeds = (feed: Omit<FeedOut, 'settings' | 'fallbackUpdated'>): void => {
      const out: FeedOut = { ...feed, settings, fallbackUpdated: siteUpdated, fragments };
      const base = feed.folder === '' ? '' : `${feed.folder}/`;
      // An empty feed's date is the site's newest change; otherwise only its entries count.
      const listed = feed.entries.length > 0 ? listPrints.of(feed.entries) : siteUpdated;
      // Entries name their item's site and category (author, category), which the tree holds.
      const parts = [
        treeKey,
        feed.title,
        feed.description,
        feed.content ? 'full' : 'excerpt',
        listed,
        feed.language,
      ];
      add(base + FEED_FILES.atom, parts, () => renderAtomFeed(out));
      add(base + FEED_FILES.rss, parts, () => renderRssFeed(out));
      add(base + FEED_FILES.json, parts, () => renderJsonFeed(out));
    };

    /** The pages of a list of items: front page and numbered pages, each with its key. */
    const addListPages = (
      base: string,
      entries: readonly ItemView[],
      frontKey: string,
      render: (page: PageContext, list: ReturnType<typeof paginate<ItemView>>[number]) => Buffer,
    ): void => {
      for (const list of paginate(entries, settings.perPage)) {
        const path = pageFile(base, list.position);
        const front = list.position.kind === 'front';
        add(
          path,
          [treeKey, pageNavKey(list.position), front ? frontKey : '', listPrints.of(list.entries)],
          () => render(context(path), list),
        );
      }
    };

    // The home river and the site's feeds.
    // An article several feeds carry is one card here (site-structure.ts, river).
    const total = structure.river.length;
    addListPages('', structure.river, String(total), (page, list) =>
      renderHomePage(page, list, total),
    );
    addFeeds({
      folder: '',
      title: settings.title,
      description: settings.description,
      entries: structure.river.slice(0, SITE_FEED_ENTRIES),
      content: readContent,
    });

    // Categories, sites and feeds: their pages and feeds.
    const countsOf = (nodes: readonly ListNode[]): string =>
      nodes.map((node) => `${node.url}:${node.items.length}`).join(',');
    add(
      `${CATEGORIES_FOLDER}/index.html`,
      [
        treeKey,
        countsOf(
          structure.categories.flatMap((c) => [c, ...c.sites, ...c.sites.flatMap((s) => s.feeds)]),
        ),
      ],
      () => renderCategoryIndex(context(`${CATEGORIES_FOLDER}/index.html`), structure.categories),
    );
    const listings: Listing[] = [];
    for (const category of structure.categories) {
      listings.push({ kind: 'category', node: category });
      for (const site of category.sites) {
        listings.push({ kind: 'site', node: site });
        for (const feed of site.feeds) listings.push({ kind: 'feed', node: feed });
      }
    }
    for (const listing of listings) {
      const { node } = listing;
      const children =
        listing.kind === 'category'
          ? countsOf(listing.node.sites)
          : listing.kind === 'site'
            ? countsOf(listing.node.feeds)
            : JSON.stringify([
                listing.node.feed.title,
                listing.node.feed.link,
                listing.node.feed.lastError,
              ]);
      addListPages(node.folder, node.items, `${node.items.length}\0${children}`, (page, list) =>
        renderListingPage(page, listing, list),
      );
      addFeeds({
        folder: node.folder,
        title: `${node.name} · ${settings.title}`,
        description: '',
        entries: node.items.slice(0, LIST_FEED_ENTRIES),
        content: null,
        // A feed's own feeds are in its language when that is not the site's.
        ...(listing.kind === 'feed' && listing.node.lang !== null
          ? { language: listing.node.lang }
          : {}),
      });
    }

    // Archives by month and by day.
    add(`${ARCHIVES_FOLDER}/index.html`, [countsOf(structure.months)], () =>
      renderArchiveIndex(context(`${ARCHIVES_FOLDER}/index.html`), structure.months),
    );
    for (const month of structure.months) {
      addListPages(
        month.folder,
        month.items,
        `${month.items.length}\0${countsOf(month.days)}`,
        (page, list) => renderMonthPage(page, month, list),
      );
      for (const day of month.days) {
        addListPages(day.folder, day.items, `${day.items.length}\0${day.month.url}`, (page, list) =>
          renderDayPage(page, day, list),
        );
      }
    }

    // Item pages: their content is read from the store only when a page is rendered, in the
    // store's key order (feed, then item), so consecutive reads touch neighbouring pages. When
    // many are to be written and the store is a file, worker threads write them (see
    // item-page-threads.ts) while this thread writes the rest.
    const itemPageThreads = threads.pages;
    const byStoreKey = structure.items.slice().sort((a, b) => {
      const x = a.item;
      const y = b.item;
      return x.feedKey < y.feedKey
        ? -1
        : x.feedKey > y.feedKey
          ? 1
          : x.key < y.key
            ? -1
            : x.key > y.key
              ? 1
              : 0;
    });
    for (const view of byStoreKey) {
      const { older, newer } = view;
      itemPageThreads?.add(view);
      add(
        view.path,
        [
          treeKey,
          view.item.changedAt,
          view.item.firstSeen,
          view.feed.lang,
          older?.url,
          older?.item.changedAt,
          newer?.url,
          newer?.item.changedAt,
        ],
        () => renderItemPage(context(view.path), view, readContent(view)),
        itemPageThreads,
      );
    }

    // Feed health, subscriptions, not-found page.
    const feedNodes = subscribed.flatMap((c) => c.sites.flatMap((s) => s.feeds));
    const healthKey = JSON.stringify(
      feedNodes.map(({ feed, items }) => [
        feed.key,
        feed.lastSuccessAt,
        feed.lastFetchedAt,
        feed.lastError,
        feed.lastErrorKind,
        feed.consecutiveFailures,
        feed.gone,
        items.length,
      ]),
    );
    const localTime = createTimeFormatter(settings.language, settings.timeZone);
    add('health/index.html', [treeKey, healthKey], () =>
      renderHealthPage(context('health/index.html'), subscribed, localTime),
    );
    const opmlKey = JSON.stringify(
      feedNodes.map(({ feed }) => [feed.location, feed.movedTo, feed.title, feed.link]),
    );
    add('subscriptions.opml', [treeKey, opmlKey], () => renderOpml(settings, subscribed));
    // Search: the page, search.js/css and the index (built here, reusing its unchanged part).
    // Started once the item-page threads run (WriteOptions.lateFiles): it reads every item's
    // text. When its files are asked for last (a full build), the index thread reads the texts
    // itself from the store file, off the main thread.
    const searchFiles = (askedLast: boolean): LateFiles => {
      const page = searchPageFile(SEARCH_PAGE, () => renderSearchPage(context(SEARCH_PAGE)));
      const worker = threads.search;
      threads.search = undefined; // handed over: ended by the index
      const index = startSearchSiteFiles(
        // An article that several feeds carry is indexed once, as the site-wide lists show it
        // (same-link-copies.ts): the results list it once, and its postings are not paid twice.
        structure.river,
        model.readText,
        // The previous build's index is appended to, unless the build must not trust old output.
        options.full ? undefined : settings.outputDir,
        {
          // Item times are shown in the site's language and zone (site-structure.ts).
          timesKey: JSON.stringify([settings.language, settings.timeZone]),
          // A thread that reads the texts itself needs the store file; one started ahead of an
          // incremental build is sent the texts the main thread reads, as when started here.
          ...((askedLast || threads.searchReadsTexts) && model.storeFile !== undefined
            ? { storeFile: model.storeFile, shownSince: model.shownSince }
            : {}),
          ...(worker === undefined ? {} : { worker }),
        },
      );
      return { files: () => [page, ...index.files()].filter((file) => !replaced.has(file.path)) };
    };
    add('404.html', [], () =>
      renderNotFoundPage({
        settings,
        labels,
        path: '404.html',
        root: sitePathPrefix(settings),
        styleVersion,
      }),
    );

    // Sitemaps: the lists in one file, items in files cut from the oldest.
    const listEntries: SitemapEntry[] = [
      { target: '' },
      { target: `${CATEGORIES_FOLDER}/` },
      { target: `${ARCHIVES_FOLDER}/` },
      ...listings.map((listing) => ({ target: `${listing.node.folder}/` })),
      ...structure.months.flatMap((month) => [
        { target: `${month.folder}/` },
        ...month.days.map((day) => ({ target: `${day.folder}/` })),
      ]),
    ];
    const sitemapFiles = ['sitemaps/lists.xml'];
    add('sitemaps/lists.xml', [JSON.stringify(listEntries)], () =>
      renderSitemap(settings, listEntries),
    );
    // Every item page, copies of an article other feeds carry too (the river lists those once).
    const mapped = structure.items.length;
    for (let start = 0, n = 1; start < mapped; start += SITEMAP_ITEMS_PER_FILE, n++) {
      const end = mapped - start;
      const chunk = structure.items.slice(Math.max(0, end - SITEMAP_ITEMS_PER_FILE), end).reverse();
      const path = `sitemaps/items-${n}.xml`;
      sitemapFiles.push(path);
      add(path, [listPrints.of(chunk)], () => renderSitemap(settings, itemSitemapEntries(chunk)));
    }
    add('sitemap.xml', [sitemapFiles.join(' ')], () => renderSitemapIndex(settings, sitemapFiles));

    // The static folder last: its files replace generated ones of the same path (a favicon).
    let replaced = new Set<string>();
    if (settings.staticDir !== null) {
      const staticFiles = listStaticFiles(settings.staticDir);
      replaced = new Set(staticFiles.map((file) => file.path));
      // In place: push(...kept) overflowed the stack from ~125,000 files (~100,000 items).
      let kept = 0;
      for (const file of files) if (!replaced.has(file.path)) files[kept++] = file;
      files.length = kept;
      for (const file of staticFiles) add(file.path, ['static', file.version], file.read);
    }

    const { onProgress } = options;
    result = await writeOutput(settings.outputDir, files, {
      lateFiles: searchFiles,
      full: options.full ?? false,
      ...(options.outputLock === undefined ? {} : { outputLock: options.outputLock }),
      ...(options.inputs === undefined ? {} : { inputs: options.inputs }),
      ...(model.storeFile === undefined
        ? {}
        : { store: relative(settings.outputDir, model.storeFile) }),
      ...(options.manifest === undefined ? {} : { manifest: options.manifest }),
      ...(onProgress
        ? { onFile: (done: number, all: number) => onProgress({ done, total: all }) }
        : {}),
    });
  } catch (error) {
    fragments.close();
    throw error;
  }
  // Only once the site is in place; a failure costs the next build its rendering, nothing else.
  fragments.write(fragmentsFile, structure.items);
  return {
    outputDir: settings.outputDir,
    written: result.written,
    unchanged: result.unchanged,
    removed: result.removed,
    durationMs: Math.round(performance.now() - started),
  };
}

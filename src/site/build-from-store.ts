import type { Config } from '../config/config.js';
import type { Store } from '../store/store.js';
import { buildInputsKey } from './build-inputs.js';
import { contentReadAhead } from './content-read-ahead.js';
import { textReadAhead } from './text-read-ahead.js';
import type { BuildOptions, BuildReport } from './build-site.js';
import { placeFeeds, type FeedPlace } from '../store/feed-places.js';
import type { SiteModel } from './site-model.js';
import { siteWindow } from './site-window.js';
import { readBuiltInputs } from './write-output.js';

/** What the site needs from the store: item summaries now, each item's content when written. */
export function loadSiteModel(
  config: Pick<Config, 'site'>,
  store: Store,
  shownSince: string | null = null,
  feeds = store.listFeeds(),
  unconfiguredFeeds?: ReadonlySet<string>,
): SiteModel {
  const items = store.listItemSummaries(shownSince);
  return {
    settings: config.site,
    feeds,
    ...(unconfiguredFeeds === undefined ? {} : { unconfiguredFeeds }),
    items,
    readContent: contentReadAhead(store, shownSince),
    readText: textReadAhead(store, items.length, shownSince),
    ...(store.filePath === null ? {} : { storeFile: store.filePath }),
    shownSince,
  };
}

/**
 * build = store → site files. When the store, settings, static files and renderer are what the
 * site on disk was built from (its manifest's inputs key), nothing is read or rendered: the
 * report counts every file as unchanged. `--full` always builds.
 */
export async function buildFromStore(
  config: Pick<Config, 'site'> & { sources?: readonly FeedPlace[] },
  store: Store,
  options: BuildOptions = {},
): Promise<BuildReport> {
  const started = performance.now();
  // The window (site.maxAgeDays) moves at midnight: the first build of a day drops a day.
  const shown = siteWindow(config.site, Date.now());
  const shownSince = shown?.start ?? null;
  const window = shown
    ? { window: { days: config.site.maxAgeDays, firstDay: shown.firstDay } }
    : {};
  // Each feed at its place in the config (feed-places.ts); feeds it no longer lists stay shown.
  const placed = placeFeeds(store.listFeeds(), config.sources);
  const unconfigured = placed.unconfigured.length > 0 ? { unconfigured: placed.unconfigured } : {};
  // The store's file too: the manifest records it (previous-build-store.ts), kept up to date.
  const inputs = buildInputsKey(
    config.site,
    `${store.changeWatermark()} ${placed.key}\0${store.filePath ?? ''}`,
    shownSince,
  );
  const built = options.full ? null : await readBuiltInputs(config.site.outputDir);
  if (built !== null && built.inputs === inputs) {
    const files = built.files();
    options.onProgress?.({ done: files, total: files });
    return {
      outputDir: config.site.outputDir,
      written: 0,
      unchanged: files,
      removed: 0,
      durationMs: Math.round(performance.now() - started),
      ...window,
      ...unconfigured,
    };
  }
  // Loaded only now: a rebuild with nothing changed needs none of the page renderers.
  const { buildSite } = await import('./build-site.js');
  // The manifest just read is the writer's too (not read and parsed twice).
  const report = await buildSite(
    loadSiteModel(config, store, shownSince, placed.feeds, placed.unconfiguredKeys),
    {
      ...options,
      inputs,
      ...(built === null ? {} : { manifest: built.manifest }),
    },
  );
  return { ...report, ...window, ...unconfigured };
}

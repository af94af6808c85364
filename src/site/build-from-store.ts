import type { Config } from '../config/config.js';
import type { Store } from '../store/store.js';
import { buildInputsKey } from './build-inputs.js';
import { buildSite, type BuildOptions, type BuildReport } from './build-site.js';
import type { SiteModel } from './site-model.js';
import { readBuiltInputs } from './write-output.js';

/** What the site needs from the store: item summaries now, each item's content when written. */
export function loadSiteModel(config: Config, store: Store): SiteModel {
  return {
    settings: config.site,
    feeds: store.listFeeds(),
    items: store.listItemSummaries(),
    readContent: (feedKey, key) => store.readItemContent(feedKey, key) ?? '',
    readText: (feedKey, key) => store.readItemText(feedKey, key) ?? '',
  };
}

/**
 * build = store → site files. When the store, settings, static files and renderer are what the
 * site on disk was built from (its manifest's inputs key), nothing is read or rendered: the
 * report counts every file as unchanged. `--full` always builds.
 */
export async function buildFromStore(
  config: Config,
  store: Store,
  options: BuildOptions = {},
): Promise<BuildReport> {
  const started = performance.now();
  const inputs = buildInputsKey(config.site, store.changeWatermark());
  if (!options.full) {
    const built = await readBuiltInputs(config.site.outputDir);
    if (built !== null && built.inputs === inputs) {
      options.onProgress?.({ done: built.files, total: built.files });
      return {
        outputDir: config.site.outputDir,
        written: 0,
        unchanged: built.files,
        removed: 0,
        durationMs: Math.round(performance.now() - started),
      };
    }
  }
  return buildSite(loadSiteModel(config, store), { ...options, inputs });
}

import { createHash } from 'node:crypto';
import type { SiteModel } from './site-model.js';
import { labelsFor } from './labels.js';
import type { PageContext } from './page-context.js';
import { pageFile, paginate } from './paginate.js';
import { renderAtomFeed } from './render-atom-feed.js';
import { renderCategoryIndex } from './render-category-index.js';
import { renderHomePage } from './render-home-page.js';
import { renderItemPage } from './render-item-page.js';
import { renderListingPage, type Listing } from './render-listing-page.js';
import { renderSearchPage, SEARCH_PAGE } from './render-search-page.js';
import { searchSiteFiles } from '../search/search-site-files.js';
import { buildSiteStructure, CATEGORIES_FOLDER } from './site-structure.js';
import { STYLE_CSS } from './style.css.js';
import { writeOutput, type OutputFile } from './write-output.js';

export interface BuildProgress {
  /** Files handled so far (written or found unchanged), of `total`. */
  done: number;
  total: number;
}

export interface BuildOptions {
  onProgress?: (progress: BuildProgress) => void;
}

/** What a build did. Counts are files in the output folder: pages, atom.xml, style.css and the marker files. */
export interface BuildReport {
  outputDir: string;
  /** Files whose bytes were new or changed. */
  written: number;
  /** Files identical to the previous build's, kept as they were. */
  unchanged: number;
  durationMs: number;
}

/**
 * Builds the static site from the model into settings.outputDir.
 *
 * URL layout (all links between pages are relative, so any path prefix works):
 *   index.html, page/<n>/index.html                  the river of news, newest first
 *   categories/index.html                            all categories, sites and feeds
 *   categories/<category>/[page/<n>/]index.html      a category's items
 *   categories/<category>/<site>/[page/<n>/]index.html
 *   categories/<category>/<site>/<feed>/[page/<n>/]index.html
 *   items/<id>.html                                  one item (see item-path.ts)
 *   atom.xml, style.css
 * Folder names come from path-segment.ts.
 */
export async function buildSite(
  model: SiteModel,
  options: BuildOptions = {},
): Promise<BuildReport> {
  const started = performance.now();
  const { settings } = model;
  const labels = labelsFor(settings.language);
  const structure = buildSiteStructure(model, labels);
  const styleVersion = createHash('sha256').update(STYLE_CSS).digest('hex').slice(0, 8);
  const context = (path: string): PageContext => ({ settings, labels, path, styleVersion });

  // The plan lists every file; each is rendered only when written.
  const files: OutputFile[] = [
    { path: 'style.css', render: () => STYLE_CSS },
    {
      path: 'atom.xml',
      render: () => renderAtomFeed(settings, structure.items, model.generatedAt),
    },
    // GitHub Pages would otherwise run Jekyll, which hides folders starting with `_`.
    { path: '.nojekyll', render: () => '' },
  ];

  for (const page of paginate(structure.items, settings.perPage)) {
    const path = pageFile('', page.number);
    files.push({ path, render: () => renderHomePage(context(path), page, structure.items.length) });
  }

  const indexPath = `${CATEGORIES_FOLDER}/index.html`;
  files.push({
    path: indexPath,
    render: () => renderCategoryIndex(context(indexPath), structure.categories),
  });

  const listings: Listing[] = [];
  for (const category of structure.categories) {
    listings.push({ kind: 'category', node: category });
    for (const site of category.sites) {
      listings.push({ kind: 'site', node: site });
      for (const feed of site.feeds) listings.push({ kind: 'feed', node: feed });
    }
  }
  for (const listing of listings) {
    for (const page of paginate(listing.node.items, settings.perPage)) {
      const path = pageFile(listing.node.folder, page.number);
      files.push({ path, render: () => renderListingPage(context(path), listing, page) });
    }
  }

  for (const view of structure.items) {
    files.push({ path: view.path, render: () => renderItemPage(context(view.path), view) });
  }

  files.push(
    { path: SEARCH_PAGE, render: () => renderSearchPage(context(SEARCH_PAGE)) },
    ...searchSiteFiles(structure.items, settings.outputDir),
  );

  const { onProgress } = options;
  const result = await writeOutput(
    settings.outputDir,
    files,
    onProgress ? (done, total) => onProgress({ done, total }) : undefined,
  );
  return {
    outputDir: settings.outputDir,
    written: result.written,
    unchanged: result.unchanged,
    durationMs: Math.round(performance.now() - started),
  };
}

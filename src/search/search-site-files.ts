import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ItemView } from '../site/site-structure.js';
import type { OutputFile } from '../site/write-output.js';
import { buildSearchIndex, SEARCH_FOLDER, type PreviousIndex } from './build-search-index.js';
import { searchDocuments } from './search-document.js';
import { SEARCH_SCRIPT } from './search-script.js';
import { SEARCH_CSS } from './search-style.js';

/**
 * Everything search adds to the site's output, besides the search page itself: search.js,
 * search.css and the index folder. The index is built here, once (reusing the previous build's
 * unchanged main segment from `outputDir`); the files only hand out its text when written.
 */
export function searchSiteFiles(items: readonly ItemView[], outputDir?: string): OutputFile[] {
  const previous: PreviousIndex | undefined =
    outputDir === undefined
      ? undefined
      : {
          read(path) {
            try {
              return readFileSync(join(outputDir, SEARCH_FOLDER, path));
            } catch {
              return undefined;
            }
          },
        };
  const index = buildSearchIndex(searchDocuments(items), previous);
  const files: OutputFile[] = [
    { path: 'search.js', render: () => SEARCH_SCRIPT },
    { path: 'search.css', render: () => SEARCH_CSS },
  ];
  for (const file of index.files) {
    files.push({
      path: `${SEARCH_FOLDER}/${file.path}`,
      render: () => file.content.toString('utf8'),
    });
  }
  return files;
}

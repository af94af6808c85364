import { createHash } from 'node:crypto';
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
export function searchSiteFiles(
  items: readonly ItemView[],
  readText: (feedKey: string, key: string) => string,
  outputDir?: string,
): OutputFile[] {
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
  const index = buildSearchIndex(searchDocuments(items, readText), previous);
  // Keys (see write-output.ts) are hashes of the bytes: the index is built in full anyway, and
  // then files whose bytes did not change are not even compared with the old ones.
  const files: OutputFile[] = [
    { path: 'search.js', key: keyOf(SEARCH_SCRIPT), render: () => SEARCH_SCRIPT },
    { path: 'search.css', key: keyOf(SEARCH_CSS), render: () => SEARCH_CSS },
  ];
  for (const file of index.files) {
    files.push({
      path: `${SEARCH_FOLDER}/${file.path}`,
      key: keyOf(file.content),
      render: () => file.content,
    });
  }
  return files;
}

/** The search page, rendered now so that its key is the hash of its bytes. */
export function searchPageFile(path: string, render: () => string): OutputFile {
  const html = render();
  return { path, key: keyOf(html), render: () => html };
}

function keyOf(content: string | Buffer): string {
  return createHash('sha1').update(content).digest('base64url');
}

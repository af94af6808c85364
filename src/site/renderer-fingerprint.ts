import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hanFoldPairs } from '../search/han-fold-pairs.js';

let cached: string | null = null;

/**
 * A hash of the code that makes the site's files: every module of this folder and of
 * `search/` (the search page, its script and the header's search form are on every page), and
 * the search's fold table (han-fold-pairs.ts). It
 * is part of every page's key in the build manifest and of the build's inputs key, so a
 * Tidings upgrade or a changed template re-renders the pages even when no item changed, with
 * no version number to remember to bump.
 */
export function rendererFingerprint(): string {
  if (cached !== null) return cached;
  // `../site`, not this module's folder: the same folder whether this runs from dist/site/,
  // from src/site/ or from the bundled CLI in dist/cli/.
  const siteFolder = join(dirname(fileURLToPath(import.meta.url)), '..', 'site');
  const hash = createHash('sha256');
  for (const folder of [siteFolder, join(siteFolder, '..', 'search')]) {
    for (const name of readdirSync(folder).sort()) {
      if (!/\.(js|ts)$/.test(name) || name.endsWith('.d.ts')) continue;
      hash
        .update(name)
        .update('\0')
        .update(readFileSync(join(folder, name)))
        .update('\0');
    }
  }
  // The search's Traditional → Simplified table comes from a package, not from these modules.
  hash.update(hanFoldPairs());
  cached = hash.digest('base64url').slice(0, 16);
  return cached;
}

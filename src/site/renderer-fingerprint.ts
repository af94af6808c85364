import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hanFoldPairs } from '../search/han-fold-pairs.js';

let cached: string | null = null;

/**
 * A hash of the code that makes the site's files: every module of this folder and of
 * `search/` (the search page, its script and the header's search form are on every page), the
 * modules of other stages they import, directly or not (content/display-text.ts shapes the
 * names shown, parse/zone-offset.ts the times), and the search's fold table
 * (han-fold-pairs.ts). It is part of every page's key in the build manifest and of the build's
 * inputs key, so a Tidings upgrade or a changed template re-renders the pages even when no item
 * changed, with no version number to remember to bump.
 */
export function rendererFingerprint(): string {
  if (cached !== null) return cached;
  // `../site`, not this module's folder: the same folder whether this runs from dist/site/,
  // from src/site/ or from the bundled CLI in dist/cli/.
  const siteFolder = join(dirname(fileURLToPath(import.meta.url)), '..', 'site');
  const hash = createHash('sha256');
  const root = resolve(siteFolder, '..');
  for (const file of rendererModules([siteFolder, join(siteFolder, '..', 'search')])) {
    hash.update(file.slice(root.length)).update('\0').update(readFileSync(file)).update('\0');
  }
  // The search's Traditional → Simplified table comes from a package, not from these modules.
  hash.update(hanFoldPairs());
  cached = hash.digest('base64url').slice(0, 16);
  return cached;
}

// A relative import or re-export in compiled or source code: `from '../content/safe-url.js'`.
const RELATIVE_IMPORT = /\bfrom\s*["'](\.\.?\/[^"']+)["']/g;

/**
 * The modules of the folders, and every module they import by a relative path, sorted: the
 * whole of the code that can change a page. Running from src/ (tests, via tsx), `x.js` is `x.ts`.
 */
export function rendererModules(folders: string[]): string[] {
  const found = new Set<string>();
  const pending: string[] = [];
  const add = (file: string): void => {
    if (found.has(file)) return;
    found.add(file);
    pending.push(file);
  };
  for (const folder of folders) {
    for (const name of readdirSync(folder)) {
      if (/\.(js|ts)$/.test(name) && !name.endsWith('.d.ts')) add(join(folder, name));
    }
  }
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    for (const match of readFileSync(file, 'utf8').matchAll(RELATIVE_IMPORT)) {
      const imported = resolve(dirname(file), match[1]!);
      const source = imported.replace(/\.js$/, '.ts');
      if (existsSync(imported)) add(imported);
      else if (source !== imported && existsSync(source)) add(source);
    }
  }
  return [...found].sort();
}

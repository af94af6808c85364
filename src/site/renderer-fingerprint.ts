import { codeFingerprint, codeRoot } from '../code-fingerprint.js';
import { hanFoldPairs } from '../search/han-fold-pairs.js';

let cached: string | null = null;

/** The stages whose code makes the site's files (recorded at build time: tools/bundle-cli.mjs). */
export const RENDERER_STAGES = ['site', 'search'];

/**
 * A hash of the code that makes the site's files: every module of `site/` and of `search/`
 * (the search page, its script and the header's search form are on every page), the modules
 * of other stages they import, directly or not (content/display-text.ts shapes the names
 * shown, parse/zone-offset.ts the times), and the search's fold table (han-fold-pairs.ts). It
 * is part of every page's key in the build manifest and of the build's inputs key, so a
 * Tidings upgrade or a changed template re-renders the pages even when no item changed.
 */
export function rendererFingerprint(): string {
  // The search's Traditional → Simplified table comes from a package, not from these modules.
  cached ??= codeFingerprint(codeRoot(import.meta.url), RENDERER_STAGES, (hash) =>
    hash.update(hanFoldPairs()),
  );
  return cached;
}

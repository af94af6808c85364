import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { StoreError } from '../store/store-error.js';
import { MANIFEST, type Manifest } from './write-output.js';

/** Item pages in a manifest: `items/<id>.html`, or `p/<id>.html` (permalink p/:abbrlink.html). */
const ITEM_PAGE = /^(?:items|p)\/[0-9a-f]{16,24}\.html$/;

/** The store a site was built from, as its manifest records it, and how many items it showed. */
export interface PreviousBuildStore {
  /** Null for a site built before manifests recorded the store. */
  path: string | null;
  items: number;
}

/** What the site in `outputDir` was built from; null when there is no readable manifest. */
export function previousBuildStore(outputDir: string): PreviousBuildStore | null {
  let manifest: Manifest;
  try {
    manifest = JSON.parse(readFileSync(join(outputDir, MANIFEST), 'utf8')) as Manifest;
  } catch {
    return null;
  }
  if (typeof manifest !== 'object' || manifest === null) return null;
  const files = typeof manifest.files === 'object' && manifest.files !== null ? manifest.files : {};
  let items = 0;
  for (const path of Object.keys(files)) if (ITEM_PAGE.test(path)) items++;
  // Recorded relative to the output folder (write-output.ts, WriteOptions.store).
  const store = typeof manifest.store === 'string' ? resolve(outputDir, manifest.store) : null;
  return { path: store, items };
}

/**
 * Refuses to start a new, empty store where the config names none while the site in
 * `outputDir` shows items of a store: a typo in `store:` (or a store moved or deleted) would
 * otherwise publish a site without them. First runs (no site yet, or one without items) pass;
 * so does a new store asked for on purpose (`update --new-store`).
 */
export function refuseMissingStore(storePath: string, outputDir: string): void {
  if (existsSync(storePath)) return;
  const previous = previousBuildStore(outputDir);
  if (previous === null || previous.items === 0) return;
  const builtFrom =
    previous.path === null
      ? 'a store (path not recorded)'
      : previous.path === storePath
        ? 'it'
        : previous.path;
  throw new StoreError(
    `${storePath}: no store here, but the site in ${outputDir} was built from ${builtFrom}` +
      `, with ${previous.items} item(s): a new, empty store would publish a site without them. ` +
      'Check store: in the config; to start a new store on purpose, run again with --new-store ' +
      '(or delete the output folder).',
  );
}

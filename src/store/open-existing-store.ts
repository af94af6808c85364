import fs from 'node:fs';
import { openSqliteStore } from './sqlite-store.js';
import type { Store } from './store.js';
import { StoreError } from './store-error.js';

/**
 * Opens the store of a command that only reads it (build, export). A missing file is refused
 * rather than created empty: after a typo in `store:`, or with the wrong config, an empty
 * store would build an empty site over the real one, or remove every exported post.
 */
export function openExistingStore(filePath: string): Store {
  if (!fs.existsSync(filePath)) {
    throw new StoreError(
      `${filePath}: no store here; run "tidings update" first, or check store: in the config`,
    );
  }
  return openSqliteStore(filePath);
}

/** For listing (`tidings feeds`): a store not made yet reads as one with nothing fetched. */
export function openStoreOrEmpty(filePath: string): Store {
  return fs.existsSync(filePath) ? openSqliteStore(filePath) : openSqliteStore(':memory:');
}

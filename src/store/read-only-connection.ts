import Database from 'better-sqlite3';
import { StoreError } from './store-error.js';

/**
 * A read-only connection to a store file, for a thread that reads beside the store's own
 * connection (WAL lets readers of one file work side by side). It waits up to 5 s for a writer
 * rather than failing at once. `purpose` ends the error: "cannot open the store to read …".
 */
export function openReadOnlyConnection(filePath: string, purpose: string): Database.Database {
  try {
    const db = new Database(filePath, { readonly: true, fileMustExist: true });
    db.pragma('busy_timeout = 5000');
    return db;
  } catch (error) {
    throw new StoreError(
      `${filePath}: cannot open the store to read ${purpose} (${(error as Error).message})`,
    );
  }
}

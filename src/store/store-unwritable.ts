import { StoreError } from './store-error.js';

/**
 * SQLite result codes (extended ones start with these) that say the store file itself cannot
 * be written, whatever is being written: a full disk, an I/O error, a read-only file or
 * folder, a damaged file. Every feed's write would fail the same way, so the run stops rather
 * than record the failure against the feed it happened to be writing.
 */
const UNWRITABLE_CODE = /^SQLITE_(FULL|IOERR|READONLY|CORRUPT|NOTADB|CANTOPEN|PERM)/;

/** Whether `error` (a SQLite error, or one relayed by the writer thread) is the store's own. */
export function isStoreUnwritable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && UNWRITABLE_CODE.test(code);
}

/** The error that ends an update whose store stopped taking writes; it names the file. */
export function storeUnwritableError(file: string, error: unknown): StoreError {
  const { code, message } = error as { code: string; message: string };
  return new StoreError(
    `${file}: cannot write to the store: ${message} (${code}); the feeds stored before this ` +
      'stay stored, the others are fetched again on the next run',
  );
}

import fs from 'node:fs';
import path from 'node:path';

/**
 * `mkdir -p` whose error tells why. Node's recursive mkdir fails with ENOENT ("no such file or
 * directory") on a read-only file system, which reads as a missing parent folder; when it
 * does, the first missing folder is made alone, and its error (EROFS, EACCES, …) is thrown
 * instead. Any other error is thrown as it was.
 */
export function makeFolders(folder: string, options: { mode?: number } = {}): void {
  try {
    fs.mkdirSync(folder, { recursive: true, ...options });
  } catch (error) {
    throw realMkdirFailure(folder, error);
  }
}

function realMkdirFailure(folder: string, error: unknown): unknown {
  if ((error as NodeJS.ErrnoException)?.code !== 'ENOENT') return error;
  let missing = path.resolve(folder);
  while (path.dirname(missing) !== missing && !fs.existsSync(path.dirname(missing))) {
    missing = path.dirname(missing);
  }
  try {
    fs.mkdirSync(missing);
  } catch (real) {
    return real;
  }
  return error;
}

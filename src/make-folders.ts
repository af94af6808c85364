import fs from 'node:fs';
import path from 'node:path';

/**
 * `mkdir -p` whose error tells why, one folder at a time. Node's recursive mkdir is not used:
 * it fails with ENOENT ("no such file or directory") on a read-only file system or a full
 * disk, which reads as a missing parent folder, and where mkdir answers ENOENT under a folder
 * that exists (`/proc`, `/sys`) it retries forever at full CPU. Here the first folder that
 * cannot be made throws its own error (EROFS, ENOSPC, EACCES, ENOTDIR, ENOENT…); a path that
 * exists and is not a folder throws EEXIST, as `mkdir -p` does.
 */
export function makeFolders(folder: string, options: { mode?: number } = {}): void {
  const missing: string[] = [];
  let current = path.resolve(folder);
  while (fs.statSync(current, { throwIfNoEntry: false }) === undefined) {
    const parent = path.dirname(current);
    if (parent === current) break; // a drive that is not there: mkdir says so
    missing.unshift(current);
    current = parent;
  }
  if (missing.length === 0) {
    if (!fs.statSync(current, { throwIfNoEntry: false })?.isDirectory()) fs.mkdirSync(current);
    return;
  }
  for (const each of missing) {
    try {
      fs.mkdirSync(each, options);
    } catch (error) {
      // Made meanwhile by someone else (another process): fine, as with `mkdir -p`.
      const made = fs.statSync(each, { throwIfNoEntry: false })?.isDirectory();
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || !made) throw error;
    }
  }
}

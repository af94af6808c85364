import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Old outputs and work copies are set aside (renamed into a `.bench-trash` folder beside them),
 * not deleted, while tools are being timed, and deleted once every timed run is over
 * (`emptySetAside`). Deleting a large tree on this VM's ext4 (mounted with `discard`) makes the
 * file creations that follow cost more kernel time for a minute or more: creating 15,000 16 KB
 * files took 0.8 s before deleting a 1.7 GB tree and 2.1 s, 1.9 s and 1.3 s just, 20 s and 60 s
 * after it (bench/RESULTS.md, session 9). The harness used to delete the Hexo and Hugo sites
 * (~0.8 GB), the previous output and store just before our timed full build.
 */

const trashFolders = new Set<string>();
let counter = 0;

/** Moves `path` (a file or folder; nothing if missing) into the trash folder beside it. */
export function setAside(path: string): void {
  if (!existsSync(path)) return;
  const trash = join(dirname(path), '.bench-trash');
  mkdirSync(trash, { recursive: true });
  trashFolders.add(trash);
  renameSync(path, join(trash, `${process.pid}-${++counter}-${basename(path)}`));
}

/**
 * Deletes everything set aside, and what an interrupted earlier run left in the same trash
 * folders. Call after the last timed run.
 */
export function emptySetAside(): void {
  for (const trash of trashFolders) rmSync(trash, { recursive: true, force: true });
  trashFolders.clear();
}

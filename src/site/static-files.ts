import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { ConfigError } from '../config/config-error.js';

/** A file of the static folder, to copy into the site as it is. */
export interface StaticFile {
  /** Site-relative, `/`-separated. */
  path: string;
  /**
   * Changes when the file does: its key in the build manifest. Size and modification time,
   * and also the inode and change time (ctime): a file replaced by another of the same size
   * and modification time (tar, `cp -p`, `rsync -t` restore the time) gets a new ctime, which
   * no one can set back, and often a new inode. Costs one stat, no read of the contents.
   */
  version: string;
  read: () => Buffer;
}

/**
 * Lists the files of `site.static` (favicon, CNAME, robots overrides, images). Hidden files
 * and folders (`.git`, `.DS_Store`) are left out.
 */
export function listStaticFiles(folder: string): StaticFile[] {
  let info;
  try {
    info = statSync(folder);
  } catch {
    throw new ConfigError(`site.static: ${folder}: no such folder`);
  }
  if (!info.isDirectory()) throw new ConfigError(`site.static: ${folder}: not a folder`);
  const files: StaticFile[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) {
        // In nanoseconds: a replacement within the same millisecond is a replacement too.
        const stat = statSync(full, { bigint: true });
        files.push({
          path: relative(folder, full).split(sep).join('/'),
          version: `${stat.size}:${stat.mtimeNs}:${stat.ctimeNs}:${stat.ino}`,
          read: () => readFileSync(full),
        });
      }
    }
  };
  walk(folder);
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { ConfigError } from '../config/config-error.js';

/** A file of the static folder, to copy into the site as it is. */
export interface StaticFile {
  /** Site-relative, `/`-separated. */
  path: string;
  /** Changes when the file does (size and modification time): its key in the build manifest. */
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
        const stat = statSync(full);
        files.push({
          path: relative(folder, full).split(sep).join('/'),
          version: `${stat.size}:${Math.trunc(stat.mtimeMs)}`,
          read: () => readFileSync(full),
        });
      }
    }
  };
  walk(folder);
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

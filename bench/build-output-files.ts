import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * What a build left in its output folder, file by file: enough to count, independently of
 * what the tool reports, how many files a rebuild actually wrote. A file counts as written
 * when it is new or its inode or modification time changed (Tidings keeps an unchanged
 * file as the very same inode, hard-linked into the new folder).
 */

export interface FileState {
  ino: number;
  mtimeMs: number;
  size: number;
}

export type OutputSnapshot = Map<string, FileState>;

export function snapshotOutput(dir: string): OutputSnapshot {
  const files: OutputSnapshot = new Map();
  const walk = (folder: string, prefix: string): void => {
    let entries;
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch {
      return; // no output folder (yet)
    }
    for (const entry of entries) {
      const path = join(folder, entry.name);
      const relative = prefix + entry.name;
      if (entry.isDirectory()) walk(path, relative + '/');
      else if (entry.isFile()) {
        const info = statSync(path);
        files.set(relative, { ino: info.ino, mtimeMs: info.mtimeMs, size: info.size });
      }
    }
  };
  walk(dir, '');
  return files;
}

export interface OutputSummary {
  files: number;
  megabytes: number;
}

export function summarizeOutput(snapshot: OutputSnapshot): OutputSummary {
  let bytes = 0;
  for (const file of snapshot.values()) bytes += file.size;
  return { files: snapshot.size, megabytes: bytes / 1e6 };
}

/** Files in `after` that are new or whose inode or mtime differs from `before`. */
export function countWritten(before: OutputSnapshot, after: OutputSnapshot): number {
  let written = 0;
  for (const [path, file] of after) {
    const old = before.get(path);
    if (!old || old.ino !== file.ino || old.mtimeMs !== file.mtimeMs) written++;
  }
  return written;
}

/** Files under `folder/` (site-relative, e.g. `p`): a peer's item pages, to check none went missing. */
export function countUnder(snapshot: OutputSnapshot, folder: string): number {
  let files = 0;
  for (const path of snapshot.keys()) if (path.startsWith(folder + '/')) files++;
  return files;
}

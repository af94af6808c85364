import {
  closeSync,
  copyFileSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  statSync,
  writeFileSync,
  writevSync,
} from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The file operations of a build, shared by the main thread (write-output.ts) and the threads
 * that write item pages (item-page-worker.ts): write a new file, tell whether the old site's
 * file already holds the same bytes, reuse that file.
 *
 * A file's bytes are a string (UTF-8), one Buffer, or a list of Buffers written in order (an
 * item page: the bytes around its content, and the stored content's own bytes between them,
 * never decoded).
 */
export type FileBytes = string | Buffer | readonly Buffer[];

function byteLength(content: FileBytes): number {
  if (typeof content === 'string') return Buffer.byteLength(content, 'utf8');
  if (Buffer.isBuffer(content)) return content.length;
  let length = 0;
  for (const chunk of content as readonly Buffer[]) length += chunk.length;
  return length;
}

/** Creates `path` (it must not exist: staging folders are fresh) holding `content`. */
export function writeNewFile(path: string, content: FileBytes): void {
  if (typeof content === 'string' || Buffer.isBuffer(content)) {
    writeFileSync(path, content, { flag: 'wx' });
    return;
  }
  const fd = openSync(path, 'wx');
  try {
    const rest = (content as readonly Buffer[]).filter((chunk) => chunk.length > 0);
    while (rest.length > 0) {
      // writev may write less than asked: drop what was written and go on.
      let written = writevSync(fd, rest);
      while (written > 0) {
        const first = rest[0] as Buffer;
        if (written < first.length) {
          rest[0] = first.subarray(written);
          break;
        }
        written -= first.length;
        rest.shift();
      }
    }
  } finally {
    closeSync(fd);
  }
}

/** Whether the file at `path` exists and holds exactly these bytes (its size is checked first). */
export function sameAsOld(path: string, content: FileBytes): boolean {
  const size = byteLength(content);
  const info = statSync(path, { throwIfNoEntry: false });
  if (!info || !info.isFile() || info.size !== size) return false;
  const old = readFileSync(path);
  if (typeof content === 'string') return old.equals(Buffer.from(content, 'utf8'));
  if (Buffer.isBuffer(content)) return old.equals(content);
  let at = 0;
  for (const chunk of content as readonly Buffer[]) {
    if (!old.subarray(at, at + chunk.length).equals(chunk)) return false;
    at += chunk.length;
  }
  return at === old.length;
}

/** Reuses the old file: a hard link keeps it the very same file (same inode and mtime). */
export function reuseOldFile(oldPath: string, newPath: string): void {
  try {
    linkSync(oldPath, newPath);
  } catch {
    copyFileSync(oldPath, newPath); // file systems without hard links
  }
}

/** Makes each folder once, however many files go into it (under `root`). */
export function folderMaker(root: string): (file: string) => void {
  const made = new Set<string>();
  return (file) => {
    const folder = dirname(file);
    if (folder === '.' || made.has(folder)) return;
    mkdirSync(join(root, folder), { recursive: true });
    made.add(folder);
  };
}

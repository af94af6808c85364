import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Writes through a temporary file in the same folder and a rename, so a reader (Hexo, a
 * deploy job) never sees half a file. The temporary name starts with a dot: Hexo skips it.
 */
export function writeFileAtomically(file: string, data: string | Buffer, mode?: number): void {
  const temporary = path.join(path.dirname(file), `.tidings-${randomBytes(6).toString('hex')}.tmp`);
  try {
    fs.writeFileSync(temporary, data);
    // The permissions the replaced file had (a chmod, as the umask would cut a creation mode).
    if (mode !== undefined) fs.chmodSync(temporary, mode);
    fs.renameSync(temporary, file);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw error;
  }
}

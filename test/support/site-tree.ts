import fs from 'node:fs';
import path from 'node:path';

/** Every file of a built site, path → bytes; not the manifest, which holds code hashes. */
export function siteTree(root: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const entry of fs.readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || entry.name === '.tidings-manifest.json') continue;
    const full = path.join(entry.parentPath, entry.name);
    files.set(path.relative(root, full), fs.readFileSync(full));
  }
  return files;
}

import { createHash, type Hash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Hashes of Tidings' own code, for keys that must change when the code that makes something
 * changes (pages: site/renderer-fingerprint.ts; stored items: content/preparer-fingerprint.ts),
 * with no version number to remember to bump. The folders are named from the package's
 * compiled or source root (`dist/` or `src/`), so the same code gives the same hash whether it
 * runs from dist/<stage>/, from src/<stage>/ (tests, via tsx) or from the bundled CLI in
 * dist/cli/ (which keeps the stage folders beside it).
 */

// A relative import or re-export in compiled or source code: `from '../content/safe-url.js'`.
const RELATIVE_IMPORT = /\bfrom\s*["'](\.\.?\/[^"']+)["']/g;

/** `dist/` or `src/`: the folder holding the stage folders this module runs beside. */
export function codeRoot(moduleUrl: string): string {
  // A stage module is one level below the root; `..` from dist/cli/ is dist/ too.
  return resolve(dirname(fileURLToPath(moduleUrl)), '..');
}

/**
 * The modules of the folders, and every module they import by a relative path, sorted: the
 * whole of the code that can change what they make. Running from src/, `x.js` is `x.ts`.
 */
export function codeModules(folders: string[]): string[] {
  const found = new Set<string>();
  const pending: string[] = [];
  const add = (file: string): void => {
    if (found.has(file)) return;
    found.add(file);
    pending.push(file);
  };
  for (const folder of folders) {
    for (const name of readdirSync(folder)) {
      if (/\.(js|ts)$/.test(name) && !name.endsWith('.d.ts')) add(join(folder, name));
    }
  }
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    for (const match of readFileSync(file, 'utf8').matchAll(RELATIVE_IMPORT)) {
      const imported = resolve(dirname(file), match[1]!);
      const source = imported.replace(/\.js$/, '.ts');
      if (existsSync(imported)) add(imported);
      else if (source !== imported && existsSync(source)) add(source);
    }
  }
  return [...found].sort();
}

/**
 * A hash of the stage folders under `root` and all they import, each module by its path below
 * the root and its bytes; `extra` adds what the code reads from elsewhere (a package's table).
 */
export function codeFingerprint(
  root: string,
  stages: string[],
  extra?: (hash: Hash) => void,
): string {
  const hash = createHash('sha256');
  for (const file of codeModules(stages.map((stage) => join(root, stage)))) {
    hash.update(file.slice(root.length)).update('\0').update(readFileSync(file)).update('\0');
  }
  extra?.(hash);
  return hash.digest('base64url').slice(0, 16);
}

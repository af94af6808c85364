import { createHash, type Hash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
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
    for (const name of folderModules(folder)) add(join(folder, name));
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

/** The modules of one folder (not declaration files), by name. */
function folderModules(folder: string): string[] {
  return readdirSync(folder)
    .filter((name) => /\.(js|ts)$/.test(name) && !name.endsWith('.d.ts'))
    .sort();
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
  const code =
    recordedCodeHash(root, stages) ?? codeHash(root, codeModules(stageFolders(root, stages)));
  if (!extra) return code;
  const hash = createHash('sha256').update(code);
  extra(hash);
  return hash.digest('base64url').slice(0, 16);
}

function stageFolders(root: string, stages: string[]): string[] {
  return stages.map((stage) => join(root, stage));
}

function codeHash(root: string, modules: string[]): string {
  const hash = createHash('sha256');
  for (const file of modules) {
    hash.update(file.slice(root.length)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('base64url').slice(0, 16);
}

/**
 * Beside the stage folders of a build: the code hashes `npm run build` worked out
 * (tools/bundle-cli.mjs), each with the size and modification time of every module it covers.
 * Finding and reading those modules took 20–45 ms of every `update` before its first request
 * (~70 modules) and as long in every `build` (~100); checking their sizes and times takes ~1 ms.
 */
export const RECORDED_FINGERPRINTS = 'code-fingerprints.json';

interface RecordedHash {
  hash: string;
  /** Each module: its path below the root, its size and its modification time (ms). */
  modules: [string, number, number][];
  /** Each stage folder's modules by name, so that a module added there is noticed. */
  folders: Record<string, string[]>;
}

/** Records the code hashes of `stageSets` under `root`, for codeFingerprint to find. */
export function recordCodeFingerprints(root: string, stageSets: string[][]): void {
  const recorded: Record<string, RecordedHash> = {};
  for (const stages of stageSets) {
    const modules = codeModules(stageFolders(root, stages));
    recorded[stages.join('+')] = {
      hash: codeHash(root, modules),
      modules: modules.map((file) => {
        const { size, mtimeMs } = statSync(file);
        return [file.slice(root.length), size, mtimeMs];
      }),
      folders: Object.fromEntries(stages.map((stage) => [stage, folderModules(join(root, stage))])),
    };
  }
  writeFileSync(join(root, RECORDED_FINGERPRINTS), JSON.stringify(recorded));
}

/**
 * The recorded hash of `stages`, if every module it covers is as recorded and no module was
 * added to their folders; null otherwise (no build here, a file edited since), and then the
 * modules are read again.
 */
export function recordedCodeHash(root: string, stages: string[]): string | null {
  try {
    const file = join(root, RECORDED_FINGERPRINTS);
    if (!existsSync(file)) return null;
    const recorded = (JSON.parse(readFileSync(file, 'utf8')) as Record<string, RecordedHash>)[
      stages.join('+')
    ];
    if (!recorded) return null;
    for (const stage of stages) {
      const names = folderModules(join(root, stage));
      const then = recorded.folders[stage] ?? [];
      if (names.length !== then.length || names.some((name, i) => name !== then[i])) return null;
    }
    for (const [path, size, mtimeMs] of recorded.modules) {
      const now = statSync(root + path, { throwIfNoEntry: false });
      if (!now || now.size !== size || now.mtimeMs !== mtimeMs) return null;
    }
    return recorded.hash;
  } catch {
    // Unreadable or not what was written: read the modules.
    return null;
  }
}

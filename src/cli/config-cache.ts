import { createHash } from 'node:crypto';
import {
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { codeFingerprint, codeRoot } from '../code-fingerprint.js';
import type { Config } from '../config/config.js';
import { CONFIG_READER_STAGES } from '../config/reader-stages.js';

/**
 * What a command needs of a config file, remembered between runs. Reading a config means
 * loading a YAML parser and zod (~95 modules) and validating every source: for `tidings build`
 * with nothing changed about half its CPU, for `tidings update` of 1,000 feeds ~0.1–0.2 s before
 * its first request. A config file whose bytes, path and reading code (and Node version, which
 * validates time zones) are those of the previous run gives the same result, so it comes from
 * a small cache file instead, without loading the config modules at all. Anything else — no
 * cache, another key, an unreadable cache — reads the config as every other command does (its
 * errors included), and remembers the result. The cache is under `$XDG_CACHE_HOME/tidings`
 * (default `~/.cache/tidings`); failing to write it costs only the next run's time.
 *
 * `kind` names what is kept (`build-settings`, `update-config`): one cache file per kind and
 * config file, so commands keeping different parts of a config do not replace each other's.
 */
export async function readThroughConfigCache<T>(
  kind: string,
  configPath: string,
  derive: (config: Config) => T,
  cacheDir: string = defaultCacheDir(),
): Promise<T> {
  const absolute = resolve(configPath);
  let key: string | null = null;
  try {
    const bytes = readFileSync(absolute);
    // Values from the environment (`${NAME}`, environment-references.ts) are secrets, and may
    // change while the file does not: such a config is read anew every time, never cached.
    if (!bytes.includes('${')) key = cacheKey(kind, absolute, bytes);
  } catch {
    // unreadable config: loadConfig below says why
  }
  const cacheFile = join(cacheDir, `${kind}-${digest(absolute).slice(0, 20)}.json`);
  if (key !== null) {
    try {
      const cached = JSON.parse(readFileSync(cacheFile, 'utf8')) as Cached<T>;
      if (cached.key === key) return cached.settings;
    } catch {
      // no cache yet, or unreadable: read the config
    }
  }
  const { loadConfig } = await import('../config/load-config.js');
  const settings = derive(loadConfig(configPath));
  if (key !== null) remember(kind, cacheFile, { key, settings });
  return settings;
}

interface Cached<T> {
  key: string;
  settings: T;
}

function defaultCacheDir(): string {
  const base = process.env['XDG_CACHE_HOME'] || join(homedir(), '.cache');
  return join(base, 'tidings');
}

/** Cache files kept per kind: one per config file read; the least recently written go first. */
const KEPT_CACHE_FILES = 32;

/**
 * Written to a temporary name and renamed: a run alongside never reads half a file. Cache
 * files of configs not read lately are removed, so runs on many temporary configs (tests,
 * scripts) do not fill the folder.
 */
function remember<T>(kind: string, cacheFile: string, cached: Cached<T>): void {
  try {
    const folder = dirname(cacheFile);
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    const temporary = `${cacheFile}.${process.pid}.tmp`;
    // Only the user may read it: a cached config holds the RSSHub access key (in its URLs).
    writeFileSync(temporary, JSON.stringify(cached), { mode: 0o600 });
    renameSync(temporary, cacheFile);
    const ours = new RegExp(`^${kind}-\\w+\\.json$`);
    const files = readdirSync(folder).filter((name) => ours.test(name));
    if (files.length > KEPT_CACHE_FILES) {
      const byAge = files
        .map((name) => ({ name, time: statSync(join(folder, name)).mtimeMs }))
        .sort((a, b) => a.time - b.time);
      for (const { name } of byAge.slice(0, files.length - KEPT_CACHE_FILES)) {
        rmSync(join(folder, name), { force: true });
      }
    }
  } catch {
    // read-only home, full disk, a file removed meanwhile: the next run reads the config again
  }
}

/**
 * Everything the result is made from: the file's bytes and path, and the reading code. The
 * number goes up when what a kind keeps changes (2: build settings keep the feeds' places), so
 * a cache of an older Tidings is not taken for one that has them.
 */
function cacheKey(kind: string, absolute: string, bytes: Buffer): string {
  return createHash('sha256')
    .update(`${kind}-2\0${absolute}\0${process.version}\0${readerFingerprint()}\0`)
    .update(bytes)
    .digest('base64url');
}

function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * A hash of the code that turns a config file into settings: the config and sources modules
 * (schema, defaults, path resolution, the source tree's checks) and every module they import
 * (the cleaning-rule and language-tag checks the schema runs among them), and the versions of
 * the libraries they use. A Tidings upgrade or a change of any of them reads the config again.
 */
function readerFingerprint(): string {
  return codeFingerprint(codeRoot(import.meta.url), CONFIG_READER_STAGES, (hash) => {
    for (const library of ['zod', 'yaml', 'js-yaml', 'css-select', 'css-what']) {
      hash.update(`\0${library}@${libraryVersion(library)}`);
    }
  });
}

/** The installed version of a library: its package.json, found above its entry point. */
function libraryVersion(name: string): string {
  try {
    let folder = dirname(fileURLToPath(import.meta.resolve(name)));
    for (;;) {
      try {
        const manifest = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as {
          name?: string;
          version?: string;
        };
        if (manifest.name === name) return manifest.version ?? 'unknown';
      } catch {
        // no package.json here: look further up
      }
      const parent = dirname(folder);
      if (parent === folder) return 'unknown';
      folder = parent;
    }
  } catch {
    return 'unknown';
  }
}

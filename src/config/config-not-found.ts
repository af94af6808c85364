import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_CONFIG_FILE } from './config.js';

/**
 * Why no config was found, and where one likely is. Run from inside a site's folder (its
 * `public/`, `feeds/`), the plain advice "write one with tidings init" would start a second,
 * empty site there; a `tidings.yml` beside a missing `tidings.yaml` is one letter away.
 */
export function configNotFoundMessage(configPath: string, cwd = process.cwd()): string {
  return (
    configNearbyMessage(configPath, cwd) ??
    `${configPath}: config file not found; write one with "tidings init", or pass --config FILE`
  );
}

/**
 * For a config file that does not exist, the one likely meant, in words; null when there is
 * none. `sources import` asks too before it writes a new config: inside `public/` that config
 * would be deleted by the next build.
 */
export function configNearbyMessage(configPath: string, cwd = process.cwd()): string | null {
  const absolute = path.resolve(cwd, configPath);
  const otherSpelling = otherExtension(absolute);
  if (otherSpelling !== null && isFile(otherSpelling)) {
    const shown = path.join(path.dirname(configPath), path.basename(otherSpelling));
    return `${configPath}: config file not found (--config ${shown}?)`;
  }
  if (configPath === DEFAULT_CONFIG_FILE) {
    const above = nearestAbove(path.dirname(absolute));
    if (above !== null) {
      const shown = path.relative(cwd, above);
      return (
        `${configPath}: no config file in this folder (${cwd}); the nearest is ${shown}: run ` +
        `there (cd ${path.dirname(shown)}), or pass --config ${shown}`
      );
    }
  }
  return null;
}

/** The config file in the nearest folder above `folder`, or null. */
function nearestAbove(folder: string): string | null {
  for (let dir = path.dirname(folder); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, DEFAULT_CONFIG_FILE);
    if (isFile(candidate)) return candidate;
    if (path.dirname(dir) === dir) return null;
  }
}

function otherExtension(file: string): string | null {
  if (file.endsWith('.yaml')) return file.slice(0, -'.yaml'.length) + '.yml';
  if (file.endsWith('.yml')) return file.slice(0, -'.yml'.length) + '.yaml';
  return null;
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

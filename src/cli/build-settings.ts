import type { SiteSettings } from '../config/config.js';
import { readThroughConfigCache } from './config-cache.js';

/** What `tidings build` needs of the config: the site settings and where the store is. */
export interface BuildSettings {
  site: SiteSettings;
  storePath: string;
}

/**
 * The build settings of a config file, remembered between builds (config-cache.ts): a
 * rebuild with nothing changed skips loading the config modules (0.53 → 0.26 s of CPU at
 * 200 feeds).
 */
export function loadBuildSettings(configPath: string, cacheDir?: string): Promise<BuildSettings> {
  return readThroughConfigCache(
    'build-settings',
    configPath,
    (config) => ({ site: config.site, storePath: config.storePath }),
    cacheDir,
  );
}

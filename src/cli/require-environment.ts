import type { Config } from '../config/config.js';
import { ConfigError } from '../config/config-error.js';
import { unsetProblem } from '../config/environment-references.js';

/**
 * For the commands that fetch (update, watch): every environment variable the config names
 * (`${NAME}`) must be set, or a feed would go without its key or password. The other commands
 * do not need them, so they read such a config without. Light on purpose: update reads its
 * config from a cache without loading the config modules (config-cache.ts).
 */
export function requireEnvironment(config: Config, configName: string): Config {
  const unset = config.unsetEnvironment ?? [];
  if (unset.length > 0) throw new ConfigError(`${configName}: ${unsetProblem(unset)}`);
  return config;
}

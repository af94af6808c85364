import { Option } from 'commander';
import type { Config } from '../config/config.js';
import { DEFAULT_CONFIG_FILE, loadConfig } from '../config/load-config.js';

/** `--config FILE`, shared by every command that reads the config. */
export const configOption = new Option('-c, --config <file>', 'config file').default(
  DEFAULT_CONFIG_FILE,
);

export function loadConfigFrom(options: { config: string }): Config {
  return loadConfig(options.config);
}

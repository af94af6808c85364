import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The project's compiled modules the build benchmark uses (config loading, the store, item
 * preparation), loaded from `dist/` — the very code the `tidings` CLI runs — and typed from
 * `src/`. `npm run bench:build` builds `dist/` first.
 */

type LoadConfig = typeof import('../src/config/load-config.js').loadConfig;
type OpenSqliteStore = typeof import('../src/store/sqlite-store.js').openSqliteStore;
type PrepareItem = typeof import('../src/content/prepare-item.js').prepareItem;

export interface DistModules {
  loadConfig: LoadConfig;
  openSqliteStore: OpenSqliteStore;
  prepareItem: PrepareItem;
}

const distUrl = (path: string): URL => new URL(`../dist/${path}`, import.meta.url);

/** Path of the CLI entry point the benchmark runs as a user would. */
export const CLI_PATH = fileURLToPath(distUrl('cli/main.js'));

export async function loadDist(): Promise<DistModules> {
  if (!existsSync(CLI_PATH)) {
    throw new Error(`${CLI_PATH} not found: run \`npm run build\` first`);
  }
  const [config, store, content] = await Promise.all([
    import(distUrl('config/load-config.js').href) as Promise<{ loadConfig: LoadConfig }>,
    import(distUrl('store/sqlite-store.js').href) as Promise<{ openSqliteStore: OpenSqliteStore }>,
    import(distUrl('content/prepare-item.js').href) as Promise<{ prepareItem: PrepareItem }>,
  ]);
  return {
    loadConfig: config.loadConfig,
    openSqliteStore: store.openSqliteStore,
    prepareItem: content.prepareItem,
  };
}

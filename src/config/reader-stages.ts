/**
 * The stages whose code turns a config file into settings (the schema, defaults, path
 * resolution, the source tree's checks, and what they import): a change there reads configs
 * again instead of taking cached settings (cli/config-cache.ts). A module of its own, so the
 * cache can name them without loading the config modules; their hash is recorded at build time
 * (tools/bundle-cli.mjs).
 */
export const CONFIG_READER_STAGES = ['config', 'sources'];

// The package's public API. The CLI is the main way in; these are for programs.
export { parseFeed, NotAFeedError } from './parse/index.js';
export type { ParsedFeed, ParsedItem, Enclosure, ParseOptions, FeedFormat } from './parse/index.js';
export { loadConfig } from './config/load-config.js';
export type { Config, SiteSettings, FetchSettings } from './config/config.js';
export type { FeedSource } from './sources/feed-source.js';
export type { Item } from './content/item.js';

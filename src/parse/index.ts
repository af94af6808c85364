export { parseFeed } from './parse-feed.js';
export type { ParsedFeed, ParsedItem, Enclosure, ParseOptions, FeedFormat } from './parsed-feed.js';
export { NotAFeedError } from './parsed-feed.js';

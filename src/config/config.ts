import type { FeedSource } from '../sources/feed-source.js';
import type { UnsetVariable } from './environment-references.js';

/** The config file commands read when not given --config. */
export const DEFAULT_CONFIG_FILE = 'tidings.yaml';

/** Seconds to connect to a feed's server, by default (`fetch.connectTimeout`). */
export const DEFAULT_CONNECT_TIMEOUT_SECONDS = 10;

/** Site settings as the builder needs them, all paths absolute. */
export interface SiteSettings {
  title: string;
  description: string;
  /** Public base URL as the URL parser spells it (site-url.ts), no query, no trailing slash. */
  url: string;
  language: string;
  timeZone: string;
  perPage: number;
  /**
   * The site shows the items of the last this many days only (see site-window.ts); 0: every
   * stored item. The store keeps the others.
   */
  maxAgeDays: number;
  /** Absolute output folder. */
  outputDir: string;
  /** Item page URL style (see item-path.ts). */
  permalink: 'items/:id.html' | 'p/:abbrlink.html';
  /** Absolute folder whose files are copied into the site as they are, or null. */
  staticDir: string | null;
  /** Where the site's pages load images through (site/image-proxy.ts); absent: from their hosts. */
  imageProxy?: ImageProxySettings;
}

/** `site.imageProxy`: an image proxy for the pages (not the feeds out). */
export interface ImageProxySettings {
  /** The proxy's URL with `{url}` (the image's URL, percent-encoded) or `{rawUrl}` (as it is). */
  url: string;
  /** Host names (lower case, ASCII) whose images, and their subdomains', go through it; empty: all. */
  hosts: string[];
}

export interface FetchSettings {
  /** Seconds for the whole request. */
  timeout: number;
  connectTimeout: number;
  headersTimeout: number;
  concurrency: number;
  perHost: number;
  maxBytes: number;
  retries: number;
  /** Minutes. */
  interval: number;
  minInterval: number;
  maxInterval: number;
  maxBackoff: number;
}

/** The validated, resolved configuration, read once and passed down. */
export interface Config {
  /** Absolute path of the file it came from (or null for built-in defaults). */
  path: string | null;
  site: SiteSettings;
  /** Absolute path of the SQLite store. */
  storePath: string;
  fetch: FetchSettings;
  sources: FeedSource[];
  /**
   * Environment variables the config names (`${NAME}`, environment-references.ts) that are not
   * set. Their settings keep the text as written; commands that fetch refuse to start.
   */
  unsetEnvironment?: readonly UnsetVariable[];
}

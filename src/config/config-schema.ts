import { z } from 'zod';
import { patternProblem, selectorProblem } from '../content/clean-rule-problems.js';

/** The one place the shape of `tidings.yaml` is defined. Defaults live here too. */

const nonEmpty = z.string().trim().min(1, 'must be a non-empty string');

const httpUrl = z.string().trim().refine(isHttpUrl, 'must be an absolute http(s) URL');

function isHttpUrl(value: string): boolean {
  // The usual spelling needs no URL object, only a parse: ~5 ms less over 1,000 feeds. Any
  // other (`HTTP://`, control characters the URL parser drops) is judged by a full parse.
  if (/^https?:\/\//.test(value)) return URL.canParse(value);
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

const timeZone = z
  .string()
  .trim()
  .refine((value) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: value });
      return true;
    } catch {
      return false;
    }
  }, 'must be an IANA time zone such as Asia/Shanghai or UTC');

/** A duration in minutes (fractions allowed, e.g. 0.5). */
const minutes = z
  .number()
  .positive()
  .max(366 * 24 * 60);

const cssSelector = nonEmpty.superRefine((value, ctx) => {
  const problem = selectorProblem(value);
  if (problem !== null) ctx.addIssue({ code: 'custom', message: problem, input: value });
});

const regularExpression = nonEmpty.superRefine((value, ctx) => {
  const problem = patternProblem(value);
  if (problem !== null) ctx.addIssue({ code: 'custom', message: problem, input: value });
});

/** User cleaning rules: config-wide (`content.clean`), per site, per feed. */
const cleanSchema = z.strictObject({
  /** CSS selectors: matching elements are removed with their content. */
  remove: z.array(cssSelector).default([]),
  /** Regular expressions (JavaScript syntax, Unicode): matching text is removed. */
  removePattern: z.array(regularExpression).default([]),
  /** A CSS selector: only what it matches is kept (the whole item when it matches nothing). */
  keepOnly: cssSelector.optional(),
});

/** How long items are kept; 0 or unset = no limit of that kind (keep forever). */
const retentionSchema = z.strictObject({
  maxAgeDays: z.number().min(0).max(100000).optional(),
  maxItemsPerFeed: z.number().int().min(0).max(100000000).optional(),
});

const feedSchema = z
  .strictObject({
    name: nonEmpty,
    url: httpUrl.optional(),
    file: nonEmpty.optional(),
    rsshub: z
      .string()
      .trim()
      .regex(/^\/\S*$/, 'must be an RSSHub route path starting with "/", such as /sina/finance')
      .optional(),
    timezone: timeZone.optional(),
    /** Minutes between fetches of this feed; wins over the feed's own ttl and the default. */
    interval: minutes.optional(),
    clean: cleanSchema.optional(),
    /** Wins over the config-wide `retention`, key by key. */
    retention: retentionSchema.optional(),
  })
  .refine(
    (feed) => [feed.url, feed.file, feed.rsshub].filter((v) => v !== undefined).length === 1,
    { message: 'a feed needs exactly one of url, file or rsshub' },
  );

const siteSourceSchema = z.strictObject({
  name: nonEmpty,
  clean: cleanSchema.optional(),
  feeds: z.array(feedSchema).min(1, 'must list at least one feed'),
});

const categorySchema = z.strictObject({
  category: nonEmpty,
  sites: z.array(siteSourceSchema).min(1, 'must list at least one site'),
});

export const configSchema = z
  .strictObject({
    site: z
      .strictObject({
        title: nonEmpty.default('Tidings'),
        description: z.string().default(''),
        url: httpUrl.default('http://localhost:4000'),
        language: nonEmpty.default('en'),
        timezone: timeZone.default('UTC'),
        perPage: z.number().int().min(1).max(10000).default(100),
        output: nonEmpty.default('public'),
        /**
         * Item page URLs: `items/:id.html` (default) or the old Hexo site's
         * `p/:abbrlink.html`; both use a 64-bit hash of the item's identity (see item-path.ts).
         */
        permalink: z
          .enum(['items/:id.html', 'p/:abbrlink.html'], {
            error: 'expected "items/:id.html" or "p/:abbrlink.html"',
          })
          .default('items/:id.html'),
        /** A folder copied as is into the site (favicon, CNAME, images), relative to the config. */
        static: nonEmpty.optional(),
      })
      .prefault({}),
    store: nonEmpty.default('tidings.db'),
    rsshub: z
      .strictObject({
        instance: httpUrl.default('https://rsshub.app'),
        key: z.string().optional(),
      })
      .prefault({}),
    fetch: z
      .strictObject({
        /** Seconds for a whole request, body included. */
        timeout: z.number().positive().max(600).default(20),
        connectTimeout: z.number().positive().max(600).default(10),
        /** Seconds to wait for the response headers. */
        headersTimeout: z.number().positive().max(600).default(15),
        /** Feeds fetched at once, over all hosts. */
        concurrency: z.number().int().min(1).max(256).default(16),
        /** Connections to one host at once. RSSHub serves every feed from one host, so not 1. */
        perHost: z.number().int().min(1).max(256).default(8),
        maxBytes: z
          .number()
          .int()
          .min(1024)
          .default(20 * 1024 * 1024),
        /** Retries after a network error, 5xx or 429, with exponential backoff and jitter. */
        retries: z.number().int().min(0).max(10).default(2),
        /** Minutes between fetches of a feed, unless the feed or the config says otherwise. */
        interval: minutes.default(60),
        minInterval: minutes.default(5),
        maxInterval: minutes.default(24 * 60),
        /** Longest wait before retrying a failing feed. */
        maxBackoff: minutes.default(24 * 60),
      })
      .refine((fetch) => fetch.minInterval <= fetch.maxInterval, {
        message: 'minInterval must not be larger than maxInterval',
      })
      .prefault({}),
    content: z
      .strictObject({
        /** Keep video players from the embed allowlist (YouTube, Vimeo, Bilibili, Tencent). */
        embeds: z.boolean().default(true),
        /** Apply the built-in boilerplate rules for known sources. */
        builtinRules: z.boolean().default(true),
        clean: cleanSchema.optional(),
      })
      .prefault({}),
    retention: retentionSchema.prefault({}),
    sources: z.array(categorySchema).default([]),
  })
  .superRefine((config, ctx) => {
    const seen = new Map<string, string>();
    config.sources.forEach((category, c) =>
      category.sites.forEach((site, s) =>
        site.feeds.forEach((feed, f) => {
          const location = feed.url ?? feed.file ?? `rsshub:${feed.rsshub}`;
          const path = `sources[${c}].sites[${s}].feeds[${f}]`;
          const earlier = seen.get(location);
          if (earlier !== undefined) {
            ctx.addIssue({
              code: 'custom',
              path: ['sources', c, 'sites', s, 'feeds', f],
              message: `the same feed (${location}) is already listed at ${earlier}`,
            });
          } else {
            seen.set(location, path);
          }
        }),
      ),
    );
  });

/** The config file as written (after defaults), before paths are resolved. */
export type ConfigFile = z.infer<typeof configSchema>;
export type SiteEntry = ConfigFile['sources'][number]['sites'][number];
export type FeedEntry = SiteEntry['feeds'][number];
export type CleanEntry = z.infer<typeof cleanSchema>;
export type RetentionEntry = z.infer<typeof retentionSchema>;

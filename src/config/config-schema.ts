import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';
import { patternProblem, selectorProblem } from '../content/clean-rule-problems.js';
import { languageTag } from '../content/language-tag.js';
import { DEFAULT_CONNECT_TIMEOUT_SECONDS } from './config.js';
import { feedAddressIdentity } from './feed-address-identity.js';
import { httpUrlProblem, rsshubRouteProblem } from './feed-address-problems.js';
import { hasQueryOrFragment, QUERY_OR_FRAGMENT_PROBLEM } from './site-url.js';

/**
 * The one place the shape of `tidings.yaml` is defined. Defaults live here too.
 *
 * Written with zod's functional API (`zod/mini`): the same checks and the same messages as
 * its method API (one core), but a bundle keeps only the parts used — ~50 KB instead of
 * ~750 KB, ~10 ms of start-up instead of ~40–80 ms for a `tidings update` whose config is
 * not cached (bench/RESULTS.md, "Fetch", session 7). zod/mini loads no locale by itself.
 */
z.config(en());

/** The RSSHub instance `rsshub:` routes are read from when the config names none. */
export const DEFAULT_RSSHUB_INSTANCE = 'https://rsshub.app';

const nonEmpty = z.string().check(z.trim(), z.minLength(1, 'must be a non-empty string'));

/**
 * A category, site or feed name: printed on the terminal by `update` and `feeds`, where an
 * escape character (from an imported OPML file or an RSSHub instance's route list) would
 * recolour, retitle or clear it. Tab, line breaks and other control characters are refused.
 */
const treeName = z.string().check(
  z.trim(),
  z.minLength(1, 'must be a non-empty string'),
  z.refine(
    (value) => !/[\u0000-\u001F\u007F-\u009F]/.test(value),
    'must not contain control characters (U+0000–U+001F, U+007F–U+009F)',
  ),
);

/** An absolute http(s) URL; the message suggests the address meant (`https://…`). */
const httpUrl = z.string().check(z.trim(), z.superRefine(addressCheck(httpUrlProblem)));

/** A feed's `url:`; the message also says where a route or a file path goes. */
const feedUrl = z
  .string()
  .check(z.trim(), z.superRefine(addressCheck((value) => httpUrlProblem(value, { feed: true }))));

/** A feed's `rsshub:` route, parameters filled in. */
const rsshubRoute = z.string().check(z.trim(), z.superRefine(addressCheck(rsshubRouteProblem)));

/** A check whose message quotes the value itself (so it is not quoted again after it). */
function addressCheck(problemOf: (value: string) => string | null) {
  return (value: string, ctx: { addIssue: (issue: z.core.$ZodRawIssue) => void }) => {
    const problem = problemOf(value);
    if (problem !== null) ctx.addIssue({ code: 'custom', message: problem, input: undefined });
  };
}

const timeZone = z.string().check(
  z.trim(),
  z.refine((value) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: value });
      return true;
    } catch {
      return false;
    }
  }, 'must be an IANA time zone such as Asia/Shanghai or UTC'),
);

/**
 * A host name such as `i.pximg.net` (no scheme, port or path), kept as the URL parser writes it
 * (lower case; a Chinese domain in its `xn--` form), so it compares with image URLs' hosts.
 */
const hostName = z.pipe(
  z.string().check(
    z.trim(),
    z.refine(
      (value) => /^[^\s/:?#@[\]]+$/.test(value) && URL.canParse(`http://${value}/`),
      'must be a host name such as i.pximg.net (no scheme, port or path)',
    ),
  ),
  z.transform((value) => new URL(`http://${value}/`).hostname),
);
/** A duration in minutes (fractions allowed, e.g. 0.5). */
const minutes = z.number().check(z.positive(), z.lte(366 * 24 * 60));

/** A whole number from `min` to `max`. */
const wholeNumber = (min: number, max?: number) =>
  max === undefined
    ? z.number().check(z.int(), z.gte(min))
    : z.number().check(z.int(), z.gte(min), z.lte(max));

/** Seconds, more than 0 and at most 10 minutes. */
const seconds = z.number().check(z.positive(), z.lte(600));

const cssSelector = z.string().check(
  z.trim(),
  z.minLength(1, 'must be a non-empty string'),
  z.superRefine((value, ctx) => {
    const problem = selectorProblem(value);
    if (problem !== null) ctx.addIssue({ code: 'custom', message: problem, input: value });
  }),
);

const regularExpression = z.string().check(
  z.trim(),
  z.minLength(1, 'must be a non-empty string'),
  z.superRefine((value, ctx) => {
    const problem = patternProblem(value);
    if (problem !== null) ctx.addIssue({ code: 'custom', message: problem, input: value });
  }),
);

/** User cleaning rules: config-wide (`content.clean`), per site, per feed. */
const cleanSchema = z.strictObject({
  /** CSS selectors: matching elements are removed with their content. */
  remove: z._default(z.array(cssSelector), []),
  /** Regular expressions (JavaScript syntax, Unicode): matching text is removed. */
  removePattern: z._default(z.array(regularExpression), []),
  /** A CSS selector: only what it matches is kept (the whole item when it matches nothing). */
  keepOnly: z.optional(cssSelector),
});

/** How long items are kept; 0 or unset = no limit of that kind (keep forever). */
const retentionSchema = z.strictObject({
  maxAgeDays: z.optional(z.number().check(z.gte(0), z.lte(100000))),
  maxItemsPerFeed: z.optional(wholeNumber(0, 100000000)),
});

const feedSchema = z
  .strictObject({
    name: treeName,
    url: z.optional(feedUrl),
    file: z.optional(nonEmpty),
    rsshub: z.optional(rsshubRoute),
    timezone: z.optional(timeZone),
    /**
     * The language of the feed's items (a BCP 47 tag such as en, ja, zh-TW); wins over the
     * one the feed declares. Checked with the feed's name below, so the message names both.
     */
    language: z.optional(z.string()),
    /** Minutes between fetches of this feed; wins over the feed's own ttl and the default. */
    interval: z.optional(minutes),
    clean: z.optional(cleanSchema),
    /** Wins over the config-wide `retention`, key by key. */
    retention: z.optional(retentionSchema),
  })
  .check(
    z.superRefine((feed, ctx) => {
      if ([feed.url, feed.file, feed.rsshub].filter((v) => v !== undefined).length === 1) return;
      // No input: "got a mapping" after it said nothing the key path does not.
      ctx.addIssue({
        code: 'custom',
        message: 'a feed needs exactly one of url, file or rsshub',
        input: undefined,
      });
    }),
    z.superRefine((feed, ctx) => {
      if (feed.language === undefined || languageTag(feed.language) !== null) return;
      ctx.addIssue({
        code: 'custom',
        path: ['language'],
        input: feed.language,
        message: `feed "${feed.name}": must be a BCP 47 language tag such as en, ja, zh-CN or zh-TW`,
      });
    }),
  );

const siteSourceSchema = z.strictObject({
  name: treeName,
  clean: z.optional(cleanSchema),
  feeds: z.array(feedSchema).check(z.minLength(1, 'must list at least one feed')),
});

const categorySchema = z.strictObject({
  category: treeName,
  sites: z.array(siteSourceSchema).check(z.minLength(1, 'must list at least one site')),
});

export const configSchema = z
  .strictObject({
    site: z.prefault(
      z.strictObject({
        title: z._default(nonEmpty, 'Tidings'),
        description: z._default(z.string(), ''),
        url: z._default(
          httpUrl.check(z.refine((value) => !hasQueryOrFragment(value), QUERY_OR_FRAGMENT_PROBLEM)),
          'http://localhost:4000',
        ),
        language: z._default(nonEmpty, 'en'),
        timezone: z._default(timeZone, 'UTC'),
        perPage: z._default(wholeNumber(1, 10000), 100),
        /**
         * Show only the items of the last this many days (whole days in the site's zone; 0:
         * every item). Older items stay in the store: the site stops at a size it can keep.
         */
        maxAgeDays: z._default(wholeNumber(0, 100000), 0),
        output: z._default(nonEmpty, 'public'),
        /**
         * Item page URLs: `items/:id.html` (default) or the old Hexo site's
         * `p/:abbrlink.html`; both use a 64-bit hash of the item's identity (see item-path.ts).
         */
        permalink: z._default(
          z.enum(['items/:id.html', 'p/:abbrlink.html'], {
            error: 'expected "items/:id.html" or "p/:abbrlink.html"',
          }),
          'items/:id.html',
        ),
        /** A folder copied as is into the site (favicon, CNAME, images), relative to the config. */
        static: z.optional(nonEmpty),
        /** Load the pages' images through this proxy (hosts that refuse hotlinks, http images). */
        imageProxy: z.optional(
          z.strictObject({
            url: httpUrl.check(
              z.refine(
                (value) => value.includes('{url}') || value.includes('{rawUrl}'),
                'must contain {url} (the image URL, percent-encoded) or {rawUrl} (as it is), e.g. https://wsrv.nl/?url={url}',
              ),
            ),
            hosts: z._default(z.array(hostName), []),
          }),
        ),
      }),
      {},
    ),
    store: z._default(nonEmpty, 'tidings.db'),
    rsshub: z.prefault(
      z.strictObject({
        instance: z._default(httpUrl, DEFAULT_RSSHUB_INSTANCE),
        key: z.optional(z.string()),
      }),
      {},
    ),
    fetch: z.prefault(
      z
        .strictObject({
          /** Seconds for a whole request, body included. */
          timeout: z._default(seconds, 20),
          connectTimeout: z._default(seconds, DEFAULT_CONNECT_TIMEOUT_SECONDS),
          /** Seconds to wait for the response headers. */
          headersTimeout: z._default(seconds, 15),
          /** Feeds fetched at once, over all hosts. */
          concurrency: z._default(wholeNumber(1, 256), 16),
          /** Connections to one host at once. RSSHub serves every feed from one host, so not 1. */
          perHost: z._default(wholeNumber(1, 256), 8),
          maxBytes: z._default(wholeNumber(1024), 20 * 1024 * 1024),
          /** Retries after a network error, 5xx or 429, with exponential backoff and jitter. */
          retries: z._default(wholeNumber(0, 10), 2),
          /** Minutes between fetches of a feed, unless the feed or the config says otherwise. */
          interval: z._default(minutes, 60),
          minInterval: z._default(minutes, 5),
          maxInterval: z._default(minutes, 24 * 60),
          /** Longest wait before retrying a failing feed. */
          maxBackoff: z._default(minutes, 24 * 60),
        })
        .check(
          z.refine((fetch) => fetch.minInterval <= fetch.maxInterval, {
            message: 'minInterval must not be larger than maxInterval',
          }),
        ),
      {},
    ),
    content: z.prefault(
      z.strictObject({
        /** Keep video players from the embed allowlist (YouTube, Vimeo, Bilibili, Tencent). */
        embeds: z._default(z.boolean(), true),
        /** Apply the built-in boilerplate rules for known sources. */
        builtinRules: z._default(z.boolean(), true),
        clean: z.optional(cleanSchema),
      }),
      {},
    ),
    retention: z.prefault(retentionSchema, {}),
    sources: z._default(z.array(categorySchema), []),
  })
  .check(
    z.superRefine((config, ctx) => {
      // Where each feed was first seen, described only for a duplicate: made up front, a
      // config of 1,000 feeds made 1,000 such texts to show none.
      const seen = new Map<string, (again: string) => string>();
      config.sources.forEach((category, c) =>
        category.sites.forEach((site, s) =>
          site.feeds.forEach((feed, f) => {
            const location = feed.url ?? feed.file ?? `rsshub:${feed.rsshub}`;
            const identity = feedAddressIdentity(location);
            const earlier = seen.get(identity);
            if (earlier !== undefined) {
              ctx.addIssue({
                code: 'custom',
                path: ['sources', c, 'sites', s, 'feeds', f],
                message: `the same feed (${location}) is already listed at ${earlier(location)}`,
                // Not the whole config, which the message would have called "got a mapping".
                input: undefined,
              });
            } else {
              // Where, and under which name: the index alone is hard to find in a long list.
              // Also as written there, when that differs (HTTP://Example.com/feed).
              seen.set(identity, (again) => {
                const names = [category.category, site.name, feed.name].map(escapeControls);
                const written = again === location ? '' : `, as ${location}`;
                return `sources[${c}].sites[${s}].feeds[${f}] (${names.join(' › ')}${written})`;
              });
            }
          }),
        ),
      );
    }),
  );

/** A name shown in an error even when it holds control characters (which treeName refuses). */
function escapeControls(name: string): string {
  return name.replace(
    /[\u0000-\u001F\u007F-\u009F]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** The config file as written (after defaults), before paths are resolved. */
export type ConfigFile = z.infer<typeof configSchema>;
export type SiteEntry = ConfigFile['sources'][number]['sites'][number];
export type FeedEntry = SiteEntry['feeds'][number];
export type CleanEntry = z.infer<typeof cleanSchema>;
export type RetentionEntry = z.infer<typeof retentionSchema>;

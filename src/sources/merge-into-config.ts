import { type Document, isMap, isSeq, parseDocument, YAMLMap, YAMLSeq } from 'yaml';
import path from 'node:path';
import { DEFAULT_RSSHUB_INSTANCE } from '../config/config-schema.js';
import { parseConfig } from '../config/load-config.js';
import type { FeedLocation } from './feed-source.js';
import { type ImportedFeed, importedFeedKey } from './imported-feed.js';
import { oneLineName } from './one-line-name.js';
import { rsshubRouteUrl } from './source-tree.js';

export interface MergeResult {
  /** The new config text: the old one with the feeds added, comments and settings untouched. */
  text: string;
  added: ImportedFeed[];
  /** Feeds the config already had (the same route, URL or file, however spelt), left as they were. */
  present: ImportedFeed[];
  /** Set when the config had no `rsshub.instance` and the import gave one. */
  instanceSet: string | null;
}

/**
 * Adds feeds to a config's `sources` tree (category → site → feed), creating categories and
 * sites as needed, through the `yaml` Document API so every comment, key order and other
 * setting of the user's file stays as it was. The result is validated as a config before it
 * is returned; nothing is merged into a config that is already invalid.
 */
export function mergeIntoConfig(
  configText: string | null,
  feeds: ImportedFeed[],
  configPath: string,
  options: { rsshubInstance?: string } = {},
): MergeResult {
  // Throws ConfigError if broken.
  const current = configText === null ? null : parseConfig(configText, configPath, configPath, {});
  const document: Document = parseDocument(configText ?? '', { keepSourceTokens: false });
  if (configText === null || document.contents === null) {
    document.contents = document.createNode({});
    if (configText === null)
      document.commentBefore = ' Tidings config (sources added by `tidings sources import`)';
  }
  let instanceSet: string | null = null;
  if (options.rsshubInstance && !document.hasIn(['rsshub', 'instance'])) {
    if (!isMap(document.get('rsshub'))) document.set('rsshub', document.createNode({}));
    document.setIn(['rsshub', 'instance'], options.rsshubInstance);
    instanceSet = options.rsshubInstance;
  }
  let sources = document.get('sources');
  if (!isSeq(sources)) {
    sources = new YAMLSeq();
    document.set('sources', sources);
  }
  const sourceSeq = sources as YAMLSeq;
  if (sourceSeq.items.length === 0) sourceSeq.flow = false;

  const existing = new Set(configFeedKeys(document));
  const instance = String(document.getIn(['rsshub', 'instance']) ?? DEFAULT_RSSHUB_INSTANCE);
  const configDir = path.dirname(path.resolve(configPath));
  const addresses = new Set(current?.sources.map((source) => sourceAddress(source.location)));
  const result: MergeResult = { text: '', added: [], present: [], instanceSet };
  const indexes = new Map<YAMLSeq, Map<unknown, YAMLMap>>();
  for (const imported of feeds) {
    const feed: ImportedFeed = {
      ...imported,
      category: oneLineName(imported.category),
      site: oneLineName(imported.site),
      name: oneLineName(imported.name),
    };
    const key = importedFeedKey(feed);
    const address = importedAddress(feed, instance, configDir);
    if (existing.has(key) || addresses.has(address)) {
      result.present.push(feed);
      continue;
    }
    existing.add(key);
    addresses.add(address);
    const category = findOrAdd(
      document,
      sourceSeq,
      'category',
      feed.category,
      () => ({ category: feed.category, sites: [] }),
      indexes,
    );
    const sites = seqOf(document, category, 'sites');
    const site = findOrAdd(
      document,
      sites,
      'name',
      feed.site,
      () => ({ name: feed.site, feeds: [] }),
      indexes,
    );
    const siteFeeds = seqOf(document, site, 'feeds');
    const entry = document.createNode({ name: feed.name, ...feed.location }) as YAMLMap;
    entry.flow = true;
    siteFeeds.items.push(entry);
    result.added.push(feed);
  }
  result.text = sameLineBreaks(configText, document.toString({ lineWidth: 0 }));
  parseConfig(result.text, configPath); // never hand back a config Tidings would refuse
  return result;
}

/**
 * The yaml package writes `\n` and no byte order mark: a config written on Windows keeps its
 * `\r\n` and its mark, so the import changes only the lines it adds (not every line).
 */
function sameLineBreaks(original: string | null, text: string): string {
  if (original === null) return text;
  const mark = original.startsWith('\uFEFF') ? '\uFEFF' : '';
  const crlf = /^[^\n]*\r\n/.test(original);
  return mark + (crlf ? text.replace(/\r?\n/g, '\r\n') : text);
}

/**
 * Where a feed is read from, to find a feed the config has under another spelling: a route
 * written as the instance's URL (`url: http://127.0.0.1:1200/zhihu/hotlist`) beside an imported
 * `rsshub: /zhihu/hotlist`, or `./feeds/a.xml` beside `feeds/a.xml`. Both were added, and the
 * same feed was fetched and stored twice.
 */
function sourceAddress(location: FeedLocation): string {
  return location.kind === 'file' ? `file:${location.path}` : `url:${withoutKey(location.url)}`;
}

function importedAddress(feed: ImportedFeed, instance: string, configDir: string): string {
  const location = feed.location;
  if ('file' in location) return `file:${path.resolve(configDir, location.file)}`;
  try {
    const url = 'url' in location ? location.url : rsshubRouteUrl(instance, location.rsshub);
    return `url:${withoutKey(url)}`;
  } catch {
    return importedFeedKey(feed); // not a URL: the config would refuse it anyway
  }
}

/** The address without an RSSHub access key, which a config may or may not write in it. */
function withoutKey(address: string): string {
  const url = new URL(address);
  if (url.searchParams.has('key')) url.searchParams.delete('key');
  return url.toString();
}

/** `rsshub:/x`, `url:…`, `file:…` of every feed already in the config. */
function configFeedKeys(document: Document): string[] {
  const sources = document.toJS() as {
    sources?: { sites?: { feeds?: Record<string, string>[] }[] }[];
  } | null;
  return (sources?.sources ?? []).flatMap((category) =>
    (category.sites ?? []).flatMap((site) =>
      (site.feeds ?? []).flatMap((feed) => {
        if (feed.rsshub) return [`rsshub:${feed.rsshub}`];
        if (feed.url) return [`url:${feed.url}`];
        if (feed.file) return [`file:${feed.file}`];
        return [];
      }),
    ),
  );
}

/**
 * The entry of `seq` whose `key` is `value`, added when there is none. `indexes` holds each
 * list's entries by name, built on first use: a scan per feed made an OPML file of 20,000
 * feeds in one folder (each feed its own site) take 9 s of 13.
 */
function findOrAdd(
  document: Document,
  seq: YAMLSeq,
  key: string,
  value: string,
  create: () => object,
  indexes: Map<YAMLSeq, Map<unknown, YAMLMap>>,
): YAMLMap {
  let index = indexes.get(seq);
  if (index === undefined) {
    index = new Map();
    for (const item of seq.items) {
      // The first of two entries with one name, as a scan would find.
      if (isMap(item) && !index.has(item.get(key))) index.set(item.get(key), item);
    }
    indexes.set(seq, index);
  }
  const found = index.get(value);
  if (found) return found;
  const node = document.createNode(create()) as YAMLMap;
  seq.items.push(node);
  index.set(value, node);
  return node;
}

function seqOf(document: Document, map: YAMLMap, key: string): YAMLSeq {
  let seq = map.get(key);
  if (!isSeq(seq)) {
    seq = document.createNode([]);
    map.set(key, seq);
  }
  const result = seq as YAMLSeq;
  if (result.items.length === 0) result.flow = false;
  return result;
}

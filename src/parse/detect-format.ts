import { FeedText } from './feed-text.js';
import { isJsonFeed } from './json-feed.js';
import { NS } from './namespaces.js';
import { NotAFeedError } from './parsed-feed.js';
import { resolveUrl } from './urls.js';
import { buildXmlTree, type BuildOptions, type XmlElement } from './xml-tree.js';
import { decodeEntities } from './xml-tokenizer.js';

/**
 * Decides what a document is from its content (never its file name): an RSS, Atom or
 * RDF root element, or a JSON Feed object. Anything else throws NotAFeedError with one
 * line saying what the input is instead.
 */

export type DetectedFeed =
  | { format: 'json'; json: Record<string, unknown> }
  | { format: 'rss' | 'atom' | 'rdf'; root: XmlElement };

export interface DetectOptions {
  baseUrl?: string | undefined;
  onWarning?: ((message: string) => void) | undefined;
  /** Passed to the tree builder (BuildOptions.onElementEnd). */
  onElementEnd?: BuildOptions['onElementEnd'];
}

const FEED_LINK_TYPES = /^application\/(?:rss\+xml|atom\+xml|feed\+json|json|rdf\+xml)$/i;

/** Feed URLs an HTML page advertises with `<link rel="alternate" type="…">`, absolute. */
export function advertisedFeedLinks(html: string, baseUrl?: string): string[] {
  const found: string[] = [];
  const tag = /<link\b[^<>]*>/gi;
  for (let m = tag.exec(html); m !== null; m = tag.exec(html)) {
    const attributes = new Map<string, string>();
    const attribute = /([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/g;
    for (let a = attribute.exec(m[0]); a !== null; a = attribute.exec(m[0])) {
      attributes.set((a[1] as string).toLowerCase(), decodeEntities(a[2] ?? a[3] ?? a[4] ?? ''));
    }
    const rel = (attributes.get('rel') ?? '').toLowerCase().split(/\s+/);
    const type = (attributes.get('type') ?? '').trim();
    const href = attributes.get('href');
    if (rel.includes('alternate') && FEED_LINK_TYPES.test(type) && href) {
      const url = resolveUrl(href, baseUrl);
      if (!found.includes(url)) found.push(url);
    }
  }
  return found;
}

function describeStart(text: string): string {
  const start = text.slice(0, 40).replace(/\s+/g, ' ');
  return JSON.stringify(start + (text.length > 40 ? '…' : ''));
}

function notHtmlPage(text: string, options: DetectOptions): never {
  const links = advertisedFeedLinks(text, options.baseUrl);
  // The title tells an error, login or anti-bot page ("Just a moment...") from the site.
  const title = pageTitle(text);
  const page = title ? `an HTML page titled ${title}` : 'an HTML page';
  throw new NotAFeedError(
    links.length > 0
      ? `${page}, not a feed; it advertises ${links.length === 1 ? 'this feed' : 'these feeds'}: ${links.join(' ')}`
      : `${page}, not a feed (it advertises no feed links)`,
    links,
  );
}

/** An HTML page's `<title>`, quoted and cut to 80 characters, or null. */
function pageTitle(html: string): string | null {
  const title = /<title\b[^>]{0,500}>([^<]*)<\/title>/i.exec(html.slice(0, 64 * 1024))?.[1];
  const text = title && decodeEntities(title).replace(/\s+/g, ' ').trim();
  if (!text) return null;
  return JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text);
}

export function feedFormat(root: XmlElement): 'rss' | 'atom' | 'rdf' | null {
  const local = root.local;
  const lower = local.toLowerCase();
  if (lower === 'rss' || lower === 'channel') return 'rss';
  if (local === 'RDF' && (root.ns === NS.rdf || root.ns.startsWith('undeclared:'))) return 'rdf';
  if (lower === 'feed') return 'atom';
  return null;
}

export function detectFormat(input: string | FeedText, options: DetectOptions = {}): DetectedFeed {
  let source = typeof input === 'string' ? FeedText.fromString(input) : input;
  let start = source.head.search(/\S/);
  if (start === -1 && !source.isWhole) {
    // A head of nothing but white space (absurd, but possible): look at all of it.
    source = FeedText.fromString(source.whole());
    start = source.head.search(/\S/);
  }
  if (start === -1) throw new NotAFeedError('empty document');
  const head = source.head;
  const first = head.charCodeAt(start);

  if (first === 123 /* { */ || first === 91 /* [ */) {
    let json: unknown;
    try {
      json = source.readJson();
    } catch (error) {
      throw new NotAFeedError(`not a feed: invalid JSON (${(error as Error).message})`);
    }
    if (isJsonFeed(json)) return { format: 'json', json };
    throw new NotAFeedError(
      'JSON that is not a JSON Feed (no jsonfeed.org "version" and no "items" list)',
    );
  }

  if (/^(?:\s*<!--[\s\S]*?-->)*\s*<!doctype\s+html[\s>]/i.test(head.slice(0, 4096))) {
    notHtmlPage(source.whole(), options);
  }

  // Warnings about the XML (truncation…) matter only if it is a feed: held back until then,
  // so input that is not a feed gives exactly one line (the error), as DESIGN.md says.
  const held: string[] = [];
  const { root } = buildXmlTree(source.take(), {
    ...options,
    onWarning: (message) => held.push(message),
  });
  const feed = root === null ? null : feedFormat(root);
  if (root !== null && feed !== null) {
    for (const message of held) options.onWarning?.(message);
    return { format: feed, root };
  }
  if (!root) {
    throw new NotAFeedError(
      `not XML or JSON: no root element (starts with ${describeStart(head.slice(start))})`,
    );
  }
  if (root.local.toLowerCase() === 'html') notHtmlPage(source.whole(), options);
  const namespace = root.ns && !root.ns.startsWith('undeclared:') ? ` (namespace ${root.ns})` : '';
  throw new NotAFeedError(
    `XML that is not a feed: unknown root element <${root.name}>${namespace}`,
  );
}

import { SourceImportError } from './source-import-error.js';
import { parseDocument } from 'htmlparser2';
import type { Element } from 'domhandler';
import type { ImportedFeed } from './imported-feed.js';
import { oneLineName } from './one-line-name.js';

/**
 * OPML subscription lists. Outlines nest category → site → feed; a feed is an outline with
 * `xmlUrl`. Tidings adds `rsshubRoute` (and `tidingsFile`) attributes on export so that an
 * RSSHub route or a local file comes back as one on import; other readers ignore them.
 */
/**
 * Folders deeper than this are not a subscription list but damage or an attack: 50,000 nested
 * outlines overflowed the stack ("internal error: RangeError: Maximum call stack size exceeded").
 */
const MAX_FOLDER_DEPTH = 100;

export function parseOpml(
  text: string,
  source: string,
  rsshubInstance: string | null,
): ImportedFeed[] {
  const document = parseDocument(text, { xmlMode: true, decodeEntities: true });
  const opml = document.children.find(
    (node): node is Element => node.type === 'tag' && node.name.toLowerCase() === 'opml',
  );
  if (!opml) throw new SourceImportError(`${source}: not an OPML document (no <opml> root)`);
  const body = opml.children.find(
    (node): node is Element => node.type === 'tag' && node.name.toLowerCase() === 'body',
  );
  if (!body) throw new SourceImportError(`${source}: OPML without a <body>`);
  const feeds: ImportedFeed[] = [];
  /** Outlines whose xmlUrl is not an http(s) address: `"name" (address)`. */
  const notHttp: string[] = [];
  const visit = (element: Element, ancestors: string[], depth: number): void => {
    for (const child of element.children) {
      if (child.type !== 'tag' || child.name.toLowerCase() !== 'outline') continue;
      const outline = child as Element;
      const label = outlineLabel(outline.attribs);
      const location = locationOf(outline.attribs, rsshubInstance);
      if (location === null) {
        if (depth >= MAX_FOLDER_DEPTH) {
          throw new SourceImportError(
            `${source}: outlines nested deeper than ${MAX_FOLDER_DEPTH} folders (at "${label}")`,
          );
        }
        visit(outline, label ? [...ancestors, label] : ancestors, depth + 1);
        continue;
      }
      const name = label || Object.values(location)[0]!;
      if ('url' in location && !isHttpAddress(location.url)) {
        notHttp.push(`"${name}" (${location.url})`);
        continue;
      }
      feeds.push({
        category: ancestors[0] ?? 'Imported',
        site: ancestors.slice(1).join(' / ') || name,
        name,
        location,
      });
    }
  };
  visit(body, [], 0);
  // One such outline made the config refuse the whole import, naming the config's own
  // entries (`sources[0].sites[2].feeds[0].url`) rather than the OPML file's outline.
  if (notHttp.length > 0) {
    const shown = notHttp.slice(0, 3).join(', ') + (notHttp.length > 3 ? ', …' : '');
    throw new SourceImportError(
      `${source}: ${notHttp.length} outline(s) whose xmlUrl is not an http(s) address: ${shown}; nothing was imported`,
    );
  }
  if (feeds.length === 0)
    throw new SourceImportError(`${source}: no feeds (outlines with xmlUrl) in this OPML`);
  return feeds;
}

/**
 * An outline's name: `text`, else `title` (some readers write `text=""` beside a title). A
 * title on several lines is put on one (an XML parser would have made its breaks spaces).
 */
function outlineLabel(attributes: Record<string, string>): string {
  return oneLineName(attributes.text ?? '') || oneLineName(attributes.title ?? '');
}

function locationOf(
  attributes: Record<string, string>,
  rsshubInstance: string | null,
): ImportedFeed['location'] | null {
  const route = attributes.rsshubRoute?.trim();
  if (route?.startsWith('/')) return { rsshub: route };
  const file = attributes.tidingsFile?.trim();
  if (file) return { file };
  const url = withoutFeedScheme(attributes.xmlUrl?.trim());
  if (!url) return null;
  // A feed of the configured RSSHub instance is kept as a route, so it follows the instance.
  if (rsshubInstance && url.startsWith(rsshubInstance.replace(/\/+$/, '') + '/')) {
    const parsed = new URL(url);
    // Only when there is one: deleting re-encodes the whole query.
    if (parsed.searchParams.has('key')) parsed.searchParams.delete('key');
    const rest = parsed.toString().slice(rsshubInstance.replace(/\/+$/, '').length);
    return { rsshub: readableRoute(rest) };
  }
  return { url };
}

/**
 * `feed://host/x` and `feed:https://host/x` (an old way to hand a feed to a reader, still in
 * some OPML files) are the http(s) addresses they stand for.
 */
function withoutFeedScheme(url: string | undefined): string | undefined {
  if (url === undefined || !/^feed:/i.test(url)) return url;
  const rest = url.slice('feed:'.length);
  return /^https?:/i.test(rest) ? rest : `http:${rest}`;
}

function isHttpAddress(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * The route with its escaped non-ASCII text (`%E4%B8%AD%E6%96%87`) readable (`中文`), as the
 * config's routes are written; it is fetched as the same address. Every other escape stays as
 * it is: `%20` (a route holds no whitespace), `%25`, `%2F`, and bytes that are not UTF-8 mean
 * something else decoded, and decodeURI threw on the last ("internal error: URIError").
 */
function readableRoute(route: string): string {
  return route.replace(/(?:%[89A-Fa-f][0-9A-Fa-f])+/g, (escaped) => {
    let text: string;
    try {
      text = decodeURIComponent(escaped);
    } catch {
      return escaped;
    }
    return text.replace(/[\s\u0080-\u009F]/gu, (char) => encodeURIComponent(char));
  });
}

/** An OPML 2.0 document for the feeds, nested category → site → feed. */
export function renderOpml(title: string, feeds: (ImportedFeed & { xmlUrl: string })[]): string {
  const tree = new Map<string, Map<string, typeof feeds>>();
  for (const feed of feeds) {
    const sites = tree.get(feed.category) ?? new Map<string, typeof feeds>();
    tree.set(feed.category, sites);
    const siteFeeds = sites.get(feed.site);
    // Appended in place: a copy per feed made 20,000 feeds in one site take 11 s.
    if (siteFeeds) siteFeeds.push(feed);
    else sites.set(feed.site, [feed]);
  }
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<opml version="2.0">',
    '  <head>',
    `    <title>${escapeXml(title)}</title>`,
    '  </head>',
    '  <body>',
  ];
  for (const [category, sites] of tree) {
    lines.push(`    <outline text="${escapeXml(category)}">`);
    for (const [site, siteFeeds] of sites) {
      lines.push(`      <outline text="${escapeXml(site)}">`);
      for (const feed of siteFeeds) {
        const extra =
          'rsshub' in feed.location
            ? ` rsshubRoute="${escapeXml(feed.location.rsshub)}"`
            : 'file' in feed.location
              ? ` tidingsFile="${escapeXml(feed.location.file)}"`
              : '';
        lines.push(
          `        <outline type="rss" text="${escapeXml(feed.name)}" title="${escapeXml(feed.name)}" xmlUrl="${escapeXml(feed.xmlUrl)}"${extra}/>`,
        );
      }
      lines.push('      </outline>');
    }
    lines.push('    </outline>');
  }
  lines.push('  </body>', '</opml>', '');
  return lines.join('\n');
}

function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
    .replace(/[\t\n\r]/g, (c) => `&#${c.charCodeAt(0)};`);
}

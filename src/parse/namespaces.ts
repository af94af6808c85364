/** Namespace URIs the feed readers look for, in one canonical spelling each. */
export const NS = {
  xml: 'http://www.w3.org/XML/1998/namespace',
  atom10: 'http://www.w3.org/2005/Atom',
  atom03: 'http://purl.org/atom/ns#',
  rss090: 'http://my.netscape.com/rdf/simple/0.9/',
  rss10: 'http://purl.org/rss/1.0/',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  content: 'http://purl.org/rss/1.0/modules/content/',
  dc: 'http://purl.org/dc/elements/1.1/',
  dcterms: 'http://purl.org/dc/terms/',
  media: 'http://search.yahoo.com/mrss/',
  itunes: 'http://www.itunes.com/dtds/podcast-1.0.dtd',
  googleplay: 'http://www.google.com/schemas/play-podcasts/1.0',
  sy: 'http://purl.org/rss/1.0/modules/syndication/',
  slash: 'http://purl.org/rss/1.0/modules/slash/',
  wfw: 'http://wellformedweb.org/CommentAPI/',
  xhtml: 'http://www.w3.org/1999/xhtml',
  feedburner: 'http://rssnamespace.org/feedburner/ext/1.0',
  georss: 'http://www.georss.org/georss',
} as const;

/** Namespaces whose elements are RSS's own (titles, links, items, …). */
export const RSS_NAMESPACES: ReadonlySet<string> = new Set([
  '',
  NS.rss090,
  NS.rss10,
  'http://backend.userland.com/rss2',
  'http://backend.userland.com/rss',
  'http://purl.org/net/rss1.1#',
]);

export const ATOM_NAMESPACES: ReadonlySet<string> = new Set([NS.atom10, NS.atom03]);

/**
 * Prefixes feeds use without declaring them. A feed that writes `<content:encoded>` or
 * `<media:thumbnail>` but forgot the xmlns still means the well-known namespace.
 */
export const WELL_KNOWN_PREFIXES: ReadonlyMap<string, string> = new Map([
  ['xml', NS.xml],
  ['atom', NS.atom10],
  ['atom10', NS.atom10],
  ['atom03', NS.atom03],
  ['rdf', NS.rdf],
  ['rss', NS.rss10],
  ['content', NS.content],
  ['dc', NS.dc],
  ['dcterms', NS.dcterms],
  ['media', NS.media],
  ['itunes', NS.itunes],
  ['googleplay', NS.googleplay],
  ['sy', NS.sy],
  ['slash', NS.slash],
  ['wfw', NS.wfw],
  ['xhtml', NS.xhtml],
  ['feedburner', NS.feedburner],
  ['georss', NS.georss],
]);

/**
 * Spellings seen in the wild for the same namespace (no trailing slash, https, other
 * case), keyed by a loose form: lower case, no scheme, no trailing `/` or `#`.
 */
const CANONICAL_BY_LOOSE_FORM: ReadonlyMap<string, string> = new Map(
  [
    NS.atom10,
    NS.atom03,
    NS.rss090,
    NS.rss10,
    NS.rdf,
    NS.content,
    NS.dc,
    NS.dcterms,
    NS.media,
    NS.itunes,
    NS.googleplay,
    NS.sy,
    NS.slash,
    NS.wfw,
    NS.xhtml,
    NS.feedburner,
    NS.georss,
    'http://backend.userland.com/rss2',
    'http://backend.userland.com/rss',
  ].map((uri) => [looseForm(uri), uri]),
);

function looseForm(uri: string): string {
  return uri
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\//, '')
    .replace(/[/#]+$/, '');
}

/** The canonical URI for a declared namespace, so readers compare one spelling only. */
export function canonicalNamespace(uri: string): string {
  if (uri === '') return '';
  return CANONICAL_BY_LOOSE_FORM.get(looseForm(uri)) ?? uri;
}

/**
 * What is wrong with an address in the config, in words that say what to write instead. The
 * usual slips of a first config: an address without its scheme (`example.com/feed.xml`), an
 * RSSHub route given as a URL or the other way round, and a route copied from RSSHub's docs
 * with its parameters still in it (`/sina/finance/:type?`, fetched as such: a 404 at every
 * update). Each returns null when the value is fine.
 */

const ROUTE_EXAMPLE = '/sina/finance';

/** A route parameter as RSSHub's docs write them: `:id`, `:type?`, `:path{.+}?`. */
const ROUTE_PARAMETER = /\/(:[A-Za-z_]\w*(?:\{[^}]*\})?[?*+]?)(?=\/|$)/g;

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

/** An absolute http(s) URL (`site.url`, `rsshub.instance`, a feed's `url`). */
export function httpUrlProblem(value: string, { feed = false } = {}): string | null {
  if (isHttpUrl(value)) return null;
  const problem = `must be an absolute http(s) URL, got ${quote(value)}`;
  if (feed && value.startsWith('/') && !value.startsWith('//')) {
    return `${problem} (an RSSHub route? write rsshub: ${value}; a file here? write file: ${value})`;
  }
  const meant = withScheme(value);
  return meant === null ? problem : `${problem} (did you mean ${quote(meant)}?)`;
}

/** A feed's `rsshub:` route, as it is subscribed to: `/sina/finance`, parameters filled in. */
export function rsshubRouteProblem(value: string): string | null {
  const problem = `must be an RSSHub route path starting with "/", such as ${ROUTE_EXAMPLE}`;
  if (isHttpUrl(value)) {
    const url = new URL(value);
    const route = url.pathname + url.search;
    return (
      `${problem}, got ${quote(value)} (the route is ${quote(route)}: the instance goes in ` +
      'rsshub.instance; or write the whole address as url:)'
    );
  }
  if (!/^\/\S*$/.test(value)) {
    // `sina/finance`, not `rsshub.app/sina/finance`: a first part with a dot is a host.
    const meant = /^[^\s/:.]+(?:\/\S*)?$/.test(value)
      ? ` (did you mean ${quote(`/${value}`)}?)`
      : '';
    return `${problem}, got ${quote(value)}${meant}`;
  }
  const parameters = [...value.matchAll(ROUTE_PARAMETER)].map((match) => match[1]!);
  if (parameters.length === 0) return null;
  // Optional parameters at the end can go; what is left is the route without them.
  const withoutOptional = value.replace(/(?:\/:[A-Za-z_]\w*(?:\{[^}]*\})?\?)+$/, '');
  const example =
    withoutOptional !== '' && withoutOptional.match(ROUTE_PARAMETER) === null
      ? ` (e.g. ${withoutOptional})`
      : '';
  const optional = parameters.some((parameter) => parameter.endsWith('?'))
    ? `; one ending in "?" may be left out${example}`
    : '';
  return (
    `${quote(value)} is a route pattern from RSSHub's docs, not a route: write a value in ` +
    `place of ${parameters.join(', ')}${optional}, as in the docs' example`
  );
}

/**
 * The address meant by one written without its scheme: `example.com/feed.xml` →
 * `https://example.com/feed.xml`, `feed://…` → `https://…`; null when it does not look like one.
 */
export function withScheme(value: string): string | null {
  const feedScheme = /^feed:(?:\/\/)?/i.exec(value);
  const rest = feedScheme ? value.slice(feedScheme[0].length) : value;
  if (feedScheme && isHttpUrl(rest)) return rest;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(rest) || rest.startsWith('/')) return null;
  const host = /^([^/?#:@\s]+)/.exec(rest)?.[1];
  if (host === undefined || !(host.includes('.') || host === 'localhost')) return null;
  // `feed.xml` alone is a file name, not a host.
  if (rest === host && /\.(?:xml|rss|atom|rdf|json|html?|txt|opml|ya?ml)$/i.test(host)) return null;
  // A loopback or private address is most likely a plain-http service (an RSSHub of one's own).
  const local = host === 'localhost' || /^\d+\.\d+\.\d+\.\d+$/.test(host);
  const meant = `${local ? 'http' : 'https'}://${rest}`;
  return isHttpUrl(meant) ? meant : null;
}

function quote(value: string): string {
  return JSON.stringify(value.length > 60 ? value.slice(0, 57) + '…' : value);
}

/**
 * site.url as every absolute address of the site is made from it (page-context.ts appends
 * `/atom.xml`, `/items/x.html`, … to it): the URL parser's spelling of it — scheme and host
 * in lower case, an international host in Punycode, spaces and other characters percent-
 * encoded in the path, as a sitemap, robots.txt and feed readers want an address — with no
 * trailing slash. Only an absolute http(s) URL gets here (the schema checks it).
 */
export function normalSiteUrl(url: string): string {
  return new URL(url).href.replace(/\/+$/, '');
}

/**
 * Addresses are made by appending paths to site.url, so a query or fragment (even an empty
 * one) would end up inside every one of them (`…/?a=1/atom.xml`).
 */
export function hasQueryOrFragment(url: string): boolean {
  return /[?#]/.test(url);
}

export const QUERY_OR_FRAGMENT_PROBLEM =
  'must have no query (?…) or fragment (#…): the addresses of pages and feeds are made by appending to it';

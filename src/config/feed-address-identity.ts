/**
 * What two feed addresses of the config share when they are one feed: a URL's scheme and host
 * are case-insensitive and its default port may be written or not (`HTTP://Example.com:80/feed`
 * is `http://example.com/feed`), so the WHATWG URL parser's form stands for it. Paths, queries,
 * files and routes stay as written (a path is case-sensitive). Only for comparing: a feed is
 * fetched from its address as written.
 */
export function feedAddressIdentity(address: string): string {
  if (!/^https?:/i.test(address)) return address;
  try {
    return new URL(address).href;
  } catch {
    return address; // refused elsewhere with its own message
  }
}

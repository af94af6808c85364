/**
 * A feed address may carry a user name and password (`https://me:secret@host/feed.xml`), as
 * feed readers allow for private feeds. Neither undici's request() (which sends the origin
 * and path only) nor fetch() (which refuses such a URL) sends them: they go as HTTP Basic
 * authorization instead. A redirect keeps them only to an address that has them too, which a
 * relative Location on the same host does (as in browsers).
 */
export function basicAuthorization(url: URL): string | null {
  if (url.username === '' && url.password === '') return null;
  const pair = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
  return `Basic ${Buffer.from(pair, 'utf8').toString('base64')}`;
}

/** The address without its user name and password, for fetch(). */
export function withoutCredentials(url: URL): URL {
  const bare = new URL(url);
  bare.username = '';
  bare.password = '';
  return bare;
}

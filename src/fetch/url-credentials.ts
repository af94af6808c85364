/**
 * A feed address may carry a user name and password (`https://me:secret@host/feed.xml`), as
 * feed readers allow for private feeds. Neither undici's request() (which sends the origin
 * and path only) nor fetch() (which refuses such a URL) sends them: they go as HTTP Basic
 * authorization instead. A redirect keeps them only to an address that has them too, which a
 * relative Location on the same host does (as in browsers).
 */
export function basicAuthorization(url: URL): string | null {
  if (url.username === '' && url.password === '') return null;
  const pair = `${unescape(url.username)}:${unescape(url.password)}`;
  return `Basic ${Buffer.from(pair, 'utf8').toString('base64')}`;
}

/** `%`-escapes decoded; a `%` that starts none (`pa%ss`) is the character itself. */
function unescape(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

/** The address without its user name and password, for fetch(). */
export function withoutCredentials(url: URL): URL {
  const bare = new URL(url);
  bare.username = '';
  bare.password = '';
  return bare;
}

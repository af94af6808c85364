/**
 * The host of an http(s) URL as the URL parser writes it (lower case; a Chinese domain in its
 * `xn--` form), or null for any other URL or text that does not parse.
 */
export function webHost(url: string): string | null {
  const trimmed = url.trim();
  if (!/^https?:\/\//i.test(trimmed)) return null;
  try {
    return new URL(trimmed).hostname;
  } catch {
    return null;
  }
}

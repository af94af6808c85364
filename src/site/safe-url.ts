import { isSafeImageDataUrl } from '../content/safe-url.js';

/**
 * Returns the URL if it is http(s), else null. Feed-supplied links (item link, feed home page,
 * lead image) go into href/src attributes; escaping stops attribute breakout but not a
 * `javascript:` URL, so only web URLs are let through.
 */
export function webUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  const trimmed = url.trim();
  return /^https?:\/\//i.test(trimmed) ? trimmed : null;
}

/** An image URL for `src`: a web URL, or an inline `data:` image of a safe type. */
export function imageUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  const trimmed = url.trim();
  return webUrl(trimmed) ?? (isSafeImageDataUrl(trimmed) ? trimmed : null);
}

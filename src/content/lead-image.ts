import type { ParsedItem } from '../parse/parsed-feed.js';
import { safeImageUrl } from './safe-url.js';

/**
 * The item's lead image: the one the feed names (media:thumbnail, enclosure, … as the parser
 * found it), else the first image enclosure, else the first image of the sanitised content.
 * Only http(s) URLs and safe `data:` images qualify.
 */
export function leadImage(
  parsed: ParsedItem,
  contentHtml: string,
  baseUrl: string | null,
): string | null {
  const named = parsed.image !== null ? safeImageUrl(parsed.image, baseUrl) : null;
  if (named !== null && !isRelative(named)) return named;
  for (const enclosure of parsed.enclosures) {
    if (!enclosure.type?.toLowerCase().startsWith('image/')) continue;
    const url = safeImageUrl(enclosure.url, baseUrl);
    if (url !== null && !isRelative(url)) return url;
  }
  // The sanitiser wrote every <img> as `<img src="…"` with the URL already checked.
  const first = /<img\b[^>]*?\ssrc="([^"]+)"/i.exec(contentHtml)?.[1];
  if (first !== undefined) {
    const url = safeImageUrl(decodeAttribute(first), baseUrl);
    if (url !== null && !isRelative(url)) return url;
  }
  return null;
}

function isRelative(url: string): boolean {
  return !/^(?:https?|data):/i.test(url);
}

/** Undoes the escaping sanitize-html applies to attribute values. */
function decodeAttribute(value: string): string {
  return value
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

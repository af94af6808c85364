import type { ParsedItem } from '../parse/parsed-feed.js';
import { safeImageUrl } from './safe-url.js';
import type { ContentImage } from './sanitize-dom.js';

/**
 * The item's lead image, in this order:
 * 1. the image the feed names for the item (media:thumbnail / media:content, itunes:image, …,
 *    as the parser found it) — unless it is just the first `<img>` of the raw content (the
 *    parser's fallback), which cleaning may have removed as boilerplate (Sina's QR code);
 * 2. the first enclosure of an image type;
 * 3. the first meaningful `<img>` of the cleaned, sanitised content (`contentImages`, as the
 *    sanitiser found them).
 * Only absolute http(s) URLs qualify (no `data:`: inline images are icons and placeholders).
 * Never a tracking pixel, spacer, icon or QR code: see `isMeaningless`.
 */
export function leadImage(
  parsed: ParsedItem,
  contentImages: readonly ContentImage[],
  baseUrl: string | null,
): string | null {
  const named = webImage(parsed.image, baseUrl);
  const raw = (parsed.content ?? '') + (parsed.summary ?? '');
  if (named !== null && !isMeaningless({ src: named }) && !appearsIn(raw, named)) return named;
  for (const enclosure of parsed.enclosures) {
    if (!enclosure.type?.toLowerCase().startsWith('image/')) continue;
    const url = webImage(enclosure.url, baseUrl);
    if (url !== null && !isMeaningless({ src: url })) return url;
  }
  for (const image of contentImages) {
    const url = webImage(image.src, baseUrl);
    if (url !== null && !isMeaningless({ ...image, src: url })) return url;
  }
  return null;
}

interface ImageFacts {
  src: string;
  alt?: string | undefined;
  width?: string | undefined;
  height?: string | undefined;
}

/** Images smaller than this on a side (as the HTML declares them) are icons or pixels. */
const MIN_SIDE = 48;

/** URL words of trackers, spacers, icons and QR codes (as a path or file-name part). */
const MEANINGLESS_URL =
  /(?:^|[/_.\-=?&])(?:pixel|spacer|blank|clear|transparent|1x1|tracking|tracker|beacon|counter|icon|icons|favicon|emoji|avatar|logo|qr|qrcode|qr_code|qr-code|erweima|ewm|wxcode)(?=$|[/_.\-=?&\d])/i;

/** Hosts that only ever serve tracking pixels. */
const TRACKER_HOSTS =
  /(?:^|\.)(?:feedburner\.com|feedsportal\.com|pixel\.wp\.com|stats\.wordpress\.com|google-analytics\.com|doubleclick\.net|hm\.baidu\.com|cnzz\.com|scorecardresearch\.com)$/i;

/** Alt texts of QR codes and "follow us" images. */
const MEANINGLESS_ALT = /二维码|扫码|扫一扫|qr\s*code|关注我们|公众号/i;

function isMeaningless(image: ImageFacts): boolean {
  for (const side of [image.width, image.height]) {
    const value = side === undefined ? NaN : Number.parseInt(side, 10);
    if (Number.isFinite(value) && value < MIN_SIDE) return true;
  }
  if (image.alt !== undefined && MEANINGLESS_ALT.test(image.alt)) return true;
  const url = new URL(image.src);
  if (TRACKER_HOSTS.test(url.hostname)) return true;
  return MEANINGLESS_URL.test(url.pathname + url.search);
}

/** Does the raw HTML hold this image (as written, or by its file name when it was relative)? */
function appearsIn(html: string, url: string): boolean {
  if (html === '' || !html.includes('<img')) return false;
  if (html.includes(url)) return true;
  const file = new URL(url).pathname.split('/').pop() ?? '';
  return file.length >= 4 && html.includes(file);
}

/** An absolute http(s) image URL, or null. */
function webImage(raw: string | null | undefined, baseUrl: string | null): string | null {
  if (raw === null || raw === undefined) return null;
  const url = safeImageUrl(raw, baseUrl);
  return url !== null && /^https?:/i.test(url) ? url : null;
}

import { resolveUrl } from './urls.js';
import { decodeEntities } from './xml-tokenizer.js';

/**
 * The item's lead image: the first explicit image the feed names (media:thumbnail,
 * media:content of image type, image enclosure, itunes:image — in the order the reader
 * passes them), else the first real `<img>` of the content or summary HTML.
 */
export function leadImage(
  explicit: readonly (string | null | undefined)[],
  html: readonly (string | null | undefined)[],
  base: string | null,
): string | null {
  for (const candidate of explicit) {
    if (candidate && candidate.trim() !== '' && !candidate.trim().startsWith('data:')) {
      return resolveUrl(candidate, base);
    }
  }
  for (const fragment of html) {
    if (!fragment) continue;
    const src = firstContentImage(fragment);
    if (src) return resolveUrl(src, base);
  }
  return null;
}

const IMG_TAG = /<img\b[^<>]*>/gi;
const TRACKER_NAME =
  /(?:^|[/_.-])(?:spacer|pixel|blank|transparent|1x1|clear)(?:[._-]|$)|\/~r\/|\/~ff\/|feedburner\.com\/~/i;

function attributeOf(tag: string, name: string): string | null {
  const match = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag);
  if (!match) return null;
  return decodeEntities(match[1] ?? match[2] ?? match[3] ?? '').trim();
}

/** First `<img src>` that is a picture, not a 1×1 tracker, spacer or inline data. */
export function firstContentImage(html: string): string | null {
  if (html.indexOf('<img') === -1 && html.indexOf('<IMG') === -1) return null;
  IMG_TAG.lastIndex = 0;
  for (let m = IMG_TAG.exec(html); m !== null; m = IMG_TAG.exec(html)) {
    const tag = m[0];
    const src = attributeOf(tag, 'src') || attributeOf(tag, 'data-src');
    if (!src || /^data:/i.test(src)) continue;
    const width = attributeOf(tag, 'width');
    const height = attributeOf(tag, 'height');
    if ((width === '1' || width === '0') && (height === '1' || height === '0')) continue;
    const path = src.split(/[?#]/)[0] ?? src;
    if (TRACKER_NAME.test(path)) continue;
    return src;
  }
  return null;
}

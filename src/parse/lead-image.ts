import { resolveUrl } from './urls.js';
import { decodeEntities } from './xml-tokenizer.js';

/**
 * The item's lead image: the first explicit image the feed names (media:thumbnail,
 * media:content of image type, image enclosure, itunes:image — in the order the reader
 * passes them), else the first real `<img>` of the content or summary HTML. `htmlBases[i]`,
 * when given, is the base in force on the element `html[i]` came from (its xml:base).
 */
export function leadImage(
  explicit: readonly (string | null | undefined)[],
  html: readonly (string | null | undefined)[],
  base: string | null,
  htmlBases: readonly (string | null)[] = [],
): string | null {
  for (const candidate of explicit) {
    if (candidate && candidate.trim() !== '' && !candidate.trim().startsWith('data:')) {
      return resolveUrl(candidate, base);
    }
  }
  for (const [i, fragment] of html.entries()) {
    if (!fragment) continue;
    const src = firstContentImage(fragment);
    if (src) return resolveUrl(src, htmlBases[i] ?? base);
  }
  return null;
}

const IMG_TAG = /<img\b[^<>]*>/gi;
/** Words that, alone (with sizes or numbers), name a spacer or tracking image. */
const TRACKER_WORDS = new Set([
  'spacer', 'pixel', 'blank', 'transparent', 'clear', 'beacon', 'tracker', 'tracking',
  'track', 'trans', 'dot', 'empty',
]); // prettier-ignore
const TRACKER_PATH =
  /\/~r\/|\/~ff\/|feedburner\.com\/~|^(?:[a-z]+:)?\/\/(?:pixel|beacon|tracking?)\./i;

/** A path segment (not the file) that names a tracking service: `/pixel/…`. */
const TRACKER_SEGMENT = /(?:^|\/)(?:pixel|beacon|tracking|tracker)\//i;
/** Without one of these in the file name, no word of it can be a tracker word. */
const TRACKER_HINT = /spacer|pixel|blank|trans|clear|beacon|track|dot|empty|[01]x[01]/i;

/** Is this image URL a spacer or tracker by its name (`spacer.gif`, `/pixel/…`, `1x1.png`)? */
function isTrackerName(src: string): boolean {
  let pathEnd = src.length;
  const query = src.indexOf('?');
  const hash = src.indexOf('#');
  if (query !== -1) pathEnd = query;
  if (hash !== -1 && hash < pathEnd) pathEnd = hash;
  const path = src.slice(0, pathEnd);
  if (TRACKER_PATH.test(path)) return true;
  const local = path.replace(/^(?:[a-z]+:)?\/\/[^/]*/i, '');
  if (TRACKER_SEGMENT.test(local)) return true;
  const file = local.slice(local.lastIndexOf('/') + 1);
  const stem = file.replace(/\.[a-z0-9]+$/i, '');
  if (!TRACKER_HINT.test(stem)) return false; // the common case: a real picture's name
  const words = stem
    .toLowerCase()
    .split(/[._-]+/)
    .filter((word) => word !== '');
  const size = (word: string): boolean => /^\d+(?:x\d+)?(?:px)?$/.test(word);
  return (
    words.length > 0 &&
    words.every((word) => TRACKER_WORDS.has(word) || size(word)) &&
    words.some((word) => TRACKER_WORDS.has(word) || /^[01]x[01]$/.test(word))
  );
}

// Built once per name: compiling a RegExp for every lookup showed in the parse profile.
const ATTRIBUTE_PATTERNS = new Map<string, RegExp>();
const STYLE_PATTERNS = new Map<string, RegExp>();

function cachedPattern(cache: Map<string, RegExp>, name: string, make: () => RegExp): RegExp {
  let pattern = cache.get(name);
  if (!pattern) cache.set(name, (pattern = make()));
  return pattern;
}

function attributeOf(tag: string, name: string): string | null {
  const pattern = cachedPattern(
    ATTRIBUTE_PATTERNS,
    name,
    () => new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i'),
  );
  const match = pattern.exec(tag);
  if (!match) return null;
  return decodeEntities(match[1] ?? match[2] ?? match[3] ?? '').trim();
}

/** Width or height as written in an attribute or an inline style, in pixels. */
function dimension(tag: string, style: string | null, name: 'width' | 'height'): number | null {
  const fromStyle = style
    ? cachedPattern(
        STYLE_PATTERNS,
        name,
        () => new RegExp(`(?:^|[;\\s])${name}\\s*:\\s*([\\d.]+)\\s*(?:px)?\\s*(?:;|!|$)`, 'i'),
      ).exec(style)
    : null;
  const value = fromStyle?.[1] ?? attributeOf(tag, name);
  if (value === null || value === undefined) return null;
  const match = /^([\d.]+)\s*(?:px)?$/i.exec(value);
  return match ? Number(match[1]) : null;
}

/** A 1×1 (or 0×0) tracking pixel, sized by attributes or inline style. */
function isTinyImage(tag: string): boolean {
  const style = attributeOf(tag, 'style');
  const width = dimension(tag, style, 'width');
  if (width === null || width > 1) return false;
  const height = dimension(tag, style, 'height');
  return height !== null && height <= 1;
}

/** First `<img src>` that is a picture, not a 1×1 tracker, spacer or inline data. */
export function firstContentImage(html: string): string | null {
  if (html.indexOf('<img') === -1 && html.indexOf('<IMG') === -1) return null;
  IMG_TAG.lastIndex = 0;
  for (let m = IMG_TAG.exec(html); m !== null; m = IMG_TAG.exec(html)) {
    const tag = m[0];
    const src = attributeOf(tag, 'src') || attributeOf(tag, 'data-src');
    if (!src || /^data:/i.test(src)) continue;
    if (isTinyImage(tag)) continue;
    if (isTrackerName(src)) continue;
    return src;
  }
  return null;
}

import { addressWithoutSecrets } from '../sources/secret-parameters.js';

/**
 * URL checks for content HTML: which URLs may appear in `href`, `src` and `srcset`, made
 * absolute against the item's base URL. Everything here is pure; anything doubtful is refused.
 */

const LINK_PROTOCOLS = new Set(['http:', 'https:', 'mailto:', 'tel:']);
const WEB_PROTOCOLS = new Set(['http:', 'https:']);

/** Image types allowed as `data:` URLs in `<img src>`. SVG is safe there: images run no script. */
/** A URL scheme and its colon, as the URL standard's scheme state reads one. */
const SCHEME = /^[a-zA-Z][a-zA-Z0-9+.-]*:/;

const SAFE_IMAGE_DATA_URL = /^data:image\/(?:png|jpeg|jpg|gif|webp|svg\+xml|avif)(?:;[^,]*)?,/i;

/**
 * A base URL usable for resolving, or null: only absolute http(s) URLs count, so a feed
 * read from a file (or a `javascript:` link) never becomes a base. Without the secrets a
 * feed's address may hold (addressWithoutSecrets).
 */
export function usableBaseUrl(base: string | null | undefined): string | null {
  if (!base) return null;
  const url = parseUrl(base.trim());
  if (url === null || !WEB_PROTOCOLS.has(url.protocol)) return null;
  return addressWithoutSecrets(url).href;
}

/** `href` of a link: absolute http(s), mailto: or tel:, or a relative URL when there is no base. */
export function safeLinkUrl(raw: string | undefined, base: string | null): string | null {
  return resolveSafeUrl(raw, base, LINK_PROTOCOLS, false);
}

/** `src` of an image: absolute http(s), or a `data:` image of a safe type. */
export function safeImageUrl(raw: string | undefined, base: string | null): string | null {
  return resolveSafeUrl(raw, base, WEB_PROTOCOLS, true);
}

/** True for `data:image/png;base64,…` and the other image types an `<img>` may show inline. */
export function isSafeImageDataUrl(url: string): boolean {
  return SAFE_IMAGE_DATA_URL.test(url);
}

/**
 * Keeps the candidates of a `srcset` whose URL is absolute http(s) after resolving, with
 * their descriptors (`2x`, `640w`); null when none is left.
 */
export function safeSrcset(raw: string | undefined, base: string | null): string | null {
  if (!raw) return null;
  const kept: string[] = [];
  for (const candidate of parseSrcset(raw)) {
    const url = resolveSafeUrl(candidate.url, base, WEB_PROTOCOLS, false);
    if (url === null || !/^https?:/i.test(url)) continue;
    if (!/^(?:\d+(?:\.\d+)?[wx]|\d+h)?$/i.test(candidate.descriptor)) continue;
    kept.push(candidate.descriptor ? `${url} ${candidate.descriptor}` : url);
  }
  return kept.length > 0 ? kept.join(', ') : null;
}

function resolveSafeUrl(
  raw: string | undefined,
  base: string | null,
  protocols: ReadonlySet<string>,
  allowImageData: boolean,
): string | null {
  if (raw === undefined) return null;
  // What a browser ignores anyway: surrounding spaces and controls, tabs and newlines inside.
  const value = raw.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '').replace(/[\t\n\r]/g, '');
  if (value === '') return null;
  // Only a value starting with a scheme can be an absolute URL: skip the (throwing) attempt.
  const absolute = SCHEME.test(value) ? parseUrl(value) : null;
  if (absolute !== null) {
    if (absolute.protocol === 'data:') {
      return allowImageData && isSafeImageDataUrl(absolute.href) ? absolute.href : null;
    }
    return protocols.has(absolute.protocol) ? absolute.href : null;
  }
  // Not absolute: resolve against the base when there is one.
  if (base !== null) {
    const resolved = parseUrl(value, base);
    return resolved !== null && protocols.has(resolved.protocol) ? resolved.href : null;
  }
  // No base: keep a path-like relative URL as written, refuse anything else.
  if (value.startsWith('//')) {
    const resolved = parseUrl('https:' + value);
    return resolved !== null ? resolved.href : null;
  }
  if (/^[^:/?#]*:/.test(value)) return null; // a scheme the URL parser would not take
  return parseUrl(value, 'https://relative.invalid/') !== null ? value : null;
}

function parseUrl(value: string, base?: string): URL | null {
  try {
    return new URL(value, base);
  } catch {
    return null;
  }
}

interface SrcsetCandidate {
  url: string;
  descriptor: string;
}

/** The candidates of a srcset, per the HTML spec's outline: URL, then descriptors up to a comma. */
function parseSrcset(input: string): SrcsetCandidate[] {
  const candidates: SrcsetCandidate[] = [];
  let i = 0;
  const n = input.length;
  const isSpace = (c: string | undefined) => c !== undefined && /[\t\n\f\r ]/.test(c);
  while (i < n) {
    while (i < n && (isSpace(input[i]) || input[i] === ',')) i++;
    if (i >= n) break;
    let end = i;
    while (end < n && !isSpace(input[end])) end++;
    let url = input.slice(i, end);
    i = end;
    let descriptor = '';
    if (url.endsWith(',')) {
      url = url.replace(/,+$/, '');
    } else {
      let depth = 0;
      const start = i;
      while (i < n) {
        const c = input[i];
        if (c === '(') depth++;
        else if (c === ')') depth = Math.max(0, depth - 1);
        else if (c === ',' && depth === 0) break;
        i++;
      }
      descriptor = input.slice(start, i).trim().replace(/\s+/g, ' ');
    }
    if (url !== '') candidates.push({ url, descriptor });
  }
  return candidates;
}

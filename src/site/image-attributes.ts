/**
 * Adds attributes to every `<img>` tag of (already sanitised) HTML:
 * - referrerpolicy="no-referrer": Chinese image hosts (Sina and others) refuse hotlinks that
 *   send a Referer, so without it most images of those feeds show broken. An existing
 *   policy is replaced, since any other value sends a Referer.
 * - loading="lazy" and decoding="async" when missing: long articles have many images.
 * - alt when missing (feeds often leave it out, which is invalid HTML and makes screen readers
 *   read out the image's file name): the image's title if it has one, else alt="" — we do not
 *   know what the picture shows, and the article's text around it says what it is about. An
 *   empty alt beside a title gets the title too (an image with a title is not decorative;
 *   WCAG H67).
 * - with an image proxy (image-proxy.ts, `address`), `src` and `srcset` through it.
 * Other attributes are kept as written. Quoted values may contain `>`; the tag pattern
 * allows for that.
 */

import { decodeEntities } from '../parse/character-references.js';
import { escapeHtml } from './html-escape.js';
import { type ImageAddress, srcsetThrough } from './image-proxy.js';

/** A tag's attributes, all between its name and `>`: quoted values may hold `>`. */
export const TAG_ATTRIBUTES = `(?:[^>"']|"[^"]*"|'[^']*')*`;
export const IMG_TAG = new RegExp(`<img\\b(${TAG_ATTRIBUTES})>`, 'gi');
/** One attribute: its name, then its value double-, single- or unquoted. */
export const ATTRIBUTE = /([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

const SELF_CLOSING = /\/\s*$/;

/**
 * The tag for an `<img>` with these attributes (all between `<img` and `>`). One string built
 * as it goes and a few flags, not lists and a set: there is one call per image of every page.
 */
function rewriteImgTag(attributes: string, address: ImageAddress | null): string {
  const body = attributes.replace(SELF_CLOSING, '');
  let tag = '<img';
  let alt = false;
  let loading = false;
  let decoding = false;
  let title = '';
  // Where an empty alt was written in `tag` (-1: none), and how long it is there.
  let emptyAltAt = -1;
  let emptyAltLength = 0;
  // ATTRIBUTE is global: this loop is its only user, and starts it over each time.
  ATTRIBUTE.lastIndex = 0;
  for (let match = ATTRIBUTE.exec(body); match !== null; match = ATTRIBUTE.exec(body)) {
    const name = (match[1] ?? '').toLowerCase();
    if (name === 'referrerpolicy') continue;
    if (name === 'title') title = match[2] ?? match[3] ?? match[4] ?? '';
    else if (name === 'alt') {
      if (!alt && (match[2] ?? match[3] ?? match[4] ?? '') === '') {
        emptyAltAt = tag.length;
        emptyAltLength = match[0].length + 1;
      }
      alt = true;
    } else if (name === 'loading') loading = true;
    else if (name === 'decoding') decoding = true;
    if (address !== null && (name === 'src' || name === 'srcset')) {
      const value = decodeEntities(match[2] ?? match[3] ?? match[4] ?? '');
      const through = name === 'src' ? address(value.trim()) : srcsetThrough(value.trim(), address);
      tag += ` ${name}="${escapeHtml(through)}"`;
      continue;
    }
    tag += ` ${match[0]}`;
  }
  // The title's value as written (still escaped), in double quotes.
  const titleAlt = ` alt="${title.replace(/"/g, '&quot;')}"`;
  if (!alt) tag += titleAlt;
  else if (emptyAltAt !== -1 && title !== '') {
    tag = tag.slice(0, emptyAltAt) + titleAlt + tag.slice(emptyAltAt + emptyAltLength);
  }
  tag += ' referrerpolicy="no-referrer"';
  if (!loading) tag += ' loading="lazy"';
  if (!decoding) tag += ' decoding="async"';
  return `${tag}>`;
}

/**
 * Returns `html` with every `<img>` carrying referrerpolicy="no-referrer" and lazy loading, and
 * loading through the image proxy when there is one (`address`).
 */
export function addImageAttributes(html: string, address: ImageAddress | null = null): string {
  if (!/<img\b/i.test(html)) return html;
  return html.replace(IMG_TAG, (_tag, attributes: string) => rewriteImgTag(attributes, address));
}

const LT_LOWER_I = Buffer.from('<i', 'latin1');
const LT_UPPER_I = Buffer.from('<I', 'latin1');

/** A byte of an ASCII word character (`\w` in a pattern without the u flag). */
function wordByte(byte: number | undefined): boolean {
  if (byte === undefined) return false;
  const letter = byte | 0x20;
  return (letter >= 0x61 && letter <= 0x7a) || (byte >= 0x30 && byte <= 0x39) || byte === 0x5f;
}

/**
 * A search for IMG_TAG's matches in UTF-8 bytes, without a pattern. `start`: the next
 * `<img\b` in any case (-1: none left); `end`: where its tag ends, past the `>` (-1: the
 * pattern fails there, at a quote never closed or with no `>`). `lower`, `upper`: the next
 * `<i` and `<I` found so far (-1: none left), so each is searched for once per match, not
 * once per look.
 */
interface ImgTagScan {
  start: number;
  end: number;
  lower: number;
  upper: number;
}

/**
 * Moves `scan` to the first match at or after `from`. The pattern cannot match two ways:
 * outside quotes, `>` ends the tag and a quote opens a value that its next twin closes. It
 * tells apart only ASCII characters (case-insensitively, and `\b` by ASCII word characters,
 * as without the u flag), and every byte of a multi-byte character is above ASCII, so the
 * same tags are found here as in the decoded text.
 */
function nextImgTag(bytes: Buffer, from: number, scan: ImgTagScan): void {
  for (let at = from; ;) {
    if (scan.lower !== -1 && scan.lower < at) scan.lower = bytes.indexOf(LT_LOWER_I, at);
    if (scan.upper !== -1 && scan.upper < at) scan.upper = bytes.indexOf(LT_UPPER_I, at);
    const { lower, upper } = scan;
    const start = lower === -1 ? upper : upper === -1 ? lower : Math.min(lower, upper);
    scan.start = start;
    scan.end = -1;
    if (start === -1) return;
    at = start + 1;
    if (((bytes[start + 2] ?? 0) | 0x20) !== 0x6d || ((bytes[start + 3] ?? 0) | 0x20) !== 0x67) continue; // prettier-ignore
    if (wordByte(bytes[start + 4])) continue;
    for (let i = start + 4; i < bytes.length; i++) {
      const byte = bytes[i];
      if (byte === 0x3e) {
        scan.end = i + 1;
        break;
      }
      if (byte === 0x22 || byte === 0x27) {
        i = bytes.indexOf(byte, i + 1);
        if (i === -1) break;
      }
    }
    return;
  }
}

/** How our sanitizer ends an `<img>` (content/sanitize-policy.ts, sanitize-dom.ts). */
const SANITIZED_END = Buffer.from(' loading="lazy" decoding="async" referrerpolicy="no-referrer" />', 'latin1'); // prettier-ignore
const TAG_CLOSE = Buffer.from('>', 'latin1');

/** A byte of an attribute name as our sanitizer writes them: a-z, 0-9 and `-`. */
function nameByte(byte: number | undefined): boolean {
  return byte !== undefined && ((byte >= 0x61 && byte <= 0x7a) || (byte >= 0x30 && byte <= 0x39) || byte === 0x2d); // prettier-ignore
}

/**
 * For a tag as our sanitizer writes it, where the rewritten tag's bytes end in it, before its
 * ` />` (they are all its bytes up to there, then `>`); -1 for any other tag. Such a tag is
 * `<img`, then ` name="value"` attributes (lower-case names, values without `"`) ending in
 * SANITIZED_END, with an alt and no referrerpolicy before that end. rewriteImgTag gives its
 * bytes without the ` /`: SELF_CLOSING can only match that `/` (any other is followed by a
 * quote), ATTRIBUTE matches each `name="value"` as written and nothing else (a space cannot
 * start a name, and a name stops at `=`), the tags' single spaces are what it joins with, and
 * of its attributes only the closing referrerpolicy is dropped, to be added back where it was,
 * with alt, loading and decoding there already. Most tags are such (images of the store); they
 * are copied, not decoded, rewritten and encoded: half the time of the images on the bench
 * corpus, whose 13,400 tags are all such.
 */
function sanitizedTagKept(bytes: Buffer, start: number, end: number): number {
  const attributesEnd = end - SANITIZED_END.length;
  if (bytes[start + 1] !== 0x69 || bytes[start + 2] !== 0x6d || bytes[start + 3] !== 0x67) return -1; // prettier-ignore
  if (attributesEnd < start + 4) return -1;
  if (bytes.compare(SANITIZED_END, 0, SANITIZED_END.length, attributesEnd, end) !== 0) return -1;
  let alt = false;
  let emptyAlt = false;
  let titled = false;
  let at = start + 4;
  while (at < attributesEnd) {
    if (bytes[at] !== 0x20) return -1;
    const name = at + 1;
    at = name;
    while (nameByte(bytes[at])) at++;
    if (at === name || bytes[at] !== 0x3d || bytes[at + 1] !== 0x22) return -1;
    const close = bytes.indexOf(0x22, at + 2);
    if (close === -1 || close >= attributesEnd) return -1;
    const length = at - name;
    const isAlt = length === 3 && bytes[name] === 0x61 && bytes[name + 1] === 0x6c && bytes[name + 2] === 0x74; // prettier-ignore
    if (isAlt) {
      // Only the first alt counts (as in rewriteImgTag); our sanitizer writes one.
      if (!alt) emptyAlt = close === at + 2;
      alt = true;
    }
    if (length === 5 && close > at + 2 && bytes.toString('latin1', name, at) === 'title') titled = true; // prettier-ignore
    if (length === 14 && bytes.toString('latin1', name, at) === 'referrerpolicy') return -1;
    at = close + 1;
  }
  // An empty alt beside a title is rewritten (the title becomes the alt).
  if (emptyAlt && titled) return -1;
  return alt && at === attributesEnd ? end - 3 : -1;
}

/**
 * `addImageAttributes` for HTML held as UTF-8 bytes: the bytes in pieces, each `<img>` tag
 * rewritten and everything between the tags left as it is (not copied), whether the HTML
 * has any `<img` at all (`/<img\b/i`, as renderItemPage asks of the rewritten text: rewriting
 * keeps every `<img` and adds none), and whether a tag is followed by `</a` (a link of images
 * may need a name: image-links.ts). Only the tags are decoded.
 */
export function addImageAttributesToBytes(
  bytes: Buffer,
  address: ImageAddress | null = null,
): { pieces: Buffer[]; hasImage: boolean; closesLink: boolean } {
  const pieces: Buffer[] = [];
  const found: ImgTagScan = { start: -1, end: -1, lower: -2, upper: -2 }; // -2: not searched yet
  let copied = 0;
  let hasImage = false;
  let closesLink = false;
  for (nextImgTag(bytes, 0, found); found.start !== -1;) {
    hasImage = true;
    if (found.end === -1) {
      // No tag here (as the pattern, look again from the next character).
      nextImgTag(bytes, found.start + 1, found);
      continue;
    }
    const { start, end } = found;
    // Through a proxy, every tag's src changes: none is kept as it is.
    const kept = address === null ? sanitizedTagKept(bytes, start, end) : -1;
    if (kept !== -1) {
      pieces.push(bytes.subarray(copied, kept), TAG_CLOSE);
    } else {
      pieces.push(bytes.subarray(copied, start));
      // The attributes: all between `<img` and `>` (the pattern's group).
      const attributes = bytes.toString('utf8', start + 4, end - 1);
      pieces.push(Buffer.from(rewriteImgTag(attributes, address), 'utf8'));
    }
    copied = end;
    if (!closesLink) closesLink = linkClosesAt(bytes, end);
    nextImgTag(bytes, end, found);
  }
  pieces.push(copied === 0 ? bytes : bytes.subarray(copied));
  return { pieces, hasImage, closesLink };
}

/** Whether `</a` (any case) follows at `at`, after HTML whitespace (see image-links.ts). */
function linkClosesAt(bytes: Buffer, at: number): boolean {
  let i = at;
  while (i < bytes.length) {
    const byte = bytes[i]!;
    if (byte !== 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0c && byte !== 0x0d) break;
    i++;
  }
  return bytes[i] === 0x3c && bytes[i + 1] === 0x2f && ((bytes[i + 2] ?? 0) | 0x20) === 0x61;
}

import { createHash } from 'node:crypto';

/**
 * Folder names for category, site and feed pages.
 *
 * Names are kept readable, CJK included (`categories/金融/新浪财经/`), as the Hexo site had.
 * Two kinds of change are made:
 * - Hard changes lose information: unsafe characters replaced, length capped, reserved or
 *   dot-leading names. The result always gets a `-` + 6-hex hash of the full name, so a
 *   name's folder never depends on which other names exist (stable URLs).
 * - Soft changes keep names recognisable: Unicode NFC, runs of whitespace become one `-`.
 *   No hash; if two sibling names then meet (`a b` and `a-b`, or `News` and `news` on a
 *   case-insensitive file system), `assignSegments` keeps the plain folder for the oldest and
 *   gives the others a hash of their ids.
 */

/** Longest segment in UTF-8 bytes before the hash suffix; well under the usual 255-byte limit. */
const MAX_SEGMENT_BYTES = 96;

// Unsafe in file names on some system (/ \ : * ? " < > |), control characters, and the
// characters that mean something in URLs even after encoding by sloppy servers (# %).
const UNSAFE_CHARS = /[/\\:*?"<>|#%\u0000-\u001F\u007F-\u009F]|\p{Cs}/gu;

// `page` is where pagination lives next to child folders; `index.html` is the page itself and
// the feed files sit beside it. Windows device names cannot be folder names there.
const RESERVED = new Set([
  'page',
  'index.html',
  'atom.xml',
  'rss.xml',
  'feed.json',
  'con',
  'prn',
  'aux',
  'nul',
  ...Array.from({ length: 9 }, (_, i) => `com${i + 1}`),
  ...Array.from({ length: 9 }, (_, i) => `lpt${i + 1}`),
]);

function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 6);
}

/** Cuts to at most `maxBytes` UTF-8 bytes without splitting a character. */
function truncateUtf8(text: string, maxBytes: number): string {
  let bytes = 0;
  let end = 0;
  for (const char of text) {
    const size = Buffer.byteLength(char);
    if (bytes + size > maxBytes) break;
    bytes += size;
    end += char.length;
  }
  return text.slice(0, end);
}

/** A safe, stable folder name for `name` (see the module comment for the rules). */
export function pathSegment(name: string): string {
  const soft = name.normalize('NFC').trim().replace(/\s+/gu, '-').replace(/-{2,}/g, '-');
  let hard = soft.replace(UNSAFE_CHARS, '-').replace(/-{2,}/g, '-');
  // Leading dots hide folders (and `..` escapes); trailing dots and spaces vanish on Windows.
  hard = hard.replace(/^[.-]+/, '').replace(/[.\s-]+$/u, '');
  hard = truncateUtf8(hard, MAX_SEGMENT_BYTES).replace(/[.-]+$/, '');
  const changed = hard !== soft || hard === '' || RESERVED.has(hard.toLowerCase());
  if (!changed) return hard;
  const base = hard === '' ? 'untitled' : hard;
  return `${base}-${shortHash(name)}`;
}

/** Something to give a folder: `id` tells apart entries that share a name (feeds can). */
export interface SegmentEntry {
  id: string;
  name: string;
  /** What a clashing entry's hash is made of (default `id`): what stays when `id` changes. */
  hashOf?: string;
}

/**
 * Folder names for siblings (the categories, the sites of one category, the feeds of one
 * site), given oldest first. When segments clash, ignoring case, the oldest keeps its plain
 * folder and each later one gets a hash (of `hashOf`, else of its id): a feed added under a
 * name already used (two feeds called `要闻` in one site are common) gets the new folder, and
 * the pages that have been at the old one for months stay where links and search engines know
 * them. Keyed by id.
 */
export function assignSegments(oldestFirst: readonly SegmentEntry[]): Map<string, string> {
  const result = new Map<string, string>();
  const taken = new Set<string>();
  const take = (id: string, segment: string): void => {
    taken.add(segment.toLowerCase());
    result.set(id, segment);
  };
  for (const entry of oldestFirst) {
    const segment = pathSegment(entry.name);
    if (!taken.has(segment.toLowerCase())) {
      take(entry.id, segment);
      continue;
    }
    const hashed = `${segment}-${shortHash(entry.hashOf ?? entry.id)}`;
    // Two entries can share `hashOf` (a feed re-added at the address another moved away from).
    take(entry.id, taken.has(hashed.toLowerCase()) ? `${segment}-${shortHash(entry.id)}` : hashed);
  }
  return result;
}

// Pages link to the same few hundred folders over and over: encode each once.
const encoded = new Map<string, string>();

/** Characters encodeURIComponent leaves as they are, and `/`. */
const UNRESERVED = /^[A-Za-z0-9\-_.!~*'()/]*$/;

/** Encodes a site-relative path (`/`-separated, unencoded segments) for use in a URL. */
export function encodePath(path: string): string {
  // Item pages (`items/3f2a9c0d4e5b6a71.html`), one each: nothing to encode, nothing to cache.
  if (UNRESERVED.test(path)) return path;
  let result = encoded.get(path);
  if (result === undefined) {
    result = path.split('/').map(encodeURIComponent).join('/');
    if (encoded.size < 100_000) encoded.set(path, result);
  }
  return result;
}

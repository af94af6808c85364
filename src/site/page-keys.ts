import { digestOf } from './one-shot-digest.js';

/**
 * Manifest keys of pages (see OutputFile.key): a page whose key equals the previous build's is
 * not rendered. A key must change whenever anything the page shows may have changed.
 */

/** Keys of the pages of one build: what every page depends on is hashed once, into `base`. */
export function pageKeys(
  everything: string,
): (path: string, parts: readonly (string | number | null | undefined)[]) => string {
  const base = digestOf('sha1', everything, 'base64url');
  return (path, parts) => {
    let text = `${base}\0${path}`;
    for (const part of parts)
      text += part === null || part === undefined ? '\0\u0001' : `\0${part}`;
    return digestOf('sha1', text, 'base64url');
  };
}

/**
 * Fingerprints of lists of entries — which entries, in which order, and whether each changed —
 * for the keys of list pages, feeds and sitemaps. Every entry appears in a dozen lists (home,
 * category, site, feed, month, day; front and numbered pages, feeds out), so each entry's own
 * text (`url changedAt`) is hashed once, into two 32-bit lanes, and a list folds its entries'
 * lanes with integer arithmetic: no string of the whole list is built or hashed. 64 bits: the
 * chance that a changed list keeps its fingerprint is 2^-64.
 */
export class ListFingerprints<T> {
  private readonly lanes = new Map<T, number>();
  private low: Int32Array<ArrayBuffer> = new Int32Array(1024);
  private high: Int32Array<ArrayBuffer> = new Int32Array(1024);

  constructor(private readonly textOf: (entry: T) => string) {}

  /** The fingerprint of a list of entries, in order: 16 hex characters. */
  of(entries: readonly T[]): string {
    let a = 0x9e3779b9 ^ entries.length;
    let b = 0x85ebca6b ^ entries.length;
    for (const entry of entries) {
      const at = this.laneOf(entry);
      a = Math.imul(rotate(a ^ this.low[at]!, 13), 5) + 0xe6546b64;
      b = Math.imul(rotate(b ^ this.high[at]!, 15), 5) + 0x1b873593;
    }
    return hex(finish(a)) + hex(finish(b));
  }

  /** Where the entry's lanes are, computing them on first sight. */
  private laneOf(entry: T): number {
    let at = this.lanes.get(entry);
    if (at === undefined) {
      at = this.lanes.size;
      if (at === this.low.length) {
        this.low = grown(this.low);
        this.high = grown(this.high);
      }
      hashLanes(this.textOf(entry), this.low, this.high, at);
      this.lanes.set(entry, at);
    }
    return at;
  }
}

/**
 * Two independent 32-bit hashes of a text's UTF-16 code units (MurmurHash3's body and
 * finaliser, with two seeds) in one pass, stored at `at` of the two lane arrays.
 */
function hashLanes(text: string, low: Int32Array, high: Int32Array, at: number): void {
  let a = 0x2545f491;
  let b = 0x6c8e9cf5;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const k = Math.imul(rotate(Math.imul(c, 0xcc9e2d51), 15), 0x1b873593);
    a = Math.imul(rotate(a ^ k, 13), 5) + 0xe6546b64;
    b = Math.imul(rotate(b ^ k, 15), 5) + 0x1b873593;
  }
  low[at] = finish(a ^ text.length);
  high[at] = finish(b ^ text.length);
}

function rotate(x: number, bits: number): number {
  return (x << bits) | (x >>> (32 - bits));
}

/** MurmurHash3's finaliser: every input bit affects every output bit. */
function finish(x: number): number {
  let h = x;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
}

function hex(x: number): string {
  return (x >>> 0).toString(16).padStart(8, '0');
}

function grown(values: Int32Array): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(values.length * 2);
  bigger.set(values);
  return bigger;
}

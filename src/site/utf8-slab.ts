/**
 * UTF-8 encodings of many short texts, packed one after another into large shared buffers:
 * what a build keeps to its end (cards, cached feed entries: `keptUtf8`), and item pages' own
 * parts (a slab of their own, item-page-bytes.ts, since a page's parts are garbage once
 * written). Buffer.from and Buffer.allocUnsafe take short buffers from an 8 KB pool and make
 * a new pool each time one is used up: a ~1.3 KB card (encoded, then copied with its source
 * links) used one every few cards, and making pools took 83 ms of a 10,000-item full build's
 * main thread (profiled). A slab is garbage once no kept text is in it.
 */
export class Utf8Slab {
  private slab: Buffer;
  private used = 0;

  constructor(private readonly slabBytes = 256 * 1024) {
    this.slab = Buffer.allocUnsafeSlow(slabBytes);
  }

  /** `text` as UTF-8: a view of the slab (or a buffer of its own, for a long text). */
  encode(text: string): Buffer {
    // A UTF-16 code unit is at most three bytes of UTF-8 (a lone surrogate becomes U+FFFD).
    const at = this.room(3 * text.length);
    if (at === -1) return Buffer.from(text, 'utf8');
    const end = at + this.slab.write(text, at);
    this.used = end;
    return this.slab.subarray(at, end);
  }

  /** `size` bytes to fill: a view of the slab (or a buffer of its own, for a large size). */
  allocate(size: number): Buffer {
    const at = this.room(size);
    if (at === -1) return Buffer.allocUnsafe(size);
    this.used = at + size;
    return this.slab.subarray(at, at + size);
  }

  /** Where `bytes` bytes of room start in the slab; -1 when they are better not taken from it. */
  private room(bytes: number): number {
    if (this.used + bytes <= this.slab.length) return this.used;
    // Leaving a slab's free end unused costs at most a quarter of it.
    if (bytes > this.slabBytes / 4) return -1;
    this.slab = Buffer.allocUnsafeSlow(this.slabBytes);
    this.used = 0;
    return 0;
  }
}

/** The main thread's slab for what a build keeps to its end: cards and feed entries. */
export const keptUtf8 = new Utf8Slab();

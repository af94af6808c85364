/**
 * Term ids of plain ASCII words (most words of English and mixed text), looked up straight from
 * the text they occur in: the word's characters are hashed and compared lowercased, so a word
 * seen before costs no string (a slice and its lowercase copy per occurrence were a tenth of
 * the index build). A word not seen yet is left to the caller, which makes its term with the
 * search core's `wordText` (the one normalisation, shared with the browser) and adds it here.
 *
 * Everything a lookup touches is kept by the order words were added (n), in a few small typed
 * arrays: the words' characters one after another, where each starts, its id, and the two ints
 * the segment builder counts it with. The words as strings (scattered over the heap, each
 * compare a cache miss on its header) and counts by id (ids are shared with the CJK terms
 * numbered between words, so words' counts were spread thin over a table of every term) each
 * cost about a sixth of the builder's time per word.
 */
export class AsciiWordIds {
  /** Pairs (hash, n + 1) for the n-th word added; 0 marks an empty slot. */
  private slots = new Int32Array(2 << 12);
  /** The words' characters (lowercase ASCII), one after another; word n is chars[starts[n], starts[n + 1]). */
  private chars = new Uint8Array(1 << 15);
  private starts = new Int32Array(1 << 12);
  private size = 0;
  /** Word n's term id, at n. */
  ids = new Int32Array(1 << 12);
  /** Per word, 2 ints for the caller (its counting), at 2n and 2n + 1 (-1 until set). */
  marks = new Int32Array(2 << 12).fill(-1);

  /** The id of text[start, end) lowercased, or -1 when it was never added. */
  find(text: string, start: number, end: number): number {
    const n = this.locate(text, start, end);
    return n < 0 ? -1 : this.ids[n]!;
  }

  /** n of the word text[start, end) lowercased (its place in `ids`, `counts`), or -1. */
  locate(text: string, start: number, end: number): number {
    const hash = hashLowercase(text, start, end);
    const slots = this.slots;
    const mask = (slots.length >> 1) - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const stored = slots[(slot << 1) + 1]!;
      if (stored === 0) return -1;
      if (slots[slot << 1] === hash && this.sameLowercase(stored - 1, text, start, end)) {
        return stored - 1;
      }
    }
  }

  /**
   * Records that the word at text[start, end) (ASCII word characters) has the given id (after
   * find gave -1); returns its n. `term` is the word as the core's wordText makes it.
   */
  add(text: string, start: number, end: number, id: number, term: string): number {
    const n = this.size++;
    if (n + 1 === this.starts.length) {
      this.starts = grown(this.starts, this.starts.length * 2);
      this.ids = grown(this.ids, this.ids.length * 2);
      const marks = grown(this.marks, this.marks.length * 2);
      marks.fill(-1, this.marks.length);
      this.marks = marks;
    }
    const from = this.starts[n]!;
    if (from + term.length > this.chars.length) {
      const chars = new Uint8Array(Math.max(this.chars.length * 2, from + term.length));
      chars.set(this.chars);
      this.chars = chars;
    }
    for (let i = 0; i < term.length; i++) this.chars[from + i] = term.charCodeAt(i);
    this.starts[n + 1] = from + term.length;
    this.ids[n] = id;
    this.place(hashLowercase(text, start, end), n);
    if ((n + 1) * 2 > this.slots.length >> 1) this.grow();
    return n;
  }

  private sameLowercase(n: number, text: string, start: number, end: number): boolean {
    const from = this.starts[n]!;
    if (this.starts[n + 1]! - from !== end - start) return false;
    const chars = this.chars;
    for (let i = start; i < end; i++) {
      if (chars[from + i - start] !== lower(text.charCodeAt(i))) return false;
    }
    return true;
  }

  private place(hash: number, n: number): void {
    const slots = this.slots;
    const mask = (slots.length >> 1) - 1;
    let slot = hash & mask;
    while (slots[(slot << 1) + 1] !== 0) slot = (slot + 1) & mask;
    slots[slot << 1] = hash;
    slots[(slot << 1) + 1] = n + 1;
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2);
    for (let at = 0; at < old.length; at += 2) {
      if (old[at + 1] !== 0) this.place(old[at]!, old[at + 1]! - 1);
    }
  }
}

function grown(values: Int32Array, size: number): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(size);
  bigger.set(values);
  return bigger;
}

/** ASCII letters lowercased (the only change toLowerCase makes to ASCII). */
function lower(code: number): number {
  return code >= 0x41 && code <= 0x5a ? code | 0x20 : code;
}

/** FNV-1a over the lowercased code units, mixed so that the low bits index a table. */
function hashLowercase(text: string, start: number, end: number): number {
  let hash = 0x811c9dc5;
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ lower(text.charCodeAt(i)), 0x01000193);
  hash ^= hash >>> 15;
  return Math.imul(hash, 0x85ebca6b) ^ (hash >>> 13);
}

/**
 * Term ids of plain ASCII words (most words of English and mixed text), looked up straight from
 * the text they occur in: the word's characters are hashed and compared lowercased, so a word
 * seen before costs no string (a slice and its lowercase copy per occurrence were a tenth of
 * the index build). A word not seen yet is left to the caller, which makes its term with the
 * search core's `wordText` (the one normalisation, shared with the browser) and adds it here.
 */
export class AsciiWordIds {
  /** Pairs (hash, n + 1) for the n-th word added; 0 marks an empty slot. */
  private slots = new Int32Array(2 << 12);
  /**
   * The words as added (lowercase) and their ids, by the order they were added. Not by id:
   * ids are shared with the other terms, so words' ids have gaps, and an array written at
   * scattered indexes falls back to a dictionary, a hash lookup per read.
   */
  private readonly terms: string[] = [];
  private ids = new Int32Array(1 << 12);

  /** The id of text[start, end) lowercased, or -1 when it was never added. */
  find(text: string, start: number, end: number): number {
    const hash = hashLowercase(text, start, end);
    const slots = this.slots;
    const mask = (slots.length >> 1) - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const stored = slots[(slot << 1) + 1]!;
      if (stored === 0) return -1;
      if (slots[slot << 1] === hash && sameLowercase(this.terms[stored - 1]!, text, start, end)) {
        return this.ids[stored - 1]!;
      }
    }
  }

  /** Records that the word at text[start, end) has the given id (after find gave -1). */
  add(text: string, start: number, end: number, id: number, term: string): void {
    const n = this.terms.length;
    this.terms.push(term);
    if (n === this.ids.length) {
      const bigger = new Int32Array(n * 2);
      bigger.set(this.ids);
      this.ids = bigger;
    }
    this.ids[n] = id;
    this.place(hashLowercase(text, start, end), n);
    if ((n + 1) * 2 > this.slots.length >> 1) this.grow();
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

function sameLowercase(term: string, text: string, start: number, end: number): boolean {
  if (term.length !== end - start) return false;
  for (let i = start; i < end; i++) {
    if (term.charCodeAt(i - start) !== lower(text.charCodeAt(i))) return false;
  }
  return true;
}

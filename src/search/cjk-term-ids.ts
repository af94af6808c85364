/**
 * Term ids of CJK tokens (bigrams and single characters) by their code points, as the scanner
 * reports them (search-core-source.ts: `onCjk(first, second)`, second -1 for one character).
 * Bigrams are most of the tokens of Chinese text, and this lookup runs once per token, so it is
 * an open-addressing table of int pairs (key, id + 1) rather than a Map: a Map keyed by packed
 * numbers would allocate a heap number per bigram. A key is both code points packed in 32
 * bits, which holds every pair of the Basic Multilingual Plane (nearly all of them): an 8-byte
 * slot keeps the table half the size of one that stores the code points apart, so more of it
 * stays in the cache (the lookups land anywhere in it). Pairs with an astral character (CJK
 * extension B and beyond, rare) are kept in a Map instead.
 */
export class CjkTermIds {
  /** Pairs (key, id + 1); id + 1 = 0 marks an empty slot. */
  private slots = new Int32Array(2 << 16);
  private size = 0;
  private readonly astral = new Map<number, number>();

  /** The id of (first, second), or -1 when it was never added. */
  find(first: number, second: number): number {
    if (first > 0xffff || second > 0xffff) return this.astral.get(astralKey(first, second)) ?? -1;
    const key = packed(first, second);
    const slots = this.slots;
    const mask = (slots.length >> 1) - 1;
    for (let slot = slotOf(key); ; slot++) {
      const at = (slot & mask) << 1;
      const stored = slots[at + 1]!;
      if (stored === 0) return -1;
      if (slots[at] === key) return stored - 1;
    }
  }

  /** Records the id of (first, second), which find did not know. */
  add(first: number, second: number, id: number): void {
    if (first > 0xffff || second > 0xffff) {
      this.astral.set(astralKey(first, second), id);
      return;
    }
    this.place(packed(first, second), id);
    if (++this.size * 2 > this.slots.length >> 1) this.grow();
  }

  private place(key: number, id: number): void {
    const slots = this.slots;
    const mask = (slots.length >> 1) - 1;
    let slot = slotOf(key);
    while (slots[((slot & mask) << 1) + 1] !== 0) slot++;
    const at = (slot & mask) << 1;
    slots[at] = key;
    slots[at + 1] = id + 1;
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2);
    for (let at = 0; at < old.length; at += 2) {
      if (old[at + 1] !== 0) this.place(old[at]!, old[at + 1]! - 1);
    }
  }
}

/**
 * Two BMP code points in 32 bits; a single character (second = -1) gets 0xffff as its second,
 * a noncharacter that is never part of a CJK token, so the keys of bigrams and unigrams differ.
 */
function packed(first: number, second: number): number {
  return (first << 16) | (second & 0xffff);
}

/** A pair with an astral character as one exact number (code points are below 0x110000). */
function astralKey(first: number, second: number): number {
  return first * 0x110001 + (second + 1);
}

/** The first slot to probe for a key: its bits mixed, so that the low bits index the table. */
function slotOf(key: number): number {
  const mixed = Math.imul(key, 0x9e3779b1);
  return mixed ^ (mixed >>> 16);
}

/**
 * Term ids of CJK tokens (bigrams and single characters) by their code points, as the scanner
 * reports them (search-core-source.ts: `onCjk(first, second)`, second -1 for one character),
 * and the segment builder's per-document counts of them. Bigrams are most of the tokens of
 * Chinese text, and every one looks up its term here, anywhere in the table: it is an
 * open-addressing table of ints rather than a Map (a Map keyed by packed numbers would allocate
 * a heap number per bigram). A slot is 4 ints, 16 bytes, in one cache line: the key (both code
 * points packed in 32 bits, which holds every pair of the Basic Multilingual Plane), the id + 1,
 * and the two ints the builder counts the term with (the document that last counted it and its
 * counts there, see search-segment.ts). Counting next to the key costs one cache miss per token,
 * not two (a table of ids, then a table of counts by id, each missed in turn: two thirds of the
 * scanner's time went to those two loads). Pairs with an astral character (CJK extension B and
 * beyond, rare) are kept in a Map instead, and counted by id.
 */
export class CjkTermIds {
  /**
   * 4 ints per slot: key, id + 1 (0 marks an empty slot), then SLOT_DOC and SLOT_PLACE, the
   * caller's. A slot's place (`at`, the index of its key) holds until the table grows, which it
   * does only in `add` and `reserve`.
   */
  slots = new Int32Array(4 << 12);
  private size = 0;
  private readonly astral = new Map<number, number>();

  /** The id of (first, second), or -1 when it was never added. */
  find(first: number, second: number): number {
    if (isAstral(first, second)) return this.astral.get(astralKey(first, second)) ?? -1;
    const at = this.locate(first, second);
    return at < 0 ? -1 : this.slots[at + 1]! - 1;
  }

  /** Records the id of (first, second), which find did not know. */
  add(first: number, second: number, id: number): void {
    if (isAstral(first, second)) {
      this.astral.set(astralKey(first, second), id);
      return;
    }
    this.reserve(1);
    this.insert(~this.locate(first, second), first, second, id);
  }

  /**
   * The place of a pair of BMP code points (not astral) in `slots`, or, when it is not there,
   * ~place of the empty slot where `insert` puts it.
   */
  locate(first: number, second: number): number {
    return this.locateKey(packed(first, second));
  }

  /** `locate` by the pair's key (`packed`). */
  locateKey(key: number): number {
    const slots = this.slots;
    const mask = (slots.length >> 2) - 1;
    for (let slot = slotOf(key); ; slot++) {
      const at = (slot & mask) << 2;
      if (slots[at + 1] === 0) return ~at;
      if (slots[at] === key) return at;
    }
  }

  /**
   * Puts a pair of BMP code points in the empty slot at `at` (from `locate`), not yet counted
   * (SLOT_DOC -1). Never grows the table: `reserve` first.
   */
  insert(at: number, first: number, second: number, id: number): void {
    this.insertKey(at, packed(first, second), id);
  }

  /** `insert` by the pair's key (`packed`). */
  insertKey(at: number, key: number, id: number): void {
    const slots = this.slots;
    slots[at] = key;
    slots[at + 1] = id + 1;
    slots[at + SLOT_DOC] = -1;
    slots[at + SLOT_PLACE] = 0;
    this.size++;
  }

  /** Grows the table now if `extra` more pairs would fill it over half: inserts keep places. */
  reserve(extra: number): void {
    while ((this.size + extra) * 2 > this.slots.length >> 2) this.grow();
  }

  private grow(): void {
    const old = this.slots;
    const slots = new Int32Array(old.length * 2);
    const mask = (slots.length >> 2) - 1;
    for (let from = 0; from < old.length; from += 4) {
      if (old[from + 1] === 0) continue;
      let slot = slotOf(old[from]!);
      while (slots[((slot & mask) << 2) + 1] !== 0) slot++;
      slots.set(old.subarray(from, from + 4), (slot & mask) << 2);
    }
    this.slots = slots;
  }
}

/** Offsets in a slot of the ints its user counts with. */
export const SLOT_DOC = 2;
export const SLOT_PLACE = 3;

/** Whether a pair has a character beyond the BMP (kept apart, see CjkTermIds). */
export function isAstral(first: number, second: number): boolean {
  return first > 0xffff || second > 0xffff;
}

/**
 * Two BMP code points in 32 bits; a single character (second = -1) gets 0xffff as its second,
 * a noncharacter that is never part of a CJK token, so the keys of bigrams and unigrams differ.
 */
export function packed(first: number, second: number): number {
  return (first << 16) | (second & 0xffff);
}

/** The second code point of a packed pair (-1 for a single character). */
export function unpackedSecond(key: number): number {
  const second = key & 0xffff;
  return second === 0xffff ? -1 : second;
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

/**
 * One buffer that every list page and feed file is put together in, grown as needed, never
 * shrunk.
 *
 * A list page is ~135 KB (100 cards) and a full build of 10,000 items writes ~1,500 of them.
 * A fresh buffer for each (and, before, a second one to join the page's head, cards and tail)
 * cost more than the copying: memory of that size comes fresh from the system (page faults and
 * zeroing on first touch) and counts as external memory that makes V8 collect garbage sooner.
 * Reusing one buffer made assembling them several times cheaper (bench/RESULTS.md, session 9).
 *
 * The bytes a renderer returns from here are a view of this buffer: valid until the next
 * file is put together. The writer writes (or compares) each file before it renders the next
 * (write-output.ts), which is what makes this safe; anything else must copy them first.
 */
let shared = Buffer.allocUnsafe(0);

/** The shared buffer with room for at least `size` bytes (its contents are left as they are). */
export function pageBuffer(size: number): Buffer {
  if (shared.length < size) shared = Buffer.allocUnsafe(Math.max(size, 2 * shared.length, 1 << 18));
  return shared;
}

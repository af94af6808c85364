/**
 * Reading text columns defensively. SQLite keeps whatever type a writer gave a value, so a store
 * edited by another tool can hold a BLOB or a number where Tidings wrote text (a plain `TEXT`
 * column converts numbers but not BLOBs). The site's code expects strings: a Buffer there ended
 * a build with "internal error: TypeError". Every text column the site reads goes through
 * `storedText`, which reads such values as text the way SQLite's CAST would (a BLOB's bytes as
 * UTF-8, invalid sequences as U+FFFD). One `typeof` for values that are text already: cheaper
 * than a CAST in the query, which copies every value (+14 ms on 10,000 summaries).
 */

/** A value read from a text column, as text (null stays null). */
export function storedText<T extends string | null>(value: T): T;
export function storedText(value: unknown): string | null {
  if (typeof value === 'string' || value === null) return value;
  if (value instanceof Uint8Array) return Buffer.from(value).toString('utf8');
  return String(value);
}

/**
 * An item's categories, stored as a JSON array of strings: anything else in the column (not
 * JSON, not an array) reads as no categories rather than failing the build.
 */
export function storedCategories(json: string): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(storedText(json));
  } catch {
    return [];
  }
  if (!Array.isArray(parsed)) return [];
  return parsed.filter((category): category is string => typeof category === 'string');
}

import type { core } from 'zod/mini';

/**
 * The keys the schema allows at a key path of the config (`['sources', 0, 'sites', 0]` → name,
 * clean, feeds), so an unknown key can be answered with the one that was meant.
 */
export function knownKeysAt(schema: core.$ZodType, keyPath: readonly PropertyKey[]): string[] {
  let current: core.$ZodType | undefined = unwrap(schema);
  for (const key of keyPath) {
    const def = current?._zod.def as core.$ZodTypeDef & {
      element?: core.$ZodType;
      shape?: Record<string, core.$ZodType>;
    };
    if (typeof key === 'number') current = def?.type === 'array' ? def.element : undefined;
    else current = def?.type === 'object' ? def.shape?.[String(key)] : undefined;
    current = current && unwrap(current);
  }
  const def = current?._zod.def as (core.$ZodTypeDef & { shape?: object }) | undefined;
  return def?.type === 'object' && def.shape ? Object.keys(def.shape) : [];
}

/** Optional, defaulted and piped schemas stand for the schema inside them. */
function unwrap(schema: core.$ZodType): core.$ZodType {
  let current = schema;
  for (;;) {
    const def = current._zod.def as core.$ZodTypeDef & {
      innerType?: core.$ZodType;
      in?: core.$ZodType;
    };
    if (def.innerType) current = def.innerType;
    else if (def.type === 'pipe' && def.in) current = def.in;
    else return current;
  }
}

/**
 * The known key an unknown one most likely misspells: same letters in another case, or at
 * most a third of its letters edited (`titel` → `title`, `sourcse` → `sources`). None when
 * nothing is that close.
 */
export function closestKey(unknown: string, known: readonly string[]): string | undefined {
  const lower = unknown.toLowerCase();
  const sameLetters = known.find((key) => key.toLowerCase() === lower);
  if (sameLetters) return sameLetters;
  const allowed = Math.max(1, Math.floor(unknown.length / 3));
  let best: { key: string; distance: number } | undefined;
  for (const key of known) {
    const distance = editDistance(lower, key.toLowerCase());
    if (distance <= allowed && (!best || distance < best.distance)) best = { key, distance };
  }
  return best?.key;
}

/** Optimal string alignment distance: insertions, deletions, substitutions, transpositions. */
function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, rows[i - 2]![j - 2]! + 1);
      }
      rows[i]![j] = value;
    }
  }
  return rows[a.length]![b.length]!;
}

import type { core } from 'zod/mini';
import { editDistance } from '../parse/edit-distance.js';

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

/**
 * Keys other feed tools use for what this config calls otherwise: an OPML reader's `xmlUrl`,
 * a `link:` or `feed:` for a feed's address, a `route:`, a `title:` for a name, a `name:` for
 * a category. Each applies where the key it stands for is allowed.
 */
const OTHER_NAMES: Record<string, readonly string[]> = {
  url: ['link', 'href', 'feed', 'feedurl', 'xmlurl', 'uri', 'address'],
  rsshub: ['route', 'rsshubroute'],
  file: ['path', 'filename'],
  name: ['title'],
  category: ['name', 'title'],
  title: ['name'],
};

/** The known key an unknown one stands for: another tool's name for it, else its spelling. */
export function meantKey(unknown: string, known: readonly string[]): string | undefined {
  const lower = unknown.toLowerCase();
  const renamed = Object.entries(OTHER_NAMES).find(
    ([key, names]) => known.includes(key) && !known.includes(lower) && names.includes(lower),
  );
  return renamed?.[0] ?? closestKey(unknown, known);
}

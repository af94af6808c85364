import { createHash } from 'node:crypto';

/**
 * The id of an item's page: the first 16 hex characters of sha256(feedKey + "\0" + key).
 * It depends on the item's identity only, never on the order or number of other items, so an
 * item's URL stays the same across rebuilds. 64 bits make collisions negligible at news scale.
 */
export function itemId(feedKey: string, key: string): string {
  return createHash('sha256').update(`${feedKey}\0${key}`).digest('hex').slice(0, 16);
}

/** The item page's path relative to the site root, e.g. `items/3f2a9c0d4e5b6a71.html`. */
export function itemPath(feedKey: string, key: string): string {
  return `items/${itemId(feedKey, key)}.html`;
}

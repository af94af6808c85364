import type { SiteSettings } from '../config/config.js';
import { digestOf } from './one-shot-digest.js';

/**
 * The id of an item's page: the first 16 hex characters (64 bits) of
 * sha256(feedKey + "\0" + key). It depends on the item's identity only, never on the order
 * or number of other items, so an item's URL stays the same across rebuilds.
 *
 * Collision math (birthday bound): with n items and b bits, the chance that any two share
 * an id is about n² / 2^(b+1). For n = 1,000,000 and b = 64 that is 10^12 / 3.7·10^19 ≈
 * 2.7·10^-8: one site in 37 million of that size would see one. The old Hexo site's
 * abbrlink (CRC32, 32 bits) passes 50 % at 77,000 posts. Should two ids still meet, the
 * builder lengthens the id of the item whose identity sorts later (`itemIdLong`), so no page
 * is ever lost or overwritten.
 */
export function itemId(feedKey: string, key: string): string {
  return itemIdOfLength(feedKey, key, 16);
}

/** The 24-hex-character (96-bit) id given to the later of two items whose short ids meet. */
export function itemIdLong(feedKey: string, key: string): string {
  return itemIdOfLength(feedKey, key, 24);
}

function itemIdOfLength(feedKey: string, key: string, length: number): string {
  return digestOf('sha256', `${feedKey}\0${key}`, 'hex').slice(0, length);
}

/**
 * The item page's path relative to the site root for an id: `items/3f2a9c0d4e5b6a71.html`,
 * or `p/3f2a9c0d4e5b6a71.html` with `permalink: p/:abbrlink.html` (the old Hexo style).
 */
export function itemPathFor(permalink: SiteSettings['permalink'], id: string): string {
  return permalink === 'p/:abbrlink.html' ? `p/${id}.html` : `items/${id}.html`;
}

/** The default item page path, `items/<id>.html`. */
export function itemPath(feedKey: string, key: string): string {
  return itemPathFor('items/:id.html', itemId(feedKey, key));
}

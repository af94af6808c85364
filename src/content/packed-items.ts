import type { Item } from './item.js';

/**
 * A feed's prepared items packed into one JSON string by the thread that prepared them. In an
 * update they go from the prepare worker to the store writer thread through the main thread,
 * which only counts them and passes one string on: before, it unpacked each feed's ~150 objects
 * and strings and cloned them again for the writer, 20–60 µs per feed (measured) on the thread
 * whose delay holds up the next request. A string, not bytes (v8.serialize): a string lives in the JS heap
 * and goes with the next scavenge, where a thousand feeds' buffers, counted as external memory,
 * stayed until a full collection (+40 MB peak RSS in the fetch bench). Items are plain data
 * (strings, null, numbers, string arrays), so JSON gives back exactly what it was given.
 */
export interface PackedItems {
  json: string;
  count: number;
}

/**
 * Items the prepare worker has sent straight on to the store writer thread
 * (store/forwarded-save.ts): only their number comes back to the main thread.
 */
export interface ForwardedItems {
  forwarded: true;
  count: number;
}

/** Items as a list or packed: what a store writer takes. */
export type StorableItems = Item[] | PackedItems;

/** Items as a list, packed to cross threads, or already sent on to the store writer. */
export type ItemList = StorableItems | ForwardedItems;

export function packItems(items: Item[]): PackedItems {
  return { json: JSON.stringify(items), count: items.length };
}

export function unpackItems(items: StorableItems): Item[] {
  return Array.isArray(items) ? items : (JSON.parse(items.json) as Item[]);
}

export function itemCount(items: ItemList): number {
  return Array.isArray(items) ? items.length : items.count;
}

export function isForwarded(items: ItemList): items is ForwardedItems {
  return 'forwarded' in items;
}

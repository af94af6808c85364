import { deserialize, serialize } from 'node:v8';
import type { Item } from './item.js';

/**
 * A feed's prepared items packed into bytes (V8's serialization, what postMessage would do
 * anyway) by the thread that prepared them. In an update they go from the prepare worker to
 * the store writer thread through the main thread, which only counts them: the bytes are
 * moved, not copied, at each hop, and only the writer unpacks them. Before, the main thread
 * unpacked each feed's items and packed them again for the writer, ~0.1 ms of its time per
 * feed on the thread whose delay holds up the next request.
 */
export interface PackedItems {
  packed: Uint8Array;
  count: number;
}

/** Items as a list, or packed to cross threads. */
export type ItemList = Item[] | PackedItems;

export function packItems(items: Item[]): PackedItems {
  return { packed: serialize(items), count: items.length };
}

export function unpackItems(items: ItemList): Item[] {
  return Array.isArray(items) ? items : (deserialize(items.packed) as Item[]);
}

export function itemCount(items: ItemList): number {
  return Array.isArray(items) ? items.length : items.count;
}

/**
 * `bytes` as a view of a buffer of its own, which can be transferred (moved to another thread
 * rather than copied). A small Node Buffer is a slice of a shared pool: transferring that would
 * take the pool away, so it is copied.
 */
export function ownedBytes(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  const { buffer } = bytes;
  if (
    buffer instanceof ArrayBuffer &&
    bytes.byteOffset === 0 &&
    bytes.byteLength === buffer.byteLength
  )
    return bytes as Uint8Array<ArrayBuffer>;
  return new Uint8Array(bytes);
}

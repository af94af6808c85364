import type { Item } from './item.js';
import type { PrepareContext } from './prepare-item.js';
import { reprepareStoredItem } from './reprepare-item.js';

/**
 * Stored items of one feed to prepare again from their source HTML (reprepare-item.ts), as a
 * unit of work a prepare worker can take: plain data both ways.
 */
export interface RepreparationBatch {
  items: Item[];
  context: Pick<PrepareContext, 'baseUrl' | 'content'>;
}

export interface RepreparedBatch {
  /** The items prepared again, in the batch's order; those that failed are left out. */
  items: Item[];
  /** Items whose preparation threw: they keep their old cleaning. */
  failed: number;
}

export function reprepareBatch(batch: RepreparationBatch): RepreparedBatch {
  const items: Item[] = [];
  let failed = 0;
  for (const item of batch.items) {
    try {
      items.push(reprepareStoredItem(item, batch.context));
    } catch {
      failed++;
    }
  }
  return { items, failed };
}

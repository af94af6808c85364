import { createHash } from 'node:crypto';

/**
 * The old script gave items without an image `https://picsum.photos/400/300?random=<n>` with
 * a fresh random n on every run, so every such post changed at every refresh. Here n
 * (0–9999, as before) is derived from the item's identity: same item, same URL, and an
 * unchanged post is not rewritten.
 */
export function placeholderImage(feedKey: string, itemKey: string): string {
  const digest = createHash('sha256').update(`${feedKey}\n${itemKey}`).digest();
  return `https://picsum.photos/400/300?random=${digest.readUInt32BE(0) % 10000}`;
}

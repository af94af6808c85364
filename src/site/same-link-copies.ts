import type { ItemSummary } from '../store/store.js';

/**
 * The items that repeat an article another feed carries too (the same link): two RSSHub
 * routes of one site often list the same story. Each feed's own pages list its copy; the
 * site-wide lists (home, the site's feeds, archives) showed the story once per feed, side by
 * side. Returned: every copy but the one first seen (then by feed and key, so the choice
 * stays put from build to build), for those lists to leave out.
 */
export function laterCopies(items: readonly ItemSummary[]): Set<ItemSummary> {
  const first = new Map<string, ItemSummary>();
  const copies = new Set<ItemSummary>();
  for (const item of items) {
    if (!item.link) continue;
    const kept = first.get(item.link);
    if (kept === undefined) {
      first.set(item.link, item);
    } else if (isEarlier(item, kept)) {
      first.set(item.link, item);
      copies.add(kept);
    } else {
      copies.add(item);
    }
  }
  return copies;
}

function isEarlier(a: ItemSummary, b: ItemSummary): boolean {
  if (a.firstSeen !== b.firstSeen) return a.firstSeen < b.firstSeen;
  if (a.feedKey !== b.feedKey) return a.feedKey < b.feedKey;
  return a.key < b.key;
}

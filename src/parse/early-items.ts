import { readPendingEntry } from './atom.js';
import { feedFormat } from './detect-format.js';
import { RSS_NAMESPACES } from './namespaces.js';
import type { EarlyItems, PendingItem } from './pending-item.js';
import { isRssElement, readPendingRssItem, rssChild } from './rss.js';
import { firstChild, type XmlElement } from './xml-tree.js';

/**
 * Reads each item (RSS/RDF `<item>`, Atom `<entry>`) the moment the tree builder closes
 * it, then drops the item's subtree. The tree of a 25 MB feed never exists whole (peak
 * memory), and each item is read while its elements are still in the CPU cache. Which
 * elements count as items mirrors the format readers (rss.ts, rdf.ts, atom.ts) exactly;
 * those readers then take the early results from `items` and read any item not
 * there (one left open by a truncated document) the usual way.
 */
export class EarlyItemReader {
  private readonly read = new Map<XmlElement, PendingItem>();
  private format: 'rss' | 'rdf' | 'atom' | null | undefined;
  /** The channel whose items count (the first one), once it has been seen. */
  private channel: XmlElement | null = null;

  get items(): EarlyItems {
    return this.read;
  }

  /** For BuildOptions.onElementEnd. */
  readonly onElementEnd = (element: XmlElement, depth: number): void => {
    const parent = element.parent;
    if (depth < 2 || parent === null) return;
    const root = depth === 2 ? parent : parent.parent;
    if (root === null) return;
    this.format ??= feedFormat(root);
    let pending: PendingItem | null = null;
    if (this.format === 'atom') {
      if (depth === 2 && element.local === 'entry' && element.ns === root.ns) {
        pending = readPendingEntry(element, root.ns);
      }
    } else if (this.format === 'rss' || this.format === 'rdf') {
      if (
        element.local === 'item' &&
        isRssElement(element, parent) &&
        this.isItemParent(parent, root, depth)
      ) {
        pending = readPendingRssItem(element);
      }
    }
    if (pending === null) return;
    this.read.set(element, pending);
    element.children = [];
  };

  /** Does readRss/readRdf take the items of `parent` (the root, or the first channel)? */
  private isItemParent(parent: XmlElement, root: XmlElement, depth: number): boolean {
    if (depth === 2) return true; // items directly under the root count in both readers
    if (this.format === 'rss' && root.local === 'channel') return false; // the root is the channel
    this.channel ??=
      this.format === 'rss'
        ? rssChild(root, 'channel')
        : firstChild(root, RSS_NAMESPACES, 'channel');
    return parent === this.channel;
  }
}

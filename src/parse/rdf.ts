import { NS, RSS_NAMESPACES } from './namespaces.js';
import type { ParsedFeed } from './parsed-feed.js';
import { NO_EARLY_ITEMS, finishItem, type EarlyItems } from './pending-item.js';
import type { ReadContext } from './read-context.js';
import {
  readRssChannel,
  readPendingRssItem,
  rssChildren,
  rssLanguage,
  withYearReferenceOf,
} from './rss.js';
import { firstChild, type XmlElement } from './xml-tree.js';

/**
 * RSS 1.0 and RSS 0.90, both rooted at `rdf:RDF`: the channel, its image and the items
 * are siblings under the root, and an item's identity is its `rdf:about`.
 */
export function readRdf(
  root: XmlElement,
  context: ReadContext,
  early: EarlyItems = NO_EARLY_ITEMS,
): ParsedFeed {
  const channel = firstChild(root, RSS_NAMESPACES, 'channel');
  const withLanguage: ReadContext = {
    ...context,
    dates: { ...context.dates, language: channel ? rssLanguage(channel) : root.lang },
  };
  const items = rssChildren(root, 'item');
  // Some RSS 1.0 feeds nest items in the channel, as RSS 2.0 does.
  if (channel) items.push(...rssChildren(channel, 'item'));
  const fields = channel
    ? readRssChannel(channel, root, withLanguage)
    : { title: null, link: null, description: null, language: null, updated: null, image: null };
  const itemContext = withYearReferenceOf(withLanguage, fields.updated);
  return {
    format: 'rdf',
    ...fields,
    items: items.map((item) =>
      finishItem(early.get(item) ?? readPendingRssItem(item), itemContext.dates),
    ),
  };
}

/** Is this root an RDF document that carries an RSS channel or items? */
export function isRdfFeedRoot(root: XmlElement): boolean {
  return root.local === 'RDF' && (root.ns === NS.rdf || root.ns.startsWith('undeclared:'));
}

import { NS, RSS_NAMESPACES } from './namespaces.js';
import { firstChild, textContent, type XmlElement } from './xml-tree.js';

const PERIOD_MINUTES: Record<string, number> = {
  hourly: 60,
  daily: 24 * 60,
  weekly: 7 * 24 * 60,
  monthly: 30 * 24 * 60,
  yearly: 365 * 24 * 60,
};

/**
 * How often an RSS/RDF feed asks to be read, in minutes: RSS 2.0 `<ttl>`, else the
 * syndication module's `sy:updatePeriod` divided by `sy:updateFrequency` (default 1).
 * Null when the feed says nothing usable. The fetcher bounds whatever this returns.
 */
export function readRefreshMinutes(root: XmlElement): number | null {
  const channel = firstChild(root, RSS_NAMESPACES, 'channel') ?? root;
  const ttl = Number(text(firstChild(channel, RSS_NAMESPACES, 'ttl')));
  if (Number.isFinite(ttl) && ttl > 0) return ttl;
  const period = text(firstChild(channel, NS.sy, 'updatePeriod'))?.toLowerCase();
  if (!period || !(period in PERIOD_MINUTES)) return null;
  const frequency = Number(text(firstChild(channel, NS.sy, 'updateFrequency')) ?? '1');
  const times = Number.isFinite(frequency) && frequency >= 1 ? frequency : 1;
  return PERIOD_MINUTES[period]! / times;
}

function text(element: XmlElement | null): string | null {
  if (!element) return null;
  const value = textContent(element).trim();
  return value === '' ? null : value;
}

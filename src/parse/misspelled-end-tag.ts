import { editDistance } from './edit-distance.js';

/**
 * Is the end tag `</written>` a misspelling of `<open>`'s end tag (`<titel>x</title>`,
 * `<title>x</titel>`, `<pubDate>x</pubdat>`)? Ignoring it would leave `<open>` open and
 * swallow the siblings that follow (the link, the guid… would become part of the
 * title). Same prefix, and one edit apart (a swapped pair counts as one), or two for names
 * of six characters or more. Names shorter than three characters never match: in HTML
 * tag soup, `<b>` … `</p>` are different elements, not typos.
 */
export function isMisspelledEndTag(open: string, written: string): boolean {
  const a = open.toLowerCase();
  const b = written.toLowerCase();
  const shorter = Math.min(a.length, b.length);
  if (shorter < 3) return false;
  const allowed = shorter >= 6 ? 2 : 1;
  if (Math.abs(a.length - b.length) > allowed) return false;
  const colonA = a.indexOf(':');
  if (colonA !== b.indexOf(':') || (colonA !== -1 && a.slice(0, colonA) !== b.slice(0, colonA))) {
    return false;
  }
  return editDistance(a, b, allowed) <= allowed;
}

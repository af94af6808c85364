import { createHash } from 'node:crypto';
import type { ParsedItem } from '../parse/parsed-feed.js';

/**
 * The item's stable identity within its feed: the guid/id if there is one, else the link,
 * else `hash:` and the SHA-256 of title and date. The same item seen again gets the same key.
 */
export function itemKey(parsed: ParsedItem): string {
  const id = parsed.id?.trim();
  if (id) return id;
  const link = parsed.link?.trim();
  if (link) return link;
  const title = parsed.title?.trim() ?? '';
  const published = parsed.published?.trim() ?? '';
  // With neither title nor date, the text is all that tells items apart.
  const text = title === '' && published === '' ? (parsed.content ?? parsed.summary ?? '') : '';
  const material = text === '' ? `${title}\0${published}` : `${title}\0${published}\0${text}`;
  return 'hash:' + createHash('sha256').update(material, 'utf8').digest('hex');
}

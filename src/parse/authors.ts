import { titleText } from './plain-text.js';

/**
 * An author string as feeds write it → the display name. RSS `<author>` is meant to be
 * an address, often with the name in parentheses (`me@x.org (Name)`); others write
 * `Name <me@x.org>`. An address alone stays the address. A name wrapped in HTML is its text.
 */
export function authorDisplayName(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let value = (/[\t\r\n]| {2}/.test(raw) ? raw.replace(/[ \t\r\n]+/g, ' ') : raw).trim();
  // CMSs link the name (`<a href="/user/1">admin</a>` in dc:creator): the name is the text.
  // Only real HTML tags count, so `Name <me@x.org>` stays an address form.
  if (value.includes('<')) value = titleText(value).trim();
  if (value === '') return null;
  // `s`: a name may hold U+2028/U+2029, which `.` alone does not match.
  const parenthesised = /^\S+@\S+\s*\((.+)\)$/s.exec(value);
  if (parenthesised?.[1]?.trim()) return parenthesised[1].trim();
  const angled = /^(.+?)\s*<\S+@\S+>$/s.exec(value);
  if (angled?.[1]) return angled[1].replace(/^["']|["']$/g, '').trim() || value;
  const mailto = /^mailto:(\S+)$/i.exec(value);
  if (mailto?.[1]) return mailto[1];
  return value;
}

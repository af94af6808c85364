/**
 * An author string as feeds write it → the display name. RSS `<author>` is meant to be
 * an address, often with the name in parentheses (`me@x.org (Name)`); others write
 * `Name <me@x.org>`. An address alone stays the address.
 */
export function authorDisplayName(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const value = (/[\t\r\n]| {2}/.test(raw) ? raw.replace(/[ \t\r\n]+/g, ' ') : raw).trim();
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

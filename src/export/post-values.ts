import { createHash } from 'node:crypto';
import { parseDocument } from 'yaml';

/**
 * What a post says, apart from how its front matter is spelled: the front-matter values and
 * the body. Hexo plugins rewrite posts in place during `hexo generate` — hexo-abbrlink, which
 * gives the old site its `p/:abbrlink.html` URLs, re-serialises the front matter and adds an
 * `abbrlink:` line to every post — so the export recognises its own posts by this too, not
 * only by their bytes.
 */
export type FrontMatterValues = Record<string, string | string[]>;

/** Keys a plugin adds to every post; a post that differs only in them is still the export's. */
const PLUGIN_KEYS = new Set(['abbrlink']);

/** SHA-256 of a post's front-matter values (plugin keys aside, keys in any order) and body. */
export function postValuesDigest(
  frontMatter: Readonly<Record<string, unknown>>,
  body: string,
): string {
  const entries = Object.entries(frontMatter)
    .filter(([key]) => !PLUGIN_KEYS.has(key))
    .map(([key, value]): [string, unknown] => [key, canonicalValue(value)])
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return createHash('sha256')
    .update(JSON.stringify(entries))
    .update('\n')
    .update(body)
    .digest('hex');
}

/**
 * Hexo's front-matter reader turns a YAML timestamp into a date, and its writer gives it
 * back as UTC wall-clock time to the second (`2021-12-25T08:03:46+08:00` and
 * `2021-12-25T00:03:46Z` both become `2021-12-25 00:03:46`, `2021-12-25` becomes
 * `2021-12-25 00:00:00`): compared in that form on both sides.
 */
function canonicalValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonicalValue);
  return typeof value === 'string' ? asHexoWritesTimestamp(value) : value;
}

// YAML 1.1 timestamps, as js-yaml (Hexo's YAML reader) recognises them.
const TIMESTAMP =
  /^(\d{4})-(\d\d?)-(\d\d?)(?:(?:[Tt]|[ \t]+)(\d\d?):(\d\d):(\d\d)(?:\.\d*)?(?:[ \t]*(Z|([-+])(\d\d?)(?::(\d\d))?))?)?$/;

function asHexoWritesTimestamp(value: string): string {
  const match = TIMESTAMP.exec(value);
  if (!match) return value;
  const [, year, month, day, hour, minute, second, zone, sign, zoneHours, zoneMinutes] = match;
  if (hour === undefined && (month!.length < 2 || day!.length < 2)) return value; // not a date
  let ms = Date.UTC(+year!, +month! - 1, +day!, +(hour ?? 0), +(minute ?? 0), +(second ?? 0));
  if (zone !== undefined && zone !== 'Z') {
    ms -= (sign === '-' ? -1 : 1) * (+zoneHours! * 60 + +(zoneMinutes ?? 0)) * 60_000;
  }
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

// Optional blank first line (the old script's), `---`, the YAML, `---`, then the body.
const POST = /^\n?---\n([\s\S]*?)\n---(?:\n([\s\S]*))?$/;

/**
 * The digest of a post file's text as `postValuesDigest` makes it, every scalar read as a
 * string (YAML's failsafe schema: `false` and dates stay as written); null when the text is
 * not front matter plus body.
 */
export function postFileValuesDigest(text: string): string | null {
  const match = POST.exec(text);
  if (!match) return null;
  const document = parseDocument(match[1]!, { schema: 'failsafe', uniqueKeys: true });
  if (document.errors.length > 0) return null;
  const values: unknown = document.toJS();
  if (typeof values !== 'object' || values === null || Array.isArray(values)) return null;
  return postValuesDigest(values as Record<string, unknown>, match[2] ?? '');
}

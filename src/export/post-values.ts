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
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return createHash('sha256')
    .update(JSON.stringify(entries))
    .update('\n')
    .update(body)
    .digest('hex');
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

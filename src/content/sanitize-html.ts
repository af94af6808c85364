import { usableBaseUrl } from './safe-url.js';
import { sanitizeNodes, type SanitizeOptions } from './sanitize-dom.js';
import { parseItemHtml } from './parse-item-html.js';

export type { SanitizeOptions } from './sanitize-dom.js';

/**
 * Feed HTML → HTML safe to put on our pages, by the explicit allowlist of sanitize-policy.ts:
 * anything not named there is dropped (its text kept, except for DROPPED_WITH_CONTENT).
 * Relative `href`/`src` are made absolute against `baseUrl` (an http(s) URL: the item link,
 * else the feed URL); without one they are kept as written. `prepareItem` does not come
 * through here: it sanitises the tree cleaning left (`sanitizeNodes`), without a new parse.
 */
export function sanitizeHtml(
  html: string,
  baseUrl: string | null,
  options: SanitizeOptions = {},
): string {
  if (html === '') return '';
  const document = parseItemHtml(html);
  return sanitizeNodes(document.children, usableBaseUrl(baseUrl), options).html;
}

import { safeImageUrl, safeLinkUrl, safeSrcset } from './safe-url.js';
import { allowedEmbedUrl } from './video-embeds.js';

/**
 * What feed HTML may keep: the sanitiser's allowlist (elements, attributes, URL schemes,
 * styles) and the rewriting of links, images and players. Data and pure functions only;
 * `sanitize-dom.ts` applies them, and the tests check them against sanitize-html's
 * implementation of the same options (test/content/sanitize-oracle.test.ts).
 */

export type Attributes = Record<string, string>;

// prettier-ignore
export const ALLOWED_TAGS = [
  // Sections and blocks
  'article', 'section', 'aside', 'header', 'footer', 'address', 'main', 'nav', 'div', 'p',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'br', 'blockquote', 'pre', 'figure', 'figcaption',
  'details', 'summary', 'center',
  // Lists
  'ul', 'ol', 'li', 'dl', 'dt', 'dd',
  // Tables
  'table', 'caption', 'colgroup', 'col', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td',
  // Inline text
  'a', 'abbr', 'b', 'bdi', 'bdo', 'cite', 'code', 'data', 'del', 'dfn', 'em', 'i', 'ins', 'kbd',
  'mark', 'q', 's', 'samp', 'small', 'span', 'strike', 'strong', 'sub', 'sup', 'time', 'tt',
  'u', 'var', 'wbr', 'big',
  // Ruby annotations (Chinese and Japanese text)
  'ruby', 'rb', 'rp', 'rt', 'rtc',
  // Images
  'img',
];

/**
 * Elements dropped together with everything inside them: scripts and styles, embedded
 * documents, forms, and foreign content (SVG, MathML) whose parsing rules differ from HTML's.
 */
// prettier-ignore
export const DROPPED_WITH_CONTENT = [
  'script', 'style', 'template', 'noscript', 'noembed', 'noframes', 'xmp', 'plaintext',
  'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'canvas', 'audio', 'video',
  'svg', 'math', 'textarea', 'select', 'option', 'datalist', 'head', 'title',
];

export const LINK_REL = 'noopener noreferrer nofollow';

/**
 * An allowed video player runs in a sandbox: scripts for the player itself, its own origin
 * for its cookies, popups to open the video on its site; no top navigation, no forms.
 */
export const EMBED_SANDBOX = 'allow-scripts allow-same-origin allow-presentation allow-popups';

/**
 * CSS: a `style` attribute keeps only `text-align` (feeds centre images and captions with it);
 * every other property is dropped, since the feed's styles were made for its own site's
 * layout and colours (fixed widths, floats, colours unreadable in dark mode) and CSS is a
 * way to overlay or hide content. `<style>` elements are always dropped.
 */
export const STYLED_TAGS = [
  'p',
  'div',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'td',
  'th',
  'figure',
  'figcaption',
  'center',
  'li',
  'blockquote',
  'caption',
];
export const ALLOWED_STYLES = {
  '*': { 'text-align': [/^(?:left|right|center|justify|start|end)$/i] },
};

export const GLOBAL_ATTRIBUTES = ['lang', 'dir', 'title'];

export const ALLOWED_ATTRIBUTES: Record<string, string[]> = {
  '*': GLOBAL_ATTRIBUTES,
  a: ['href', 'rel'],
  img: ['src', 'srcset', 'alt', 'width', 'height', 'loading', 'decoding', 'referrerpolicy'],
  ol: ['start', 'reversed', 'type'],
  li: ['value'],
  td: ['colspan', 'rowspan'],
  th: ['colspan', 'rowspan', 'scope'],
  col: ['span'],
  colgroup: ['span'],
  time: ['datetime'],
  data: ['value'],
  details: ['open'],
  iframe: ['src', 'width', 'height', 'allowfullscreen', 'allow', 'sandbox', 'loading', 'title'],
};
for (const tag of STYLED_TAGS)
  ALLOWED_ATTRIBUTES[tag] = [...(ALLOWED_ATTRIBUTES[tag] ?? []), 'style'];

/** Attributes where lazy-loading scripts keep the real image URL (WeChat, many CMSes). */
const LAZY_IMAGE_ATTRIBUTES = ['data-src', 'data-original', 'data-actualsrc', 'data-lazy-src'];

export function linkAttributes(attribs: Attributes, base: string | null): Attributes {
  const out = pickGlobal(attribs);
  const href = safeLinkUrl(attribs.href, base);
  if (href !== null) {
    out.href = href;
    out.rel = LINK_REL;
  }
  return out;
}

export function imageAttributes(attribs: Attributes, base: string | null): Attributes {
  const out = pickGlobal(attribs);
  // Lazy loaders keep the real URL aside and put a placeholder (a 1×1 GIF, a spinner) in `src`.
  const lazy = LAZY_IMAGE_ATTRIBUTES.map((name) => safeImageUrl(attribs[name], base)).find(
    (url) => url !== null && !url.startsWith('data:'),
  );
  const src = lazy ?? safeImageUrl(attribs.src, base);
  if (src === null) return out;
  out.src = src;
  const srcset = safeSrcset(attribs.srcset ?? attribs['data-srcset'], base);
  if (srcset !== null) out.srcset = srcset;
  if (attribs.alt !== undefined) out.alt = attribs.alt;
  for (const name of ['width', 'height'] as const) {
    const value = attribs[name]?.trim();
    if (value !== undefined && /^\d{1,5}$/.test(value)) out[name] = value;
  }
  out.loading = 'lazy';
  out.decoding = 'async';
  out.referrerpolicy = 'no-referrer';
  return out;
}

export function embedAttributes(attribs: Attributes): Attributes {
  const src = allowedEmbedUrl(attribs.src);
  if (src === null) return {};
  const out: Attributes = { src };
  for (const name of ['width', 'height'] as const) {
    const value = attribs[name]?.trim();
    if (value !== undefined && /^\d{1,4}%?$/.test(value)) out[name] = value;
  }
  if (attribs.title) out.title = attribs.title;
  out.allowfullscreen = '';
  out.allow = 'fullscreen; picture-in-picture; encrypted-media';
  out.sandbox = EMBED_SANDBOX;
  out.loading = 'lazy';
  return out;
}

function pickGlobal(attribs: Attributes): Attributes {
  const out: Attributes = {};
  for (const name of GLOBAL_ATTRIBUTES) {
    const value = attribs[name];
    if (value !== undefined && value !== '') out[name] = value;
  }
  return out;
}

/** URL schemes allowed in `href`, `src` and `cite`; relative URLs pass, `//host` ones do not. */
export const ALLOWED_SCHEMES = ['http', 'https', 'mailto', 'tel'];
export const ALLOWED_SCHEMES_BY_TAG: Record<string, string[]> = { img: ['http', 'https', 'data'] };
export const URL_ATTRIBUTES = ['href', 'src', 'cite'];

/** Allowed attributes that mean something when empty; `alt=""` is kept too (a decorative image). */
export const BOOLEAN_ATTRIBUTES = ['reversed', 'open', 'allowfullscreen'];

/** Written `<br />`, with no end tag (as sanitize-html writes them, so stored HTML is stable). */
export const SELF_CLOSING = ['img', 'br', 'hr'];

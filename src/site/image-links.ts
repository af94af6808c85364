import { decodeEntities } from '../parse/character-references.js';
import { escapeHtml } from './html-escape.js';
import { ATTRIBUTE, IMG_TAG, TAG_ATTRIBUTES } from './image-attributes.js';
import { webHost } from './web-host.js';

/**
 * Names the links whose only content is images without alt text, which feeds are full of
 * (cnBeta and mydrivers wrap each picture in a link to its full-size file): such a link has no
 * text, so a screen reader has nothing to say of it but its address, and it fails WCAG H30.
 * The link gets `aria-label` from the page's labels with the link's host ("Image link
 * (static.cnbetacdn.com)"); the images stay decorative. A link with text, an image with alt
 * text or a label of its own is left as it is. Done when pages are written (not when items are
 * stored), so every stored item's page gets it.
 */

/** HTML's whitespace (ASCII only: an ideographic space between the tags is text). */
const SPACE = '[\\t\\n\\f\\r ]*';
const IMAGE_ONLY_LINK = new RegExp(
  `<a\\b(${TAG_ATTRIBUTES})>((?:${SPACE}<img\\b${TAG_ATTRIBUTES}>)+${SPACE})</a${SPACE}>`,
  'gi',
);

/** The attributes of a tag (all between its name and `>`), names in lower case, values decoded. */
function attributesOf(text: string): Map<string, string> {
  const attributes = new Map<string, string>();
  // matchAll works on a copy of the pattern: the shared one's lastIndex is left alone.
  for (const match of text.matchAll(ATTRIBUTE)) {
    const name = (match[1] ?? '').toLowerCase();
    if (!attributes.has(name)) {
      attributes.set(name, decodeEntities(match[2] ?? match[3] ?? match[4] ?? ''));
    }
  }
  return attributes;
}

/**
 * `html` with each link made of images without alt text named by `label(host)`. Only where an
 * `<img>` tag is followed by whitespace and `</a`, which addImageAttributesToBytes reports for
 * pages made from bytes (they take the text path then).
 */
export function labelImageLinks(html: string, label: (host: string) => string): string {
  if (!/<\/a/i.test(html)) return html;
  return html.replace(IMAGE_ONLY_LINK, (link: string, linkAttributes: string, images: string) => {
    const attributes = attributesOf(linkAttributes);
    if (!attributes.has('href') || attributes.has('aria-label')) return link;
    for (const image of images.matchAll(IMG_TAG)) {
      if ((attributesOf(image[1] ?? '').get('alt') ?? '').trim() !== '') return link;
    }
    const name = escapeHtml(label(webHost(attributes.get('href') ?? '') ?? ''));
    return `<a${linkAttributes} aria-label="${name}">${images}</a>`;
  });
}

/**
 * Adds attributes to every `<img>` tag of (already sanitised) HTML:
 * - referrerpolicy="no-referrer": Chinese image hosts (Sina and others) refuse hotlinks that
 *   send a Referer, so without it most images of those feeds show broken. An existing
 *   policy is replaced, since any other value sends a Referer.
 * - loading="lazy" and decoding="async" when missing: long articles have many images.
 * - alt when missing (feeds often leave it out, which is invalid HTML and makes screen readers
 *   read out the image's file name): the image's title if it has one, else alt="" — we do not
 *   know what the picture shows, and the article's text around it says what it is about.
 * Other attributes are kept as written. Quoted values may contain `>`; the tag pattern
 * allows for that.
 */

const IMG_TAG = /<img\b((?:[^>"']|"[^"]*"|'[^']*')*)>/gi;
const ATTRIBUTE = /([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

function rewriteImgTag(attributes: string): string {
  const selfClosing = /\/\s*$/.test(attributes);
  const body = selfClosing ? attributes.replace(/\/\s*$/, '') : attributes;
  const kept: string[] = [];
  const names = new Set<string>();
  let title = '';
  for (const match of body.matchAll(ATTRIBUTE)) {
    const name = (match[1] ?? '').toLowerCase();
    if (name === 'referrerpolicy') continue;
    if (name === 'title') title = match[2] ?? match[3] ?? match[4] ?? '';
    names.add(name);
    kept.push(match[0]);
  }
  // The title's value as written (still escaped), in double quotes.
  if (!names.has('alt')) kept.push(`alt="${title.replace(/"/g, '&quot;')}"`);
  kept.push('referrerpolicy="no-referrer"');
  if (!names.has('loading')) kept.push('loading="lazy"');
  if (!names.has('decoding')) kept.push('decoding="async"');
  return `<img ${kept.join(' ')}>`;
}

/** Returns `html` with every `<img>` carrying referrerpolicy="no-referrer" and lazy loading. */
export function addImageAttributes(html: string): string {
  if (!/<img\b/i.test(html)) return html;
  return html.replace(IMG_TAG, (_tag, attributes: string) => rewriteImgTag(attributes));
}

/**
 * `addImageAttributes` for HTML held as UTF-8 bytes: the bytes in pieces, each `<img>` tag
 * rewritten and everything between the tags left as it is (not copied). `latin1` is the same
 * bytes read one byte a character (`bytes.latin1Slice()`): the tag pattern tells apart only
 * ASCII characters, and every byte of a multi-byte character is above ASCII, so it finds the
 * same tags there as in the decoded text; each tag found is decoded and rewritten as text.
 */
export function addImageAttributesToBytes(bytes: Buffer, latin1: string): Buffer[] {
  const pieces: Buffer[] = [];
  let copied = 0;
  // Its own instance: addImageAttributes, called in the loop, moves IMG_TAG's lastIndex.
  const tags = new RegExp(IMG_TAG.source, 'gi');
  for (let match = tags.exec(latin1); match !== null; match = tags.exec(latin1)) {
    const end = match.index + match[0].length;
    pieces.push(bytes.subarray(copied, match.index));
    const tag = bytes.toString('utf8', match.index, end);
    pieces.push(Buffer.from(addImageAttributes(tag), 'utf8'));
    copied = end;
  }
  pieces.push(copied === 0 ? bytes : bytes.subarray(copied));
  return pieces;
}

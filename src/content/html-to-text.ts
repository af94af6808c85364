import { Parser } from 'htmlparser2';

/** HTML → plain text: entities decoded, tags gone, blocks separated by a space, whitespace collapsed. */

/** Elements whose content is not text a reader sees. */
// prettier-ignore
export const SKIPPED = new Set([
  'script', 'style', 'template', 'noscript', 'noembed', 'noframes', 'iframe', 'object',
  'embed', 'applet', 'canvas', 'audio', 'video', 'svg', 'math', 'textarea', 'select',
  'option', 'head', 'title', 'rp', 'rt',
]);

/** Elements that end a run of text: words on either side must not run together. */
// prettier-ignore
export const BREAKS = new Set([
  'address', 'article', 'aside', 'blockquote', 'br', 'caption', 'center', 'dd', 'details',
  'div', 'dl', 'dt', 'figcaption', 'figure', 'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'header', 'hr', 'img', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'summary',
  'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul',
]);

export function htmlToText(html: string): string {
  if (html === '') return '';
  const parts: string[] = [];
  let skipDepth = 0;
  const parser = new Parser(
    {
      onopentagname(name) {
        if (skipDepth > 0 || SKIPPED.has(name)) {
          skipDepth++;
          return;
        }
        if (BREAKS.has(name)) parts.push(' ');
      },
      onclosetag(name) {
        if (skipDepth > 0) {
          skipDepth--;
          return;
        }
        if (BREAKS.has(name)) parts.push(' ');
      },
      ontext(text) {
        if (skipDepth === 0) parts.push(text);
      },
    },
    { decodeEntities: true, lowerCaseTags: true, recognizeSelfClosing: true },
  );
  parser.write(html);
  parser.end();
  return collapseWhitespace(parts.join(''));
}

/**
 * Collapses runs of whitespace (ASCII, no-break space, the ideographic space U+3000, line and
 * paragraph separators) to one space and trims; zero-width spaces and soft hyphens go.
 */
export function collapseWhitespace(text: string): string {
  return text
    .replace(/[\u200b\u2060\ufeff\u00ad]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

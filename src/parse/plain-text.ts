import { decodeEntities } from './xml-tokenizer.js';

/** Collapses runs of ASCII whitespace (not U+00A0, which authors put there on purpose). */
export function collapseWhitespace(text: string): string {
  // Most titles have only single spaces: nothing to replace, and no new string.
  return (MESSY_WHITESPACE.test(text) ? text.replace(/[ \t\r\n\f]+/g, ' ') : text).trim();
}

/** Whitespace that collapseWhitespace would change (inside the text; trim does the ends). */
const MESSY_WHITESPACE = /[\t\r\n\f]| {2}/;

const BLOCK_TAGS = new Set([
  'address', 'article', 'aside', 'blockquote', 'br', 'dd', 'div', 'dl', 'dt', 'figcaption',
  'figure', 'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'img', 'li', 'ol', 'p',
  'pre', 'section', 'table', 'td', 'th', 'tr', 'ul',
]); // prettier-ignore

/**
 * HTML → plain text for fields the contract says are text (titles, feed description):
 * comments and tags dropped, character references decoded, whitespace collapsed.
 */
export function htmlToPlainText(html: string): string {
  if (html.indexOf('<') === -1) return collapseWhitespace(decodeEntities(html));
  const parts: string[] = [];
  let i = 0;
  const n = html.length;
  while (i < n) {
    const lt = html.indexOf('<', i);
    if (lt === -1) {
      parts.push(html.slice(i));
      break;
    }
    parts.push(html.slice(i, lt));
    const next = html.charCodeAt(lt + 1);
    const isLetter = (next >= 65 && next <= 90) || (next >= 97 && next <= 122);
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      i = end === -1 ? n : end + 3;
    } else if (isLetter || next === 47 /* / */ || next === 33 /* ! */ || next === 63 /* ? */) {
      const end = html.indexOf('>', lt + 1);
      i = end === -1 ? n : end + 1;
      // Block-level breaks read as a space, so "a<br>b" does not become "ab"; inline
      // tags join (1930ft<sup>2</sup> is "1930ft2").
      const name = /^<\/?([a-zA-Z][a-zA-Z0-9]*)/.exec(html.slice(lt, lt + 12))?.[1];
      if (name === undefined || BLOCK_TAGS.has(name.toLowerCase())) parts.push(' ');
    } else {
      parts.push('<'); // "a < b": not a tag
      i = lt + 1;
    }
  }
  return collapseWhitespace(decodeEntities(parts.join('')));
}

/** Does this text look like it carries HTML markup or escaped entities? */
export function looksLikeHtml(text: string): boolean {
  return /<\/?[a-zA-Z][^>]*>|&(?:[a-zA-Z][a-zA-Z0-9]{1,31}|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6});/.test(
    text,
  );
}

// Inline/HTML tags that, found in a title, mean the title is HTML and not literal text.
const HTML_TAG =
  /<\/?(?:a|abbr|b|big|br|cite|code|del|div|em|font|i|img|ins|kbd|mark|p|q|s|small|span|strike|strong|sub|sup|tt|u)(?:\s[^<>]*)?\/?>/i;

/**
 * A title that may carry HTML without saying so (RSS has no type attribute): tags are
 * stripped only when it holds real HTML tags, so "a <b>bold</b> move" reads "a bold move"
 * while "x < y" or "Use the <T> type" stay as written.
 */
export function titleText(text: string): string {
  return HTML_TAG.test(text) ? htmlToPlainText(text) : collapseWhitespace(text);
}

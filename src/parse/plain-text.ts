import { decodeEntities } from './xml-tokenizer.js';

/** Collapses runs of ASCII whitespace (not U+00A0, which authors put there on purpose). */
export function collapseWhitespace(text: string): string {
  return text.replace(/[ \t\r\n\f]+/g, ' ').trim();
}

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
      // Block-level breaks read as a space, so "a<br>b" does not become "ab".
      parts.push(' ');
    } else {
      parts.push('<'); // "a < b": not a tag
      i = lt + 1;
    }
  }
  return collapseWhitespace(decodeEntities(parts.join('')));
}

/** Does this text look like it carries HTML markup or escaped entities? */
export function looksLikeHtml(text: string): boolean {
  return /<\/?[a-zA-Z][^>]*>|&(?:[a-zA-Z][a-zA-Z0-9]{1,31}|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6});/.test(text);
}

/**
 * Cutting plain text to a length, right for Chinese, Japanese and Korean as well as Latin text.
 * Length is counted in user-perceived characters (grapheme clusters): a Han character, an emoji
 * or a letter with its accents each count one, and a cut never splits one (nor a surrogate pair).
 */

const ELLIPSIS = '…';

const graphemes = new Intl.Segmenter('und', { granularity: 'grapheme' });

/** Characters written without spaces between words: a cut may fall before or after any of them. */
const CJK =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff00-\uffef]/u;
const WORD = /^[\p{L}\p{M}\p{N}'’_-]+$/u;
/** Not worth keeping just before the ellipsis. */
const TRAILING = /[\s,，、;；:：.。!！?？\-–—(（[【「『《“‘"'/·]+$/u;

/**
 * `text` unchanged if it has at most `maxChars` characters; else its first characters and
 * "…", at most `maxChars` in all. Latin text is cut at a word boundary when one is close.
 */
export function cutText(text: string, maxChars: number): string {
  if (maxChars < 1) return '';
  // Every character is at least one UTF-16 unit, so short text needs no segmenting at all.
  if (text.length <= maxChars) return text;
  const chars = firstGraphemes(text, maxChars + 1);
  if (chars.length <= maxChars && text.length <= maxChars * 8 + 64) return text;

  let kept = chars.slice(0, maxChars - 1);
  const next = chars[maxChars - 1] ?? '';
  if (isLatinWordChar(kept[kept.length - 1]) && isLatinWordChar(next)) {
    // Mid-word: go back to the last space or CJK character, unless that loses too much.
    const floor = Math.floor(kept.length * 0.6);
    for (let i = kept.length - 1; i >= floor; i--) {
      const c = kept[i] ?? '';
      if (/^\s$/u.test(c)) {
        kept = kept.slice(0, i);
        break;
      }
      if (CJK.test(c)) {
        kept = kept.slice(0, i + 1);
        break;
      }
    }
  }
  const head = kept.join('').replace(TRAILING, '');
  return head === '' ? ELLIPSIS : head + ELLIPSIS;
}

/**
 * UTF-16 units that are each a whole grapheme when followed by another such unit: Latin, IPA,
 * general punctuation (dashes, curly quotes, …), CJK punctuation, kana, Han, Hangul syllables and fullwidth forms. None of them is a
 * combining mark, joiner, prepend, spacing mark, Hangul jamo or surrogate, and CR (which joins
 * a following LF) is left out; so between two of them there is always a grapheme boundary.
 */
const SINGLE_UNIT_GRAPHEMES =
  /^[\0-\x0c\x0e-\u02ff\u2010-\u2027\u2030-\u205e\u3000-\u3029\u3030-\u303f\u3041-\u3096\u30a0-\u30ff\u4e00-\u9fff\uac00-\ud7a3\uff01-\uff9d]*$/;

/** The first `count` graphemes of `text` (fewer if it has fewer). */
function firstGraphemes(text: string, count: number): string[] {
  // Fast path: when the first `count` units are all single-unit graphemes, the graphemes are
  // the units themselves (a boundary follows each, since the next unit is one too or absent).
  // Intl.Segmenter costs about a microsecond a grapheme, which adds up over thousands of items.
  const prefix = text.slice(0, count + 1);
  if (SINGLE_UNIT_GRAPHEMES.test(prefix)) return prefix.slice(0, count).split('');
  const chars: string[] = [];
  // Segment a bounded prefix only: Intl.Segmenter on a whole long document is slow.
  for (const { segment } of graphemes.segment(text.slice(0, (count - 1) * 8 + 64))) {
    chars.push(segment);
    if (chars.length >= count) break;
  }
  return chars;
}

function isLatinWordChar(c: string | undefined): boolean {
  return c !== undefined && WORD.test(c) && !CJK.test(c);
}

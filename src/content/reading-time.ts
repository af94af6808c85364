/**
 * Reading time of plain text. Chinese, Japanese and Korean are read character by character,
 * other scripts word by word, so the two are counted apart and their times added.
 */

/** Characters a minute for Han, kana and Hangul: common figures for Chinese readers are 300–500. */
export const CJK_CHARS_PER_MINUTE = 400;
/** Words a minute for text written with spaces between words. */
export const WORDS_PER_MINUTE = 200;

const CJK_CHAR = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu;
/** A word: letters or digits, not CJK (those were counted above and replaced by spaces). */
const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}'’_-]*/gu;

/** Whole minutes, at least 1 for any text with a word in it; 0 for none. */
export function readingMinutes(text: string): number {
  const cjk = text.match(CJK_CHAR)?.length ?? 0;
  const words = text.replace(CJK_CHAR, ' ').match(WORD)?.length ?? 0;
  if (cjk === 0 && words === 0) return 0;
  return Math.max(1, Math.round(cjk / CJK_CHARS_PER_MINUTE + words / WORDS_PER_MINUTE));
}

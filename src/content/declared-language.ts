import { languageTag } from './language-tag.js';

/** Languages written mostly in Han, kana or Hangul: their text is CJK whatever it says. */
const CJK_LANGUAGES = new Set(['zh', 'ja', 'ko', 'yue', 'wuu', 'hak', 'nan', 'cmn', 'lzh']);
/** How many items' titles and excerpts are looked at: enough to tell, little to count. */
const SAMPLED_ITEMS = 20;

/**
 * The language a feed declares, as a tag, unless its items' text contradicts it. RSSHub
 * writes `<language>en</language>` for every route that sets no language of its own (its
 * templates' default), Chinese routes included: taken at its word, a Chinese item on a
 * Chinese site would be marked English and read with an English voice, worse than no mark.
 * So a declared language that is not written in CJK, on a feed whose titles and excerpts are
 * mostly Han, kana or Hangul, counts as unknown (the config's `language` can still set it).
 */
export function declaredLanguage(
  declared: string | null,
  items: readonly { title: string; excerpt: string }[],
): string | null {
  const tag = languageTag(declared);
  if (tag === null || CJK_LANGUAGES.has(tag.split('-')[0]!)) return tag;
  const count = { letters: 0, cjk: 0 };
  for (const item of items.slice(0, SAMPLED_ITEMS)) {
    countLetters(item.title, count);
    countLetters(item.excerpt, count);
  }
  return count.letters > 0 && count.cjk * 2 > count.letters ? null : tag;
}

const LETTER = /^\p{L}$/u;
const CJK_SCRIPT = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]$/u;
/** Per code point beyond ASCII: 1 a letter, 2 of a CJK script, 3 both (Han ideographs). */
const KINDS = new Map<number, number>();

/**
 * Letters, and characters of CJK scripts, in `text`. Every feed's items pass here, so no
 * regular expression runs over the text: a code point is classified once, then looked up
 * (news in Chinese repeats a few thousand characters).
 */
function countLetters(text: string, count: { letters: number; cjk: number }): void {
  for (const char of text) {
    const point = char.codePointAt(0)!;
    if (point < 0x80) {
      const lower = point | 0x20;
      if (lower >= 0x61 && lower <= 0x7a) count.letters++;
      continue;
    }
    let kind = KINDS.get(point);
    if (kind === undefined) {
      kind = (LETTER.test(char) ? 1 : 0) | (CJK_SCRIPT.test(char) ? 2 : 0);
      KINDS.set(point, kind);
    }
    count.letters += kind & 1;
    count.cjk += kind >> 1;
  }
}

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
  let letters = 0;
  let cjk = 0;
  for (const item of items.slice(0, SAMPLED_ITEMS)) {
    for (const text of [item.title, item.excerpt]) {
      letters += text.match(/\p{L}/gu)?.length ?? 0;
      cjk += text.match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu)?.length ?? 0; // prettier-ignore
    }
  }
  return letters > 0 && cjk * 2 > letters ? null : tag;
}

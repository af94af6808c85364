import { markup, type Html } from './html-escape.js';
import { chineseScript } from './chinese-script.js';

/**
 * The `lang` to mark an item with on a site in `siteLanguage`: its feed's language when that is
 * another language than the site's, else null (the page's `<html lang>` holds). Languages
 * compare by their primary subtag (`en-US` on an `en` site is not marked), and Chinese also by
 * script: Traditional and Simplified need different fonts (`zh-TW` on a `zh-CN` site is
 * marked). Other explicit scripts count only when both tags give one (`sr-Latn`, `sr-Cyrl`).
 */
export function foreignLanguage(
  itemLanguage: string | null | undefined,
  siteLanguage: string,
): string | null {
  if (!itemLanguage) return null;
  const item = itemLanguage.toLowerCase().split(/[-_]/);
  const site = siteLanguage.toLowerCase().split(/[-_]/);
  if (item[0] !== site[0]) return itemLanguage;
  if (item[0] === 'zh') {
    return chineseScript(itemLanguage) === chineseScript(siteLanguage) ? null : itemLanguage;
  }
  const itemScript = scriptOf(item);
  const siteScript = scriptOf(site);
  return itemScript !== null && siteScript !== null && itemScript !== siteScript
    ? itemLanguage
    : null;
}

/** The script subtag (four letters, right after the language), if the tag has one. */
function scriptOf(subtags: readonly string[]): string | null {
  const second = subtags[1];
  return second !== undefined && /^[a-z]{4}$/.test(second) ? second : null;
}

/** ` lang="…"` for an element of an item's own text, or nothing when the item is not marked. */
export function langAttribute(lang: string | null | undefined): Html | '' {
  return lang ? markup` lang="${lang}"` : '';
}

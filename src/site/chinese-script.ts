/**
 * Which Chinese script a site's language asks for: Traditional for `zh-Hant…` and the regions
 * that write it (Taiwan, Hong Kong, Macau: `zh-TW`, `zh-HK`, `zh-MO`), Simplified for any other
 * `zh…` (`zh`, `zh-CN`, `zh-SG`, `zh-Hans…`), null for a language that is not Chinese. An
 * explicit script subtag wins over the region (`zh-Hans-HK` is Simplified).
 */
export function chineseScript(language: string): 'Hans' | 'Hant' | null {
  const subtags = language.toLowerCase().split(/[-_]/);
  if (subtags[0] !== 'zh') return null;
  if (subtags.includes('hant')) return 'Hant';
  if (subtags.includes('hans')) return 'Hans';
  return subtags.some((subtag) => subtag === 'tw' || subtag === 'hk' || subtag === 'mo')
    ? 'Hant'
    : 'Hans';
}

/** The words of a language: Traditional or Simplified Chinese, or else English. */
export function wordsFor<T>(language: string, words: { hans: T; hant: T; en: T }): T {
  const script = chineseScript(language);
  return script === 'Hant' ? words.hant : script === 'Hans' ? words.hans : words.en;
}

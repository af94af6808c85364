/**
 * A feed's language as a canonical BCP 47 tag (`zh-cn` → `zh-CN`, `en_us` → `en-US`), or null
 * when it names no language: empty, junk feeds write there (`English`, `utf-8`), `und`, or a
 * private-use tag. Pages mark items with it (`lang`), so a wrong tag is worse than none: a
 * screen reader would read the item in the wrong voice.
 */
export function languageTag(value: string | null | undefined): string | null {
  const written = value?.trim().replace(/_/g, '-');
  if (!written) return null;
  let canonical: string | undefined;
  try {
    canonical = Intl.getCanonicalLocales(written)[0];
  } catch (error) {
    if (error instanceof RangeError) return null; // not a well-formed tag
    throw error;
  }
  if (canonical === undefined) return null;
  // Well-formed is not enough: `English` is a syntactically valid 7-letter language subtag, but
  // every language in use has a 2- or 3-letter one (ISO 639). `und` is "undetermined".
  const primary = canonical.split('-')[0]!;
  if (!/^[a-z]{2,3}$/.test(primary) || primary === 'und') return null;
  return canonical;
}

/**
 * URL resolution for URL fields (link, image, enclosure url). Absolute URLs are kept
 * exactly as written; relative ones resolve against xml:base / the document URL; with
 * nothing absolute to resolve against, the value is left as given.
 */

const HAS_SCHEME = /^[a-zA-Z][a-zA-Z0-9+.-]*:/;

export function isAbsoluteUrl(value: string): boolean {
  return HAS_SCHEME.test(value);
}

export function resolveUrl(value: string, base: string | null | undefined): string {
  const ref = value.trim();
  if (ref === '' || HAS_SCHEME.test(ref)) return ref;
  if (!base || !HAS_SCHEME.test(base)) return ref;
  if (ref.startsWith('//')) {
    // Protocol-relative: only the scheme comes from the base.
    return base.slice(0, base.indexOf(':') + 1) + ref;
  }
  try {
    return new URL(ref, base).href;
  } catch {
    return ref;
  }
}

/** Resolves a (possibly relative) xml:base against the inherited one. */
export function resolveBase(value: string, inherited: string | null): string | null {
  const ref = value.trim();
  if (HAS_SCHEME.test(ref)) return ref;
  if (!inherited) return ref === '' ? null : ref;
  if (!HAS_SCHEME.test(inherited)) return ref === '' ? inherited : ref;
  return resolveUrl(ref, inherited) || inherited;
}

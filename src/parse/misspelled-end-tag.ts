/**
 * Is the end tag `</written>` a misspelling of `<open>`'s end tag (`<titel>x</title>`,
 * `<title>x</titel>`, `<pubDate>x</pubdat>`)? Ignoring it would leave `<open>` open and
 * swallow the siblings that follow (the link, the guid… would become part of the
 * title). Same prefix, and one edit apart (a swapped pair counts as one), or two for names
 * of six characters or more. Names shorter than three characters never match: in HTML
 * tag soup, `<b>` … `</p>` are different elements, not typos.
 */
export function isMisspelledEndTag(open: string, written: string): boolean {
  const a = open.toLowerCase();
  const b = written.toLowerCase();
  const shorter = Math.min(a.length, b.length);
  if (shorter < 3) return false;
  const allowed = shorter >= 6 ? 2 : 1;
  if (Math.abs(a.length - b.length) > allowed) return false;
  const colonA = a.indexOf(':');
  if (colonA !== b.indexOf(':') || (colonA !== -1 && a.slice(0, colonA) !== b.slice(0, colonA))) {
    return false;
  }
  return editDistance(a, b, allowed) <= allowed;
}

/** Optimal-string-alignment distance (Levenshtein plus adjacent swaps), capped at limit + 1. */
function editDistance(a: string, b: string, limit: number): number {
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMinimum = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let value = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + cost,
      );
      if (
        i > 1 &&
        j > 1 &&
        a.charCodeAt(i - 1) === b.charCodeAt(j - 2) &&
        a.charCodeAt(i - 2) === b.charCodeAt(j - 1)
      ) {
        value = Math.min(value, (beforePrevious[j - 2] as number) + 1);
      }
      current.push(value);
      if (value < rowMinimum) rowMinimum = value;
    }
    if (rowMinimum > limit) return limit + 1;
    beforePrevious = previous;
    previous = current;
  }
  return previous[b.length] as number;
}

/** One page of a paginated list. Page 1 lives at the list's folder, page n at `page/n/`. */
export interface Page<T> {
  /** 1-based. */
  number: number;
  count: number;
  entries: T[];
}

/** Splits an already-ordered list into pages; an empty list still has one (empty) page. */
export function paginate<T>(entries: readonly T[], perPage: number): Page<T>[] {
  const size = Math.max(1, Math.floor(perPage));
  const count = Math.max(1, Math.ceil(entries.length / size));
  const pages: Page<T>[] = [];
  for (let n = 1; n <= count; n++) {
    pages.push({ number: n, count, entries: entries.slice((n - 1) * size, n * size) });
  }
  return pages;
}

/** Folder of page `n` of a list whose first page is in `base` ('' for the site root). */
export function pageFolder(base: string, n: number): string {
  const prefix = base === '' ? '' : `${base}/`;
  return n === 1 ? base : `${prefix}page/${n}`;
}

/**
 * Which page numbers to link: first, last, and a window around the current one, with null
 * for a gap. Keeps the nav short when a list has hundreds of pages.
 */
export function pageWindow(current: number, count: number, radius = 2): (number | null)[] {
  const numbers: (number | null)[] = [];
  let last = 0;
  for (let n = 1; n <= count; n++) {
    if (n === 1 || n === count || Math.abs(n - current) <= radius) {
      if (n - last > 1) numbers.push(null);
      numbers.push(n);
      last = n;
    }
  }
  return numbers;
}

/** The file of page `n` of a list whose first page is in `base`. */
export function pageFile(base: string, n: number): string {
  const folder = pageFolder(base, n);
  return folder === '' ? 'index.html' : `${folder}/index.html`;
}

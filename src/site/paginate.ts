/**
 * Stable pagination. A list (newest first) is cut into numbered pages counted from the
 * OLDEST item: page 1 holds the oldest `perPage` items, page 2 the next, and the highest page
 * (`count`) the newest, possibly fewer. Adding new items therefore changes only the top page
 * or two and the list's front page; older pages keep their bytes, so an incremental build
 * rewrites a handful of listing pages instead of all of them, and a page's URL keeps showing
 * the same items (good for readers' links and for search engines).
 *
 * The list's front page (its folder's index.html) always shows the newest `perPage` items;
 * numbered pages exist only when there is more than one page.
 */

/** Where a page sits: the front page, or numbered page `number` of `count`. */
export type PagePosition =
  { kind: 'front'; count: number } | { kind: 'numbered'; number: number; count: number };

export interface ListPage<T> {
  position: PagePosition;
  /** Newest first. */
  entries: T[];
}

/** How many numbered pages a list of `total` entries has (0 when the front page holds them all). */
export function pageCount(total: number, perPage: number): number {
  const size = Math.max(1, Math.floor(perPage));
  return total > size ? Math.ceil(total / size) : 0;
}

/** The front page and the numbered pages of a newest-first list. */
export function paginate<T>(entries: readonly T[], perPage: number): ListPage<T>[] {
  const size = Math.max(1, Math.floor(perPage));
  const count = pageCount(entries.length, size);
  const pages: ListPage<T>[] = [
    { position: { kind: 'front', count }, entries: entries.slice(0, size) },
  ];
  const total = entries.length;
  for (let number = 1; number <= count; number++) {
    const end = total - (number - 1) * size;
    pages.push({
      position: { kind: 'numbered', number, count },
      entries: entries.slice(Math.max(0, end - size), end),
    });
  }
  return pages;
}

/** Folder of a page of a list whose front page is in `base` ('' for the site root). */
export function pageFolder(base: string, position: PagePosition): string {
  if (position.kind === 'front') return base;
  return base === '' ? `page/${position.number}` : `${base}/page/${position.number}`;
}

/** The file of a page of a list whose front page is in `base`. */
export function pageFile(base: string, position: PagePosition): string {
  const folder = pageFolder(base, position);
  return folder === '' ? 'index.html' : `${folder}/index.html`;
}

/** Page numbers a page links to, highest first: a window around it, and page 1. */
export function pageWindow(position: PagePosition, radius = 2): number[] {
  const { count } = position;
  if (count === 0) return [];
  const centre = position.kind === 'front' ? count : position.number;
  const high = Math.min(count, centre + radius);
  const low = Math.max(1, centre - (position.kind === 'front' ? 2 * radius : radius));
  const numbers: number[] = [];
  for (let n = high; n >= low; n--) numbers.push(n);
  if (low > 1) numbers.push(1);
  return numbers;
}

/**
 * What a page's navigation depends on, for the build manifest: a numbered page far from the
 * top does not depend on how many pages there are, so it is not rewritten when one is added.
 * Its links and gaps (render-pagination.ts) compare the count with pages up to `radius + 1`
 * above it (is there a gap after "Latest", on wide screens and on phones?): more pages than
 * that change nothing.
 */
export function pageNavKey(position: PagePosition, radius = 2): string {
  if (position.kind === 'front') return `front:${position.count}`;
  return `${position.number}:${Math.min(position.count, position.number + radius + 2)}`;
}

import { markup, type Html } from './html-escape.js';
import { folderTarget, href, type PageContext } from './page-context.js';
import { pageFolder, pageWindow, type PagePosition } from './paginate.js';

/**
 * Navigation between the pages of a list whose front page is in `base`, newest on the left:
 * ← Newer · Latest · 12 11 [10] 9 8 … 1 · Older →. Page numbers count from the oldest page
 * (see paginate.ts), so a numbered page's links do not move when items are added.
 */
export function renderPagination(page: PageContext, base: string, position: PagePosition): Html {
  const { count } = position;
  if (count === 0) return markup``;
  const { labels } = page;
  const front: PagePosition = { kind: 'front', count };
  const numbered = (n: number): PagePosition => ({ kind: 'numbered', number: n, count });
  const target = (at: PagePosition): string => href(page, folderTarget(pageFolder(base, at)));
  const isFront = position.kind === 'front';
  const currentNumber = position.kind === 'numbered' ? position.number : null;

  const latest = isFront
    ? markup`<li><a href="${target(front)}" aria-current="page">${labels.latest}</a></li>`
    : markup`<li><a href="${target(front)}">${labels.latest}</a></li>`;
  const windowNumbers = pageWindow(position);
  // Phones show the window's nearer half: the links two away from the current page (all but
  // the nearest on the front page) carry "far". A gap ("…") marks pages left out between two
  // links, or between "Latest" (the top page) and the first: on wide screens between shown
  // numbers, on phones between the numbers a phone shows ("narrow" gaps are phones' only).
  const centre = currentNumber ?? count;
  const gap = (className: string) =>
    markup`<li${className ? markup` class="${className}"` : ''}><span class="gap" aria-hidden="true">…</span></li>`;
  let above = count;
  let aboveOnPhones = count;
  const numbers = windowNumbers.map((n) => {
    const far = n !== 1 && n !== centre && Math.abs(centre - n) >= 2;
    const wideGap = above - n > 1;
    const phoneGap = !far && aboveOnPhones - n > 1;
    above = n;
    if (!far) aboveOnPhones = n;
    const before = wideGap ? gap(far ? 'far' : '') : phoneGap ? gap('narrow') : '';
    const current = n === currentNumber ? markup` aria-current="page"` : '';
    return markup`${before}<li${far ? markup` class="far"` : ''}><a href="${target(numbered(n))}" aria-label="${labels.page(n)}"${current}>${n}</a></li>`;
  });

  let newer: Html | string = '';
  let older: Html | string = '';
  if (isFront) {
    if (count > 1)
      older = markup`<a href="${target(numbered(count - 1))}" rel="next">${labels.older} →</a>`;
  } else if (currentNumber !== null) {
    const newerAt = currentNumber < count ? numbered(currentNumber + 1) : front;
    newer = markup`<a href="${target(newerAt)}" rel="prev">← ${labels.newer}</a>`;
    if (currentNumber > 1) {
      older = markup`<a href="${target(numbered(currentNumber - 1))}" rel="next">${labels.older} →</a>`;
    }
  }
  return markup`<nav class="pagination" aria-label="${labels.pagination}">${newer}<ol>${latest}${numbers}</ol>${older}</nav>\n`;
}

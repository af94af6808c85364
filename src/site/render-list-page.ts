import { markup, type Html } from './html-escape.js';
import { renderLayout, type Crumb, type FeedLinks, type LayoutOptions } from './layout.js';
import { href, type PageContext } from './page-context.js';
import type { ListPage } from './paginate.js';
import { PAGE_SLOT, splitAtSlot } from './page-slot.js';
import { renderPagination } from './render-pagination.js';
import { pageBuffer } from './page-buffer.js';
import { copyRiver, renderRiver } from './render-river.js';
import type { ItemView } from './site-structure.js';

/** What a page of a list of items shows besides its cards. */
export interface ListPageOptions {
  /** The list's name: the page heading. */
  name: string;
  /** Folder of the list's front page ('' for the home river). */
  base: string;
  /**
   * Trail down to the list itself, whose step has a target; on the front page that step
   * becomes the current one. Omit for the home river.
   */
  crumbs?: Crumb[];
  /** Shown under the heading on the front page only (counts), so numbered pages stay stable. */
  summary?: string;
  /** Shown above the cards on the front page only. */
  intro?: Html;
  feeds?: FeedLinks;
  section?: LayoutOptions['section'];
}

/**
 * A page of a list: the front page (newest items, with counts and intro) or a numbered page
 * (only what does not change when newer items arrive, so the page keeps its bytes). As UTF-8
 * bytes: the page around its cards encoded, and the cards' bytes (render-river.ts) between,
 * in the buffer all list pages share (page-buffer.ts): valid until the next page is rendered.
 */
export function renderListPage(
  page: PageContext,
  list: ListPage<ItemView>,
  options: ListPageOptions,
): Buffer {
  const { labels } = page;
  const front = list.position.kind === 'front';
  const pageLabel = list.position.kind === 'numbered' ? labels.page(list.position.number) : '';
  let crumbs = options.crumbs?.slice();
  if (crumbs) {
    if (front) crumbs[crumbs.length - 1] = { label: options.name };
    else crumbs = [...crumbs, { label: pageLabel }];
  }
  const heading = front ? options.name : `${options.name} · ${pageLabel}`;
  const summary = front && options.summary ? markup`<p>${options.summary}</p>` : '';
  // A list's own feeds, for readers who follow one category, site or feed.
  const base = options.feeds ? `${options.feeds.folder}/` : '';
  const feeds =
    front && options.feeds && options.feeds.folder !== ''
      ? markup`<p class="list-feeds"><span>${labels.subscribe}:</span> <a href="${href(page, `${base}atom.xml`)}">Atom</a> <a href="${href(page, `${base}rss.xml`)}">RSS</a> <a href="${href(page, `${base}feed.json`)}">JSON Feed</a></p>`
      : '';
  const intro = front && options.intro ? options.intro : '';
  const body = markup`<div class="page-head"><h1>${heading}</h1>${summary}${feeds}</div>
${intro}${PAGE_SLOT}${renderPagination(page, options.base, list.position)}`;
  const title = options.base === '' && front ? undefined : heading;
  const { head, tail } = splitAtSlot(
    renderLayout(page, {
      ...(title === undefined ? {} : { title }),
      ...(crumbs ? { breadcrumbs: crumbs } : {}),
      ...(options.feeds ? { feeds: options.feeds } : {}),
      ...(options.section ? { section: options.section } : {}),
      body,
    }),
  );
  const river = renderRiver(page, list.entries);
  // UTF-8 takes at most 3 bytes per UTF-16 unit: room enough without measuring the halves.
  const bytes = pageBuffer(3 * (head.length + tail.length) + river.size);
  let at = bytes.write(head, 0, 'utf8');
  at = copyRiver(river, bytes, at);
  at += bytes.write(tail, at, 'utf8');
  return bytes.subarray(0, at);
}

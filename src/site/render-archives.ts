import { markup } from './html-escape.js';
import { renderLayout, type Crumb } from './layout.js';
import { folderTarget, hrefEncoded, type PageContext } from './page-context.js';
import type { ListPage } from './paginate.js';
import { renderListPage } from './render-list-page.js';
import { ARCHIVES_FOLDER, type DayNode, type ItemView, type MonthNode } from './site-structure.js';

/** `2021-12` → the month's name in the site language. */
export function monthLabel(page: PageContext, month: MonthNode): string {
  const [year = 0, number = 0] = month.date.split('-').map(Number);
  return page.labels.month(year, number);
}

/** `2021-12-25` → the day's name in the site language. */
export function dayLabel(page: PageContext, day: DayNode): string {
  const [year = 0, month = 0, number = 0] = day.date.split('-').map(Number);
  return page.labels.day(year, month, number);
}

function archiveTrail(page: PageContext): Crumb[] {
  return [
    { label: page.labels.home, target: '' },
    { label: page.labels.archives, target: folderTarget(ARCHIVES_FOLDER) },
  ];
}

/** All months, grouped by year, with their item counts. */
export function renderArchiveIndex(page: PageContext, months: readonly MonthNode[]): string {
  const { labels } = page;
  const years = new Map<string, MonthNode[]>();
  for (const month of months) {
    const year = month.date.slice(0, 4);
    const list = years.get(year);
    if (list) list.push(month);
    else years.set(year, [month]);
  }
  const sections = [...years].map(([year, list]) => {
    const links = list.map(
      (month) =>
        markup`<li><a href="${hrefEncoded(page, month.url)}">${monthLabel(page, month)}<span class="count">${month.items.length}</span></a></li>`,
    );
    const total = list.reduce((sum, month) => sum + month.items.length, 0);
    return markup`<section class="archive-year"><h2>${year} <span class="count">${labels.itemCount(total)}</span></h2><ul class="chips">${links}</ul></section>\n`;
  });
  const total = months.reduce((sum, month) => sum + month.items.length, 0);
  const body = markup`<div class="page-head"><h1>${labels.archives}</h1><p>${labels.itemCount(total)}</p></div>
${months.length === 0 ? markup`<p class="empty">${labels.noItems}</p>` : sections}`;
  return renderLayout(page, {
    title: labels.archives,
    section: 'archives',
    breadcrumbs: [...archiveTrail(page).slice(0, 1), { label: labels.archives }],
    body,
  });
}

/** A page of a month's items; its front page lists the month's days. */
export function renderMonthPage(
  page: PageContext,
  month: MonthNode,
  list: ListPage<ItemView>,
): Buffer {
  const name = monthLabel(page, month);
  const days = month.days.map(
    (day) =>
      markup`<li><a href="${hrefEncoded(page, day.url)}">${String(Number(day.date.slice(8)))}<span class="count">${day.items.length}</span></a></li>`,
  );
  return renderListPage(page, list, {
    name,
    base: month.folder,
    crumbs: [...archiveTrail(page), { label: name, target: folderTarget(month.folder) }],
    summary: page.labels.itemCount(month.items.length),
    intro: markup`<ul class="chips days">${days}</ul>\n`,
    section: 'archives',
  });
}

/** A page of one day's items. */
export function renderDayPage(page: PageContext, day: DayNode, list: ListPage<ItemView>): Buffer {
  const name = dayLabel(page, day);
  return renderListPage(page, list, {
    name,
    base: day.folder,
    crumbs: [
      ...archiveTrail(page),
      { label: monthLabel(page, day.month), target: folderTarget(day.month.folder) },
      { label: name, target: folderTarget(day.folder) },
    ],
    summary: page.labels.itemCount(day.items.length),
    section: 'archives',
  });
}

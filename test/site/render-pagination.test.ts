import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SiteSettings } from '../../src/config/config.js';
import { labelsFor } from '../../src/site/labels.js';
import type { PageContext } from '../../src/site/page-context.js';
import { renderPagination } from '../../src/site/render-pagination.js';

function pageAt(path: string, root: string): PageContext {
  // Pagination reads only the labels and where the page is.
  return {
    settings: {} as SiteSettings,
    labels: labelsFor('zh-CN'),
    path,
    root,
    styleVersion: '0',
  };
}

/** The pagination's links and gaps, in order: "最新", numbers, "…". */
function steps(html: string): string[] {
  return [
    ...html.matchAll(/<li>(?:<a [^>]*>([^<]*)<\/a>|<span class="gap"[^>]*>(…)<\/span>)<\/li>/g),
  ].map(([, link, gap]) => link ?? gap ?? '');
}

test('a page far below the top shows that pages are left out between "Latest" and its window', () => {
  const page = pageAt('page/2/index.html', '../../');
  const html = renderPagination(page, '', { kind: 'numbered', number: 2, count: 14 }).value;
  assert.deepEqual(steps(html), ['最新', '…', '4', '3', '2', '1']);
});

test('no gap where the window reaches the top page (the front page shows its items)', () => {
  const page = pageAt('page/11/index.html', '../../');
  assert.deepEqual(
    steps(renderPagination(page, '', { kind: 'numbered', number: 11, count: 14 }).value),
    ['最新', '13', '12', '11', '10', '9', '…', '1'],
  );
  assert.deepEqual(
    steps(renderPagination(pageAt('index.html', ''), '', { kind: 'front', count: 14 }).value),
    ['最新', '14', '13', '12', '11', '10', '…', '1'],
  );
});

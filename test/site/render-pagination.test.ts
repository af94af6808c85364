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

/** The pagination's links and gaps in order ("最新", numbers, "…"), with their classes. */
function steps(html: string): string[] {
  return [
    ...html.matchAll(
      /<li(?: class="(\w+)")?>(?:<a [^>]*>([^<]*)<\/a>|<span class="gap"[^>]*>(…)<\/span>)<\/li>/g,
    ),
  ].map(([, className, link, gap]) => (link ?? gap ?? '') + (className ? `.${className}` : ''));
}

/** What a wide screen shows, and what a phone shows (no "far"; "narrow" gaps shown). */
function shown(html: string): { wide: string[]; phone: string[] } {
  const all = steps(html);
  return {
    wide: all.filter((s) => !s.endsWith('.narrow')).map((s) => s.replace('.far', '')),
    phone: all.filter((s) => !s.endsWith('.far')).map((s) => s.replace('.narrow', '')),
  };
}

const numbered = (number: number, count: number) => ({ kind: 'numbered' as const, number, count });

test('a page far below the top shows that pages are left out between "Latest" and its window', () => {
  const page = pageAt('page/2/index.html', '../../');
  assert.deepEqual(shown(renderPagination(page, '', numbered(2, 14)).value), {
    wide: ['最新', '…', '4', '3', '2', '1'],
    phone: ['最新', '…', '3', '2', '1'],
  });
});

test('phones show the nearer half of the window, with the gaps that leaves', () => {
  const page = pageAt('page/50/index.html', '../../');
  assert.deepEqual(shown(renderPagination(page, '', numbered(50, 120)).value), {
    wide: ['最新', '…', '52', '51', '50', '49', '48', '…', '1'],
    phone: ['最新', '…', '51', '50', '49', '…', '1'],
  });
  // Page 11 of 14: 13 is next to the top page on a wide screen; a phone shows 12 after it.
  assert.deepEqual(shown(renderPagination(page, '', numbered(11, 14)).value), {
    wide: ['最新', '13', '12', '11', '10', '9', '…', '1'],
    phone: ['最新', '…', '12', '11', '10', '…', '1'],
  });
  assert.deepEqual(
    shown(renderPagination(pageAt('index.html', ''), '', { kind: 'front', count: 14 }).value),
    {
      wide: ['最新', '14', '13', '12', '11', '10', '…', '1'],
      phone: ['最新', '14', '13', '…', '1'],
    },
  );
  assert.deepEqual(shown(renderPagination(page, '', numbered(3, 4)).value), {
    wide: ['最新', '4', '3', '2', '1'],
    phone: ['最新', '4', '3', '2', '1'],
  });
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  pageCount,
  pageFile,
  pageNavKey,
  pageWindow,
  paginate,
  type PagePosition,
} from '../../src/site/paginate.js';

const newestFirst = (n: number): number[] => Array.from({ length: n }, (_, i) => n - i);
const entriesOf = (list: number[], perPage: number) =>
  paginate(list, perPage).map((p) => [
    p.position.kind === 'front' ? 0 : p.position.number,
    p.entries,
  ]);

test('numbered pages count from the oldest; the front page has the newest perPage', () => {
  // Items 1..5 (5 newest), two a page: front [5,4]; page 1 [2,1], page 2 [4,3], page 3 [5].
  assert.deepEqual(entriesOf(newestFirst(5), 2), [
    [0, [5, 4]],
    [1, [2, 1]],
    [2, [4, 3]],
    [3, [5]],
  ]);
});

test('a list that fits on one page has only its front page, even when empty', () => {
  assert.deepEqual(entriesOf(newestFirst(2), 2), [[0, [2, 1]]]);
  assert.deepEqual(entriesOf([], 10), [[0, []]]);
  assert.equal(pageCount(0, 10), 0);
  assert.equal(pageCount(10, 10), 0);
  assert.equal(pageCount(11, 10), 2);
});

test('adding newer items leaves the older numbered pages as they were', () => {
  const before = paginate(newestFirst(25), 10);
  const after = paginate(newestFirst(31), 10);
  const page = (pages: typeof before, n: number) =>
    pages.find((p) => p.position.kind === 'numbered' && p.position.number === n);
  assert.deepEqual(page(after, 1)?.entries, page(before, 1)?.entries);
  assert.deepEqual(page(after, 2)?.entries, page(before, 2)?.entries);
  // Their navigation keys do not change either while they are far enough from the top.
  const far = (count: number): PagePosition => ({ kind: 'numbered', number: 1, count });
  assert.equal(pageNavKey(far(5)), pageNavKey(far(9)));
  // A page left out between the window and the front page shows as a gap after "Latest", on
  // wide screens (page 4 of 5) and on phones, which show the window's nearer half (3 of 4).
  assert.notEqual(pageNavKey(far(4)), pageNavKey(far(5)));
  assert.notEqual(pageNavKey(far(3)), pageNavKey(far(4)));
  const near = (count: number): PagePosition => ({ kind: 'numbered', number: 2, count });
  assert.notEqual(pageNavKey(near(3)), pageNavKey(near(4)));
});

test('pageFile puts the front page in the folder and numbered pages under page/<n>/', () => {
  const front: PagePosition = { kind: 'front', count: 3 };
  const third: PagePosition = { kind: 'numbered', number: 3, count: 3 };
  assert.equal(pageFile('', front), 'index.html');
  assert.equal(pageFile('', third), 'page/3/index.html');
  assert.equal(pageFile('categories/金融', front), 'categories/金融/index.html');
  assert.equal(pageFile('categories/金融', third), 'categories/金融/page/3/index.html');
});

test('pageWindow lists neighbours, highest first, and page 1', () => {
  assert.deepEqual(pageWindow({ kind: 'numbered', number: 10, count: 100 }), [12, 11, 10, 9, 8, 1]);
  assert.deepEqual(pageWindow({ kind: 'numbered', number: 2, count: 3 }), [3, 2, 1]);
  assert.deepEqual(pageWindow({ kind: 'front', count: 100 }), [100, 99, 98, 97, 96, 1]);
  assert.deepEqual(pageWindow({ kind: 'front', count: 0 }), []);
});

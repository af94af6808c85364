import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pageFile, pageWindow, paginate } from '../../src/site/paginate.js';

test('paginate splits in order and always gives at least one page', () => {
  const pages = paginate([1, 2, 3, 4, 5], 2);
  assert.deepEqual(
    pages.map((p) => p.entries),
    [[1, 2], [3, 4], [5]],
  );
  assert.ok(pages.every((p) => p.count === 3));
  assert.deepEqual(paginate([], 10), [{ number: 1, count: 1, entries: [] }]);
});

test('pageFile puts page 1 in the folder and later pages under page/<n>/', () => {
  assert.equal(pageFile('', 1), 'index.html');
  assert.equal(pageFile('', 3), 'page/3/index.html');
  assert.equal(pageFile('categories/金融', 1), 'categories/金融/index.html');
  assert.equal(pageFile('categories/金融', 2), 'categories/金融/page/2/index.html');
});

test('pageWindow shows first, last and neighbours with gaps', () => {
  assert.deepEqual(pageWindow(1, 3), [1, 2, 3]);
  assert.deepEqual(pageWindow(10, 100), [1, null, 8, 9, 10, 11, 12, null, 100]);
  assert.deepEqual(pageWindow(1, 100), [1, 2, 3, null, 100]);
});

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { editDistance } from '../../src/parse/edit-distance.js';

describe('editDistance (optimal string alignment)', () => {
  const cases: [string, string, number][] = [
    ['', '', 0],
    ['title', 'title', 0],
    ['title', '', 5],
    ['', 'link', 4],
    ['titel', 'title', 1], // a swapped pair is one edit
    ['pubdate', 'pubdat', 1],
    ['kitten', 'sitting', 3],
    ['sourcse', 'sources', 1],
    ['ca', 'abc', 3], // OSA, not Damerau: no edit of a swapped pair
  ];
  for (const [a, b, expected] of cases) {
    test(`${JSON.stringify(a)} → ${JSON.stringify(b)}: ${expected}`, () => {
      assert.equal(editDistance(a, b), expected);
      assert.equal(editDistance(b, a), expected);
    });
  }

  test('with a limit, a larger distance comes back as limit + 1', () => {
    assert.equal(editDistance('abcdefgh', 'zyxwvuts', 2), 3);
    assert.equal(editDistance('kitten', 'sitting', 3), 3);
    assert.equal(editDistance('kitten', 'sitting', 2), 3);
  });
});

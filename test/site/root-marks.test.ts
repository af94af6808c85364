import assert from 'node:assert/strict';
import { test } from 'node:test';
import { copyWithRoots, marksOf, rootedLength } from '../../src/site/root-marks.js';

// What copyWithRoots must give: the text cut at its marks and joined with the root.
function expected(text: string, root: string): string {
  return text.split('\u0000').join(root);
}

function copied(text: string, root: string, at = 0): string {
  const bytes = Buffer.from(text, 'utf8');
  const marks = marksOf(bytes);
  const rootBytes = Buffer.from(root, 'utf8');
  const length = rootedLength(bytes, marks, rootBytes);
  // Garbage around the copy: it must neither depend on it nor write outside its place.
  const target = Buffer.alloc(at + length + 8, 0xee);
  const end = copyWithRoots(target, at, bytes, marks, rootBytes);
  assert.equal(end, at + length);
  assert.ok(
    target.subarray(0, at).every((byte) => byte === 0xee),
    'nothing written before',
  );
  assert.ok(
    target.subarray(end).every((byte) => byte === 0xee),
    'nothing written after',
  );
  return target.subarray(at, end).toString('utf8');
}

test('marks are found in order, and none in bytes without one', () => {
  assert.deepEqual(marksOf(Buffer.from('\u0000a\u0000\u0000b\u0000')), [0, 2, 3, 5]);
  assert.deepEqual(marksOf(Buffer.from('没有')), []);
});

test('each mark becomes the root, whatever the root is longer or shorter than a mark', () => {
  const texts = [
    '<a href="\u0000items/1.html">一</a> › <a href="\u0000categories/金融/">金融</a>',
    '\u0000start and end\u0000',
    '\u0000\u0000\u0000',
    'no marks at all',
    '',
    '\u0000',
  ];
  for (const root of ['', '.', '../', '../../', '../../../../../../']) {
    for (const text of texts) {
      assert.equal(copied(text, root), expected(text, root), JSON.stringify([text, root]));
      assert.equal(copied(text, root, 5), expected(text, root), JSON.stringify([text, root, 5]));
    }
  }
});

test('random texts with random marks come out as cut and joined', () => {
  let seed = 7;
  const next = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  const pieces = ['\u0000', 'a', '链', '<p>', '\u0000\u0000', '😀'];
  for (let round = 0; round < 500; round++) {
    let text = '';
    for (let n = next(30); n > 0; n--) text += pieces[next(pieces.length)];
    const root = '../'.repeat(next(7));
    assert.equal(copied(text, root, next(4)), expected(text, root));
  }
});

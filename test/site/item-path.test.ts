import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { itemId, itemPath } from '../../src/site/item-path.js';

test('item id is the first 16 hex chars of sha256(feedKey \\0 key)', () => {
  const expected = createHash('sha256').update('rsshub:/sina/finance\u0000guid-1').digest('hex');
  assert.equal(itemId('rsshub:/sina/finance', 'guid-1'), expected.slice(0, 16));
  assert.equal(itemPath('rsshub:/sina/finance', 'guid-1'), `items/${expected.slice(0, 16)}.html`);
});

test('the separator keeps (feed, key) pairs apart', () => {
  assert.notEqual(itemId('a', 'bc'), itemId('ab', 'c'));
});

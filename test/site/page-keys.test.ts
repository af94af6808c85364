import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { digestOf } from '../../src/site/one-shot-digest.js';
import { ListFingerprints, pageKeys } from '../../src/site/page-keys.js';

test('digestOf gives the digests of createHash, for any text', () => {
  for (const text of ['', 'rsshub:/a\0item-1', '制造业竞争力 🀄 \u0001']) {
    for (const algorithm of ['sha1', 'sha256'] as const) {
      for (const encoding of ['hex', 'base64url'] as const) {
        const expected = createHash(algorithm).update(text).digest(encoding);
        assert.equal(digestOf(algorithm, text, encoding), expected);
      }
    }
  }
});

test('a page key changes with the build base, the path or any part, and only then', () => {
  const keys = pageKeys('renderer 1\0settings');
  const key = keys('index.html', ['tree', 3, null]);
  assert.equal(pageKeys('renderer 1\0settings')('index.html', ['tree', 3, null]), key);
  const others = [
    pageKeys('renderer 2\0settings')('index.html', ['tree', 3, null]),
    keys('page/1/index.html', ['tree', 3, null]),
    keys('index.html', ['tree', 4, null]),
    keys('index.html', ['tree', 3, '']),
    keys('index.html', ['tree', 3]),
    keys('index.html', ['tree3', null]),
  ];
  assert.equal(new Set([key, ...others]).size, others.length + 1);
});

test('a list fingerprint changes with the entries, their order and their texts', () => {
  const texts = new Map<number, string>();
  for (let i = 0; i < 500; i++) texts.set(i, `items/${i.toString(16)}.html 2026-01-01T00:00:${i}Z`);
  const prints = new ListFingerprints<number>((i) => texts.get(i)!);
  const list = Array.from({ length: 100 }, (_, i) => i);
  const print = prints.of(list);
  assert.match(print, /^[0-9a-f]{16}$/);
  assert.equal(prints.of([...list]), print, 'the same entries give the same fingerprint');
  assert.equal(
    new ListFingerprints<number>((i) => texts.get(i)!).of(list),
    print,
    'whatever was fingerprinted before',
  );
  const seen = new Set([print, prints.of([])]);
  const variants = [
    list.slice(1), // one fewer
    [...list, 100], // one more
    [list[1]!, list[0]!, ...list.slice(2)], // two swapped
    [...list.slice(0, 50), 200, ...list.slice(51)], // one replaced
    [...list, ...list], // repeated
  ];
  for (const variant of variants) seen.add(prints.of(variant));
  assert.equal(seen.size, variants.length + 2);
  // An entry whose text changed (its item was edited): a new fingerprinter sees the new text.
  texts.set(42, 'items/2a.html 2026-02-01T00:00:00Z');
  assert.notEqual(new ListFingerprints<number>((i) => texts.get(i)!).of(list), print);
  // Many lists of two entries: no two fingerprints meet.
  const pairs = new Set<string>();
  for (let i = 0; i < 500; i++) for (let j = 0; j < 40; j++) pairs.add(prints.of([i, j]));
  assert.equal(pairs.size, 500 * 40);
});

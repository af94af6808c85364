import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Utf8Slab } from '../../src/site/utf8-slab.js';

test('encodes as Buffer.from does, and what it handed out stays intact across slabs', () => {
  const slab = new Utf8Slab(1024);
  const texts = ['', 'plain ASCII', '中文标题 · 财经', 'lone \ud800 surrogate', '😀 emoji'];
  const kept: [string, Buffer][] = [];
  // Enough texts to fill several 1 KB slabs.
  for (let round = 0; round < 60; round++) {
    for (const text of texts) kept.push([text, slab.encode(`${round} ${text}`)]);
  }
  for (const [i, [text, bytes]] of kept.entries()) {
    const round = Math.floor(i / texts.length);
    assert.deepEqual(bytes, Buffer.from(`${round} ${text}`, 'utf8'), `text ${i}`);
  }
});

test('a text longer than a quarter of a slab gets a buffer of its own', () => {
  const slab = new Utf8Slab(1024);
  const before = slab.encode('before');
  // 1,200 bytes of room asked for: more than the slab has left, and than a quarter of it.
  const long = slab.encode('长'.repeat(400));
  const after = slab.encode('after');
  assert.equal(long.toString('utf8'), '长'.repeat(400));
  assert.notEqual(long.buffer, before.buffer);
  // The slab in use was not given up for it.
  assert.equal(after.buffer, before.buffer);
  assert.equal(before.toString(), 'before');
});

test('allocate hands out room that no later encode overlaps', () => {
  const slab = new Utf8Slab(1024);
  const room = slab.allocate(100);
  room.fill(0x41);
  for (let i = 0; i < 50; i++) slab.encode(`text ${i}`);
  assert.equal(room.length, 100);
  assert.ok(room.every((byte) => byte === 0x41));
});

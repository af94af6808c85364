import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { FragmentCache, fragmentCacheFile } from '../../src/site/fragment-cache.js';
import type { ItemView } from '../../src/site/site-structure.js';
import { keptUtf8 } from '../../src/site/utf8-slab.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-fragment-cache-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

/** What the cache reads of an item's view: its page path, its times and its feed's lang. */
function view(
  n: number,
  changedAt = '2021-12-25T00:10:00.000Z',
  lang: string | null = null,
): ItemView {
  return {
    path: `items/${n}.html`,
    item: { changedAt, firstSeen: '2021-12-25T00:10:00.000Z' },
    feed: { lang },
  } as unknown as ItemView;
}

/** Asks for each view's card; returns the cards and which ones had to be made. */
function cards(cache: FragmentCache, views: readonly ItemView[], label = 'new') {
  const made: string[] = [];
  const bytes = views.map((v) =>
    cache
      .fragment('card', v, () => {
        made.push(v.path);
        return Buffer.from(`<li>${label} ${v.path} 卡片</li>`, 'utf8');
      })
      .toString(),
  );
  return { bytes, made };
}

let n = 0;
const fileFor = (): string => path.join(dir, `site-${n++}`, 'public');

test('the cache file sits beside the output folder, not in it', () => {
  assert.equal(fragmentCacheFile('/srv/www/public'), '/srv/www/.public.tidings.fragments');
});

test('fragments written by one build are carried to the next under the same key only', () => {
  const file = fragmentCacheFile(fileFor());
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const views = [view(1), view(2), view(3)];
  const first = FragmentCache.empty('key-a');
  assert.equal(cards(first, views).made.length, 3);
  assert.equal(first.write(file, views), null);

  const again = FragmentCache.read(file, 'key-a');
  assert.equal(again.carried, 3);
  const carried = cards(again, views, 'other');
  assert.deepEqual(carried.made, [], 'nothing made: every card carried');
  assert.deepEqual(carried.bytes, views.map((v) => `<li>new ${v.path} 卡片</li>`)); // prettier-ignore

  // A changed item (another changedAt) is made again; another build key carries nothing.
  const edited = [view(1), view(2, '2022-01-01T00:00:00.000Z'), view(3)];
  assert.deepEqual(cards(FragmentCache.read(file, 'key-a'), edited).made, ['items/2.html']);
  // So is an item whose feed's language came to differ from the site's (its card gets lang).
  const marked = [view(1), view(2), view(3, undefined, 'en')];
  assert.deepEqual(cards(FragmentCache.read(file, 'key-a'), marked).made, ['items/3.html']);
  const otherKey = FragmentCache.read(file, 'key-b');
  assert.equal(otherKey.carried, 0);
  assert.equal(cards(otherKey, views).made.length, 3);
});

/** Both ways a file is read: whole (small files), and head by head then record by record. */
const READ_MODES = [
  { mode: 'whole', read: (file: string, key: string) => FragmentCache.read(file, key) },
  { mode: 'record by record', read: (file: string, key: string) => FragmentCache.read(file, key, undefined, 0) }, // prettier-ignore
];

for (const { mode, read } of READ_MODES) {
  test(`a rebuild appends what it made; a batch cut short is ignored and cut off (read ${mode})`, () => {
    const file = fragmentCacheFile(fileFor());
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const old = Array.from({ length: 50 }, (_, i) => view(i));
    const first = FragmentCache.empty('k');
    cards(first, old);
    first.write(file, old);
    const size = fs.statSync(file).size;

    // Two new items: the file grows by one small batch; the old bytes stay as they were.
    const grown = [view(100), view(101), ...old];
    const second = read(file, 'k');
    assert.deepEqual(cards(second, grown).made, ['items/100.html', 'items/101.html']);
    const before = fs.readFileSync(file);
    second.write(file, grown);
    const after = fs.readFileSync(file);
    assert.ok(after.length > size && after.length < size / 10 + size, 'appended, not rewritten');
    assert.ok(after.subarray(0, before.length).equals(before));
    assert.equal(read(file, 'k').carried, 52);

    // A crash half-way through the last append: its batch is ignored, the older ones used.
    fs.truncateSync(file, after.length - 5);
    const torn = read(file, 'k');
    assert.equal(torn.carried, 50);
    assert.deepEqual(cards(torn, grown).made, ['items/100.html', 'items/101.html']);
    torn.write(file, grown);
    assert.equal(fs.statSync(file).size, after.length, 'the torn batch cut off, appended again');
    assert.equal(read(file, 'k').carried, 52);
  });

  test(`a damaged or foreign file is no error: everything is made again (read ${mode})`, () => {
    const file = fragmentCacheFile(fileFor());
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const views = [view(1), view(2)];
    for (const bytes of [
      Buffer.from('not a cache at all'),
      Buffer.alloc(0),
      Buffer.from('tidings-fragments-1\nk\n\xff\xff\xff\x7f', 'latin1'),
    ]) {
      fs.writeFileSync(file, bytes);
      const cache = read(file, 'k');
      assert.equal(cache.carried, 0);
      assert.equal(cards(cache, views).made.length, 2);
      assert.equal(cache.write(file, views), null);
      assert.equal(read(file, 'k').carried, 2, 'written anew');
    }
    assert.equal(read(path.join(dir, 'missing'), 'k').carried, 0);
  });
}

test('items gone are dropped once they take more room than the live ones', () => {
  const file = fragmentCacheFile(fileFor());
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const many = Array.from({ length: 40 }, (_, i) => view(i));
  const first = FragmentCache.empty('k');
  cards(first, many);
  first.write(file, many);
  const few = many.slice(0, 5);
  const next = FragmentCache.read(file, 'k');
  cards(next, few);
  next.write(file, few);
  const rewritten = FragmentCache.read(file, 'k');
  // Small files are kept as they are up to 64 KB of dead bytes; this one is tiny.
  assert.equal(rewritten.carried, 40);

  // Large fragments: 40 × 4 KB gone, 5 live: written anew with the live ones only.
  const big = FragmentCache.empty('k');
  for (const v of many) big.fragment('card', v, () => Buffer.alloc(4096, 0x61));
  big.write(file, many);
  const shrunk = FragmentCache.read(file, 'k');
  for (const v of few) shrunk.fragment('card', v, () => assert.fail('carried'));
  shrunk.write(file, few);
  assert.equal(FragmentCache.read(file, 'k').carried, 5);
  assert.ok(fs.statSync(file).size < 5 * 4096 + 1024);
});

test('fragments made beyond the memory budget are spilled, read back the same, and cleaned up', () => {
  const file = fragmentCacheFile(fileFor());
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const spillFile = FragmentCache.spillFile(file);
  const views = Array.from({ length: 50 }, (_, i) => view(i));
  const inMemory = FragmentCache.empty('key-s');
  // Room for about two cards: the other 48 go to the spill file.
  const spilling = FragmentCache.empty('key-s', { file: spillFile, memoryBytes: 80 });
  const expected = cards(inMemory, views).bytes;
  assert.deepEqual(cards(spilling, views).bytes, expected);
  const again = cards(spilling, views, 'other');
  assert.deepEqual(again.made, [], 'asked again: read back, not made');
  assert.deepEqual(again.bytes, expected);
  assert.equal(spilling.write(file, views), null);
  const spilledFile = fs.readFileSync(file);
  assert.equal(inMemory.write(file, views), null);
  assert.deepEqual(spilledFile, fs.readFileSync(file), 'the same cache file');
  assert.ok(!fs.existsSync(spillFile), 'the spill file is gone after write');

  // A build that fails before writing closes the cache: no spill file is left either.
  const failed = FragmentCache.read(file, 'other-key', 0);
  cards(failed, views);
  failed.close();
  assert.deepEqual(
    fs.readdirSync(path.dirname(file)).filter((name) => name.includes('spill')),
    [],
  );
});

test('past its memory budget, a fragment is not encoded into the kept slab, and is read back where the caller says', () => {
  const file = fragmentCacheFile(fileFor());
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const keptSlab = (): ArrayBufferLike => keptUtf8.allocate(0).buffer;
  const text = (v: ItemView): string => `<li>${v.path} 卡片</li>`.repeat(120);
  // Within the budget, the text goes into the slab the build keeps to its end.
  const keeping = FragmentCache.empty('key-e', { file: FragmentCache.spillFile(file) });
  const kept = keeping.fragment('card', view(0), (encode) => encode(text(view(0))));
  assert.equal(kept.buffer, keptSlab());
  keeping.close();
  // Beyond it (spilled): a buffer of its own, garbage once used (the spill file has a copy). In
  // the kept slab, spilled fragments left dead slabs that V8 counts as external memory, and it
  // collected the whole heap every 64 MB of them.
  const spilling = FragmentCache.empty('key-e', {
    file: FragmentCache.spillFile(file),
    memoryBytes: 0,
  });
  // More than the spill's write buffer (1 MB), so the first ones are read back from the file.
  const views = Array.from({ length: 400 }, (_, i) => view(i));
  const made = views.map((v) => {
    const bytes = spilling.fragment('card', v, (encode) => encode(text(v)));
    assert.notEqual(bytes.buffer, keptSlab());
    return Buffer.from(bytes);
  });
  // Read back into what the caller gives: the river's scratch buffer (render-river.ts).
  const scratch = Buffer.alloc(64 * 1024);
  for (const at of [0, 399]) {
    const into = (size: number): Buffer => scratch.subarray(0, size);
    const bytes = spilling.fragment('card', views[at]!, () => assert.fail('made again'), into);
    assert.equal(bytes.buffer, scratch.buffer);
    assert.deepEqual(bytes, made[at]);
  }
  spilling.close();
});

/** Descriptors this process has open (Linux). */
const openFiles = (): number => fs.readdirSync('/proc/self/fd').length;

test('a cache read record by record keeps its file open until written or closed, and then closes it', () => {
  const file = fragmentCacheFile(fileFor());
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const views = Array.from({ length: 20 }, (_, i) => view(i));
  const first = FragmentCache.empty('k');
  cards(first, views);
  first.write(file, views);

  const before = openFiles();
  const written = FragmentCache.read(file, 'k', undefined, 0);
  assert.equal(openFiles(), before + 1, 'open while the build runs');
  assert.deepEqual(cards(written, views.slice(0, 3)).made, []);
  written.write(file, views);
  assert.equal(openFiles(), before, 'closed by write()');

  const failed = FragmentCache.read(file, 'k', undefined, 0);
  failed.close(); // a build that failed
  failed.close(); // twice is harmless
  assert.equal(openFiles(), before, 'closed by close()');
  // A foreign file is closed at once.
  const foreign = FragmentCache.read(file, 'another key', undefined, 0);
  assert.equal(foreign.carried, 0);
  assert.equal(openFiles(), before);
  // A file small enough to be read whole is closed at once.
  const whole = FragmentCache.read(file, 'k');
  assert.equal(openFiles(), before);
  assert.deepEqual(cards(whole, views.slice(0, 3)).made, []);
});

test('fragments are read from the file only when asked for, and a file overwritten meanwhile is not trusted', () => {
  const file = fragmentCacheFile(fileFor());
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const views = Array.from({ length: 30 }, (_, i) => view(i));
  const first = FragmentCache.empty('k');
  cards(first, views);
  first.write(file, views);

  // Read (the heads only), then another build's file lands over it in place (same inode),
  // with other items at the same offsets.
  const reading = FragmentCache.read(file, 'k', undefined, 0);
  assert.equal(reading.carried, 30);
  const others = Array.from({ length: 30 }, (_, i) => view(i + 1000));
  const other = FragmentCache.empty('k');
  cards(other, others, 'other');
  const otherFile = `${file}.other`;
  other.write(otherFile, others);
  fs.writeFileSync(file, fs.readFileSync(otherFile)); // O_TRUNC: the same file, new bytes

  // Nothing of the other build's bytes is shown as this item's card: it is made again.
  const asked = cards(reading, views.slice(0, 2), 'fresh');
  assert.deepEqual(asked.made, ['items/0.html', 'items/1.html']);
  assert.deepEqual(asked.bytes, ['<li>fresh items/0.html 卡片</li>', '<li>fresh items/1.html 卡片</li>']); // prettier-ignore
  // And the file is written anew (not appended to), so the next build reads it whole.
  reading.write(file, views);
  const next = FragmentCache.read(file, 'k', undefined, 0);
  assert.equal(next.carried, 2, 'only what this build made and could check');
  assert.deepEqual(cards(next, views.slice(0, 2)).bytes, asked.bytes);
});

test('heads are found across read windows: a file of ~3 MB carries every record intact', () => {
  const file = fragmentCacheFile(fileFor());
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // Records of uneven sizes (1–7,000 bytes), so heads fall at every offset of the 1 MB windows.
  const views = Array.from({ length: 900 }, (_, i) => view(i));
  const body = (i: number): Buffer => Buffer.alloc(1 + ((i * 7919) % 7000), 48 + (i % 10));
  const first = FragmentCache.empty('k');
  for (const [i, v] of views.entries()) {
    first.fragment('card', v, () => body(i));
    if (i % 3 === 0) first.fragment('rss', v, () => Buffer.from(`rss ${i}`));
  }
  first.write(file, views);
  assert.ok(fs.statSync(file).size > 3 * 1024 * 1024);

  for (const wholeFileBytes of [0, 32 * 1024 * 1024]) {
    const again = FragmentCache.read(file, 'k', undefined, wholeFileBytes);
    assert.equal(again.carried, 900);
    for (const [i, v] of [...views.entries()].reverse()) {
      assert.ok(again.fragment('card', v, () => assert.fail(`card ${i} made`)).equals(body(i)));
      const rss = again.fragment('rss', v, () => Buffer.from('made'));
      assert.equal(rss.toString(), i % 3 === 0 ? `rss ${i}` : 'made');
    }
    again.close();
  }
});

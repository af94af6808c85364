import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AsciiWordIds } from '../../src/search/ascii-word-ids.js';
import { searchCore } from '../../src/search/search-core.js';
import { buildSegment } from '../../src/search/search-segment.js';

/** term → [document, weight, …] of a one-shard segment. */
function postings(titles: string[], texts: string[]): Map<string, number[]> {
  const segment = buildSegment({ first: 0, titles, texts, shardCount: 1, folder: 't' });
  const terms = searchCore.parseShard(segment.files[0]!.content.toString('utf8'));
  return new Map([...terms].map(([term, encoded]) => [term, searchCore.decodePostings(encoded)]));
}

describe('words in the index (found by their characters, not as strings)', () => {
  test('every spelling of a word meets in one term: case, fullwidth, title and text', () => {
    const found = postings(
      ['Apple news', 'ＡＰＰＬＥ', 'nothing'],
      ['APPLE apple ApPlE', 'apple', 'Ａｐｐｌｅ and apple'],
    );
    assert.deepEqual([...found.keys()].sort(), ['and', 'apple', 'news', 'nothing']);
    const apple = found.get('apple')!;
    assert.deepEqual(
      [apple[0], apple[2], apple[4]],
      [0, 1, 2],
      'one posting per document, in order',
    );
    assert.equal(apple.length, 6, 'Ａｐｐｌｅ and apple in one text make one posting');
    // The same counts give the same weights as postingWeight makes them (title 1, text 3).
    assert.equal(apple[1], searchCore.postingWeight(1, 3, 3));
    assert.equal(apple[5], searchCore.postingWeight(0, 2, 3));
  });

  test('words that share a hash slot stay apart', () => {
    // Many distinct words of the same length force probing and growing the table.
    const words = Array.from({ length: 5000 }, (_, i) => `w${i.toString(36)}Q`);
    const found = postings(['t'], [words.join(' ')]);
    for (const word of words) assert.ok(found.has(word.toLowerCase()), word);
    assert.equal(found.size, words.length + 1);
  });
});

describe('AsciiWordIds', () => {
  test('finds a word by its characters, whatever their case, and only that word', () => {
    const ids = new AsciiWordIds();
    const text = 'xx Hello hello HELLO help hell helloo';
    assert.equal(ids.find(text, 3, 8), -1);
    ids.add(text, 3, 8, 7, 'hello');
    assert.equal(ids.find(text, 9, 14), 7);
    assert.equal(ids.find(text, 15, 20), 7);
    assert.equal(ids.find(text, 21, 25), -1, 'help');
    assert.equal(ids.find(text, 26, 30), -1, 'hell');
    assert.equal(ids.find(text, 31, 37), -1, 'helloo');
  });

  test('gives back ids that have gaps (shared with the CJK terms numbered between words)', () => {
    const ids = new AsciiWordIds();
    const words = Array.from({ length: 3000 }, (_, i) => `g${i}`);
    const idOf = (i: number): number => i * 7 + (i % 50 === 0 ? 100_000 * i : 0);
    words.forEach((word, i) => ids.add(word, 0, word.length, idOf(i), word));
    words.forEach((word, i) => assert.equal(ids.find(word, 0, word.length), idOf(i)));
    assert.equal(ids.find('g3000', 0, 5), -1);
  });

  test('keeps every id through growing', () => {
    const ids = new AsciiWordIds();
    const words = Array.from({ length: 20000 }, (_, i) => `k${i}`);
    words.forEach((word, i) => ids.add(word, 0, word.length, i, word));
    words.forEach((word, i) => assert.equal(ids.find(word.toUpperCase(), 0, word.length), i));
  });
});

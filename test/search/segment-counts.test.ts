import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CjkTermIds } from '../../src/search/cjk-term-ids.js';
import { searchCore } from '../../src/search/search-core.js';
import { buildSegment } from '../../src/search/search-segment.js';

/** term → [document, weight, …] of a one-shard segment. */
function postings(titles: string[], texts: string[]): Map<string, number[]> {
  const segment = buildSegment({ first: 0, titles, texts, shardCount: 1, folder: 't' });
  const terms = searchCore.parseShard(segment.files[0]!.content.toString('utf8'));
  return new Map([...terms].map(([term, encoded]) => [term, searchCore.decodePostings(encoded)]));
}

/** term → [document, weight, …] as the rules say, counting tokens plainly (tokenize). */
function expectedPostings(titles: string[], texts: string[]): Map<string, number[]> {
  const expected = new Map<string, number[]>();
  titles.forEach((title, doc) => {
    const titleTokens = searchCore.tokenize(title, true, true);
    const textTokens = searchCore.tokenize(texts[doc]!, false, true);
    const counts = new Map<string, [number, number]>();
    for (const token of titleTokens) (counts.get(token) ?? counts.set(token, [0, 0]).get(token)!)[0]++; // prettier-ignore
    for (const token of textTokens) (counts.get(token) ?? counts.set(token, [0, 0]).get(token)!)[1]++; // prettier-ignore
    for (const [term, [inTitle, inText]] of counts) {
      const list = expected.get(term) ?? expected.set(term, []).get(term)!;
      list.push(doc, searchCore.postingWeight(inTitle, inText, textTokens.length));
    }
  });
  return expected;
}

function sorted(map: Map<string, number[]>): [string, number[]][] {
  return [...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

describe('counts and weights of the postings', () => {
  test('each posting weighs its title and text counts, for every kind of token', () => {
    // Bigrams and unigrams of Han, kana, Hangul; astral Han (a surrogate pair) next to BMP Han,
    // compatibility ideographs (unified by the scanner); words in title and text.
    const titles = ['制造业 税', '𠀋𠀋中 日本語', 'Apple 苹果', '한국어 뉴스', '豈更 更'];
    const texts = [
      '制造业竞争力 制造业 税 税收 tax Tax',
      '𠀋中𠀋 中𠀋 日本語のニュース 𠀋',
      'apple APPLE 苹果手机 苹果',
      '한국어 한국 뉴스 news',
      '豈 更新 更 豈更',
    ];
    assert.deepEqual(sorted(postings(titles, texts)), sorted(expectedPostings(titles, texts)));
  });

  test('counts stay exact in a text or title longer than 0xffff characters', () => {
    // 70,000 occurrences of one term do not fit 16 bits: counted in the packed form, they
    // would spill into the title's count and change the weight.
    const titles = ['short', '税 '.repeat(70_000), 'after'];
    const texts = ['ab '.repeat(70_000), 'cd 税', 'ab 税 ab'];
    const found = postings(titles, texts);
    const expected = expectedPostings(titles, texts);
    assert.deepEqual(found.get('ab'), expected.get('ab'));
    assert.deepEqual(found.get('税'), expected.get('税'));
    assert.deepEqual(sorted(found), sorted(expected));
  });

  test('counts stay exact while the tables grow', () => {
    // Thousands of distinct bigrams, a few hundred new in each document: the table of CJK ids
    // and the counts grow several times.
    let seed = 7;
    const next = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
    const han = (): string => String.fromCharCode(0x4e00 + (next() % 3000));
    const titles: string[] = [];
    const texts: string[] = [];
    for (let doc = 0; doc < 40; doc++) {
      titles.push(Array.from({ length: 30 }, han).join(''));
      texts.push(Array.from({ length: 600 }, () => (next() % 9 === 0 ? ' ' : han())).join(''));
    }
    assert.deepEqual(sorted(postings(titles, texts)), sorted(expectedPostings(titles, texts)));
  });
});

describe('CjkTermIds', () => {
  test('tells a bigram, its characters alone and astral pairs apart', () => {
    const ids = new CjkTermIds();
    const pairs: [number, number][] = [
      [0x4e2d, 0x6587], // 中文
      [0x4e2d, -1], // 中
      [0x6587, 0x4e2d], // 文中
      [0x6587, -1],
      [0x2000b, 0x4e2d], // 𠀋中
      [0x4e2d, 0x2000b], // 中𠀋
      [0x2000b, -1],
      [0x2000b, 0x2000b],
    ];
    pairs.forEach(([first, second]) => assert.equal(ids.find(first, second), -1));
    pairs.forEach(([first, second], id) => ids.add(first, second, id));
    pairs.forEach(([first, second], id) => assert.equal(ids.find(first, second), id));
    assert.equal(ids.find(0x4e2d, 0x4e2d), -1);
    assert.equal(ids.find(0x2000b, 0x6587), -1);
  });

  test('keeps every id through growing', () => {
    const ids = new CjkTermIds();
    let id = 0;
    for (let first = 0x4e00; first < 0x4e00 + 600; first++) {
      for (let second = 0x9fff - 500; second <= 0x9fff; second += 2) ids.add(first, second, id++);
    }
    id = 0;
    for (let first = 0x4e00; first < 0x4e00 + 600; first++) {
      for (let second = 0x9fff - 500; second <= 0x9fff; second += 2) {
        assert.equal(ids.find(first, second), id++);
        assert.equal(ids.find(first, second - 1), -1);
      }
    }
  });
});

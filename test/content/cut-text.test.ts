import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { cutText } from '../../src/content/cut-text.js';

/** No lone surrogate: the string is valid UTF-16 (String#isWellFormed is ES2024). */
const isWellFormed = (s: string) => !/\p{Surrogate}/u.test(s);

const count = (s: string) =>
  [...new Intl.Segmenter('und', { granularity: 'grapheme' }).segment(s)].length;

describe('cutText', () => {
  test('short text is unchanged', () => {
    assert.equal(cutText('短文本', 140), '短文本');
    assert.equal(cutText('x'.repeat(140), 140), 'x'.repeat(140));
  });

  test('Chinese is cut by characters, each Han character counting one', () => {
    const text =
      '国家统计局今天发布数据显示，十月份全国规模以上工业增加值同比增长百分之五点三。'.repeat(5);
    const cut = cutText(text, 140);
    assert.equal(count(cut), 140);
    assert.ok(cut.endsWith('…'));
    assert.ok(text.startsWith(cut.slice(0, -1)));
  });

  test('punctuation is not left before the ellipsis', () => {
    assert.equal(cutText('一二三四，五六七八', 6), '一二三四…');
    assert.equal(cutText('第一句，第二句。', 5), '第一句…');
  });

  test('English is cut at a word boundary', () => {
    const text =
      'The city council approved the new cycling plan on Tuesday evening after a long debate about parking, ' +
      'bus lanes and the cost of maintaining the existing network of paths.';
    const cut = cutText(text, 140);
    assert.ok(count(cut) <= 140);
    assert.ok(cut.endsWith('…'));
    const words = cut.slice(0, -1);
    assert.ok(text.startsWith(words));
    assert.match(text.slice(words.length), /^[\s,]/, `cut inside a word: ${cut}`);
  });

  test('one very long word is cut anyway', () => {
    const cut = cutText('a'.repeat(300), 140);
    assert.equal(cut, 'a'.repeat(139) + '…');
  });

  test('in mixed text a Latin word is not split either', () => {
    assert.equal(cutText('今天发布了新的 TypeScript 版本', 12), '今天发布了新的…');
    assert.equal(cutText('中文中文中文abcdefgh', 10), '中文中文中文…');
    assert.equal(cutText('我们用了Go语言和Rust语言', 10), '我们用了Go语言和…');
  });

  test('surrogate pairs and emoji sequences are never split', () => {
    const emoji = '😀'.repeat(20);
    const cut = cutText(emoji, 10);
    assert.equal(cut, '😀'.repeat(9) + '…');
    assert.ok(isWellFormed(cut));
    const family = '👨\u200d👩\u200d👧'.repeat(5);
    assert.equal(cutText(family, 3), '👨\u200d👩\u200d👧'.repeat(2) + '…');
    const rare = '𠀋𠀌𠀍𠀎𠀏𠀐'; // CJK Extension B: outside the BMP
    assert.equal(cutText(rare, 4), '𠀋𠀌𠀍…');
    assert.ok(isWellFormed(cutText(rare, 4)));
  });

  test('combining accents stay with their letter', () => {
    const text = 'e\u0301'.repeat(10);
    assert.equal(cutText(text, 5), 'e\u0301'.repeat(4) + '…');
  });

  test('a mark or joiner right after plain text still counts with its letter', () => {
    // Plain Latin/CJK text skips the segmenter; what follows the cut must still be looked at.
    assert.equal(cutText('abcde\u0301', 5), 'abcde\u0301');
    assert.equal(cutText('abcd\r\n', 5), 'abcd\r\n');
    assert.equal(cutText('一二三四か\u3099', 5), '一二三四か\u3099');
    assert.equal(cutText('一二三四五か\u3099', 5), '一二三四…');
    assert.equal(cutText('한국어입니\u11a8다', 6), '한국어입니\u11a8다');
  });
});

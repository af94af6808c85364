import { hanFoldPairs } from './han-fold-pairs.js';

/**
 * The search core — tokenizer, shard hashing, posting codec, ranking — as ONE piece of plain
 * JavaScript source. The site ships this exact text to browsers inside `search.js`, and Node
 * evaluates the same text (search-core.ts) to build the index, so build-time and query-time
 * tokenisation cannot drift: there is only one copy. It is a string, not a TypeScript function
 * turned into text with `toString()`, because tsx (our test runner) rewrites functions
 * (`__name(...)` wrappers) and the text would then not run in a browser.
 *
 * Rules for this source: ES2017 syntax, `'use strict'`, no template literals (the file is a
 * template literal), no dependencies, no DOM. test/search/search-core.test.ts checks it.
 *
 * Tokens (see docs/search.md for why):
 * - CJK (Han, kana, Hangul): overlapping character bigrams, as Lucene's CJK analyzer makes them,
 *   Traditional Chinese characters folded to Simplified ones (han-fold-pairs.ts), so 動畫 and
 *   动画 are one term. A run of one CJK character gives that character. With `unigrams` (used for titles), every
 *   CJK character also gives itself, so a one-character query finds titles containing it.
 * - Other letters, digits and combining marks (fullwidth ones too): runs form words,
 *   NFKC-normalised (ＡＢＣ１２３ → abc123) and lowercased. Words over 40 characters are dropped
 *   (URLs, hashes, base64 — not things people search for). A point between two digits is part
 *   of the word (4.8, ４．８), and so is a comma before three digits (1,000, term 1000); the
 *   index also has the number's parts (numberParts), and words joined by hyphens joined
 *   (wifi for Wi-Fi).
 * - Everything else separates tokens.
 * CJK tokens are reported as code points (first, second; second is -1 for a single character)
 * so the indexer never builds a string per bigram; `cjkText` turns them into the token text.
 */
const CORE_TEMPLATE = String.raw`(function () {
  'use strict';
  var MAX_WORD = 40;
  var LETTER = /[\p{L}\p{N}\p{M}]/u;
  // 0 = not looked up yet, 1 = word character, 2 = separator; for non-ASCII BMP code units.
  var wordClass = new Uint8Array(65536);
  var compat = new Map();

  function isCjk(cp) {
    return (
      (cp >= 0x4e00 && cp <= 0x9fff) ||
      (cp >= 0x3400 && cp <= 0x4dbf) ||
      (cp >= 0xac00 && cp <= 0xd7a3) ||
      (cp >= 0x3041 && cp <= 0x3096) ||
      (cp >= 0x309d && cp <= 0x309f) ||
      (cp >= 0x30a1 && cp <= 0x30fa) ||
      (cp >= 0x30fc && cp <= 0x30ff) ||
      (cp >= 0x3005 && cp <= 0x3007) ||
      (cp >= 0xf900 && cp <= 0xfaff) ||
      (cp >= 0x20000 && cp <= 0x3134f)
    );
  }

  var SEPARATOR = 0;
  var WORD = 1;
  var CJK = 2;
  var ASCII_KIND = new Uint8Array(128);
  for (var a = 0; a < 128; a++) {
    var isAlnum = (a >= 0x30 && a <= 0x39) || (a >= 0x61 && a <= 0x7a) || (a >= 0x41 && a <= 0x5a);
    ASCII_KIND[a] = isAlnum ? WORD : SEPARATOR;
  }

  /** SEPARATOR, WORD or CJK for a code point that is not ASCII. */
  function kindOf(cp) {
    if (cp >= 0x3005 && isCjk(cp)) return CJK;
    // Fullwidth ASCII letters and digits are word characters; NFKC folds them later.
    return isWordChar(cp >= 0xff01 && cp <= 0xff5e ? cp - 0xfee0 : cp) ? WORD : SEPARATOR;
  }

  function isWordChar(cp) {
    if (cp < 0x80) {
      return (cp >= 0x30 && cp <= 0x39) || (cp >= 0x61 && cp <= 0x7a) || (cp >= 0x41 && cp <= 0x5a);
    }
    if (cp > 0xffff) return LETTER.test(String.fromCodePoint(cp));
    var known = wordClass[cp];
    if (known === 0) {
      known = LETTER.test(String.fromCharCode(cp)) ? 1 : 2;
      wordClass[cp] = known;
    }
    return known === 1;
  }

  // Traditional Chinese characters fold to Simplified ones, one for one (han-fold-pairs.ts),
  // so that a query in either script finds text in the other.
  var HAN_FOLD_FIRST = 0x3400;
  var HAN_FOLD_END = 0xa000;
  var hanFold = new Uint16Array(HAN_FOLD_END - HAN_FOLD_FIRST);
  (function (pairs) {
    for (var p = 0; p + 1 < pairs.length; p += 2) {
      hanFold[pairs.charCodeAt(p) - HAN_FOLD_FIRST] = pairs.charCodeAt(p + 1);
    }
  })('__HAN_FOLD_PAIRS__');

  function foldHan(cp) {
    if (cp < HAN_FOLD_FIRST || cp >= HAN_FOLD_END) return cp;
    var folded = hanFold[cp - HAN_FOLD_FIRST];
    return folded === 0 ? cp : folded;
  }

  /**
   * The text with each CJK character as the tokenizer sees it (compatibility ideographs
   * unified, Traditional folded), character for character: the same length, so that places
   * found in it are places in the text (the results' highlights).
   */
  function foldCjkText(text) {
    var out = '';
    for (var i = 0; i < text.length; i++) {
      var c = text.charCodeAt(i);
      var unified = unifyCjk(c);
      out += String.fromCharCode(foldHan(unified > 0xffff ? c : unified));
    }
    return out;
  }

  // CJK compatibility ideographs (U+F900–FAFF) mean the same as unified ones: NFKC maps them.
  function unifyCjk(cp) {
    if (cp < 0xf900 || cp > 0xfaff) return cp;
    var unified = compat.get(cp);
    if (unified === undefined) {
      unified = String.fromCharCode(cp).normalize('NFKC').codePointAt(0);
      compat.set(cp, unified);
    }
    return unified;
  }

  /**
   * The term of a word: the text from start to end, NFKC-normalised (which folds fullwidth
   * ASCII, ＡＢＣ１２３, and ligatures) and lowercased. plainAscii: the word has only ASCII
   * characters (then NFKC changes nothing).
   */
  function wordText(text, start, end, plainAscii) {
    var word = text.slice(start, end);
    if (plainAscii) return word.toLowerCase();
    // A joined word (1,000 and Wi-Fi, see scanTokenRanges) is the term without its joiners.
    if (word.indexOf(',') >= 0 || word.indexOf('-') >= 0) word = word.replace(/[,-]/g, '');
    return word.normalize('NFKC').toLowerCase();
  }

  /** The term of a word and the CJK character after it (onWordCjk): a5 and 月 → a5月. */
  function wordCjkText(text, start, end, plainAscii, cjk) {
    return wordText(text, start, end, plainAscii) + String.fromCodePoint(cjk);
  }

  /** The term of a CJK character and the word after it (onCjkWord): 第 and 5 → 第5. */
  function cjkWordText(text, start, end, plainAscii, cjk) {
    return String.fromCodePoint(cjk) + wordText(text, start, end, plainAscii);
  }

  /**
   * The one tokenizer: indexing and querying both come through here. Calls onCjk(first,
   * second) for each CJK token (second = -1 for one character) and onWordAt(start, end,
   * plainAscii) for each word, a range of the text (wordText gives its term), in text order.
   * A word followed straight by a CJK character also gives a token of both, onWordCjk(start,
   * end, plainAscii, cjk, cjkEnd) after the word (wordCjkText gives its term: A股 → a股), so
   * that a query typed that way (A股, 5月, 3000亿) needs them together, not just any text with
   * the word a or the number 5 (the lone character of such a query is not a token of texts
   * that have it in a bigram, so it cannot be required). The mirror case, a CJK character
   * followed straight by a word (第5届, 买iPhone), gives onCjkWord(start, end, plainAscii, cjk)
   * after the word and before its onWordCjk (cjkWordText gives its term: 第5), so that 第5届
   * needs 第5 and 5届, not any text with a 5.
   * A run of ASCII word characters, the bulk of English text, is crossed by a loop of its own.
   * A number with decimal points (4.8, 3.14.2) or thousands separators (1,000, whose term is
   * 1000) is one word; with numberParts (the index), its parts around the points and commas
   * (4 and 8) are words too, before it, so that 15 finds iOS 15.4 while the query 4.8 looks up
   * 4.8 alone. With numberParts, words joined by hyphens (Wi-Fi, COVID-19) also give the
   * compound without them (wifi, covid19), after the last, so that the query wifi finds Wi-Fi;
   * a query keeps the words apart (Wi-Fi looks up wi and fi, as before). A compound needs a
   * letter: dates and phone numbers (2021-12-25) would only fill the index.
   */
  function scanTokenRanges(text, unigrams, onCjk, onWordAt, numberParts, onWordCjk, onCjkWord) {
    var length = text.length;
    var i = 0;
    // Where the hyphenated compound being read began, or -1.
    var compoundStart = -1;
    while (i < length) {
      var cp = text.charCodeAt(i);
      if (cp < 0x80) {
        if (ASCII_KIND[cp] === SEPARATOR) {
          i++;
          continue;
        }
      }
      var width = 1;
      if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < length) {
        var low = text.charCodeAt(i + 1);
        if (low >= 0xdc00 && low <= 0xdfff) {
          cp = (cp - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
          width = 2;
        }
      }
      var kind = cp < 0x80 ? WORD : cp >= 0x4e00 && cp <= 0x9fff ? CJK : kindOf(cp);
      if (kind === WORD) {
        var start = i;
        var plainAscii = cp < 0x80;
        // A number's parts around its decimal points and thousands separators.
        var partStart = i;
        var partPlain = plainAscii;
        var parted = false;
        i += width;
        for (;;) {
          while (i < length) {
            cp = text.charCodeAt(i);
            if (cp < 0x80) {
              if (ASCII_KIND[cp] === SEPARATOR) break;
              i++;
              continue;
            }
            width = 1;
            if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < length) {
              low = text.charCodeAt(i + 1);
              if (low >= 0xdc00 && low <= 0xdfff) {
                cp = (cp - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
                width = 2;
              }
            }
            if ((cp >= 0x4e00 && cp <= 0x9fff) || kindOf(cp) !== WORD) break;
            plainAscii = false;
            partPlain = false;
            i += width;
          }
          if (!isDecimalPointAt(text, i) && !isThousandsCommaAt(text, i)) break;
          if (numberParts && i - partStart <= MAX_WORD) onWordAt(partStart, i, partPlain);
          // Not plain: a fullwidth point (NFKC folds it), a comma (wordText drops it).
          if (text.charCodeAt(i) !== 0x2e) plainAscii = false;
          parted = true;
          i++;
          partStart = i;
          partPlain = true;
        }
        if (parted && numberParts && i - partStart <= MAX_WORD) onWordAt(partStart, i, partPlain);
        if (i - start <= MAX_WORD) {
          onWordAt(start, i, plainAscii);
          if (onCjkWord && start > 0) {
            var before = cjkBefore(text, start);
            if (before >= 0) onCjkWord(start, i, plainAscii, before);
          }
          var cjk = cjkAt(text, i);
          if (cjk >= 0) onWordCjk(start, i, plainAscii, cjk, i + (cjk > 0xffff ? 2 : 1));
        }
        if (numberParts) {
          if (text.charCodeAt(i) === 0x2d && isAsciiAlnum(text.charCodeAt(i + 1))) {
            if (compoundStart < 0) compoundStart = start;
          } else if (compoundStart >= 0) {
            if (i - compoundStart <= MAX_WORD && hasAsciiLetter(text, compoundStart, i)) {
              onWordAt(compoundStart, i, false);
            }
            compoundStart = -1;
          }
        }
      } else if (kind === CJK) {
        var previous = foldHan(unifyCjk(cp));
        if (unigrams) onCjk(previous, -1);
        var runLength = 1;
        i += width;
        while (i < length) {
          cp = text.charCodeAt(i);
          width = 1;
          if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < length) {
            low = text.charCodeAt(i + 1);
            if (low >= 0xdc00 && low <= 0xdfff) {
              cp = (cp - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
              width = 2;
            }
          }
          if (!(cp >= 0x4e00 && cp <= 0x9fff)) {
            if (cp < 0x3005 || kindOf(cp) !== CJK) break;
            cp = unifyCjk(cp);
          }
          cp = foldHan(cp);
          onCjk(previous, cp);
          if (unigrams) onCjk(cp, -1);
          previous = cp;
          runLength++;
          i += width;
        }
        if (runLength === 1 && !unigrams) onCjk(previous, -1);
      } else {
        i += width;
      }
    }
  }

  function isDigitCode(c) {
    return (c >= 0x30 && c <= 0x39) || (c >= 0xff10 && c <= 0xff19);
  }

  /**
   * Whether text[i] is a point between two digits (ASCII or fullwidth): 4.8%, ４．８％. Such a
   * point does not end a word (as in Unicode's word boundaries, UAX #29): a query for 4.8% is
   * about 4.8, not about any text with a 4 and an 8.
   */
  function isDecimalPointAt(text, i) {
    var c = text.charCodeAt(i);
    return (
      (c === 0x2e || c === 0xff0e) &&
      i > 0 &&
      isDigitCode(text.charCodeAt(i - 1)) &&
      isDigitCode(text.charCodeAt(i + 1))
    );
  }

  /**
   * Whether text[i] is a thousands separator: a comma after an ASCII digit and before exactly
   * three (1,000 and 39,154, not 1,2 or the list 2019,2020), as in UAX #29, so that 1,000 and
   * 1000 are one term.
   */
  function isThousandsCommaAt(text, i) {
    return (
      text.charCodeAt(i) === 0x2c &&
      isAsciiDigit(text.charCodeAt(i - 1)) &&
      isAsciiDigit(text.charCodeAt(i + 1)) &&
      isAsciiDigit(text.charCodeAt(i + 2)) &&
      isAsciiDigit(text.charCodeAt(i + 3)) &&
      !isDigitCode(text.charCodeAt(i + 4))
    );
  }

  /**
   * The CJK character at text[i] as the tokenizer sees it (unified, folded: as in a bigram), or
   * -1 if there is none. An astral one is returned as its code point, unfolded.
   */
  function cjkAt(text, i) {
    var c = text.charCodeAt(i);
    if (!(c >= 0x3005)) return -1;
    if (c >= 0x4e00 && c <= 0x9fff) return foldHan(c);
    if (c >= 0xd800 && c <= 0xdbff) {
      var low = text.charCodeAt(i + 1);
      if (!(low >= 0xdc00 && low <= 0xdfff)) return -1;
      var cp = (c - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
      return isCjk(cp) ? cp : -1;
    }
    return isCjk(c) ? foldHan(unifyCjk(c)) : -1;
  }

  /** The CJK character that ends right before text[i] (as cjkAt gives it), or -1. */
  function cjkBefore(text, i) {
    var c = text.charCodeAt(i - 1);
    if (!(c >= 0xdc00 && c <= 0xdfff)) return cjkAt(text, i - 1);
    // A low surrogate: CJK beyond the BMP with its high one, else a lone one (no character).
    var high = text.charCodeAt(i - 2);
    return high >= 0xd800 && high <= 0xdbff ? cjkAt(text, i - 2) : -1;
  }

  function isAsciiDigit(c) {
    return c >= 0x30 && c <= 0x39;
  }

  function isAsciiAlnum(c) {
    return c < 0x80 && ASCII_KIND[c] === WORD;
  }

  function hasAsciiLetter(text, start, end) {
    for (var k = start; k < end; k++) {
      var c = text.charCodeAt(k) | 0x20;
      if (c >= 0x61 && c <= 0x7a) return true;
    }
    return false;
  }

  /** scanTokenRanges with each word's term (a string) instead of its range. */
  function scanTokens(text, unigrams, onCjk, onWord, numberParts) {
    scanTokenRanges(
      text,
      unigrams,
      onCjk,
      function (start, end, plainAscii) {
        onWord(wordText(text, start, end, plainAscii));
      },
      numberParts,
      function (start, end, plainAscii, cjk) {
        onWord(wordCjkText(text, start, end, plainAscii, cjk));
      },
      function (start, end, plainAscii, cjk) {
        onWord(cjkWordText(text, start, end, plainAscii, cjk));
      },
    );
  }

  /** The text of a CJK token. */
  function cjkText(first, second) {
    return second < 0 ? String.fromCodePoint(first) : String.fromCodePoint(first, second);
  }

  /**
   * Every token of the text as a string, in order, repeats included. unigrams and numberParts
   * as the index asks for them (a title: both; a text: numberParts); a query asks for neither.
   */
  function tokenize(text, unigrams, numberParts) {
    var tokens = [];
    scanTokens(
      text,
      !!unigrams,
      function (first, second) {
        tokens.push(cjkText(first, second));
      },
      function (word) {
        tokens.push(word);
      },
      !!numberParts,
    );
    return tokens;
  }

  /** Whether a token (as tokenize returns it) is CJK, i.e. matched inside text, not as a word. */
  function isCjkToken(token) {
    var first = token.codePointAt(0);
    if (!isCjk(first)) return false;
    // A CJK character and a word (第5, onCjkWord) is a word-like term: its second is no CJK.
    var width = first > 0xffff ? 2 : 1;
    return token.length === width || isCjk(token.codePointAt(width));
  }

  /** Whether a token is one CJK character (not a bigram): the title's unigrams, a lone run. */
  function isLoneCjkToken(token) {
    return isCjkToken(token) && token.length === String.fromCodePoint(token.codePointAt(0)).length;
  }

  /**
   * Where the terms (as search returns them) occur in a text: [start, end) ranges, sorted and
   * merged, to be highlighted. Words are found as the tokenizer finds them (whole words, by
   * their normalised term: ＳＳＩＤ and ssid, iPhone inside 禁用iPhone无线), CJK terms anywhere
   * in the text folded as the tokenizer folds it (動畫 for 动画). A range never splits a
   * character: words end where the tokenizer ends them, CJK terms are whole code points.
   */
  function matchRanges(text, terms) {
    var words = new Set();
    var cjk = [];
    for (var t = 0; t < terms.length; t++) {
      if (isCjkToken(terms[t])) cjk.push(terms[t]);
      else words.add(terms[t]);
    }
    var ranges = [];
    if (words.size > 0) {
      // With the number parts the index has: 8 marks the 8 of 9.8 (a document found by it).
      scanTokenRanges(
        text,
        false,
        function () {},
        function (start, end, plainAscii) {
          if (words.has(wordText(text, start, end, plainAscii))) ranges.push([start, end]);
        },
        true,
        function (start, end, plainAscii, cjk, cjkEnd) {
          if (words.has(wordCjkText(text, start, end, plainAscii, cjk))) {
            ranges.push([start, cjkEnd]);
          }
        },
        function (start, end, plainAscii, cjk) {
          if (words.has(cjkWordText(text, start, end, plainAscii, cjk))) {
            ranges.push([start - (cjk > 0xffff ? 2 : 1), end]);
          }
        },
      );
    }
    if (cjk.length > 0) {
      var folded = foldCjkText(text);
      cjk.forEach(function (term) {
        for (var at = folded.indexOf(term); at >= 0; at = folded.indexOf(term, at + 1)) {
          ranges.push([at, at + term.length]);
        }
      });
    }
    ranges.sort(function (a, b) {
      return a[0] - b[0] || b[1] - a[1];
    });
    var merged = [];
    ranges.forEach(function (range) {
      var last = merged[merged.length - 1];
      if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
      else merged.push([range[0], range[1]]);
    });
    return merged;
  }

  /** Which shard file holds a term: FNV-1a of its UTF-16 code units; shardCount is 2^k. */
  function shardOf(term, shardCount) {
    var hash = 0x811c9dc5;
    for (var i = 0; i < term.length; i++) {
      hash = Math.imul(hash ^ term.charCodeAt(i), 0x01000193);
    }
    return (hash >>> 0) & (shardCount - 1);
  }

  // Posting lists are text: numbers in base 32, most significant group first; the last group
  // of a number comes from the first 32 characters of DIGITS, the others from the last 32.
  var DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVabcdefghijklmnopqrstuvwxyzWXYZ-_';
  var DIGIT_VALUE = new Int8Array(128).fill(-1);
  for (var d = 0; d < 64; d++) DIGIT_VALUE[DIGITS.charCodeAt(d)] = d;

  /** Appends number n (a non-negative integer) to the array of characters out. */
  function encodeNumber(n, out) {
    var groups = [];
    do {
      groups.push(n % 32);
      n = Math.floor(n / 32);
    } while (n > 0);
    for (var g = groups.length - 1; g > 0; g--) out.push(DIGITS[32 + groups[g]]);
    out.push(DIGITS[groups[0]]);
  }

  /** The numbers in an encoded string; throws on a character that is not a digit. */
  function decodeNumbers(text) {
    var numbers = [];
    var value = 0;
    for (var i = 0; i < text.length; i++) {
      var c = text.charCodeAt(i);
      var v = c < 128 ? DIGIT_VALUE[c] : -1;
      if (v < 0) throw new Error('Bad character in a posting list at ' + i);
      if (v >= 32) {
        value = value * 32 + (v - 32);
      } else {
        numbers.push(value * 32 + v);
        value = 0;
      }
    }
    return numbers;
  }

  // A posting's weight is BM25's term-frequency part (k1 = 1.2, b = 0.75) for the text plus
  // TITLE_BOOST times it for the title, quantised to 1..WEIGHT_LEVELS. The document length is
  // compared with a fixed AVERAGE_LENGTH, not the corpus average: then a posting depends only
  // on its own document, and adding documents does not change old postings.
  var K1 = 1.2;
  var B = 0.75;
  var TITLE_BOOST = 2;
  var AVERAGE_LENGTH = 400;
  var WEIGHT_LEVELS = 31;
  var MAX_WEIGHT = (K1 + 1) * (1 + TITLE_BOOST);

  function postingWeight(titleCount, textCount, textLength) {
    var norm = K1 * (1 - B + (B * textLength) / AVERAGE_LENGTH);
    var w = 0;
    if (textCount > 0) w += (textCount * (K1 + 1)) / (textCount + norm);
    if (titleCount > 0) w += (TITLE_BOOST * (titleCount * (K1 + 1))) / (titleCount + K1);
    return Math.max(1, Math.min(WEIGHT_LEVELS, Math.round((w / MAX_WEIGHT) * WEIGHT_LEVELS)));
  }

  /** [document, weight, document, weight, …] from an encoded posting list. */
  function decodePostings(encoded) {
    var numbers = decodeNumbers(encoded);
    if (numbers.length % 2 !== 0) throw new Error('A posting list has an odd count of numbers');
    var doc = 0;
    for (var i = 0; i < numbers.length; i += 2) {
      doc += numbers[i];
      numbers[i] = doc;
    }
    return numbers;
  }

  /** Term → encoded postings, from a shard file (lines of term TAB postings). */
  function parseShard(text) {
    var terms = new Map();
    var lines = text.split('\n');
    for (var i = 0; i < lines.length; i++) {
      var line = lines[i];
      if (line === '') continue;
      var tab = line.indexOf('\t');
      if (tab < 1) throw new Error('Bad shard line ' + (i + 1));
      terms.set(line.slice(0, tab), line.slice(tab + 1));
    }
    return terms;
  }

  /** Share of a query's distinct terms a document must contain to be a result. */
  var MIN_MATCH_SHARE = 0.6;
  /**
   * Distinct terms of a query that are looked up (the first ones): each costs two shard files,
   * and a pasted sentence must not download half the index. 12 terms is a 13-character
   * Chinese phrase.
   */
  var MAX_QUERY_TERMS = 12;

  /**
   * A searcher over an index folder. fetchText(path) resolves to the text of a file of the
   * index (path relative to the index folder: 'index.json', 't/12.txt', 'd/3.json').
   */
  function createSearcher(fetchText) {
    var manifest = null;
    var shards = new Map();
    var chunks = new Map();

    function loadManifest() {
      if (!manifest) {
        manifest = fetchText('index.json').then(function (text) {
          var parsed = JSON.parse(text);
          if (parsed.format !== 1) throw new Error('Unknown search index format ' + parsed.format);
          return parsed;
        });
        manifest.catch(function () {
          manifest = null;
        });
      }
      return manifest;
    }

    var NO_POSTINGS = Promise.resolve(new Map());

    /** Shard n of a segment: folder 't' (main) or 'u' (tail). */
    function loadShard(folder, n) {
      var path = folder + '/' + n + '.txt';
      var shard = shards.get(path);
      if (!shard) {
        shard = fetchText(path).then(parseShard);
        shards.set(path, shard);
        shard.catch(function () {
          shards.delete(path);
        });
      }
      return shard;
    }

    /**
     * A term's postings in both segments: main, then tail (whose documents come after). A
     * segment of no characters (a small site's main one) has only empty shards: not fetched.
     */
    function postingsOf(index, term) {
      return Promise.all([
        index.mainChars === 0 ? NO_POSTINGS : loadShard('t', shardOf(term, index.shards)),
        index.tailChars === 0 ? NO_POSTINGS : loadShard('u', shardOf(term, index.tailShards)),
      ]).then(function (pair) {
        var main = pair[0].get(term);
        var tail = pair[1].get(term);
        var postings = main === undefined ? [] : decodePostings(main);
        return tail === undefined ? postings : postings.concat(decodePostings(tail));
      });
    }

    function loadChunk(n) {
      var chunk = chunks.get(n);
      if (!chunk) {
        chunk = fetchText('d/' + n + '.json').then(JSON.parse);
        chunks.set(n, chunk);
        chunk.catch(function () {
          chunks.delete(n);
        });
      }
      return chunk;
    }

    /**
     * Ranks documents for a query. Resolves to { terms, hits: [{ doc, score, matched,
     * required }] }, best first: documents with more of the query's terms first (its required
     * ones, then all), then by BM25 score, then newer (higher document number) first. A
     * document needs MIN_MATCH_SHARE of the (required) terms, so
     * a CJK run typed without spaces still finds text where a bigram across its word
     * boundary (业竞 in 制造业竞争力) does not occur. Terms are counted as often as the query
     * has them: 苹果苹果 is 苹果 twice and 果苹 once, and text with 苹果 has 2 of its 3.
     * A lone CJK character of the query (亿 in 3000亿, 氪 in 36氪) is a token of the text only
     * where it stands alone there too (or in a title): elsewhere the text holds its bigrams
     * (亿元), so it is not required, only ranked, when the query has other terms: 36氪 finds
     * the text 36氪获悉, and not a title that has 氪 without 36.
     */
    function search(query) {
      var tokens = tokenize(query, false);
      var counts = new Map();
      tokens.forEach(function (token) {
        counts.set(token, (counts.get(token) || 0) + 1);
      });
      var terms = Array.from(counts.keys()).slice(0, MAX_QUERY_TERMS);
      if (terms.length === 0) return Promise.resolve({ terms: terms, hits: [] });
      var total = 0;
      var required = 0;
      terms.forEach(function (term) {
        total += counts.get(term);
        if (!isLoneCjkToken(term)) required += counts.get(term);
      });
      var needed = Math.max(1, Math.ceil((required > 0 ? required : total) * MIN_MATCH_SHARE));
      return loadManifest().then(function (index) {
        return Promise.all(
          terms.map(function (term) {
            return postingsOf(index, term);
          }),
        ).then(function (lists) {
          var scores = new Map();
          for (var t = 0; t < lists.length; t++) {
            var postings = lists[t];
            var df = postings.length / 2;
            if (df === 0) continue;
            var idf = Math.log(1 + (index.documents - df + 0.5) / (df + 0.5));
            for (var p = 0; p < postings.length; p += 2) {
              var doc = postings[p];
              var entry = scores.get(doc);
              if (!entry) {
                entry = { doc: doc, score: 0, matched: 0, required: 0 };
                scores.set(doc, entry);
              }
              entry.score += (idf * postings[p + 1] * MAX_WEIGHT) / WEIGHT_LEVELS;
              entry.matched += counts.get(terms[t]);
              if (!isLoneCjkToken(terms[t])) entry.required += counts.get(terms[t]);
            }
          }
          var hits = [];
          scores.forEach(function (entry) {
            if ((required > 0 ? entry.required : entry.matched) >= needed) hits.push(entry);
          });
          hits.sort(function (a, b) {
            return (
              b.required - a.required || b.matched - a.matched || b.score - a.score || b.doc - a.doc
            );
          });
          return { terms: terms, hits: hits };
        });
      });
    }

    /**
     * What the results list shows for documents: [{ doc, path, title, time, timeText, source,
     * excerpt, lang }], in the order asked. lang is the language of the title and excerpt when
     * the row gives one (not the site's), else null; as the index holds it, unchecked.
     */
    function documents(docs) {
      return loadManifest().then(function (index) {
        var wanted = Array.from(
          new Set(
            docs.map(function (doc) {
              return Math.floor(doc / index.chunkSize);
            }),
          ),
        );
        return Promise.all(wanted.map(loadChunk)).then(function () {
          return Promise.all(
            docs.map(function (doc) {
              return chunks.get(Math.floor(doc / index.chunkSize)).then(function (chunk) {
                var row = chunk[doc % index.chunkSize];
                if (!row) throw new Error('Document ' + doc + ' is missing from the index');
                return {
                  doc: doc,
                  path: row[0],
                  title: row[1],
                  time: row[2],
                  timeText: row[3],
                  source: index.sources[row[4]],
                  excerpt: row[5],
                  lang: typeof row[6] === 'string' ? row[6] : null,
                };
              });
            }),
          );
        });
      });
    }

    return { search: search, documents: documents };
  }

  return {
    foldCjkText: foldCjkText,
    scanTokenRanges: scanTokenRanges,
    wordText: wordText,
    wordCjkText: wordCjkText,
    cjkWordText: cjkWordText,
    scanTokens: scanTokens,
    cjkText: cjkText,
    tokenize: tokenize,
    isCjkToken: isCjkToken,
    isLoneCjkToken: isLoneCjkToken,
    matchRanges: matchRanges,
    shardOf: shardOf,
    digits: DIGITS,
    encodeNumber: encodeNumber,
    decodeNumbers: decodeNumbers,
    postingWeight: postingWeight,
    decodePostings: decodePostings,
    parseShard: parseShard,
    createSearcher: createSearcher,
  };
})()`;

/** The core, with the pairs of the Traditional → Simplified fold written into it. */
export const SEARCH_CORE_SOURCE = CORE_TEMPLATE.replace('__HAN_FOLD_PAIRS__', hanFoldPairs());

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { collapseWhitespace, htmlToText } from '../../src/content/html-to-text.js';

describe('htmlToText', () => {
  const cases: [string, string, string][] = [
    ['tags go, text stays', '<p>Hello <b>bold</b> <a href="x">link</a></p>', 'Hello bold link'],
    [
      'named entities',
      '<p>a&nbsp;b&mdash;c&hellip; &amp; &lt;tag&gt; &quot;q&quot;</p>',
      'a b—c… & <tag> "q"',
    ],
    ['numeric entities', '&#20013;&#x6587;&#39;', "中文'"],
    ['entities without a semicolon, as browsers read them', 'AT&amp;T &copy 2026', 'AT&T © 2026'],
    [
      'blocks do not run together',
      '<p>one</p><p>two</p><div>three</div><li>four</li>',
      'one two three four',
    ],
    ['br separates', 'line<br>next<br/>last', 'line next last'],
    ['inline tags do not separate', 'in<b>li</b>ne', 'inline'],
    [
      'full-width spaces collapse',
      '<p>\u3000\u3000第一段。</p>\n\n<p>\u3000\u3000第二段。</p>',
      '第一段。 第二段。',
    ],
    ['&nbsp; runs collapse', 'a&nbsp;&nbsp;&nbsp;b', 'a b'],
    ['newlines and tabs collapse', '  a\n\t\r\n b  ', 'a b'],
    ['script and style text goes', '<script>var x = "<p>";</script><style>p{}</style>ok', 'ok'],
    [
      'svg and noscript text goes',
      '<svg><text>label</text></svg><noscript>enable js</noscript>ok',
      'ok',
    ],
    ['ruby annotations go', '<ruby>漢<rp>(</rp><rt>kan</rt><rp>)</rp>字</ruby>', '漢字'],
    ['comments go', 'a<!-- hidden -->b', 'ab'],
    ['zero-width spaces go', 'a\u200bb\ufeff', 'ab'],
    ['plain text passes', 'Just text, no HTML.', 'Just text, no HTML.'],
    ['a lone < is text', '1 < 2', '1 < 2'],
    ['empty', '', ''],
  ];
  for (const [name, input, expected] of cases) {
    test(name, () => assert.equal(htmlToText(input), expected));
  }

  test('emoji sequences keep their joiners', () => {
    assert.equal(htmlToText('<p>👨\u200d👩\u200d👧</p>'), '👨\u200d👩\u200d👧');
  });
});

describe('collapseWhitespace', () => {
  test('collapses and trims every kind of space', () => {
    assert.equal(collapseWhitespace('\u00a0 a\u3000\u3000b \u2028c\u2029 '), 'a b c');
  });
});

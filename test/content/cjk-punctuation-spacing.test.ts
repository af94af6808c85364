import assert from 'node:assert/strict';
import { test } from 'node:test';
import { withoutSpacesBesideCjkPunctuation } from '../../src/content/cjk-punctuation-spacing.js';
import { prepareItem } from '../../src/content/prepare-item.js';
import type { ParsedItem } from '../../src/parse/parsed-feed.js';

test('spaces beside full-width punctuation go; other spaces stay', () => {
  const cases: [string, string][] = [
    ['增长6.9%。 从分项看', '增长6.9%。从分项看'],
    ['表现较为突出： 通讯器材类', '表现较为突出：通讯器材类'],
    ['态势 。 原标题', '态势。原标题'],
    ['他说： 「好的 」 然后', '他说：「好的」然后'],
    ['（注） English follows', '（注）English follows'],
    // Kept: a headline's separator, Korean word spacing, Latin punctuation.
    ['长江大桥夜间检修 部分公交线路临时调整', '长江大桥夜间检修 部分公交线路临时调整'],
    ['서울 날씨가 좋다. 내일도', '서울 날씨가 좋다. 내일도'],
    ['Hello, world. Next (note) here', 'Hello, world. Next (note) here'],
    ['English text （注）', 'English text （注）'],
  ];
  for (const [input, expected] of cases) {
    assert.equal(withoutSpacesBesideCjkPunctuation(input), expected, input);
  }
});

test("an item's text and excerpt join Chinese paragraphs without a space after the full stop", () => {
  const parsed: ParsedItem = {
    id: 'a',
    title: '十月份社会消费品零售总额',
    link: 'https://example.com/a',
    published: null,
    publishedText: null,
    updated: null,
    author: null,
    summary: null,
    content:
      '<p>同比增长4.8%。</p>\n<p>从分项看，升级类商品表现较为突出：</p><ul><li>通讯器材类增长12.3%；</li></ul>',
    categories: [],
    enclosures: [],
    image: null,
  };
  const item = prepareItem(parsed, { baseUrl: null });
  assert.equal(item.text, '同比增长4.8%。从分项看，升级类商品表现较为突出：通讯器材类增长12.3%；');
  assert.equal(item.excerpt, item.text);
});

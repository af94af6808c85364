import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';
import type { ParsedItem } from '../../src/parse/parsed-feed.js';
import { itemKey } from '../../src/content/item-key.js';
import { prepareItem, UNTITLED } from '../../src/content/prepare-item.js';

function parsedItem(fields: Partial<ParsedItem> = {}): ParsedItem {
  return {
    id: null,
    title: null,
    link: null,
    published: null,
    publishedText: null,
    updated: null,
    author: null,
    summary: null,
    content: null,
    categories: [],
    enclosures: [],
    image: null,
    ...fields,
  };
}

const FEED = { baseUrl: 'https://feeds.example.com/tech/rss.xml' };
const SVG = 'data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciLz4=';

describe('prepareItem: key', () => {
  test('is the guid when there is one', () => {
    const item = parsedItem({ id: ' urn:uuid:1234 ', link: 'https://a.example/1', title: 't' });
    assert.equal(prepareItem(item, FEED).key, 'urn:uuid:1234');
  });

  test('is the link when the guid is missing or blank', () => {
    assert.equal(itemKey(parsedItem({ link: 'https://a.example/1' })), 'https://a.example/1');
    assert.equal(
      itemKey(parsedItem({ id: '  ', link: 'https://a.example/1' })),
      'https://a.example/1',
    );
  });

  test('is a hash of title and date otherwise, the same every time', () => {
    const a = parsedItem({
      title: '快讯',
      published: '2026-11-20T00:03:00.000Z',
      content: '<p>v1</p>',
    });
    const again = parsedItem({
      title: '快讯',
      published: '2026-11-20T00:03:00.000Z',
      content: '<p>v2</p>',
    });
    const key = itemKey(a);
    assert.match(key, /^hash:[0-9a-f]{64}$/);
    assert.equal(itemKey(again), key, 'an edited text keeps the key');
    assert.equal(prepareItem(a, FEED).key, key);
    const expected = createHash('sha256')
      .update('快讯\u00002026-11-20T00:03:00.000Z')
      .digest('hex');
    assert.equal(key, `hash:${expected}`);
  });

  test('hash keys differ for different titles or dates', () => {
    const keys = new Set([
      itemKey(parsedItem({ title: 'a', published: '2026-11-20T00:00:00.000Z' })),
      itemKey(parsedItem({ title: 'b', published: '2026-11-20T00:00:00.000Z' })),
      itemKey(parsedItem({ title: 'a', published: '2026-11-21T00:00:00.000Z' })),
      itemKey(parsedItem({ title: 'a', published: null })),
      itemKey(parsedItem({ title: null, published: '2026-11-20T00:00:00.000Z' })),
    ]);
    assert.equal(keys.size, 5);
  });

  test('the title/date separator keeps "ab"+"c" apart from "a"+"bc"', () => {
    assert.notEqual(
      itemKey(parsedItem({ title: 'ab', published: 'c' })),
      itemKey(parsedItem({ title: 'a', published: 'bc' })),
    );
  });

  test('with neither title nor date, the text tells items apart', () => {
    assert.notEqual(
      itemKey(parsedItem({ content: '<p>one</p>' })),
      itemKey(parsedItem({ content: '<p>two</p>' })),
    );
  });
});

describe('prepareItem: title', () => {
  test('is the parsed title, whitespace collapsed', () => {
    assert.equal(
      prepareItem(parsedItem({ title: '  工信部\u3000发布\n新规 ' }), FEED).title,
      '工信部 发布 新规',
    );
  });

  test('falls back to a cut of the text', () => {
    const item = prepareItem(
      parsedItem({ content: `<p>${'微博正文没有标题。'.repeat(20)}</p>` }),
      FEED,
    );
    assert.equal([...item.title].length, 60);
    assert.ok(item.title.startsWith('微博正文没有标题。'));
    assert.ok(item.title.endsWith('…'));
  });

  test('short text becomes the whole title', () => {
    assert.equal(prepareItem(parsedItem({ summary: '<p>就一句话</p>' }), FEED).title, '就一句话');
  });

  test('is "(untitled)" when there is nothing', () => {
    assert.equal(
      prepareItem(parsedItem({ content: '<img src="https://i.example/a.png">' }), FEED).title,
      UNTITLED,
    );
    assert.equal(prepareItem(parsedItem(), FEED).title, '(untitled)');
  });
});

describe('prepareItem: text shown beside other text', () => {
  const RLO = '\u202E';
  const PDF = '\u202C';
  const RLI = '\u2067';
  const PDI = '\u2069';

  test('an override or isolate left open is closed at the end of title, author, tags, excerpt', () => {
    // Unclosed, "abc‮gnp.exe" reverses what a page shows after it on the line: author, date, tags.
    const item = prepareItem(
      parsedItem({
        title: `abc${RLO}gnp.exe`,
        author: `${RLI}作者`,
        categories: [`${RLO}${RLI}tag`],
        content: `<p>${'正文'.repeat(100)}${RLO}尾</p>`,
      }),
      FEED,
    );
    assert.equal(item.title, `abc${RLO}gnp.exe${PDF}`);
    assert.equal(item.author, `${RLI}作者${PDI}`);
    assert.deepEqual(item.categories, [`${RLO}${RLI}tag${PDI}${PDF}`]);
    assert.ok(!item.excerpt.includes(RLO), 'the cut left the override out');
    const cut = prepareItem(parsedItem({ content: `<p>${RLO}${'正文'.repeat(100)}</p>` }), FEED);
    assert.ok(cut.excerpt.endsWith(`…${PDF}`), cut.excerpt);
    assert.ok(cut.title.endsWith(`…${PDF}`), 'the title made from the text too');
  });

  test('balanced bidi controls and right-to-left text are kept as they are', () => {
    const title = `שלום ${RLO}x${PDF} ${RLI}y${PDI} عربي`;
    assert.equal(prepareItem(parsedItem({ title }), FEED).title, title);
  });

  test('control characters a JSON Feed can carry (\\u0000) leave titles, authors, tags and text', () => {
    const item = prepareItem(
      parsedItem({
        author: 'a\u0000u\u0007thor',
        categories: ['t\u0001ag'],
        content: '&lt;b&gt;\u0000\u0007 text\u009F',
      }),
      FEED,
    );
    assert.equal(item.title, '<b> text');
    assert.equal(item.text, '<b> text');
    assert.equal(item.excerpt, '<b> text');
    assert.equal(item.author, 'author');
    assert.deepEqual(item.categories, ['tag']);
    assert.equal(prepareItem(parsedItem({ title: 'x\uFFFE \uD800y' }), FEED).title, 'x y');
  });
});

describe('prepareItem: content and excerpt', () => {
  test('content wins over summary', () => {
    const item = prepareItem(parsedItem({ summary: '<p>short</p>', content: '<p>long</p>' }), FEED);
    assert.equal(item.contentHtml, '<p>long</p>');
    assert.equal(item.excerpt, 'long');
  });

  test('summary is used when there is no content', () => {
    const item = prepareItem(parsedItem({ summary: '<p>only summary</p>' }), FEED);
    assert.equal(item.contentHtml, '<p>only summary</p>');
    assert.equal(item.excerpt, 'only summary');
  });

  test('no content at all gives empty strings', () => {
    const item = prepareItem(parsedItem({ title: 't' }), FEED);
    assert.equal(item.contentHtml, '');
    assert.equal(item.excerpt, '');
  });

  test('content is sanitised', () => {
    const item = prepareItem(
      parsedItem({
        content: '<p onclick="x()">hi<script>alert(1)</script></p><a href="javascript:x()">l</a>',
      }),
      FEED,
    );
    assert.equal(item.contentHtml, '<p>hi</p><a>l</a>');
  });

  test('relative URLs resolve against the item link first', () => {
    const item = prepareItem(
      parsedItem({
        link: 'https://www.example.cn/news/2026/1120/a.html',
        content: '<a href="b.html">b</a><img src="/p.png">',
      }),
      FEED,
    );
    assert.match(item.contentHtml, /href="https:\/\/www\.example\.cn\/news\/2026\/1120\/b\.html"/);
    assert.match(item.contentHtml, /src="https:\/\/www\.example\.cn\/p\.png"/);
  });

  test('then against the feed URL', () => {
    const item = prepareItem(parsedItem({ content: '<a href="b.html">b</a>' }), FEED);
    assert.match(item.contentHtml, /href="https:\/\/feeds\.example\.com\/tech\/b\.html"/);
  });

  test('but first against the xml:base in force where the HTML came from, when the feed wrote one', () => {
    const item = prepareItem(
      parsedItem({
        link: 'http://other.example/post/1',
        content: '<a href="b.html">b</a><img src="a.png" srcset="a2.png 2x">',
        sourceBase: 'http://cdn.example.com/media/',
      }),
      FEED,
    );
    assert.match(item.contentHtml, /<a href="http:\/\/cdn\.example\.com\/media\/b\.html"/);
    assert.match(
      item.contentHtml,
      /<img src="http:\/\/cdn\.example\.com\/media\/a\.png" srcset="http:\/\/cdn\.example\.com\/media\/a2\.png 2x"/,
    );
    // The lead image taken from the content follows it; the base is kept with the item.
    assert.equal(item.image, 'http://cdn.example.com/media/a.png');
    assert.equal(item.sourceBase, 'http://cdn.example.com/media/');
  });

  test('the summary’s base when the summary is the HTML; the link when the base is no web URL', () => {
    const summary = prepareItem(
      parsedItem({
        link: 'http://other.example/post/1',
        summary: '<img src="a.png">',
        sourceBase: 'https://summary.example/s/',
      }),
      FEED,
    );
    assert.equal(summary.image, 'https://summary.example/s/a.png');
    const file = prepareItem(
      parsedItem({
        link: 'http://other.example/post/1',
        content: '<img src="a.png">',
        sourceBase: 'file:///home/me/feeds/',
      }),
      FEED,
    );
    assert.equal(file.image, 'http://other.example/post/a.png');
    assert.match(file.contentHtml, /src="http:\/\/other\.example\/post\/a\.png"/);
  });

  test('and stay relative with neither', () => {
    const item = prepareItem(parsedItem({ content: '<a href="b.html">b</a>' }), { baseUrl: null });
    assert.match(item.contentHtml, /href="b\.html"/);
  });

  test('Chinese excerpt: full-width spaces and &nbsp; collapse, cut at 140 characters', () => {
    const paragraph =
      '\u3000\u3000原标题：国家统计局发布十月份国民经济运行情况，总体保持稳定恢复态势&nbsp;&nbsp;。';
    const item = prepareItem(parsedItem({ content: `<p>${paragraph}</p>`.repeat(8) }), FEED);
    assert.ok(
      item.excerpt.startsWith(
        '原标题：国家统计局发布十月份国民经济运行情况，总体保持稳定恢复态势。原标题',
      ),
    );
    assert.doesNotMatch(item.excerpt, /[\u3000\u00a0]|&nbsp;|\s{2}/);
    assert.equal([...item.excerpt].length, 140);
    assert.ok(item.excerpt.endsWith('…'));
  });

  test('English excerpt is cut at a word boundary', () => {
    const sentence =
      'Researchers at the harbour museum catalogued another forty wooden boats this autumn. ';
    const item = prepareItem(parsedItem({ content: `<p>${sentence.repeat(4)}</p>` }), FEED);
    assert.ok(item.excerpt.length <= 140);
    assert.ok(item.excerpt.endsWith('…'));
    const words = item.excerpt.slice(0, -1);
    assert.ok(sentence.repeat(4).startsWith(words));
    assert.match(sentence.repeat(4).slice(words.length), /^[\s.,]/);
  });

  test('excerpt decodes entities', () => {
    const item = prepareItem(parsedItem({ content: '<p>R&amp;D &mdash; “新”&hellip;</p>' }), FEED);
    assert.equal(item.excerpt, 'R&D — “新”…');
  });
});

describe('prepareItem: image', () => {
  test('is the parsed image', () => {
    const item = prepareItem(
      parsedItem({
        image: 'https://i.example/lead.jpg',
        content: '<img src="https://i.example/other.jpg">',
      }),
      FEED,
    );
    assert.equal(item.image, 'https://i.example/lead.jpg');
  });

  test('else an image enclosure', () => {
    const item = prepareItem(
      parsedItem({
        enclosures: [
          { url: 'https://i.example/a.mp3', type: 'audio/mpeg', length: null },
          { url: 'https://i.example/e.png', type: 'image/png', length: 10 },
        ],
      }),
      FEED,
    );
    assert.equal(item.image, 'https://i.example/e.png');
  });

  test('else the first image of the content, absolute', () => {
    const item = prepareItem(
      parsedItem({
        link: 'https://a.example/n/1.html',
        content: '<p>x<img src="img/1.png?a=1&amp;b=2"><img src="/2.png"></p>',
      }),
      FEED,
    );
    assert.equal(item.image, 'https://a.example/n/img/1.png?a=1&b=2');
  });

  test('an inline data: image is kept in the content but is never the lead image', () => {
    const item = prepareItem(parsedItem({ content: `<img src="${SVG}">` }), FEED);
    assert.match(item.contentHtml, /<img src="data:image\/svg\+xml;base64,/);
    assert.equal(item.image, null);
  });

  test('is null when there is none, or none safe', () => {
    assert.equal(prepareItem(parsedItem({ content: '<p>text</p>' }), FEED).image, null);
    assert.equal(prepareItem(parsedItem({ image: 'javascript:alert(1)' }), FEED).image, null);
    assert.equal(
      prepareItem(parsedItem({ content: '<img src="p.png">' }), { baseUrl: null }).image,
      null,
    );
  });
});

describe('prepareItem: fields passed through', () => {
  test('link, dates, author and categories', () => {
    const item = prepareItem(
      parsedItem({
        id: 'g1',
        title: 'T',
        link: 'https://a.example/1',
        published: '2026-11-20T00:03:00.000Z',
        updated: '2026-11-20T01:00:00.000Z',
        author: '新浪财经',
        categories: ['金融', ' 宏观 ', '金融', ''],
      }),
      FEED,
    );
    assert.deepEqual(item, {
      key: 'g1',
      title: 'T',
      link: 'https://a.example/1',
      published: '2026-11-20T00:03:00.000Z',
      publishedText: null,
      updated: '2026-11-20T01:00:00.000Z',
      author: '新浪财经',
      contentHtml: '',
      sourceHtml: '',
      excerpt: '',
      text: '',
      readingMinutes: 0,
      image: null,
      categories: ['金融', '宏观'],
    });
  });
});

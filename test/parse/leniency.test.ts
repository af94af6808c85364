import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseFeed, type ParsedFeed } from '../../src/parse/index.js';
import { cpuMsOf } from '../support/cpu-time.js';

// Issue 3 point 2: broken feeds are read as far as they go. One test per kind of damage.

function rss(items: string, channelExtra = ''): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>' +
    `<title>新闻频道</title><link>https://news.example.cn/</link>${channelExtra}${items}` +
    '</channel></rss>'
  );
}

function parseWithWarnings(input: string | Uint8Array): { feed: ParsedFeed; warnings: string[] } {
  const warnings: string[] = [];
  const feed = parseFeed(input, { onWarning: (message) => warnings.push(message) });
  return { feed, warnings };
}

describe('leniency', () => {
  it('decodes HTML named entities in XML', () => {
    const feed = parseFeed(
      rss(
        '<item><title>中国&nbsp;经济&mdash;增长&hellip;&ldquo;稳&rdquo; &copy;&yen;&middot;</title>' +
          '<description>&lt;p&gt;正文&amp;nbsp;&lt;/p&gt;</description></item>',
      ),
    );
    assert.equal(feed.items[0]?.title, '中国\u00a0经济\u2014增长\u2026\u201c稳\u201d ©¥·');
    assert.equal(feed.items[0]?.summary, '<p>正文&nbsp;</p>');
  });

  it('keeps a bare & as text', () => {
    const feed = parseFeed(
      rss('<item><title>A&B 公司 & 合作伙伴 &amp; 客户 &#x4E2D;&#25991;</title></item>'),
    );
    assert.equal(feed.items[0]?.title, 'A&B 公司 & 合作伙伴 & 客户 中文');
  });

  it('keeps a stray < in text', () => {
    const feed = parseFeed(
      rss('<item><title>涨幅 < 5% 且 3 <4</title><link>https://news.example.cn/1</link></item>'),
    );
    assert.equal(feed.items[0]?.title, '涨幅 < 5% 且 3 <4');
    assert.equal(feed.items[0]?.link, 'https://news.example.cn/1');
  });

  it('reads bad and nested CDATA', () => {
    const feed = parseFeed(
      rss(
        '<item><title><![CDATA[<![CDATA[标题一]]>]]></title>' +
          '<description><![CDATA[<p>正文 ]]> 续</p>]]></description></item>' +
          '<item><title><![CDATA[标题二]]></title></item>',
      ),
    );
    assert.equal(feed.items.length, 2);
    assert.equal(feed.items[0]?.title, '标题一');
    assert.match(feed.items[0]?.summary ?? '', /正文/);
    assert.equal(feed.items[1]?.title, '标题二');
  });

  it('reads an unterminated CDATA section to the end and warns', () => {
    const { feed } = parseWithWarnings(
      rss('<item><title>标题</title><description><![CDATA[<p>正文') + '',
    );
    assert.equal(feed.items[0]?.title, '标题');
    assert.match(feed.items[0]?.summary ?? '', /^<p>正文/);
  });

  it('drops control characters', () => {
    const feed = parseFeed(
      rss(
        '<item><title>新\u0001闻\u0008标\u000b题\u001f</title><description>a\u0000b</description></item>',
      ),
    );
    assert.equal(feed.items[0]?.title, '新闻标题');
    assert.equal(feed.items[0]?.summary, 'ab');
  });

  it('skips a BOM (as bytes and as a string) and leading whitespace', () => {
    const text = rss('<item><title>标题</title></item>');
    assert.equal(parseFeed('\ufeff' + text).items[0]?.title, '标题');
    assert.equal(parseFeed(Buffer.from('\ufeff  \n' + text)).items[0]?.title, '标题');
    assert.equal(parseFeed('\n\n  ' + text).items[0]?.title, '标题');
  });

  it('needs no XML declaration', () => {
    const text = rss('<item><title>标题</title></item>').replace(/<\?xml[^>]*>\n/, '');
    assert.equal(parseFeed(Buffer.from(text)).items[0]?.title, '标题');
  });

  it('reads known elements under unknown namespaces and undeclared prefixes', () => {
    const feed = parseFeed(
      '<rss version="2.0" xmlns:x="urn:unknown"><channel><title>新闻</title>' +
        '<x:whatever a="1"><x:deep>忽略</x:deep></x:whatever>' +
        '<item><title>标题</title><foo:bar>?</foo:bar>' +
        '<dc:creator>记者 张三</dc:creator>' +
        '<content:encoded><![CDATA[<p>全文</p>]]></content:encoded>' +
        '<media:thumbnail url="https://img.example.cn/t.jpg"/></item></channel></rss>',
    );
    const item = feed.items[0];
    assert.equal(feed.title, '新闻');
    assert.equal(item?.title, '标题');
    assert.equal(item?.author, '记者 张三');
    assert.equal(item?.content, '<p>全文</p>');
    assert.equal(item?.image, 'https://img.example.cn/t.jpg');
  });

  it('reads a truncated document as far as it goes and warns', () => {
    const full = rss(
      '<item><title>第一条</title><link>https://news.example.cn/1</link></item>' +
        '<item><title>第二条</title><link>https://news.example.cn/2</link></item>',
    );
    const cut = full.slice(0, full.indexOf('</title>', full.indexOf('第二条')) - 1);
    const { feed, warnings } = parseWithWarnings(Buffer.from(cut));
    assert.equal(feed.title, '新闻频道');
    assert.equal(feed.items[0]?.title, '第一条');
    assert.equal(feed.items[0]?.link, 'https://news.example.cn/1');
    assert.ok(feed.items.length <= 2);
    assert.ok(
      warnings.some((w) => /truncated/.test(w)),
      warnings.join('\n'),
    );
  });

  it('reads a truncated document cut inside a multi-byte character', () => {
    const bytes = Buffer.from(rss('<item><title>第一条</title></item><item><title>第二条</title>'));
    const cut = bytes.subarray(0, bytes.indexOf(Buffer.from('二')) + 1);
    const { feed, warnings } = parseWithWarnings(cut);
    assert.equal(feed.items[0]?.title, '第一条');
    assert.ok(warnings.length > 0);
  });

  it('reads a truncated Atom feed', () => {
    const atom =
      '<feed xmlns="http://www.w3.org/2005/Atom"><title>新闻</title>' +
      '<entry><title>第一条</title><id>1</id></entry><entry><title>第二';
    const { feed, warnings } = parseWithWarnings(atom);
    assert.equal(feed.format, 'atom');
    assert.equal(feed.items[0]?.title, '第一条');
    assert.ok(warnings.some((w) => /truncated/.test(w)));
  });

  describe('mismatched end tags', () => {
    const item = (body: string): string =>
      rss(`<item>${body}<link>https://news.example.cn/1</link><guid>g-1</guid></item>`);

    it('reads a misspelled end tag as the end of the element it was meant for', () => {
      const { feed, warnings } = parseWithWarnings(item('<title>经济新闻</titel>'));
      assert.equal(feed.items[0]?.title, '经济新闻');
      assert.equal(feed.items[0]?.link, 'https://news.example.cn/1');
      assert.equal(feed.items[0]?.id, 'g-1');
      assert.deepEqual(warnings, ['end tag </titel> read as the end of <title>']);
    });

    it('ends a misspelled start tag at the end tag written for it, keeping its siblings', () => {
      const { feed } = parseWithWarnings(item('<titel>经济新闻</title>'));
      assert.equal(feed.items[0]?.title, null, 'there is no <title> element');
      assert.equal(feed.items[0]?.link, 'https://news.example.cn/1');
      assert.equal(feed.items[0]?.id, 'g-1');
    });

    it('ignores an end tag that matches no open element', () => {
      const { feed, warnings } = parseWithWarnings(
        item('<title>经济</span>新闻</title><description>正文</b>二</description>'),
      );
      assert.equal(feed.items[0]?.title, '经济新闻');
      assert.equal(feed.items[0]?.summary, '正文二');
      assert.equal(feed.items[0]?.link, 'https://news.example.cn/1');
      assert.deepEqual(warnings, []);
    });

    it('closes up to an ancestor that an end tag matches', () => {
      const feed = parseFeed(
        rss(
          '<item><title>一</title><description>正文<p>未闭合</description>' +
            '<link>https://news.example.cn/1</link></item><item><title>二</title></item>',
        ),
      );
      assert.deepEqual(
        feed.items.map((i) => [i.title, i.link]),
        [
          ['一', 'https://news.example.cn/1'],
          ['二', null],
        ],
      );
      assert.equal(feed.items[0]?.summary, '正文<p>未闭合</p>');
    });

    it('does not read short HTML end tags as typos of each other', () => {
      const feed = parseFeed(item('<title>t</title><description>a<b>粗</p>体</b>c</description>'));
      assert.equal(feed.items[0]?.summary, 'a<b>粗体</b>c');
    });
  });
});

describe('entities declared in the DOCTYPE', () => {
  it('expand within a budget: a "billion laughs" document is read, not a RangeError', () => {
    // Nine levels of ten references each: 2 GB of text from under 1 KB. It threw "Invalid
    // string length" after building strings of hundreds of megabytes.
    const levels = ['<!ENTITY a0 "ha">'];
    for (let i = 1; i < 10; i++) levels.push(`<!ENTITY a${i} "${`&a${i - 1};`.repeat(10)}">`);
    const xml =
      `<?xml version="1.0"?><!DOCTYPE rss [${levels.join('')}]><rss version="2.0"><channel>` +
      `<title>&a9;</title><item><title>&a0; &a2;</title><description>&a9;&a9;</description></item>` +
      '</channel></rss>';
    let feed: ParsedFeed | undefined;
    const ms = cpuMsOf(() => (feed = parseFeed(xml)));
    assert.ok(ms < 2000, `${Math.round(ms)} ms of CPU`);
    assert.ok(feed);
    assert.equal(feed.items[0]?.title, `ha ${'ha'.repeat(100)}`, 'small expansions as declared');
    const expanded = (feed.title?.length ?? 0) + (feed.items[0]?.summary?.length ?? 0);
    assert.ok(expanded < 2_000_000, `${expanded} characters`);
  });

  it('the budget is about a million characters a document: past it, references stay as written', () => {
    // The nested case above is bounded by the fields' own cuts too; a flat one shows the budget.
    const big = 'x'.repeat(100_000);
    const xml =
      `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY big "${big}">]><rss version="2.0">` +
      `<channel><title>t</title><item><title>i</title>` +
      `<description>${'&big;'.repeat(100)}</description></item></channel></rss>`;
    const summary = parseFeed(xml).items[0]?.summary ?? '';
    const expanded = summary.split(big).length - 1;
    assert.equal(expanded, 10, 'ten expansions of 100,000 characters, then the budget is spent');
    assert.equal(summary.split('&big;').length - 1, 90, 'the other references as written');
  });
});

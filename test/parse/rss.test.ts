import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseFeed } from '../../src/parse/index.js';

const rss = (channel: string, attrs = '') =>
  `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom" ${attrs}>
<channel>${channel}</channel></rss>`;

describe('RSS 2.0', () => {
  it('keeps the item HTML as given, edge whitespace included, as sourceHtml', () => {
    const feed = parseFeed(
      rss(`<item><title>a</title><description><![CDATA[        <p>x</p>

]]></description></item>
      <item><title>b</title><description>&lt;p&gt;y&lt;/p&gt;</description></item>
      <item><title>c</title><description>  </description><content:encoded> <p>z</p></content:encoded></item>`),
    );
    const [a, b, c] = feed.items;
    assert.equal(a!.summary, '<p>x</p>');
    assert.equal(a!.sourceHtml, '        <p>x</p>\n\n');
    // Nothing trimmed: no second copy of the body.
    assert.equal(b!.summary, '<p>y</p>');
    assert.equal('sourceHtml' in b!, false);
    // Whitespace-only fields count as missing, as for content and summary.
    assert.equal(c!.summary, null);
    assert.equal(c!.content, '<p>z</p>');
    assert.equal(c!.sourceHtml, ' <p>z</p>');
  });

  it('reads channel fields', () => {
    const feed = parseFeed(
      rss(`<title>新浪财经 &amp; more</title><link>https://finance.sina.com.cn/</link>
      <description>&lt;p&gt;Money &lt;b&gt;news&lt;/b&gt;&lt;/p&gt;</description><language>zh-cn</language>
      <lastBuildDate>Sat, 25 Dec 2021 08:03:46 CST</lastBuildDate><pubDate>Fri, 24 Dec 2021 00:00:00 GMT</pubDate>
      <image><url>/logo.png</url><title>logo</title><link>https://x/</link></image>
      <itunes:image href="https://x/itunes.png"/>`),
      { baseUrl: 'https://finance.sina.com.cn/rss.xml' },
    );
    assert.equal(feed.format, 'rss');
    assert.equal(feed.title, '新浪财经 & more');
    assert.equal(feed.link, 'https://finance.sina.com.cn/');
    assert.equal(feed.description, 'Money news');
    assert.equal(feed.language, 'zh-cn');
    // lastBuildDate wins over pubDate; CST is China time in a Chinese feed
    assert.equal(feed.updated, '2021-12-25T00:03:46.000Z');
    assert.equal(feed.image, 'https://finance.sina.com.cn/logo.png');
  });

  it('falls back: atom:updated > lastBuildDate > pubDate > dc:date; itunes:image', () => {
    const feed = parseFeed(
      rss(`<dc:date>2020-01-01T00:00:00Z</dc:date><itunes:image href="https://x/i.png"/>`),
    );
    assert.equal(feed.updated, '2020-01-01T00:00:00.000Z');
    assert.equal(feed.image, 'https://x/i.png');
    const withAtom = parseFeed(
      rss(
        `<atom:updated>2021-01-01T00:00:00Z</atom:updated><pubDate>Fri, 24 Dec 2021 00:00:00 GMT</pubDate>`,
      ),
    );
    assert.equal(withAtom.updated, '2021-01-01T00:00:00.000Z');
  });

  it('reads an item with extensions', () => {
    const feed = parseFeed(
      rss(`<item>
        <title><![CDATA[A <b>bold</b> move]]></title>
        <link>/news/1.html</link>
        <guid isPermaLink="false">abc-1</guid>
        <pubDate>Sat, 25 Dec 2021 00:03:46 GMT</pubDate>
        <author>editor@x.org (Jane Doe)</author>
        <description><![CDATA[<p>Short</p>]]></description>
        <content:encoded><![CDATA[<p>Full <img src="/img/a.jpg"></p>]]></content:encoded>
        <category>Finance</category><category> Markets </category>
        <enclosure url="/a.mp3" type="audio/mpeg" length="1234"/>
      </item>`),
      { baseUrl: 'https://x.org/feed' },
    );
    const [item] = feed.items;
    assert.deepEqual(item, {
      id: 'abc-1',
      title: 'A bold move',
      link: 'https://x.org/news/1.html',
      published: '2021-12-25T00:03:46.000Z',
      publishedText: 'Sat, 25 Dec 2021 00:03:46 GMT',
      updated: null,
      author: 'Jane Doe',
      summary: '<p>Short</p>',
      content: '<p>Full <img src="/img/a.jpg"></p>',
      categories: ['Finance', 'Markets'],
      enclosures: [{ url: 'https://x.org/a.mp3', type: 'audio/mpeg', length: 1234 }],
      image: 'https://x.org/img/a.jpg',
    });
  });

  it('uses a permalink guid as the link only when there is no <link>', () => {
    const feed = parseFeed(
      rss(`<item><guid>https://x.org/p/1</guid></item>
           <item><guid isPermaLink="false">https://x.org/p/2</guid></item>
           <item><guid>not-a-url</guid></item>
           <item><link>https://x.org/l/4</link><guid>https://x.org/p/4</guid></item>`),
    );
    assert.deepEqual(
      feed.items.map((i) => i.link),
      ['https://x.org/p/1', null, null, 'https://x.org/l/4'],
    );
  });

  it('reads dc:creator, dc:date and raw embedded HTML', () => {
    const feed = parseFeed(
      rss(`<item><dc:creator>Ann</dc:creator><dc:date>2021-12-25T08:03:00+08:00</dc:date>
        <description><p>raw <br>html</p></description></item>`),
    );
    const [item] = feed.items;
    assert.equal(item?.author, 'Ann');
    assert.equal(item?.published, '2021-12-25T00:03:00.000Z');
    assert.equal(item?.summary, '<p>raw <br>html</p>');
  });

  it('falls back to media:title and media:description (HTML when type="html"), as feedparser does', () => {
    const feed = parseFeed(
      rss(
        `<item><media:title>Media title</media:title><media:description type="html">&lt;p&gt;Desc&lt;/p&gt;</media:description></item>
         <item><title>Own</title><description>Own desc</description><media:title>no</media:title><media:description>no</media:description></item>`,
        'xmlns:media="http://search.yahoo.com/mrss/"',
      ),
    );
    assert.deepEqual(
      feed.items.map((i) => [i.title, i.summary]),
      [
        ['Media title', '<p>Desc</p>'],
        ['Own', 'Own desc'],
      ],
    );
  });

  it('reads an enclosure length grouped by thousands (12,345), as feedparser keeps it', () => {
    const feed = parseFeed(
      rss(`<item><enclosure url="https://x/a.mp3" type="audio/mpeg" length="12,345,678"/></item>
           <item><enclosure url="https://x/b.mp3" length="12,34"/></item>`),
    );
    assert.equal(feed.items[0]?.enclosures[0]?.length, 12_345_678);
    assert.equal(feed.items[1]?.enclosures[0]?.length, null);
  });

  it('names a category by its own text, not by elements nested in it (as feedparser does)', () => {
    const feed = parseFeed(
      rss(`<item><category>Example category
        <image><url>http://x/i.jpg</url><title>Savage Love</title></image>
      </category><category><b>Only nested</b></category></item>`),
    );
    assert.deepEqual(feed.items[0]?.categories, ['Example category', 'Only nested']);
    assert.equal(feed.items[0]?.title, null);
  });

  it('lists audio and video given only as media:content as enclosures (they were lost)', () => {
    const ns = 'xmlns:media="http://search.yahoo.com/mrss/"';
    const feed = parseFeed(
      rss(
        `<item><media:content url="/v.mp4" type="video/mp4" fileSize="999"/><media:content url="https://x/m.jpg" medium="image"/></item>
         <item><media:group><media:content url="https://x/lo.mp4" type="video/mp4"/><media:content url="https://x/hi.mp4" type="video/mp4" isDefault="true"/></media:group></item>
         <item><enclosure url="https://x/a.mp3" type="audio/mpeg" length="5"/><media:content url="https://x/a.mp3" type="audio/mpeg"/><media:content url="https://x/b.ogg" medium="audio"/></item>
         <item><media:content url="https://x/player.swf" type="application/x-shockwave-flash"/></item>`,
        ns,
      ),
      { baseUrl: 'https://x/feed' },
    );
    assert.deepEqual(
      feed.items.map((i) => i.enclosures),
      [
        [{ url: 'https://x/v.mp4', type: 'video/mp4', length: 999 }],
        [{ url: 'https://x/hi.mp4', type: 'video/mp4', length: null }],
        [
          { url: 'https://x/a.mp3', type: 'audio/mpeg', length: 5 },
          { url: 'https://x/b.ogg', type: null, length: null },
        ],
        [],
      ],
    );
    const atom =
      parseFeed(`<feed xmlns="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/">
      <entry><id>1</id><media:group><media:content url="https://x/e.m4a" type="audio/mp4"/></media:group></entry></feed>`);
    assert.deepEqual(atom.items[0]?.enclosures, [
      { url: 'https://x/e.m4a', type: 'audio/mp4', length: null },
    ]);
  });

  it('picks the lead image from media:, enclosures, itunes:, then content', () => {
    const ns =
      'xmlns:media="http://search.yahoo.com/mrss/" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"';
    const feed = parseFeed(
      rss(
        `<item><media:content url="https://x/v.mp4" type="video/mp4"/><media:content url="https://x/m.jpg" medium="image"/></item>
         <item><media:group><media:thumbnail url="https://x/t.jpg"/></media:group></item>
         <item><enclosure url="https://x/e.png" type="image/png"/></item>
         <item><itunes:image href="https://x/i.jpg"/></item>
         <item><description>&lt;img src="https://x/pixel.gif"&gt;&lt;img src="data:image/gif;base64,R0l"&gt;&lt;img src="https://x/t.gif" width="1" height="1"&gt;&lt;img src="//cdn.x/real.jpg"&gt;</description></item>
         <item><description>no image</description></item>`,
        ns,
      ),
      { baseUrl: 'https://x/feed' },
    );
    assert.deepEqual(
      feed.items.map((i) => i.image),
      [
        'https://x/m.jpg',
        'https://x/t.jpg',
        'https://x/e.png',
        'https://x/i.jpg',
        'https://cdn.x/real.jpg',
        null,
      ],
    );
  });

  it('reads undeclared well-known prefixes', () => {
    const feed = parseFeed(
      '<rss><channel><item><content:encoded>full</content:encoded><dc:creator>Bo</dc:creator></item></channel></rss>',
    );
    assert.equal(feed.items[0]?.content, 'full');
    assert.equal(feed.items[0]?.author, 'Bo');
  });

  it('parses a truncated feed as far as it goes and warns', () => {
    const warnings: string[] = [];
    const feed = parseFeed(
      rss('<title>T</title><item><title>one</title></item><item><title>tw').slice(0, -13),
      {
        onWarning: (m) => warnings.push(m),
      },
    );
    assert.equal(feed.title, 'T');
    assert.deepEqual(
      feed.items.map((i) => i.title),
      ['one', 'tw'],
    );
    assert.ok(warnings.some((w) => /truncated/.test(w)));
  });

  it('reads dates without a zone in options.timeZone', () => {
    const feed = parseFeed(rss('<item><pubDate>2021-12-25 08:03:00</pubDate></item>'), {
      timeZone: 'Asia/Shanghai',
    });
    assert.equal(feed.items[0]?.published, '2021-12-25T00:03:00.000Z');
  });

  it('decodes bytes by the XML declaration', () => {
    const bytes = Buffer.concat([
      Buffer.from('<?xml version="1.0" encoding="windows-1252"?><rss><channel><title>'),
      Buffer.from([0x93, 0x41, 0x94]),
      Buffer.from('</title></channel></rss>'),
    ]);
    assert.equal(parseFeed(bytes).title, '\u201cA\u201d');
  });
});

describe('RSS 1.0 / RDF', () => {
  it('reads channel, sibling items and image, and rdf:about ids', () => {
    const feed = parseFeed(`<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
  xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://x/"><title>RDF feed</title><link>https://x/</link>
    <description>d</description><dc:date>2021-12-25T00:00:00Z</dc:date><image rdf:resource="https://x/logo.png"/></channel>
  <image rdf:about="https://x/logo.png"><url>https://x/logo.png</url></image>
  <item rdf:about="https://x/1"><title>One</title><link>https://x/1</link><dc:date>2021-12-24T00:00:00Z</dc:date></item>
</rdf:RDF>`);
    assert.equal(feed.format, 'rdf');
    assert.equal(feed.title, 'RDF feed');
    assert.equal(feed.updated, '2021-12-25T00:00:00.000Z');
    assert.equal(feed.image, 'https://x/logo.png');
    assert.equal(feed.items.length, 1);
    assert.equal(feed.items[0]?.id, 'https://x/1');
    assert.equal(feed.items[0]?.published, '2021-12-24T00:00:00.000Z');
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseFeed } from '../../src/parse/index.js';

// Issue 3 point 5 (URLs) and point 6 (lead image).

const ATOM = 'xmlns="http://www.w3.org/2005/Atom"';
const MEDIA = 'xmlns:media="http://search.yahoo.com/mrss/"';
const ITUNES = 'xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"';

describe('URLs: xml:base, then the document URL', () => {
  const doc = 'https://feeds.example.cn/path/feed.xml';

  it('resolves against the document URL when there is no xml:base', () => {
    const feed = parseFeed(
      `<feed ${ATOM}><link href="/"/><logo>logo.png</logo>` +
        '<entry><title>一</title><link href="2021/12/one.html"/></entry></feed>',
      { baseUrl: doc },
    );
    assert.equal(feed.link, 'https://feeds.example.cn/');
    assert.equal(feed.image, 'https://feeds.example.cn/path/logo.png');
    assert.equal(feed.items[0]?.link, 'https://feeds.example.cn/path/2021/12/one.html');
  });

  it('uses xml:base at feed, entry and element level, each relative to the one above', () => {
    const feed = parseFeed(
      `<feed ${ATOM} xml:base="https://news.example.cn/zh/">` +
        '<link href="home"/>' +
        '<entry><title>feed level</title><link href="a.html"/></entry>' +
        '<entry xml:base="2021/"><title>entry level</title><link href="b.html"/></entry>' +
        '<entry xml:base="2021/"><title>element level</title>' +
        '<link xml:base="/other/" href="c.html"/>' +
        '<link rel="enclosure" type="image/jpeg" href="d.jpg"/></entry>' +
        '<entry xml:base="https://cdn.example.com/x/"><title>absolute</title>' +
        '<link href="e.html"/></entry>' +
        '</feed>',
      { baseUrl: doc },
    );
    assert.equal(feed.link, 'https://news.example.cn/zh/home');
    assert.deepEqual(
      feed.items.map((item) => item.link),
      [
        'https://news.example.cn/zh/a.html',
        'https://news.example.cn/zh/2021/b.html',
        'https://news.example.cn/other/c.html',
        'https://cdn.example.com/x/e.html',
      ],
    );
    assert.equal(feed.items[2]?.enclosures[0]?.url, 'https://news.example.cn/zh/2021/d.jpg');
    assert.equal(feed.items[2]?.image, 'https://news.example.cn/zh/2021/d.jpg');
  });

  it('resolves a relative xml:base against the document URL', () => {
    const feed = parseFeed(
      `<feed ${ATOM} xml:base="sub/"><entry><title>x</title><link href="a.html"/></entry></feed>`,
      { baseUrl: doc },
    );
    assert.equal(feed.items[0]?.link, 'https://feeds.example.cn/path/sub/a.html');
  });

  it('honours xml:base in RSS too', () => {
    const feed = parseFeed(
      '<rss version="2.0" xml:base="https://news.example.cn/"><channel><link>/</link>' +
        '<item xml:base="/2021/"><title>新闻</title><link>one.html</link>' +
        '<enclosure url="a.mp3" type="audio/mpeg" length="12"/></item></channel></rss>',
      { baseUrl: doc },
    );
    assert.equal(feed.link, 'https://news.example.cn/');
    assert.equal(feed.items[0]?.link, 'https://news.example.cn/2021/one.html');
    assert.deepEqual(feed.items[0]?.enclosures, [
      { url: 'https://news.example.cn/2021/a.mp3', type: 'audio/mpeg', length: 12 },
    ]);
  });

  it('gives protocol-relative URLs the scheme of the document', () => {
    const body =
      `<rss version="2.0" ${MEDIA}><channel><link>//news.example.cn/</link>` +
      '<item><title>新闻</title><link>//news.example.cn/1.html</link>' +
      '<media:thumbnail url="//img.example.cn/1.jpg"/></item></channel></rss>';
    const https = parseFeed(body, { baseUrl: 'https://feeds.example.cn/rss' });
    assert.equal(https.link, 'https://news.example.cn/');
    assert.equal(https.items[0]?.link, 'https://news.example.cn/1.html');
    assert.equal(https.items[0]?.image, 'https://img.example.cn/1.jpg');
    const http = parseFeed(body, { baseUrl: 'http://feeds.example.cn/rss' });
    assert.equal(http.items[0]?.link, 'http://news.example.cn/1.html');
  });

  it('leaves relative URLs as given when nothing absolute is known', () => {
    const feed = parseFeed(
      '<rss><channel><item><title>x</title><link>/a</link></item></channel></rss>',
    );
    assert.equal(feed.items[0]?.link, '/a');
  });

  it('resolves JSON Feed URLs against the document URL', () => {
    const json = JSON.stringify({
      version: 'https://jsonfeed.org/version/1.1',
      home_page_url: '/',
      items: [{ id: '1', url: 'posts/1', image: '//img.example.cn/1.jpg' }],
    });
    const feed = parseFeed(json, { baseUrl: doc });
    assert.equal(feed.link, 'https://feeds.example.cn/');
    assert.equal(feed.items[0]?.link, 'https://feeds.example.cn/path/posts/1');
    assert.equal(feed.items[0]?.image, 'https://img.example.cn/1.jpg');
  });
});

describe('lead image priority', () => {
  const base = 'https://news.example.cn/feed';
  const all = {
    thumbnail: '<media:thumbnail url="/thumb.jpg"/>',
    mediaImage: '<media:content url="/media.jpg" medium="image"/>',
    mediaVideo: '<media:content url="/video.mp4" type="video/mp4"/>',
    enclosure: '<enclosure url="/enclosure.jpg" type="image/jpeg" length="1"/>',
    audio: '<enclosure url="/audio.mp3" type="audio/mpeg" length="1"/>',
    itunes: '<itunes:image href="/itunes.jpg"/>',
    content: '<description><![CDATA[<p><img src="/content.jpg"></p>]]></description>',
  };
  type Part = keyof typeof all;
  const image = (parts: Part[]): string | null =>
    parseFeed(
      `<rss version="2.0" ${MEDIA} ${ITUNES}><channel><item><title>图</title>` +
        parts.map((part) => all[part]).join('') +
        '</item></channel></rss>',
      { baseUrl: base },
    ).items[0]?.image ?? null;

  const order: [Part[], string | null][] = [
    [['content', 'itunes', 'enclosure', 'mediaImage', 'thumbnail'], '/thumb.jpg'],
    [['content', 'itunes', 'enclosure', 'mediaImage'], '/media.jpg'],
    [['content', 'itunes', 'enclosure', 'mediaVideo'], '/enclosure.jpg'],
    [['content', 'itunes', 'audio'], '/itunes.jpg'],
    [['content', 'audio', 'mediaVideo'], '/content.jpg'],
    [['audio'], null],
  ];
  for (const [parts, expected] of order) {
    it(`${parts.join(' + ')} → ${expected}`, () => {
      assert.equal(image(parts), expected === null ? null : `https://news.example.cn${expected}`);
    });
  }

  it('reads media:content inside media:group, and image types without medium', () => {
    const feed = parseFeed(
      `<rss version="2.0" ${MEDIA}><channel><item><title>图</title>` +
        '<media:group><media:content url="https://img.example.cn/g.png" type="image/png"/>' +
        '</media:group></item></channel></rss>',
    );
    assert.equal(feed.items[0]?.image, 'https://img.example.cn/g.png');
  });

  it('takes the first suitable <img> of the content, then of the summary', () => {
    const feed = parseFeed(
      '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">' +
        '<channel><item><title>图</title>' +
        '<description><![CDATA[<img src="/summary.jpg">]]></description>' +
        '<content:encoded><![CDATA[' +
        '<img src="https://t.example.com/track.gif" width="1" height="1">' +
        '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">' +
        '<img src="/images/spacer.gif"><img src="/images/pixel.gif">' +
        '<img src="/content.jpg">]]></content:encoded></item>' +
        '<item><title>图二</title><description><![CDATA[<p>无图</p>]]></description>' +
        '<content:encoded><![CDATA[<img src="/1x1.gif">]]></content:encoded></item>' +
        '<item><title>图三</title><description><![CDATA[<img src="//img.example.cn/s.jpg">]]>' +
        '</description><content:encoded><![CDATA[<p>无图</p>]]></content:encoded></item>' +
        '</channel></rss>',
      { baseUrl: base },
    );
    assert.deepEqual(
      feed.items.map((item) => item.image),
      ['https://news.example.cn/content.jpg', null, 'https://img.example.cn/s.jpg'],
    );
  });

  it('skips data: URIs among the explicit images', () => {
    const feed = parseFeed(
      `<rss version="2.0" ${MEDIA}><channel><item><title>图</title>` +
        '<media:thumbnail url="data:image/png;base64,AAAA"/>' +
        '<description><![CDATA[<img src="https://img.example.cn/real.jpg">]]></description>' +
        '</item></channel></rss>',
    );
    assert.equal(feed.items[0]?.image, 'https://img.example.cn/real.jpg');
  });

  it('reads Atom media:thumbnail and JSON Feed image', () => {
    const atom = parseFeed(
      `<feed ${ATOM} ${MEDIA} xml:base="https://news.example.cn/"><entry><title>图</title>` +
        '<content type="html">&lt;img src="c.jpg"&gt;</content>' +
        '<media:thumbnail url="t.jpg"/></entry></feed>',
    );
    assert.equal(atom.items[0]?.image, 'https://news.example.cn/t.jpg');
    const json = parseFeed(
      JSON.stringify({
        version: 'https://jsonfeed.org/version/1',
        items: [{ id: '1', content_html: '<img src="https://x.cn/c.jpg">' }],
      }),
    );
    assert.equal(json.items[0]?.image, 'https://x.cn/c.jpg');
  });
});

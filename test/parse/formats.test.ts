import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseFeed } from '../../src/parse/index.js';

// Issue 3 point 1: every format and version, recognised by content. Chinese feeds.

describe('formats and versions', () => {
  it('RSS 0.91 (Netscape DOCTYPE, entities from the DTD)', () => {
    const feed = parseFeed(
      '<?xml version="1.0" encoding="ISO-8859-1"?>\n' +
        '<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" ' +
        '"http://my.netscape.com/publish/formats/rss-0.91.dtd">\n' +
        '<rss version="0.91"><channel><title>News &amp; Views</title><link>http://n.example/</link>' +
        '<language>en-us</language><image><url>http://n.example/logo.gif</url></image>' +
        '<item><title>Caf&eacute;</title><link>http://n.example/1</link>' +
        '<description>a &lt;b&gt;bold&lt;/b&gt; claim</description></item></channel></rss>',
    );
    assert.equal(feed.format, 'rss');
    assert.equal(feed.title, 'News & Views');
    assert.equal(feed.image, 'http://n.example/logo.gif');
    assert.equal(feed.items[0]?.title, 'Café');
    assert.equal(feed.items[0]?.summary, 'a <b>bold</b> claim');
  });

  it('RSS 0.92 (items without titles, enclosure, category)', () => {
    const feed = parseFeed(
      '<rss version="0.92"><channel><title>播客</title>' +
        '<item><description>只有描述</description><category>科技</category>' +
        '<enclosure url="http://p.example/1.mp3" length="1024" type="audio/mpeg"/></item>' +
        '</channel></rss>',
    );
    const item = feed.items[0];
    assert.equal(item?.title, null);
    assert.equal(item?.summary, '只有描述');
    assert.deepEqual(item?.categories, ['科技']);
    assert.deepEqual(item?.enclosures, [
      { url: 'http://p.example/1.mp3', type: 'audio/mpeg', length: 1024 },
    ]);
  });

  it('RSS 0.90 (RDF with the Netscape namespace)', () => {
    const feed = parseFeed(
      '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" ' +
        'xmlns="http://my.netscape.com/rdf/simple/0.9/"><channel><title>旧闻</title>' +
        '<link>http://o.example/</link></channel>' +
        '<item><title>第一条</title><link>http://o.example/1</link></item></rdf:RDF>',
    );
    assert.equal(feed.format, 'rdf');
    assert.equal(feed.title, '旧闻');
    assert.equal(feed.items[0]?.link, 'http://o.example/1');
  });

  it('RSS 2.0 with content:encoded, Dublin Core, media and itunes', () => {
    const feed = parseFeed(
      '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" ' +
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/" ' +
        'xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"><channel><title>频道</title>' +
        '<itunes:image href="https://i.example.cn/cover.jpg"/>' +
        '<item><title>标题</title><dc:creator>张三</dc:creator><dc:date>2021-12-25T08:03:00+08:00</dc:date>' +
        '<dc:subject>经济</dc:subject><description>摘要</description>' +
        '<content:encoded><![CDATA[<p>全文</p>]]></content:encoded>' +
        '<itunes:image href="https://i.example.cn/ep.jpg"/></item></channel></rss>',
    );
    const item = feed.items[0];
    assert.equal(feed.image, 'https://i.example.cn/cover.jpg');
    assert.equal(item?.author, '张三');
    assert.equal(item?.published, '2021-12-25T00:03:00.000Z');
    assert.deepEqual(item?.categories, ['经济']);
    assert.equal(item?.summary, '摘要');
    assert.equal(item?.content, '<p>全文</p>');
    assert.equal(item?.image, 'https://i.example.cn/ep.jpg');
  });

  it('Atom 1.0 text, html and xhtml constructs; link rel alternate and enclosure', () => {
    const feed = parseFeed(
      '<feed xmlns="http://www.w3.org/2005/Atom"><title type="html">&lt;b&gt;新闻&lt;/b&gt; &amp;amp; 评论</title>' +
        '<link rel="self" href="https://a.example.cn/atom"/><link href="https://a.example.cn/"/>' +
        '<entry><title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">第<i>一</i>条</div></title>' +
        '<link rel="alternate" type="text/html" href="https://a.example.cn/1"/>' +
        '<link rel="enclosure" type="audio/mpeg" length="99" href="https://a.example.cn/1.mp3"/>' +
        '<summary type="text">&lt;不是标签&gt;</summary>' +
        '<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>正文</p></div></content>' +
        '</entry></feed>',
    );
    const item = feed.items[0];
    assert.equal(feed.title, '新闻 & 评论');
    assert.equal(feed.link, 'https://a.example.cn/');
    assert.equal(item?.title, '第一条');
    assert.equal(item?.link, 'https://a.example.cn/1');
    assert.deepEqual(item?.enclosures, [
      { url: 'https://a.example.cn/1.mp3', type: 'audio/mpeg', length: 99 },
    ]);
    assert.match(item?.summary ?? '', /&lt;不是标签&gt;|<不是标签>/);
    assert.equal(item?.content, '<p>正文</p>');
  });

  it('JSON Feed 1.0 (author object, summary, external_url fallback absent)', () => {
    const feed = parseFeed(
      JSON.stringify({
        version: 'https://jsonfeed.org/version/1',
        title: '新闻',
        home_page_url: 'https://j.example.cn/',
        author: { name: '编辑部' },
        items: [
          {
            id: 'a1',
            url: 'https://j.example.cn/1',
            title: '标题',
            summary: '摘要',
            content_html: '<p>全文</p>',
            date_published: '2021-12-25T08:03:00+08:00',
            date_modified: '2021-12-26T08:03:00+08:00',
            tags: ['科技'],
          },
        ],
      }),
    );
    const item = feed.items[0];
    assert.equal(feed.format, 'json');
    assert.equal(item?.author, '编辑部');
    assert.equal(item?.summary, '摘要');
    assert.equal(item?.content, '<p>全文</p>');
    assert.equal(item?.published, '2021-12-25T00:03:00.000Z');
    assert.equal(item?.updated, '2021-12-26T00:03:00.000Z');
    assert.deepEqual(item?.categories, ['科技']);
  });

  it('detects the format by content, whatever the bytes look like around it', () => {
    const atom =
      '<?xml version="1.0"?><!-- 注释 --><?xml-stylesheet href="s.xsl"?>\n<feed xmlns="http://www.w3.org/2005/Atom"/>';
    assert.equal(parseFeed(atom).format, 'atom');
    assert.equal(
      parseFeed('\ufeff\n{"version":"https://jsonfeed.org/version/1.1","items":[]}').format,
      'json',
    );
  });
});

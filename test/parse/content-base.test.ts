import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseFeed } from '../../src/parse/index.js';
import type { ParsedItem } from '../../src/parse/parsed-feed.js';

// RFC 4287 §5 / XML Base: relative URLs inside an item's HTML resolve against the xml:base in
// force on the element the HTML came from. The parser leaves the HTML as given and passes that
// base on (ParsedItem.sourceBase) for the content stage; only a base the document wrote counts.

const ATOM = 'xmlns="http://www.w3.org/2005/Atom"';
const CONTENT = 'xmlns:content="http://purl.org/rss/1.0/modules/content/"';
const DOC = 'https://feeds.example.net/path/feed.xml';

function entry(inner: string, attributes = ''): string {
  return (
    `<entry ${attributes}><title>t</title><link href="http://other.example/post/1"/><id>x</id>` +
    `<updated>2024-01-01T00:00:00Z</updated>${inner}</entry>`
  );
}

function atomItem(feedAttributes: string, inner: string, baseUrl?: string): ParsedItem {
  const feed = parseFeed(
    `<feed ${ATOM} ${feedAttributes}>${inner}</feed>`,
    baseUrl === undefined ? {} : { baseUrl },
  );
  return feed.items[0]!;
}

const IMG = '<content type="html">&lt;img src="a.png"&gt;</content>';

describe('the xml:base in force on the content (Atom)', () => {
  it('is the content element’s own, not the item link or the feed’s', () => {
    const item = atomItem(
      'xml:base="http://example.org/blog/"',
      entry(
        '<content type="html" xml:base="http://cdn.example.com/media/">&lt;img src="a.png"&gt;</content>',
      ),
    );
    assert.equal(item.sourceBase, 'http://cdn.example.com/media/');
    assert.equal(item.content, '<img src="a.png">', 'the HTML stays as given');
    // The lead image the parser takes from the content resolves against it too.
    assert.equal(item.image, 'http://cdn.example.com/media/a.png');
  });

  it('resolves a relative xml:base on the content against the one above it', () => {
    const item = atomItem(
      'xml:base="http://example.org/blog/"',
      entry('<content type="html" xml:base="media/">&lt;a href="b.html"&gt;b&lt;/a&gt;</content>'),
    );
    assert.equal(item.sourceBase, 'http://example.org/blog/media/');
  });

  it('nests: feed, entry and content bases each relative to the one above', () => {
    const item = atomItem(
      'xml:base="http://example.org/blog/"',
      entry(
        '<content type="html" xml:base="media/">&lt;img src="a.png"&gt;</content>',
        'xml:base="2024/"',
      ),
    );
    assert.equal(item.sourceBase, 'http://example.org/blog/2024/media/');
    assert.equal(item.image, 'http://example.org/blog/2024/media/a.png');
  });

  it('is the xhtml wrapper div’s, when the div has one', () => {
    const item = atomItem(
      'xml:base="http://example.org/blog/"',
      entry(
        '<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml" xml:base="/xhtml/">' +
          '<img src="a.png"/></div></content>',
      ),
    );
    assert.equal(item.content, '<img src="a.png">');
    assert.equal(item.sourceBase, 'http://example.org/xhtml/');
    assert.equal(item.image, 'http://example.org/xhtml/a.png');
  });

  it('is the entry’s (or the feed’s) when the content has none of its own', () => {
    assert.equal(
      atomItem('', entry(IMG, 'xml:base="https://entry.example/x/"')).sourceBase,
      'https://entry.example/x/',
    );
    assert.equal(
      atomItem('xml:base="https://feed.example/"', entry(IMG)).sourceBase,
      'https://feed.example/',
    );
  });

  it('resolves a relative xml:base against the document URL', () => {
    assert.equal(
      atomItem('', entry('<content type="html" xml:base="media/">x</content>'), DOC).sourceBase,
      'https://feeds.example.net/path/media/',
    );
  });

  it('is absent when no xml:base is written, even with a document URL: the link decides', () => {
    for (const baseUrl of [undefined, DOC]) {
      const item = atomItem('', entry(IMG), baseUrl);
      assert.equal(item.sourceBase ?? null, null);
      assert.equal('sourceBase' in item, false);
    }
  });

  it('is absent when the written xml:base stays relative (no absolute base above it)', () => {
    const item = atomItem('', entry('<content type="html" xml:base="media/">x</content>'));
    assert.equal(item.sourceBase ?? null, null);
  });

  it('is the summary’s when the summary is the HTML (no content, or content out of line)', () => {
    const summary =
      '<summary type="html" xml:base="https://summary.example/s/">&lt;img src="a.png"&gt;</summary>';
    const none = atomItem('xml:base="https://feed.example/"', entry(summary));
    assert.equal(none.sourceBase, 'https://summary.example/s/');
    assert.equal(none.image, 'https://summary.example/s/a.png');
    const outOfLine = atomItem(
      'xml:base="https://feed.example/"',
      entry(`<content src="https://elsewhere.example/body" type="text/html"/>${summary}`),
    );
    assert.equal(outOfLine.content, null);
    assert.equal(outOfLine.sourceBase, 'https://summary.example/s/');
  });

  it('is absent for an item with no HTML at all', () => {
    const item = atomItem('xml:base="https://feed.example/"', entry(''));
    assert.equal(item.sourceBase ?? null, null);
  });

  it('is each entry’s own: the next entry does not inherit an earlier content’s base', () => {
    const body =
      `<feed ${ATOM} xml:base="http://example.org/blog/"><title>f</title>` +
      entry('<content type="html" xml:base="media/">&lt;img src="a.png"&gt;</content>') +
      entry(IMG) +
      '</feed>';
    const feed = parseFeed(new TextEncoder().encode(body));
    assert.deepEqual(
      feed.items.map((item) => item.sourceBase),
      ['http://example.org/blog/media/', 'http://example.org/blog/'],
    );
  });
});

describe('the xml:base in force on the content (RSS)', () => {
  function rssItem(itemAttributes: string, inner: string, baseUrl?: string): ParsedItem {
    const feed = parseFeed(
      `<rss version="2.0" ${CONTENT} xml:base="https://news.example/"><channel><title>c</title>` +
        `<item ${itemAttributes}><title>t</title><link>https://other.example/1</link>${inner}</item>` +
        '</channel></rss>',
      baseUrl === undefined ? {} : { baseUrl },
    );
    return feed.items[0]!;
  }

  it('is content:encoded’s when the item has one, else the description’s', () => {
    const both = rssItem(
      'xml:base="/2021/"',
      '<description xml:base="https://desc.example/">short</description>' +
        '<content:encoded xml:base="media/"><![CDATA[<img src="a.png">]]></content:encoded>',
    );
    assert.equal(both.sourceBase, 'https://news.example/2021/media/');
    assert.equal(both.image, 'https://news.example/2021/media/a.png');
    const description = rssItem(
      '',
      '<description xml:base="https://desc.example/d/"><![CDATA[<img src="a.png">]]></description>',
    );
    assert.equal(description.sourceBase, 'https://desc.example/d/');
    assert.equal(description.image, 'https://desc.example/d/a.png');
  });

  it('is absent in an RSS feed that writes no xml:base', () => {
    const feed = parseFeed(
      `<rss version="2.0"><channel><title>c</title><item><title>t</title>` +
        '<description><![CDATA[<img src="a.png">]]></description></item></channel></rss>',
      { baseUrl: DOC },
    );
    assert.equal(feed.items[0]?.sourceBase ?? null, null);
  });
});

describe('an xml:base on an element inside xhtml content', () => {
  it('resolves that element’s URLs (and its descendants’) against it; the rest stay as given', () => {
    const item = atomItem(
      'xml:base="http://example.org/blog/"',
      entry(
        '<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">' +
          '<p xml:base="http://cdn.example.com/media/"><a href="x.html">x</a>' +
          '<img src="i.png" srcset="i.png 1x, big/i.png 2x" alt=""/></p>' +
          '<p xml:base="archive/"><a href="old.html">old</a></p>' +
          '<p xml:base="file:///etc/"><a href="passwd">p</a></p>' +
          '<a href="y.html">y</a></div></content>',
      ),
    );
    assert.equal(item.sourceBase, 'http://example.org/blog/');
    const html = item.content!;
    assert.match(html, /<a href="http:\/\/cdn\.example\.com\/media\/x\.html">/);
    assert.match(html, /src="http:\/\/cdn\.example\.com\/media\/i\.png"/);
    assert.match(
      html,
      /srcset="http:\/\/cdn\.example\.com\/media\/i\.png 1x, http:\/\/cdn\.example\.com\/media\/big\/i\.png 2x"/,
    );
    assert.match(html, /alt=""/, 'other attributes as they were');
    // A relative xml:base resolves against the one above it.
    assert.match(html, /<a href="http:\/\/example\.org\/blog\/archive\/old\.html">/);
    // Not a web address: left for the content stage (which resolves against sourceBase).
    assert.match(html, /<a href="passwd">/);
    // Under the content's own base: left as given, the content stage resolves it.
    assert.match(html, /<a href="y\.html">/);
  });

  it('in an RSS description written as markup too', () => {
    const feed = parseFeed(
      '<rss version="2.0"><channel><title>c</title><item><title>t</title>' +
        '<description><p xml:base="https://img.example/"><img src="a.jpg"/></p></description>' +
        '</item></channel></rss>',
      { baseUrl: DOC },
    );
    assert.match(feed.items[0]!.summary ?? '', /src="https:\/\/img\.example\/a\.jpg"/);
  });
});

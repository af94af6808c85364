import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseFeed } from '../../src/parse/index.js';

describe('Atom 1.0', () => {
  const feed = parseFeed(
    `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en" xml:base="https://example.org/blog/">
  <title type="html">&lt;b&gt;Example&lt;/b&gt; &amp;amp; Co</title>
  <subtitle type="html">A &lt;i&gt;fine&lt;/i&gt; blog</subtitle>
  <link rel="self" href="/feed.atom"/>
  <link rel="alternate" type="application/json" href="feed.json"/>
  <link rel="alternate" type="text/html" href="./"/>
  <updated>2021-12-25T08:03:46.250+08:00</updated>
  <logo>logo.png</logo><icon>favicon.ico</icon>
  <author><name>Feed Author</name></author>
  <entry xml:base="posts/">
    <id>tag:example.org,2021:1</id>
    <title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Hello <b>world</b></div></title>
    <link href="hello.html"/>
    <link rel="enclosure" href="/a.mp3" type="audio/mpeg" length="99"/>
    <published>2021-12-24T00:00:00Z</published>
    <updated>2021-12-25T00:00:00Z</updated>
    <category term="news"/><category term="tech" label="Technology"/>
    <summary>Plain &amp; short</summary>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Body <img src="pic.jpg"/></p></div></content>
  </entry>
  <entry>
    <title>Second</title>
    <author><name>Someone</name><email>s@x.org</email></author>
    <content type="html">&lt;p&gt;escaped &lt;img src="https://cdn/x.png"&gt;&lt;/p&gt;</content>
  </entry>
</feed>`,
    { baseUrl: 'https://example.org/feed.atom' },
  );

  it('reads feed fields (titles as plain text, HTML link preferred, logo)', () => {
    assert.equal(feed.format, 'atom');
    assert.equal(feed.title, 'Example & Co');
    assert.equal(feed.description, 'A fine blog');
    assert.equal(feed.link, 'https://example.org/blog/');
    assert.equal(feed.language, 'en');
    assert.equal(feed.updated, '2021-12-25T00:03:46.250Z');
    assert.equal(feed.image, 'https://example.org/blog/logo.png');
  });

  it('reads an entry with xml:base, xhtml content and an enclosure', () => {
    assert.deepEqual(feed.items[0], {
      id: 'tag:example.org,2021:1',
      title: 'Hello world',
      link: 'https://example.org/blog/posts/hello.html',
      published: '2021-12-24T00:00:00.000Z',
      publishedText: '2021-12-24T00:00:00Z',
      updated: '2021-12-25T00:00:00.000Z',
      author: 'Feed Author',
      summary: 'Plain & short',
      content: '<p>Body <img src="pic.jpg"></p>',
      // The xml:base in force on the content, for the content stage's relative URLs.
      sourceBase: 'https://example.org/blog/posts/',
      categories: ['news', 'tech'],
      enclosures: [{ url: 'https://example.org/a.mp3', type: 'audio/mpeg', length: 99 }],
      image: 'https://example.org/blog/posts/pic.jpg',
    });
  });

  it('keeps html content as given and uses the entry author', () => {
    const entry = feed.items[1];
    assert.equal(entry?.author, 'Someone');
    assert.equal(entry?.content, '<p>escaped <img src="https://cdn/x.png"></p>');
    assert.equal(entry?.image, 'https://cdn/x.png');
    assert.equal(entry?.published, null);
    assert.equal(entry?.updated, null);
  });
});

describe('an entry without an alternate link', () => {
  it('links to its id when the id is an http(s) URL (feedparser does; the link was null)', () => {
    const feed = parseFeed(`<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>
      <entry><id>https://example.org/?p=4</id><title>a</title></entry>
      <entry><id>tag:example.org,2021:5</id><title>b</title></entry>
      <entry><id>https://example.org/6</id><title>c</title><link rel="self" href="https://example.org/6.atom"/><link href="https://example.org/posts/6"/></entry>
    </feed>`);
    assert.deepEqual(
      feed.items.map((item) => item.link),
      ['https://example.org/?p=4', null, 'https://example.org/posts/6'],
    );
  });
});

describe('Media RSS title and description', () => {
  it('a YouTube entry gets its summary from media:group/media:description (it had none)', () => {
    const feed =
      parseFeed(`<feed xmlns="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/">
      <title>channel</title>
      <entry><id>yt:video:1</id><title>Video</title><link rel="alternate" href="https://www.youtube.com/watch?v=1"/>
        <media:group><media:title>Video</media:title><media:description>Line 1 &amp; &lt;b&gt;not html&lt;/b&gt;
Line 2</media:description></media:group></entry>
      <entry><id>2</id><summary>Own summary</summary><media:group><media:title>Media only title</media:title><media:description>ignored</media:description></media:group></entry>
    </feed>`);
    assert.equal(feed.items[0]?.summary, 'Line 1 &amp; &lt;b&gt;not html&lt;/b&gt;\nLine 2');
    assert.equal(feed.items[1]?.summary, 'Own summary');
    assert.equal(feed.items[1]?.title, 'Media only title');
  });
});

describe('Atom 0.3', () => {
  it('reads modes, tagline, issued and modified', () => {
    const feed = parseFeed(`<feed version="0.3" xmlns="http://purl.org/atom/ns#">
  <title mode="base64">SGVsbG8gJmFtcDsgYnll</title>
  <tagline mode="escaped">&lt;b&gt;tag&lt;/b&gt;line</tagline>
  <link rel="alternate" type="text/html" href="http://example.org/"/>
  <modified>2003-12-31T10:14:55Z</modified>
  <entry>
    <title type="text/html" mode="escaped">&lt;b&gt;&amp;amp;&lt;/b&gt;</title>
    <issued>2003-12-30T10:14:55Z</issued>
    <modified>2003-12-31T10:14:55Z</modified>
    <content type="application/xhtml+xml" mode="xml"><div xmlns="http://www.w3.org/1999/xhtml">x <i>y</i></div></content>
  </entry>
</feed>`);
    assert.equal(feed.format, 'atom');
    assert.equal(feed.title, 'Hello &amp; bye');
    assert.equal(feed.description, 'tagline');
    assert.equal(feed.link, 'http://example.org/');
    assert.equal(feed.updated, '2003-12-31T10:14:55.000Z');
    assert.equal(feed.items[0]?.title, '&');
    assert.equal(feed.items[0]?.published, '2003-12-30T10:14:55.000Z');
    assert.equal(feed.items[0]?.updated, '2003-12-31T10:14:55.000Z');
    assert.equal(feed.items[0]?.content, 'x <i>y</i>');
  });
});

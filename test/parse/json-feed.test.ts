import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseFeed } from '../../src/parse/index.js';

describe('JSON Feed', () => {
  it("gives an item the feed's author only when the item names none of its own", () => {
    const feed = parseFeed(
      JSON.stringify({
        version: 'https://jsonfeed.org/version/1.1',
        title: 'JSON',
        authors: [{ name: 'Feed Author' }],
        items: [
          { id: '1', authors: [{ url: 'https://x.org/someone' }] },
          { id: '2', authors: [{ url: 'mailto:ann@x.org' }] },
          { id: '3', author: { url: 'mailto:bob@x.org?subject=hi' } },
          { id: '4' },
          { id: '5', authors: [] },
        ],
      }),
    );
    assert.deepEqual(
      feed.items.map((item) => item.author),
      [null, 'ann@x.org', 'bob@x.org', 'Feed Author', 'Feed Author'],
    );
  });

  it('reads 1.1 with authors, attachments and content_text', () => {
    const feed = parseFeed(
      JSON.stringify({
        version: 'https://jsonfeed.org/version/1.1',
        title: 'JSON',
        home_page_url: '/',
        description: 'About',
        language: 'zh-CN',
        icon: '/icon.png',
        authors: [{ name: 'Feed Author' }],
        items: [
          {
            id: 1,
            url: '/p/1',
            title: 'One',
            content_text: 'a < b',
            date_published: '2021-12-25T08:03:00+08:00',
            date_modified: '2021-12-26T00:00:00Z',
            tags: ['x', 2, 'y'],
            image: '/lead.jpg',
            attachments: [{ url: '/a.mp3', mime_type: 'audio/mpeg', size_in_bytes: 10 }],
          },
          { id: '2', content_html: '<p>Hi <img src="/i.png"></p>', author: { name: 'Old Style' } },
        ],
      }),
      { baseUrl: 'https://x.org/feed.json' },
    );
    assert.equal(feed.format, 'json');
    assert.equal(feed.title, 'JSON');
    assert.equal(feed.link, 'https://x.org/');
    assert.equal(feed.image, 'https://x.org/icon.png');
    assert.equal(feed.language, 'zh-CN');
    assert.deepEqual(feed.items[0], {
      id: '1',
      title: 'One',
      link: 'https://x.org/p/1',
      published: '2021-12-25T00:03:00.000Z',
      publishedText: '2021-12-25T08:03:00+08:00',
      updated: '2021-12-26T00:00:00.000Z',
      author: 'Feed Author',
      summary: null,
      content: 'a &lt; b',
      categories: ['x', '2', 'y'],
      enclosures: [{ url: 'https://x.org/a.mp3', type: 'audio/mpeg', length: 10 }],
      image: 'https://x.org/lead.jpg',
    });
    assert.equal(feed.items[1]?.author, 'Old Style');
    assert.equal(feed.items[1]?.image, 'https://x.org/i.png');
  });
});

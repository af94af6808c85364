import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Item } from '../../src/content/item.js';
import { prepareItem } from '../../src/content/prepare-item.js';
import { reprepareStoredItem } from '../../src/content/reprepare-item.js';
import type { ParsedItem } from '../../src/parse/parsed-feed.js';
import type { ContentSettings } from '../../src/sources/feed-source.js';

const NO_AD: ContentSettings = {
  embeds: true,
  builtinRules: true,
  clean: [{ remove: ['.ad'], removePattern: [], keepOnly: null }],
};

function parsed(fields: Partial<ParsedItem>): ParsedItem {
  return {
    id: 'x1',
    title: '标题',
    link: 'https://news.example/a/1',
    published: '2026-11-25T00:00:00.000Z',
    publishedText: 'Wed, 25 Nov 2026 08:00:00 +0800',
    updated: null,
    author: '记者',
    summary: null,
    content: null,
    categories: ['财经'],
    enclosures: [],
    image: null,
    ...fields,
  };
}

const HTML =
  '<p>正文</p><div class="ad"><img src="/ad/banner-wide.jpg" width="600"></div><img src="/p/photo.jpg">';

test('prepared again, an item is what the feed would make of it, but for what other fields gave', () => {
  const stored = prepareItem(parsed({ content: HTML }), { baseUrl: null });
  assert.equal(stored.image, 'https://news.example/ad/banner-wide.jpg');
  const again = reprepareStoredItem(stored, { baseUrl: null, content: NO_AD });
  const fresh = prepareItem(parsed({ content: HTML }), { baseUrl: null, content: NO_AD });
  assert.deepEqual(again, fresh);
  // The lead image came from the content: the first image left after cleaning now.
  assert.equal(again.image, 'https://news.example/p/photo.jpg');
});

test('a lead image the feed named is kept; a title the feed gave is kept, one made from the text is made again', () => {
  const named = prepareItem(parsed({ content: HTML, image: 'https://cdn.example/thumb.jpg' }), {
    baseUrl: null,
  });
  assert.equal(named.image, 'https://cdn.example/thumb.jpg');
  assert.equal(reprepareStoredItem(named, { baseUrl: null, content: NO_AD }).image, named.image);

  const untitled: Item = prepareItem(
    parsed({ title: null, content: '<p class="ad">广告</p><p>微博正文</p>' }),
    { baseUrl: null },
  );
  assert.match(untitled.title, /广告/);
  const again = reprepareStoredItem(untitled, { baseUrl: null, content: NO_AD });
  assert.equal(again.title, '微博正文');
  assert.equal(again.published, untitled.published);
  assert.deepEqual(again.categories, ['财经']);
});

test('prepared again, relative URLs resolve against the xml:base the HTML was given under', () => {
  const given = parsed({
    link: 'http://other.example/post/1',
    content: '<p class="ad">广告</p><img src="a.png"><a href="b.html">b</a>',
    sourceBase: 'http://cdn.example.com/media/',
  });
  const stored = prepareItem(given, { baseUrl: null });
  assert.equal(stored.image, 'http://cdn.example.com/media/a.png');
  const again = reprepareStoredItem(stored, { baseUrl: null, content: NO_AD });
  assert.deepEqual(again, prepareItem(given, { baseUrl: null, content: NO_AD }));
  assert.match(again.contentHtml, /src="http:\/\/cdn\.example\.com\/media\/a\.png"/);
  assert.match(again.contentHtml, /href="http:\/\/cdn\.example\.com\/media\/b\.html"/);
  assert.equal(again.image, 'http://cdn.example.com/media/a.png');
  assert.equal(again.sourceBase, 'http://cdn.example.com/media/');
});

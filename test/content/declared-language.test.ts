import assert from 'node:assert/strict';
import { test } from 'node:test';
import { declaredLanguage } from '../../src/content/declared-language.js';
import { prepareFeed } from '../../src/content/prepare-feed.js';

/** An RSSHub-style feed: its template writes `en` when the route sets no language. */
function rsshubFeed(language: string, titles: string[]): Uint8Array {
  const items = titles
    .map(
      (title, i) =>
        `<item><title>${title}</title><guid>${i}</guid><description>${title}</description></item>`,
    )
    .join('');
  return new TextEncoder().encode(
    `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><link>https://rsshub.app/</link>
<generator>RSSHub</generator><language>${language}</language>${items}</channel></rss>`,
  );
}

const prepared = (body: Uint8Array) =>
  prepareFeed({ body, webUrl: 'http://127.0.0.1/feed', charset: null, timeZone: 'UTC' });

test('a feed’s declared language reaches the prepared feed as a canonical tag', () => {
  assert.equal(prepared(rsshubFeed('zh-cn', ['央行开展逆回购操作'])).language, 'zh-CN');
  assert.equal(prepared(rsshubFeed('en', ['Show HN: A tiny static site builder'])).language, 'en');
  assert.equal(prepared(rsshubFeed('English', ['Show HN'])).language, null);
});

test('a Chinese feed declaring RSSHub’s default `en` is not taken at its word', () => {
  const chinese = [
    '【快讯】沪深两市早盘震荡走高',
    '多地优化住房公积金政策 支持刚性需求',
    'iPhone 17 发布：A19 芯片',
  ];
  assert.equal(prepared(rsshubFeed('en', chinese)).language, null);
  assert.equal(declaredLanguage('en-US', [{ title: '東京の朝', excerpt: '朝の記事です。' }]), null);
  assert.equal(declaredLanguage('de', [{ title: '서울 소식', excerpt: '' }]), null);
});

test('text that is mostly Latin, or declared CJK, keeps its declaration', () => {
  // English titles that name a Chinese company or quote a few characters stay English.
  assert.equal(
    declaredLanguage('en', [
      { title: 'Alibaba (阿里巴巴) reports earnings', excerpt: 'Revenue rose 8%.' },
    ]),
    'en',
  );
  assert.equal(declaredLanguage('ja', [{ title: '東京', excerpt: '' }]), 'ja');
  assert.equal(declaredLanguage('zh-TW', [{ title: 'Apple', excerpt: 'iPhone' }]), 'zh-TW');
  assert.equal(declaredLanguage('en', []), 'en', 'no items: nothing contradicts it');
});

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { cleanHtml } from '../../src/content/clean-html.js';
import { prepareItem } from '../../src/content/prepare-item.js';
import { readingMinutes } from '../../src/content/reading-time.js';
import { sanitizeHtml } from '../../src/content/sanitize-html.js';
import type { ParsedItem } from '../../src/parse/parsed-feed.js';
import type { CleanRules, ContentSettings } from '../../src/sources/feed-source.js';

function settings(clean: Partial<CleanRules>[], builtinRules = true): ContentSettings {
  return {
    embeds: true,
    builtinRules,
    clean: clean.map((rules) => ({ remove: [], removePattern: [], keepOnly: null, ...rules })),
  };
}

function parsedItem(overrides: Partial<ParsedItem>): ParsedItem {
  return {
    id: 'x',
    title: 'T',
    link: 'https://news.example/a/1.html',
    published: null,
    publishedText: null,
    updated: null,
    author: null,
    summary: null,
    content: null,
    categories: [],
    enclosures: [],
    image: null,
    ...overrides,
  };
}

describe('cleanHtml: generic steps', () => {
  test('comments, empty paragraphs of full-width spaces, blank-line runs go', () => {
    const { html, applied } = cleanHtml(
      '<p>　　正文</p>\n\n\n<!-- 正文下iframe -->\n\n<p>\u3000\u3000</p><p>&nbsp;<br></p><div><span></span></div><p>尾</p>',
    );
    assert.equal(html, '<p>　　正文</p>\n<p>尾</p>');
    assert.deepEqual(applied, ['html-comments', 'empty-elements']);
  });

  test('images, tables, rules and named anchors keep their element; pre keeps its blank lines', () => {
    const html = '<p><img src="a.png"></p><div><hr></div><a name="x"></a><pre>a\n\n\nb</pre>';
    assert.equal(cleanHtml(html).html, html);
  });

  test('an iframe loses its fallback content', () => {
    assert.equal(
      cleanHtml('<iframe src="https://player.vimeo.com/video/1"><p>old browser</p></iframe>').html,
      '<iframe src="https://player.vimeo.com/video/1"></iframe>',
    );
  });

  test('empty input', () => {
    assert.deepEqual(cleanHtml('  '), { html: '', applied: [] });
  });
});

describe('cleanHtml: user rules', () => {
  const html =
    '<article><h1>标题</h1><p>正文一</p><div class="share">分享到微博</div><p>本文来源：某某网 编辑：小王</p></article><aside>相关阅读</aside>';

  test('remove by selector, remove text by pattern, elements left empty go too', () => {
    const { html: out, applied } = cleanHtml(
      html,
      settings([{ remove: ['.share', 'aside'], removePattern: ['^本文来源：.*$'] }]),
    );
    assert.equal(out, '<article><h1>标题</h1><p>正文一</p></article>');
    assert.ok(applied.includes('config rule set 1'));
  });

  test('a pattern removes only what it matches', () => {
    assert.equal(
      cleanHtml('<p>正文（记者 张三）结束</p>', settings([{ removePattern: ['（记者 \\S+）'] }]))
        .html,
      '<p>正文结束</p>',
    );
  });

  test('keepOnly keeps the matches; the most specific keepOnly wins', () => {
    assert.equal(
      cleanHtml(html, settings([{ keepOnly: 'aside' }, { keepOnly: 'article p' }])).html,
      '<p>正文一</p><p>本文来源：某某网 编辑：小王</p>',
    );
  });

  test('keepOnly matching nothing keeps the whole item', () => {
    assert.equal(cleanHtml(html, settings([{ keepOnly: '.no-such' }])).html, html);
  });

  test('built-in rules can be switched off', () => {
    const sina = '<p>x</p><p class="article-editor">责任编辑：王蒙</p>';
    assert.equal(cleanHtml(sina, settings([])).html, '<p>x</p>');
    assert.equal(cleanHtml(sina, settings([], false)).html, sina);
  });

  test('rules reach prepareItem through its context', () => {
    const item = prepareItem(parsedItem({ content: html }), {
      baseUrl: null,
      content: settings([{ remove: ['.share', 'aside'] }]),
    });
    assert.equal(item.text, '标题 正文一 本文来源：某某网 编辑：小王');
  });
});

describe('sanitizeHtml: embeds and CSS', () => {
  const players = [
    '<iframe src="https://www.youtube.com/embed/abc" width="560" height="315"></iframe>',
    '<iframe src="//player.bilibili.com/player.html?bvid=BV1xx"></iframe>',
    '<iframe src="https://player.vimeo.com/video/1"></iframe>',
  ];

  test('allowlisted players stay, https, sandboxed, lazy', () => {
    for (const player of players) {
      const out = sanitizeHtml(player, null);
      assert.match(out, /^<iframe src="https:\/\/(?:www\.youtube\.com|player\.)/);
      assert.match(
        out,
        / sandbox="allow-scripts allow-same-origin allow-presentation allow-popups"/,
      );
      assert.match(out, / loading="lazy"/);
    }
  });

  test('other frames, http players, srcdoc and event handlers go', () => {
    const bad = [
      '<iframe src="http://www.youtube.com/embed/abc"></iframe>',
      '<iframe src="https://evil.example/embed/"></iframe>',
      '<iframe src="https://www.youtube.com/watch?v=abc"></iframe>',
      '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
      '<iframe src="javascript:alert(1)"></iframe>',
      '<iframe src="https://www.youtube.com.evil.example/embed/x"></iframe>',
      '<iframe src="https://user@www.youtube.com/embed/x"></iframe>',
    ];
    for (const html of bad) assert.equal(sanitizeHtml(html, null), '', html);
    assert.doesNotMatch(
      sanitizeHtml(
        '<iframe src="https://player.vimeo.com/video/1" onload="alert(1)" srcdoc="x"></iframe>',
        null,
      ),
      /onload|srcdoc/,
    );
  });

  test('embeds switched off: no iframe at all', () => {
    for (const player of players) assert.equal(sanitizeHtml(player, null, { embeds: false }), '');
  });

  test('style keeps only text-align', () => {
    assert.equal(
      sanitizeHtml(
        '<p style="text-align: center; color: red; position: fixed">a</p><div style="background: url(javascript:alert(1))">b</div><td style="text-align:expression(alert(1))">c</td>',
        null,
      ),
      '<p style="text-align:center">a</p><div>b</div><td>c</td>',
    );
    assert.equal(sanitizeHtml('<span style="text-align:center">x</span>', null), '<span>x</span>');
  });
});

describe('derived fields', () => {
  test('reading time: ~400 CJK characters or ~200 words a minute, mixed text adds up', () => {
    assert.equal(readingMinutes(''), 0);
    assert.equal(readingMinutes('，。'), 0);
    assert.equal(readingMinutes('短'), 1);
    assert.equal(readingMinutes('字'.repeat(4000)), 10);
    assert.equal(readingMinutes('word '.repeat(1000)), 5);
    assert.equal(readingMinutes('字'.repeat(2000) + ' word'.repeat(1000)), 10);
    assert.equal(readingMinutes('かな'.repeat(400)), 2);
  });

  test('lead image skips pixels, icons, QR codes and images removed as boilerplate', () => {
    const lead = (content: string, image: string | null = null) =>
      prepareItem(parsedItem({ content, image }), { baseUrl: null }).image;
    assert.equal(
      lead(
        '<img src="https://t.example/pixel.gif" width="1" height="1"><img src="https://a.example/icon.png" width="16"><img src="https://a.example/qrcode.png"><img src="https://a.example/x.png" alt="扫码关注"><img src="https://a.example/photo.jpg">',
      ),
      'https://a.example/photo.jpg',
    );
    // The parser's fallback (first image of the raw content) was Sina's QR box: cleaned away.
    const qr = 'https://n.sinaimg.cn/finance/cece9e13/20200514/343233024.png';
    assert.equal(lead(`<p>正文</p><div class="appendQr_wrap"><img src="${qr}"></div>`, qr), null);
    // An image the feed names outside the content (media:thumbnail) wins.
    assert.equal(
      lead('<img src="https://a.example/photo.jpg">', 'https://a.example/thumb.jpg'),
      'https://a.example/thumb.jpg',
    );
  });
});

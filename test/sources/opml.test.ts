import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseOpml, renderOpml } from '../../src/sources/opml.js';
import { cpuMsOf } from '../support/cpu-time.js';

// An OPML file as a feed reader exports it: one level of folders, a feed outside any folder.
const READER_OPML = `<?xml version="1.0" encoding="UTF-8"?>
<opml version="1.0">
  <head><title>Subscriptions</title></head>
  <body>
    <outline text="Tech" title="Tech">
      <outline type="rss" text="Ars &amp; Technica" xmlUrl="https://feeds.arstechnica.com/arstechnica/index" htmlUrl="https://arstechnica.com"/>
      <outline type="rss" text="知乎热榜" xmlUrl="http://127.0.0.1:1200/zhihu/hotlist?key=secret"/>
    </outline>
    <outline type="rss" title="Loose feed" xmlUrl="https://example.org/feed.xml"/>
  </body>
</opml>`;

describe('OPML', () => {
  test('reads folders as categories; feeds of the RSSHub instance as routes', () => {
    const feeds = parseOpml(READER_OPML, 'subs.opml', 'http://127.0.0.1:1200');
    assert.deepEqual(feeds, [
      {
        category: 'Tech',
        site: 'Ars & Technica',
        name: 'Ars & Technica',
        location: { url: 'https://feeds.arstechnica.com/arstechnica/index' },
      },
      {
        category: 'Tech',
        site: '知乎热榜',
        name: '知乎热榜',
        location: { rsshub: '/zhihu/hotlist' },
      },
      {
        category: 'Imported',
        site: 'Loose feed',
        name: 'Loose feed',
        location: { url: 'https://example.org/feed.xml' },
      },
    ]);
  });

  test('what Tidings writes, it reads back the same', () => {
    const feeds = [
      {
        category: '金融',
        site: '新浪财经',
        name: '新浪财经－国內',
        location: { rsshub: '/sina/finance' },
        xmlUrl: 'https://rsshub.app/sina/finance',
      },
      {
        category: 'A "quoted" <cat>',
        site: 'S & S',
        name: 'Local',
        location: { file: 'feeds/local.xml' },
        xmlUrl: 'file:///srv/feeds/local.xml',
      },
      {
        category: 'A "quoted" <cat>',
        site: 'S & S',
        name: 'Web',
        location: { url: 'https://x.org/?a=1&b=2' },
        xmlUrl: 'https://x.org/?a=1&b=2',
      },
    ];
    const text = renderOpml('My site', feeds);
    const back = parseOpml(text, 'out.opml', null);
    assert.deepEqual(
      back,
      feeds.map(({ xmlUrl: _xmlUrl, ...feed }) => feed),
    );
  });

  test('a title on several lines, or an empty text beside a title, gives a one-line name', () => {
    const opml = `<opml><body><outline text="  Tech
      news&#9;daily ">
      <outline type="rss" text="" title="Ars" xmlUrl="https://a.example/feed.xml"/>
      <outline type="rss" text="line1&#10;line2&#27;[31m" xmlUrl="https://b.example/feed.xml"/>
    </outline></body></opml>`;
    assert.deepEqual(
      parseOpml(opml, 'lines.opml', null).map(({ category, site, name }) => [category, site, name]),
      [
        ['Tech news daily', 'Ars', 'Ars'],
        ['Tech news daily', 'line1 line2[31m', 'line1 line2[31m'],
      ],
    );
  });

  test('RSSHub addresses become routes the config takes, whatever their escapes', () => {
    const outline = (url: string): string => `<outline text="f" xmlUrl="${url}"/>`;
    const routes = [
      'http://127.0.0.1:1200/zhihu/topic/%E4%B8%AD%E6%96%87',
      'http://127.0.0.1:1200/pnas/Applied%20Mathematics',
      'http://127.0.0.1:1200/broken/%E4%B8',
      'http://127.0.0.1:1200/a/100%25/b%2Fc',
      'http://127.0.0.1:1200/x/%E3%80%80y',
      'http://127.0.0.1:1200/twitter/user/x?filter=a%20b|c&amp;key=secret',
    ];
    const opml = `<opml><body>${routes.map(outline).join('')}</body></opml>`;
    assert.deepEqual(
      parseOpml(opml, 'routes.opml', 'http://127.0.0.1:1200').map((feed) => feed.location),
      [
        { rsshub: '/zhihu/topic/中文' },
        { rsshub: '/pnas/Applied%20Mathematics' },
        { rsshub: '/broken/%E4%B8' },
        { rsshub: '/a/100%25/b%2Fc' },
        { rsshub: '/x/%E3%80%80y' },
        { rsshub: '/twitter/user/x?filter=a+b%7Cc' },
      ],
    );
  });

  test('20,000 feeds in one site are written in well under a second, not copied once per feed', () => {
    // They took 11 s (the site's list was copied for every feed added to it); now ~50 ms.
    const feeds = Array.from({ length: 20_000 }, (_, i) => ({
      category: 'All',
      site: 'One',
      name: `f${i}`,
      location: { url: `https://a.example/${i}.xml` },
      xmlUrl: `https://a.example/${i}.xml`,
    }));
    let text = '';
    const ms = cpuMsOf(() => (text = renderOpml('T', feeds)));
    assert.equal(text.match(/xmlUrl=/g)?.length, 20_000);
    assert.ok(ms < 2000, `${Math.round(ms)} ms of CPU`);
  });

  test('feed: addresses are read as the http(s) ones they stand for; other schemes are refused, naming the outlines', () => {
    const outline = (text: string, url: string): string =>
      `<outline text="${text}" xmlUrl="${url}"/>`;
    const good = `<opml><body>${outline('a', 'feed://a.example/rss')}${outline('b', 'feed:https://b.example/rss')}</body></opml>`;
    assert.deepEqual(
      parseOpml(good, 'feed.opml', null).map((feed) => feed.location),
      [{ url: 'http://a.example/rss' }, { url: 'https://b.example/rss' }],
    );
    const bad = `<opml><body>${outline('ok', 'https://a.example/rss')}${outline('rel', '/c.xml')}${outline('js', 'javascript:alert(1)')}</body></opml>`;
    assert.throws(
      () => parseOpml(bad, 'bad.opml', null),
      /^SourceImportError: bad\.opml: 2 outline\(s\) whose xmlUrl is not an http\(s\) address: "rel" \(\/c\.xml\), "js" \(javascript:alert\(1\)\); nothing was imported$/,
    );
  });

  test('input that is not OPML, or has no feeds, is refused with its name', () => {
    assert.throws(() => parseOpml('<rss/>', 'x.xml', null), /x\.xml: not an OPML document/);
    assert.throws(
      () => parseOpml('<opml><body><outline text="empty"/></body></opml>', 'y.opml', null),
      /y\.opml: no feeds/,
    );
  });

  test('folders nested thousands deep are refused with its name, not a stack overflow', () => {
    const feed = '<outline type="rss" text="f" xmlUrl="https://a.example/feed.xml"/>';
    const nest = (depth: number, text: string): string =>
      `<opml><body>${`<outline text="${text}">`.repeat(depth)}${feed}${'</outline>'.repeat(depth)}</body></opml>`;
    for (const text of ['d', '']) {
      assert.throws(
        () => parseOpml(nest(50_000, text), 'deep.opml', null),
        /^SourceImportError: deep\.opml: outlines nested deeper than 100 folders/,
      );
    }
    assert.equal(parseOpml(nest(100, 'd'), 'ok.opml', null)[0]?.category, 'd');
  });
});

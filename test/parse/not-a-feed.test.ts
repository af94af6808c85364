import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { cli, runTidings } from '../support/run-tidings.js';
import { cpuMsOf } from '../support/cpu-time.js';
import { NotAFeedError, parseFeed } from '../../src/parse/index.js';

// Issue 3 point 7: input that is not a feed is a typed error, and through the CLI an exit
// code of 1 with exactly one line on stderr. The CLI checks need `npm run build` first.

const HTML_PAGE = `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>新闻网</title>
<link rel="alternate" type="application/rss+xml" title="RSS" href="/rss.xml">
<link rel="alternate" type="application/atom+xml" href="//feeds.example.cn/atom">
<link rel="alternate" type="text/html" hreflang="en" href="/en/">
<link rel="stylesheet" href="/style.css">
</head><body><p>你好</p></body></html>`;

const notFeeds: [name: string, input: string, message: RegExp, links?: string[]][] = [
  ['an empty document', '', /^empty document$/],
  ['a document of whitespace', ' \n\t ', /^empty document$/],
  [
    'an HTML page, with the feed links it advertises made absolute',
    HTML_PAGE,
    /HTML page.*https:\/\/news\.example\.cn\/rss\.xml https:\/\/feeds\.example\.cn\/atom$/,
    ['https://news.example.cn/rss.xml', 'https://feeds.example.cn/atom'],
  ],
  [
    'an HTML page without a doctype',
    '<html><head><link rel="alternate" type="application/rss+xml" href="feed"></head><body><p>x',
    /HTML page.*https:\/\/news\.example\.cn\/section\/feed$/,
    ['https://news.example.cn/section/feed'],
  ],
  [
    'an HTML page without feed links',
    '<!doctype html><html><body>x</body></html>',
    /^an HTML page, not a feed \(it advertises no feed links\)$/,
  ],
  [
    'an HTML page named by its title (an error, login or anti-bot page)',
    '<!DOCTYPE html><html><head><title>\n  Just a moment... &amp; 请稍候\n</title></head><body>x',
    /^an HTML page titled "Just a moment\.\.\. & 请稍候", not a feed \(it advertises no feed links\)$/,
  ],
  [
    'XML with an unknown root',
    '<?xml version="1.0"?><opml version="2.0"><body/></opml>',
    /unknown root element <opml>/,
  ],
  [
    'XML with an unknown namespaced root',
    '<x:doc xmlns:x="urn:example"><x:item/></x:doc>',
    /unknown root element <x:doc> \(namespace urn:example\)/,
  ],
  ['JSON that is not a JSON Feed', '{"title":"新闻","entries":[]}', /JSON that is not a JSON Feed/],
  ['a JSON array', '[{"title":"x"}]', /JSON that is not a JSON Feed/],
  ['broken JSON', '{"version": "https://jsonfeed.org/version/1", ', /invalid JSON/],
  ['plain text', '这不是订阅源', /not XML or JSON/],
];

it('an HTML page of endless unclosed <title tags is read in no time', () => {
  const html = `<html><head>${'<title'.repeat(12_000)}`;
  const ms = cpuMsOf(() => assert.throws(() => parseFeed(html), NotAFeedError));
  assert.ok(ms < 300, `${Math.round(ms)} ms of CPU`);
});

describe('not a feed: parseFeed throws NotAFeedError', () => {
  for (const [name, input, message, links] of notFeeds) {
    it(name, () => {
      const warnings: string[] = [];
      assert.throws(
        () =>
          parseFeed(input, {
            baseUrl: 'https://news.example.cn/section/page',
            onWarning: (w) => warnings.push(w),
          }),
        (error: unknown) => {
          assert.ok(error instanceof NotAFeedError);
          assert.equal(error.name, 'NotAFeedError');
          assert.match(error.message, message);
          assert.doesNotMatch(error.message, /\n/);
          assert.deepEqual(error.feedLinks, links ?? []);
          return true;
        },
      );
      assert.deepEqual(warnings, [], 'no warnings besides the error');
    });
  }

  it('a truncated but recognisable feed is not an error', () => {
    assert.equal(parseFeed('<rss><channel><title>新闻').title, '新闻');
  });
});

describe('binary input is named, not read as XML with a garbage root element', () => {
  const feedXml = '<rss version="2.0"><channel><title>t</title></channel></rss>';
  const binaries: [name: string, bytes: number[], message: RegExp][] = [
    [
      'gzip',
      [0x1f, 0x8b, 0x08, 0x00, 0x3c, 0x72, 0x73, 0x73],
      /^gzip-compressed data .*not a feed$/,
    ],
    ['a PNG image', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13], /^a PNG image/],
    ['a JPEG image', [0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46], /^a JPEG image/],
    ['a ZIP archive', [0x50, 0x4b, 0x03, 0x04, 0x14, 0x00], /^a ZIP archive/],
    [
      'other binary data',
      [0xb6, 0xf4, 0x40, 0xff, 0x01, 0x55, 0xd3, 0x02, 0xee, 0x3c, 0x03, 0xe8, 0x04, 0xc9],
      /^binary data, not a feed$/,
    ],
  ];
  for (const [name, bytes, message] of binaries) {
    it(name, () => {
      assert.throws(
        () => parseFeed(Uint8Array.from(bytes)),
        (error: unknown) => error instanceof NotAFeedError && message.test(error.message),
      );
    });
  }

  it('a feed with control characters in it, or in UTF-16, is still read', () => {
    const controls = feedXml.replace('<title>t', '<title>t\x01\x02\x03\x04\x05');
    assert.equal(parseFeed(Buffer.from(controls, 'latin1')).format, 'rss');
    const utf16 = Buffer.from(`\ufeff${feedXml.replace('>t<', '>中文标题<')}`, 'utf16le');
    assert.equal(parseFeed(utf16).title, '中文标题');
  });
});

const run = runTidings;

describe('not a feed through the CLI', { skip: !fs.existsSync(cli) && 'run npm run build' }, () => {
  let dir = '';
  let server: http.Server;
  let origin = '';
  const served = new Map<string, { type: string; body: Uint8Array }>();
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-not-a-feed-'));
    server = http.createServer((request, response) => {
      const page = served.get(request.url ?? '');
      if (!page) return void response.writeHead(404).end();
      response.writeHead(200, { 'content-type': page.type });
      response.end(page.body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => {
    fs.rmSync(dir, { recursive: true, force: true });
    server.close();
  });

  notFeeds.forEach(([name, input, message], index) => {
    it(`${name}: exit 1, one stderr line, nothing on stdout`, async () => {
      const file = path.join(dir, `case-${index}.xml`);
      fs.writeFileSync(file, input);
      const result = await run([
        'parse',
        file,
        '--base-url',
        'https://news.example.cn/section/page',
      ]);
      assert.equal(result.code, 1);
      assert.equal(result.stdout, '');
      const lines = result.stderr.split('\n');
      assert.equal(lines.length, 2, result.stderr); // one line and its newline
      assert.equal(lines[1], '');
      assert.match(lines[0] ?? '', /^tidings: /);
      assert.match(lines[0] ?? '', new RegExp(message.source.replace(/^\^/, '')));
    });
  });

  it('an HTML page fetched over HTTP lists its feeds against the page URL', async () => {
    served.set('/news/index.html', {
      type: 'text/html; charset=utf-8',
      body: Buffer.from(HTML_PAGE),
    });
    const result = await run(['parse', `${origin}/news/index.html`]);
    assert.equal(result.code, 1);
    assert.equal(result.stderr.split('\n').length, 2, result.stderr);
    assert.match(
      result.stderr,
      new RegExp(`${origin}/rss\\.xml http://feeds\\.example\\.cn/atom\\n$`),
    );
  });

  it('a feed fetched over HTTP is decoded with the charset of the Content-Type header', async () => {
    const gbk = Uint8Array.from([
      ...Buffer.from('<rss version="2.0"><channel><title>'),
      ...Buffer.from('d0c2cec5', 'hex'), // 新闻 in GBK, and no XML declaration
      ...Buffer.from('</title><item><title>t</title><link>/a</link></item></channel></rss>'),
    ]);
    served.set('/feed', { type: 'application/rss+xml; charset=GBK', body: gbk });
    const result = await run(['parse', `${origin}/feed`]);
    assert.equal(result.code, 0, result.stderr);
    const feed = JSON.parse(result.stdout) as { title: string; items: { link: string }[] };
    assert.equal(feed.title, '新闻');
    assert.equal(feed.items[0]?.link, `${origin}/a`);
  });

  it('a truncated feed: exit 0, the items read, and a warning on stderr', async () => {
    const file = path.join(dir, 'truncated.xml');
    fs.writeFileSync(
      file,
      '<rss><channel><title>新闻</title><item><title>第一条</title></item><item><title>第二',
    );
    const result = await run(['parse', file]);
    assert.equal(result.code, 0);
    const feed = JSON.parse(result.stdout) as { items: { title: string }[] };
    assert.equal(feed.items[0]?.title, '第一条');
    assert.match(result.stderr, /truncated/);
  });
});

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  FeedText,
  KEPT_WINDOW_CHARACTERS,
  StringWindows,
  WHOLE_UP_TO_BYTES,
  type TextWindows,
  type WindowSizes,
} from '../../src/parse/feed-text.js';
import { parseFeed } from '../../src/parse/index.js';
import { JSON_GROUP_BYTES } from '../../src/parse/json-feed-bytes.js';
import { parseFeedText } from '../../src/parse/parse-feed.js';
import { parseOutcome } from '../support/parse-outcome.js';
import { tokenizeXml } from '../../src/parse/xml-tokenizer.js';

// Large UTF-8 feeds are tokenized a window at a time (feed-text.ts): every construct a
// window ends inside must be read again whole from the next one, so the tokens and the
// parsed feed are exactly those of the whole text, wherever the cuts fall.

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const corpus = path.resolve(repo, '../shared/conformance');
const present = fs.existsSync(corpus);

function xmlFiles(dir: string): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...xmlFiles(full));
    else if (/\.(xml|rss|atom|rdf)$/.test(entry.name)) found.push(full);
  }
  return found.sort();
}

function tokens(input: Parameters<typeof tokenizeXml>[0]): string[] {
  const out: string[] = [];
  tokenizeXml(input, {
    openTag: (name, attributes, selfClosing) =>
      out.push(`<${name} ${JSON.stringify(attributes)} ${selfClosing}`),
    closeTag: (name) => out.push(`</${name}`),
    // Adjacent text events are one text node to the tree builder.
    text: (value) => {
      const last = out.length - 1;
      if (last >= 0 && out[last]?.startsWith('#')) out[last] += value;
      else out.push(`#${value}`);
    },
    warn: (message) => out.push(`!${message}`),
  });
  return out;
}

/** An RSS feed of `count` mixed Chinese/English items, CDATA and escaped, > 16 KB. */
function bigFeed(count: number): string {
  const items: string[] = [];
  for (let k = 0; k < count; k++) {
    items.push(
      `<item><title>第${k}条 news &amp; more</title><link>https://example.cn/a/${k}?x=1&amp;y=2</link>` +
        `<guid isPermaLink="false">id-${k}-${'长'.repeat(k % 5)}</guid>` +
        `<pubDate>Tue, 25 Nov 2025 0${k % 10}:03:46 +0800</pubDate>` +
        `<description>&lt;p&gt;段落 ${k} &mdash; text&lt;/p&gt;&lt;img src="/i/${k}.jpg"&gt;</description>` +
        `<content:encoded><![CDATA[<p>内容 ${k} <b>bold</b> 🙂</p><!-- c -->]]></content:encoded>` +
        `<!-- comment ${k} --><?pi ${k}?></item>\n`,
    );
  }
  return (
    '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE rss [<!ENTITY brand "品牌">]>\n' +
    '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>' +
    `<title>&brand; 新闻</title><link>https://example.cn/</link>\n${items.join('')}` +
    '</channel></rss>\n'
  );
}

describe('tokenizing in windows', { skip: !present && 'no ../shared/conformance' }, () => {
  const files = present ? xmlFiles(corpus) : [];

  it('gives the whole text’s tokens for every corpus document, at any window size', () => {
    assert.ok(files.length > 300, `found ${files.length} documents`);
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      const whole = tokens(text);
      for (const size of [1, 2, 5, 13, 100]) {
        assert.deepEqual(tokens(new StringWindows(text, size)), whole, `${file} in ${size}s`);
      }
    }
  });

  it('parses every corpus document the same when it is cut into windows', () => {
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      // The head is at least 4,096 characters, so pad small documents past it.
      const padded = text.length > 5000 ? text : text + ' '.repeat(5000 - text.length);
      assert.equal(parseOutcome(FeedText.fromString(padded, 7)), parseOutcome(padded), file);
    }
  });
});

/** Windows of `windowBytes` for any document, however small. */
function tiny(windowBytes: number, keptWindowCharacters = KEPT_WINDOW_CHARACTERS): WindowSizes {
  return { windowBytes, wholeUpToBytes: 0, jsonGroupBytes: JSON_GROUP_BYTES, keptWindowCharacters };
}

describe('windows of UTF-8 bytes', () => {
  const text = bigFeed(120);
  const bytes = Buffer.from(text);

  it('decodes and parses a large feed the same as the whole text, at any window size', () => {
    assert.ok(bytes.length > 40_000);
    const whole = parseOutcome(text);
    assert.match(whole, /"title":"品牌 新闻"/);
    for (const size of [1, 3, 100, 4096, 20_000]) {
      const windows = FeedText.fromBytes(bytes, undefined, tiny(size));
      assert.equal(windows.isWhole, false);
      assert.equal(parseOutcome(windows), whole, `windows of ${size} bytes`);
    }
  });

  it('is the same for a document cut short anywhere (truncated feeds)', () => {
    for (let end = 17_000; end < bytes.length; end += 997) {
      const cut = bytes.subarray(0, end);
      // Cut on a character boundary, as the whole-string path sees it.
      const complete = cut.toString('utf8').replace(/\uFFFD+$/, '');
      const safe = cut.subarray(0, Buffer.byteLength(complete));
      assert.equal(
        parseOutcome(FeedText.fromBytes(safe, undefined, tiny(211))),
        parseOutcome(complete),
        `at ${end}`,
      );
    }
  });

  it('drops forbidden characters (then joins windows) and byte order marks', () => {
    const dirty = text.replace(/段落/g, '段\x01落\x0b');
    const marked = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(dirty)]);
    const expected = parseOutcome(text);
    assert.equal(parseOutcome(FeedText.fromBytes(marked, undefined, tiny(50))), expected);
    assert.equal(parseFeed(marked).items.length, 120);
    assert.equal(
      parseOutcome(FeedText.fromBytes(Buffer.from(dirty), undefined, tiny(50))),
      expected,
    );
  });

  it('reads a feed whole when it fits one window, or is not large', () => {
    const small = FeedText.fromBytes(Buffer.from(bigFeed(2)), undefined, tiny(1 << 16));
    assert.equal(small.isWhole, true);
    assert.equal(small.take(), small.head);
    const ordinary = FeedText.fromBytes(bytes);
    assert.ok(bytes.length <= WHOLE_UP_TO_BYTES);
    assert.equal(ordinary.isWhole, true, 'up to 64 KB: decoded whole');
    assert.equal(ordinary.head, text);
  });

  it('reads any larger feed in windows (no whole text in fresh memory for each parse)', () => {
    const larger = bigFeed(400);
    assert.ok(Buffer.byteLength(larger) > WHOLE_UP_TO_BYTES);
    const read = FeedText.fromBytes(Buffer.from(larger));
    assert.equal(read.isWhole, false);
    assert.ok(read.head.length < larger.length);
    assert.equal(parseOutcome(read), parseOutcome(larger));
  });

  it('gives JSON the whole text even when its head is a window', () => {
    const items = Array.from({ length: 300 }, (_, k) => ({ id: `${k}`, title: `第${k}条` }));
    const json = JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', items });
    const feed = parseFeedText(FeedText.fromBytes(Buffer.from(json), undefined, tiny(64)));
    assert.equal(feed.items.length, 300);
    assert.equal(feed.items[299]?.title, '第299条');
  });
});

/** An RSS feed whose items carry long HTML in CDATA (most of the text), and some ASCII-only. */
function cdataFeed(count: number): string {
  const items: string[] = [];
  for (let k = 0; k < count; k++) {
    const paragraph =
      k % 3 === 0 ? `<p>plain ASCII paragraph ${k}</p>` : `<p>段落 ${k}，文字 😀 é</p>`;
    items.push(
      `<item><title>第${k}条</title><link>https://example.cn/a/${k}</link>` +
        `<description><![CDATA[<div>${paragraph.repeat(60)}</div>]]></description></item>\n`,
    );
  }
  return `<rss version="2.0"><channel><title>CDATA 新闻</title>\n${items.join('')}</channel></rss>\n`;
}

/** How many kept windows tokenizing `text` reads. */
function keptWindows(text: FeedText): number {
  const windows = text.take() as TextWindows;
  let kept = 0;
  tokenizeXml(
    {
      get first() {
        return windows.first;
      },
      get atEnd() {
        return windows.atEnd;
      },
      get kept() {
        return windows.kept;
      },
      next(keep, handedOut) {
        const window = windows.next(keep, handedOut);
        if (windows.kept) kept++;
        return window;
      },
    },
    { openTag() {}, closeTag() {}, text() {}, warn() {} },
  );
  return kept;
}

describe('kept windows (feeds whose item HTML is CDATA)', () => {
  const text = cdataFeed(200);
  const bytes = Buffer.from(text);

  it('switches to kept windows once most of a window was handed out as CDATA, and back', () => {
    const windows = FeedText.fromBytes(bytes, undefined, tiny(4096, 10_000)).take() as TextWindows;
    assert.equal(windows.kept, false);
    const window = windows.next('', 0);
    assert.ok(window !== null);
    assert.equal(windows.kept, false, 'nothing handed out: an ordinary window');
    const kept = windows.next('', window.length / 2);
    assert.ok(kept !== null && kept.length >= 10_000, 'at least the kept size');
    assert.equal(windows.kept, true);
    assert.ok(windows.next('', kept.length / 3) !== null);
    assert.equal(windows.kept, false, 'a third handed out: ordinary windows again');
  });

  it('parses the same as the whole text, with kept windows of any size', () => {
    const whole = parseOutcome(text);
    assert.match(whole, /"title":"第199条"/);
    for (const [size, kept] of [
      [4096, 1],
      [4096, 10_000],
      [20_000, 50_000],
      [1000, 70_000],
    ] as const) {
      const windows = FeedText.fromBytes(bytes, undefined, tiny(size, kept));
      assert.equal(parseOutcome(windows), whole, `windows of ${size} bytes, kept ${kept}`);
      assert.ok(keptWindows(FeedText.fromBytes(bytes, undefined, tiny(size, kept))) > 0);
    }
  });

  it('keeps no window when what is left is shorter than a kept window', () => {
    // A shorter kept window would be an ordinary string in V8's heap (a large object, in
    // fresh memory), not the external string that makes keeping it cheap.
    assert.equal(keptWindows(FeedText.fromBytes(bytes, undefined, tiny(4096, bytes.length))), 0);
    const windows = FeedText.fromBytes(bytes, undefined, tiny(4096, bytes.length));
    assert.equal(parseOutcome(windows), parseOutcome(text));
    // Kept windows stop once the rest of the document is shorter than one.
    const half = Math.floor(bytes.length / 2);
    const some = keptWindows(FeedText.fromBytes(bytes, undefined, tiny(4096, half)));
    assert.ok(some >= 1 && some <= 2, `${some} kept windows`);
  });

  it('is the same for a document cut short anywhere, and with forbidden characters', () => {
    for (let end = 30_000; end < bytes.length; end += 7919) {
      const complete = bytes
        .subarray(0, end)
        .toString('utf8')
        .replace(/\uFFFD+$/, '');
      const safe = bytes.subarray(0, Buffer.byteLength(complete));
      assert.equal(
        parseOutcome(FeedText.fromBytes(safe, undefined, tiny(4096, 10_000))),
        parseOutcome(complete),
        `at ${end}`,
      );
    }
    const dirty = text.replace(/文字/g, '文\x01字');
    assert.equal(
      parseOutcome(FeedText.fromBytes(Buffer.from(dirty), undefined, tiny(4096, 10_000))),
      parseOutcome(text),
    );
  });
});

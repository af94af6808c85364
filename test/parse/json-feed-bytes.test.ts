import assert from 'node:assert/strict';
import { Buffer } from 'node:buffer';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  FeedText,
  KEPT_WINDOW_CHARACTERS,
  WHOLE_UP_TO_BYTES,
  WINDOW_BYTES,
} from '../../src/parse/feed-text.js';
import { readJsonFeedBytes } from '../../src/parse/json-feed-bytes.js';
import { parseFeed } from '../../src/parse/index.js';
import { parseOutcome } from '../support/parse-outcome.js';

// A JSON Feed in valid UTF-8 is read from its bytes a group of items at a time
// (json-feed-bytes.ts). Whatever the document, the result must be exactly that of the
// whole path (JSON.parse of the whole cleaned text, feed-text.ts): the same value, or
// null so that the whole path runs and gives its own result or error.

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const corpusExample = path.resolve(repo, '../shared/conformance/feedparser/json/example.json');

/** A JSON Feed of `count` items with escapes, Chinese, emoji and brackets inside strings. */
function bigFeed(count: number): string {
  const items = [];
  for (let k = 0; k < count; k++) {
    items.push({
      id: k % 3 === 0 ? k : `id-${k}`,
      url: `https://example.cn/a/${k}?x=1&y=[2]`,
      title: `第${k}条 "news" {more} \\ back${k % 2 ? '\u2028' : ''}`,
      content_html: `<p>内容 ${k} <b>bold</b> 🙂 ]},[{ "quoted" \\" </p>`.repeat(1 + (k % 4)),
      date_published: `2025-11-25T0${k % 10}:03:46+08:00`,
      tags: ['a', k, ['nested', { deep: '[' }]],
      attachments: [{ url: `/m/${k}.mp3`, mime_type: 'audio/mpeg', size_in_bytes: k * 10 }],
    });
  }
  return JSON.stringify(
    {
      version: 'https://jsonfeed.org/version/1.1',
      title: '新闻 "Feed"',
      items,
      home_page_url: 'https://example.cn/',
      language: 'zh-CN',
      authors: [{ name: '作者' }],
    },
    null,
    count % 2 ? 1 : undefined,
  );
}

function documents(): [string, string][] {
  const found: [string, string][] = [
    ['big feed', bigFeed(40)],
    ['big feed, indented', bigFeed(41)],
    ['empty items', '{"version":"https://jsonfeed.org/version/1","title":"t","items":[]}'],
    ['spaced', ' \r\n\t{ "title" : "t" , "items" : [ { "id" : "1" } , 2 , "x" , null ] } \n'],
    ['items first', '{"items":[{"id":"1","title":"a"}],"title":"t","items_x":[1]}'],
    ['no items', '{"version":"https://jsonfeed.org/version/1.1","title":"t"}'],
    ['items not a list', '{"title":"t","items":{"a":1}}'],
    ['items twice', '{"title":"t","items":[{"id":"1"}],"items":[{"id":"2"}]}'],
    ['escaped key', '{"title":"t","ite\\u006ds":[{"id":"1"}],"items":[]}'],
    ['array document', '[{"title":"t","items":[]}]'],
    ['a key "__proto__"', '{"__proto__":{"x":1},"title":"t","items":[{"__proto__":1}]}'],
    ['trailing comma in items', '{"title":"t","items":[{"id":"1"},]}'],
    ['leading comma in items', '{"title":"t","items":[,{"id":"1"}]}'],
    ['missing comma in items', '{"title":"t","items":[{"id":"1"} {"id":"2"}]}'],
    ['trailing comma at top', '{"title":"t","items":[],}'],
    ['garbage after', '{"title":"t","items":[]} x'],
    ['unbalanced item', '{"title":"t","items":[{"id":"1"]}, {"id":"2"}]}'],
    ['U+FFFE raw', '{"title":"t\uFFFE","items":[{"id":"1\uFFFF"}]}'],
    ['U+FFFE escaped', '{"title":"t\\uFFFE","items":[{"id":"1\\uffff"}]}'],
    ['control character in a string', '{"title":"t","items":[{"id":"1\u0001"}]}'],
    ['control character outside', '{"title":"t",\u0002"items":[{"id":"1"}]}'],
    ['backslash, control, quote', '{"title":"t","items":[{"id":"a\\\u0001"}]}'],
    ['a BOM inside', '{"title":"\uFEFFt","items":[{"id":"\uFEFF1"}]}'],
    ['a number item list', '{"title":"t","items":[1,2.5e3,-0,true,false,null,"s",[],{}]}'],
    ['deep item', `{"title":"t","items":[${'['.repeat(50)}1${']'.repeat(50)},{"id":"x"}]}`],
  ];
  if (fs.existsSync(corpusExample)) {
    found.push(['corpus example.json', fs.readFileSync(corpusExample, 'utf8')]);
  }
  return found;
}

/** What the whole path does with the text: its value, or its error. */
function wholeResult(text: string): unknown {
  const cleaned = text
    .replace(/^\uFEFF/, '')
    .replace(/[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]/g, '');
  try {
    return JSON.parse(cleaned);
  } catch (error) {
    return `throws ${(error as Error).message}`;
  }
}

const GROUPS = [1, 2, 7, 100, 1 << 16];

function sizes(jsonGroupBytes: number) {
  return {
    windowBytes: WINDOW_BYTES,
    wholeUpToBytes: WHOLE_UP_TO_BYTES,
    jsonGroupBytes,
    keptWindowCharacters: KEPT_WINDOW_CHARACTERS,
  };
}

function checkDocument(name: string, text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  const expected = wholeResult(text);
  const feedFromString = parseOutcome(text);
  for (const group of GROUPS) {
    const fromBytes = readJsonFeedBytes(bytes, group);
    if (fromBytes !== null) {
      assert.deepEqual(fromBytes, expected, `${name}, groups of ${group} bytes`);
    }
    const text = FeedText.fromBytes(bytes, undefined, sizes(group));
    assert.equal(parseOutcome(text), feedFromString, `${name}, parsed in groups of ${group} bytes`);
  }
}

describe('JSON Feed read from its bytes', () => {
  it('gives the same value as the whole path, or leaves it to the whole path', () => {
    for (const [name, text] of documents()) checkDocument(name, text);
  });

  it('is taken for ordinary feeds (not left to the whole path)', () => {
    for (const [name, text] of documents().filter(([n]) =>
      ['big feed', 'big feed, indented', 'empty items', 'spaced', 'items first'].includes(n),
    )) {
      for (const group of GROUPS) {
        const value = readJsonFeedBytes(Buffer.from(text, 'utf8'), group);
        assert.notEqual(value, null, `${name}, groups of ${group} bytes`);
        assert.deepEqual(value, JSON.parse(text), name);
      }
    }
  });

  it('leaves documents it cannot be sure of to the whole path', () => {
    const unsure = [
      'no items',
      'items not a list',
      'items twice',
      'escaped key',
      'array document',
      'U+FFFE raw',
      'control character in a string',
      'backslash, control, quote',
      'trailing comma in items',
      'missing comma in items',
      'garbage after',
      'unbalanced item',
    ];
    for (const [name, text] of documents().filter(([n]) => unsure.includes(n))) {
      assert.equal(readJsonFeedBytes(Buffer.from(text, 'utf8'), 7), null, name);
    }
  });

  it('matches the whole path on documents truncated anywhere', () => {
    const text = bigFeed(6);
    const bytes = Buffer.from(text, 'utf8');
    for (let cut = 0; cut < bytes.length; cut += 1 + (cut % 5)) {
      let end = cut;
      while (end > 0 && ((bytes[end] as number) & 0xc0) === 0x80) end--;
      checkDocument(`cut at ${end}`, bytes.subarray(0, end).toString('utf8'));
    }
  });

  it('matches the whole path on documents with one byte removed or replaced', () => {
    const text = bigFeed(3);
    const bytes = Buffer.from(text, 'utf8');
    const structural = [...'{}[],:"\\ '];
    for (let at = 0; at < bytes.length; at += 3) {
      if (((bytes[at] as number) & 0x80) !== 0) continue; // keep the UTF-8 valid
      const removed = Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + 1)]);
      checkDocument(`byte ${at} removed`, removed.toString('utf8'));
      const replaced = Buffer.from(bytes);
      replaced[at] = (structural[at % structural.length] as string).charCodeAt(0);
      checkDocument(`byte ${at} replaced`, replaced.toString('utf8'));
    }
  });

  it('reads a large feed (decoded in groups) exactly as the whole path does', () => {
    const text = bigFeed(3000);
    assert.ok(text.length > 1_000_000);
    checkDocument('3,000 items', text);
    const feed = parseFeed(Buffer.from(text, 'utf8'));
    assert.equal(feed.items.length, 3000);
    assert.equal(feed.items[1]?.id, 'id-1');
  });

  it('keeps the whole path for BOMs, UTF-16 and other charsets', () => {
    const text = bigFeed(5);
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]);
    assert.equal(
      parseOutcome(FeedText.fromBytes(withBom, undefined, sizes(7))),
      parseOutcome(text),
    );
    const twoBoms = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), withBom]);
    assert.equal(
      parseOutcome(FeedText.fromBytes(twoBoms, undefined, sizes(7))),
      parseOutcome(text),
    );
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    assert.equal(parseOutcome(FeedText.fromBytes(utf16)), parseOutcome(text));
    const gbk = new TextEncoder().encode(text.replace(/[^\x00-\x7f]/g, 'x'));
    assert.equal(
      parseOutcome(FeedText.fromBytes(gbk, 'gbk')),
      parseOutcome(text.replace(/[^\x00-\x7f]/g, 'x')),
    );
  });
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { languageTag } from '../../src/content/language-tag.js';

test('feed languages become canonical BCP 47 tags', () => {
  const cases: [string, string][] = [
    ['zh-cn', 'zh-CN'],
    ['en-us', 'en-US'],
    ['zh_CN', 'zh-CN'],
    ['EN', 'en'],
    [' ja-jp ', 'ja-JP'],
    ['zh-hant-tw', 'zh-Hant-TW'],
    ['en-GB', 'en-GB'],
    ['iw', 'he'],
  ];
  for (const [written, tag] of cases) assert.equal(languageTag(written), tag, written);
});

test('what names no language is unknown (null), never a tag', () => {
  for (const junk of ['English', 'utf-8', '', '   ', 'und', 'x-private', 'en, zh', '中文', 'zh-']) {
    assert.equal(languageTag(junk), null, JSON.stringify(junk));
  }
  assert.equal(languageTag(null), null);
  assert.equal(languageTag(undefined), null);
});

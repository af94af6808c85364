import assert from 'node:assert/strict';
import { test } from 'node:test';
import { searchLabelsFor } from '../../src/search/search-labels.js';
import { chineseScript } from '../../src/site/chinese-script.js';
import { labelsFor } from '../../src/site/labels.js';

test('the script a language asks for: Traditional for zh-Hant and TW, HK, MO; Simplified else', () => {
  for (const language of ['zh-TW', 'zh-hk', 'zh-MO', 'zh-Hant', 'zh-Hant-TW', 'zh_TW', 'ZH-HANT']) {
    assert.equal(chineseScript(language), 'Hant', language);
  }
  for (const language of ['zh', 'zh-CN', 'zh-SG', 'zh-Hans', 'zh-Hans-HK', 'zh-cmn-Hans']) {
    assert.equal(chineseScript(language), 'Hans', language);
  }
  for (const language of ['en', 'ja', 'ko-KR', 'zha', 'en-TW', '']) {
    assert.equal(chineseScript(language), null, language);
  }
});

test('Traditional sites get Traditional labels, every one of them', () => {
  const hant = labelsFor('zh-TW');
  const hans = labelsFor('zh-CN');
  assert.equal(hant.home, '首頁');
  assert.equal(hant.readingTime(3), '約 3 分鐘讀完');
  assert.equal(searchLabelsFor('zh-HK').search, '搜尋');
  assert.equal(searchLabelsFor('zh-CN').search, '搜索');
  assert.equal(labelsFor('en').home, 'Home');
  // Every label has a Traditional wording of its own: none is left in Simplified characters.
  const words = (labels: object): string[] =>
    Object.values(labels).map((value: unknown) =>
      typeof value === 'function'
        ? String((value as (...a: unknown[]) => unknown)(1, 2, 3))
        : String(value),
    );
  const simplifiedOnly = /[页类档订阅际较约钟读暂发来线从连败无图链产导结载执输关键该这]/u;
  for (const text of [...words(hant), ...words(searchLabelsFor('zh-TW'))]) {
    assert.doesNotMatch(text, simplifiedOnly, text);
  }
  // And the Simplified set is what it was.
  assert.equal(hans.home, '首页');
  assert.ok(words(hans).some((text) => simplifiedOnly.test(text)));
});

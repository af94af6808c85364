import assert from 'node:assert/strict';
import { test } from 'node:test';
import { foreignLanguage, langAttribute } from '../../src/site/foreign-language.js';

test('an item is marked when its language is not the site’s', () => {
  assert.equal(foreignLanguage('en', 'zh-CN'), 'en');
  assert.equal(foreignLanguage('ja', 'zh-CN'), 'ja');
  assert.equal(foreignLanguage('zh-CN', 'en'), 'zh-CN');
  // Traditional and Simplified Chinese need different fonts.
  assert.equal(foreignLanguage('zh-TW', 'zh-CN'), 'zh-TW');
  assert.equal(foreignLanguage('zh-Hans', 'zh-HK'), 'zh-Hans');
  assert.equal(foreignLanguage('sr-Latn', 'sr-Cyrl'), 'sr-Latn');
});

test('the same language in another region, or an unknown one, is not marked', () => {
  assert.equal(foreignLanguage('en-US', 'en'), null);
  assert.equal(foreignLanguage('en-GB', 'en-US'), null);
  assert.equal(foreignLanguage('zh-CN', 'zh-CN'), null);
  assert.equal(foreignLanguage('zh', 'zh-CN'), null);
  assert.equal(foreignLanguage('zh-SG', 'zh-Hans-CN'), null);
  assert.equal(foreignLanguage('sr', 'sr-Cyrl'), null);
  assert.equal(foreignLanguage(null, 'zh-CN'), null);
  assert.equal(foreignLanguage(undefined, 'zh-CN'), null);
});

test('the attribute is escaped, and absent for an unmarked item', () => {
  assert.equal(String(langAttribute(null)), '');
  assert.equal(String(langAttribute('en')), ' lang="en"');
  assert.equal(String(langAttribute('x"y')), ' lang="x&quot;y"');
});

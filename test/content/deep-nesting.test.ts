import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cleanHtml } from '../../src/content/clean-html.js';
import { MAX_NESTING } from '../../src/content/parse-item-html.js';
import { prepareItem } from '../../src/content/prepare-item.js';
import { sanitizeHtml } from '../../src/content/sanitize-html.js';
import type { ParsedItem } from '../../src/parse/parsed-feed.js';

// Thousands of nested elements in one item (tag soup, or an attack) overflowed the stack of
// the recursive cleaning walks, and the whole feed failed with "Maximum call stack size exceeded".
const DEPTH = 10_000;
const nested = (inner: string): string => '<div>'.repeat(DEPTH) + inner + '</div>'.repeat(DEPTH);
const INNER =
  '<p>深处 <b>text</b></p><img src="https://img.example/deep.jpg" width="640" height="480">' +
  '<a href="javascript:alert(1)" onclick="alert(2)">link</a><script>alert(3)</script>';

function depthOf(html: string): number {
  let depth = 0;
  let deepest = 0;
  for (const match of html.matchAll(/<(\/?)([a-z]+)[^>]*?(\/?)>/g)) {
    if (['img', 'br', 'hr'].includes(match[2]!) || match[3]) continue;
    depth += match[1] ? -1 : 1;
    deepest = Math.max(deepest, depth);
  }
  return deepest;
}

test('an item nested thousands of levels deep is prepared, flattened past MAX_NESTING', () => {
  const parsed: ParsedItem = {
    id: 'deep',
    title: 'deep',
    link: 'https://news.example/deep',
    published: null,
    publishedText: null,
    updated: null,
    author: null,
    summary: null,
    content: nested(INNER),
    categories: [],
    enclosures: [],
    image: null,
  };
  const item = prepareItem(parsed, { baseUrl: null });
  assert.equal(item.text, '深处 text link');
  assert.equal(item.image, 'https://img.example/deep.jpg');
  assert.ok(item.contentHtml.includes('<b>text</b>'), item.contentHtml.slice(-300));
  assert.ok(!/script|alert|onclick|javascript/.test(item.contentHtml), 'still sanitised');
  assert.ok(depthOf(item.contentHtml) <= MAX_NESTING + 1, `depth ${depthOf(item.contentHtml)}`);
});

test('sanitizeHtml and cleanHtml take deep nesting too; shallow HTML is left as it is', () => {
  const safe = sanitizeHtml(nested(INNER), null);
  assert.ok(safe.includes('深处') && !safe.includes('alert'));
  assert.ok(cleanHtml(nested(INNER)).html.includes('深处'));
  const shallow = nested('<p>x</p>')
    .replace(/^(<div>){9990}/, '')
    .replace(/(<\/div>){9990}$/, '');
  assert.equal(sanitizeHtml(shallow, null), shallow);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cleanHtml } from '../../src/content/clean-html.js';
import { MAX_NESTING } from '../../src/content/parse-item-html.js';
import { prepareItem } from '../../src/content/prepare-item.js';
import { sanitizeHtml } from '../../src/content/sanitize-html.js';
import type { ParsedItem } from '../../src/parse/parsed-feed.js';
import { cpuMsOf } from '../support/cpu-time.js';

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
  // What lay deeper than MAX_NESTING keeps its text and images, not its formatting.
  assert.ok(item.contentHtml.includes('<p>深处 text</p><img'), item.contentHtml.slice(-300));
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

test('a million nested elements cost about ten times what 100,000 do: linear, not quadratic', () => {
  // htmlparser2 pays the depth for each start tag: 100,000 nested <div>s took 12 s, and one
  // item of a few megabytes held up the whole update. Deep start tags go before parsing.
  // Ten times the depth costs ten times the time when linear, a hundred when quadratic; the
  // ratio of two runs in this process does not depend on the machine's speed or load.
  const depth = Number(process.env['DEEP_NESTING_TEST_DEPTH'] ?? 1_000_000);
  const deep = (levels: number): string =>
    '<span>'.repeat(levels) + INNER + '</span>'.repeat(levels);
  const tenth = deep(depth / 10);
  const whole = deep(depth);
  const tenthMs = cpuMsOf(() => sanitizeHtml(tenth, null));
  let safe = '';
  const wholeMs = cpuMsOf(() => (safe = sanitizeHtml(whole, null)));
  assert.ok(safe.includes('深处 text') && !safe.includes('alert'), safe.slice(-300));
  assert.ok(depthOf(safe) <= MAX_NESTING + 1, `depth ${depthOf(safe)}`);
  const times = `${Math.round(tenthMs)} ms for ${depth / 10} levels, ${Math.round(wholeMs)} ms for ${depth}`;
  assert.ok(wholeMs < 30 * Math.max(tenthMs, 1), `not linear: ${times}`);
  // And not slow as a whole: about a second of CPU (5 s at most even on a slow machine).
  assert.ok(wholeMs < 5000, times);
});

test('large HTML that is not deep keeps every element: implied end tags do not count', () => {
  const paragraphs = Array.from({ length: 5000 }, (_, i) => `<p>段落 ${i}`).join('');
  const list = `<ul>${Array.from({ length: 5000 }, (_, i) => `<li>${i}`).join('')}</ul>`;
  const nested = '<div>'.repeat(200) + '<b>x</b>' + '</div>'.repeat(200);
  const html = (paragraphs + list + nested).repeat(2);
  assert.ok(html.length > 65_536);
  const safe = sanitizeHtml(html, null);
  assert.equal(safe.match(/<p>/g)?.length, 10_000);
  assert.equal(safe.match(/<li>/g)?.length, 10_000);
  assert.equal(safe.match(/<div>/g)?.length, 400);
});

test('<div/> nests (HTML has no self-closing divs); <path/> in SVG does not', () => {
  const selfClosing = '<div/>'.repeat(300_000) + '<p>深处</p>';
  let safe = '';
  const cpuMs = cpuMsOf(() => (safe = sanitizeHtml(selfClosing, null)));
  assert.ok(safe.includes('深处'));
  assert.ok(cpuMs < 5000, `${Math.round(cpuMs)} ms of CPU`);
  const svg = `<svg>${'<path d="M0 0"/>'.repeat(5000)}</svg>`;
  const html = `${svg}<p><b>after</b> the drawing</p>`;
  assert.ok(html.length > 65_536);
  assert.equal(sanitizeHtml(html, null), '<p><b>after</b> the drawing</p>');
});

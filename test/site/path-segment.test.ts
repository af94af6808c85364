import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assignSegments, encodePath, pathSegment } from '../../src/site/path-segment.js';

test('keeps CJK and ordinary names as they are', () => {
  assert.equal(pathSegment('金融'), '金融');
  assert.equal(pathSegment('新浪财经－国內'), '新浪财经－国內');
  assert.equal(pathSegment('Hacker News'), 'Hacker-News');
});

test('replaces unsafe characters and adds a hash of the original name', () => {
  const segment = pathSegment('科技/数码');
  assert.match(segment, /^科技-数码-[0-9a-f]{6}$/);
  for (const name of [
    'a/b',
    'a\\b',
    'a:b',
    'a*b',
    'a?b',
    'a"b',
    'a<b',
    'a>b',
    'a|b',
    'a\u0001b',
    'a#b',
    'a%b',
  ]) {
    const s = pathSegment(name);
    assert.doesNotMatch(s, /[/\\:*?"<>|#%\u0000-\u001f]/, name);
    assert.match(s, /^a-b-[0-9a-f]{6}$/, name);
  }
});

test('different names that clean to the same text stay distinct', () => {
  const names = ['a/b', 'a:b', 'a*b', 'a?b', 'a|b'];
  assert.equal(new Set(names.map(pathSegment)).size, names.length);
});

test('is stable: the same name always gives the same segment', () => {
  assert.equal(pathSegment('..hidden: site*?'), pathSegment('..hidden: site*?'));
});

test('no leading dots, no dot-only or empty names, no reserved names', () => {
  for (const name of [
    '.',
    '..',
    '...',
    '.hidden',
    '',
    '   ',
    'page',
    'Page',
    'index.html',
    'CON',
    'trailing.',
  ]) {
    const s = pathSegment(name);
    assert.ok(s.length > 0, name);
    assert.doesNotMatch(s, /^\./, name);
    assert.doesNotMatch(s, /\.$/, name);
    assert.notEqual(s.toLowerCase(), 'page', name);
    assert.notEqual(s.toLowerCase(), 'index.html', name);
    assert.notEqual(s.toLowerCase(), 'con', name);
  }
});

test('caps length in UTF-8 bytes without splitting characters', () => {
  const long = '新闻'.repeat(200);
  const s = pathSegment(long);
  assert.ok(Buffer.byteLength(s) <= 110, String(Buffer.byteLength(s)));
  assert.match(s, /^(新闻)+新?-[0-9a-f]{6}$/);
  assert.notEqual(pathSegment(long), pathSegment(`${long}x`));
});

test('assignSegments separates names that clash, ignoring case, whatever the order', () => {
  const entries = [
    { id: 'k1', name: 'News' },
    { id: 'k2', name: 'news' },
    { id: 'k3', name: 'a b' },
    { id: 'k4', name: 'a-b' },
    { id: 'k5', name: '金融' },
  ];
  const forward = assignSegments(entries);
  const backward = assignSegments([...entries].reverse());
  assert.deepEqual([...forward.entries()].sort(), [...backward.entries()].sort());
  const lowered = [...forward.values()].map((s) => s.toLowerCase());
  assert.equal(new Set(lowered).size, entries.length);
  assert.equal(forward.get('k5'), '金融');
});

test('assignSegments separates feeds that share a name by their keys', () => {
  const segments = assignSegments([
    { id: 'rsshub:/a', name: '要闻' },
    { id: 'rsshub:/b', name: '要闻' },
  ]);
  assert.notEqual(segments.get('rsshub:/a'), segments.get('rsshub:/b'));
});

test('encodePath percent-encodes each segment and keeps the slashes', () => {
  assert.equal(encodePath('categories/金融/'), 'categories/%E9%87%91%E8%9E%8D/');
  assert.equal(encodePath('a b/c#d'), 'a%20b/c%23d');
});

test('encodePath leaves a path of unreserved characters as it is, like encodeURIComponent', () => {
  for (const path of ['items/3f2a9c0d4e5b6a71.html', "a-b_c.d!e~f*g'h(i)/j", '']) {
    assert.equal(encodePath(path), path.split('/').map(encodeURIComponent).join('/'));
  }
});

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

test('assignSegments separates names that clash, ignoring case; the oldest keeps its folder', () => {
  const entries = [
    { id: 'k1', name: 'News' },
    { id: 'k2', name: 'news' },
    { id: 'k3', name: 'a b' },
    { id: 'k4', name: 'a-b' },
    { id: 'k5', name: '金融' },
  ];
  const segments = assignSegments(entries);
  const lowered = [...segments.values()].map((s) => s.toLowerCase());
  assert.equal(new Set(lowered).size, entries.length);
  assert.equal(segments.get('k1'), 'News');
  assert.match(segments.get('k2')!, /^news-[0-9a-f]{6}$/);
  assert.equal(segments.get('k3'), 'a-b');
  assert.match(segments.get('k4')!, /^a-b-[0-9a-f]{6}$/);
  assert.equal(segments.get('k5'), '金融');
});

test('a sibling added under a name already used does not move the older one', () => {
  const before = assignSegments([{ id: 'rsshub:/a', name: '要闻' }]);
  const after = assignSegments([
    { id: 'rsshub:/a', name: '要闻' },
    { id: 'rsshub:/b', name: '要闻' },
  ]);
  assert.equal(before.get('rsshub:/a'), '要闻');
  assert.equal(after.get('rsshub:/a'), '要闻');
  assert.match(after.get('rsshub:/b')!, /^要闻-[0-9a-f]{6}$/);
  // The later one's folder is its own: the same whichever other names are later still.
  const more = assignSegments([...[...after.keys()].map((id) => ({ id, name: '要闻' })), { id: 'rsshub:/c', name: '要闻' }]); // prettier-ignore
  assert.equal(more.get('rsshub:/b'), after.get('rsshub:/b'));
});

test("a later sibling's hash is of hashOf when given, and two sharing it still differ", () => {
  const moved = assignSegments([
    { id: 'url:https://a.example/old', name: '要闻' },
    { id: 'url:https://b.example/new', name: '要闻', hashOf: 'url:https://b.example/first' },
  ]);
  const before = assignSegments([
    { id: 'url:https://a.example/old', name: '要闻' },
    { id: 'url:https://b.example/first', name: '要闻' },
  ]);
  assert.equal(moved.get('url:https://b.example/new'), before.get('url:https://b.example/first'));
  const sharing = assignSegments([
    { id: 'k0', name: 'x' },
    { id: 'k1', name: 'x', hashOf: 'k1' },
    { id: 'k2', name: 'x', hashOf: 'k1' },
  ]);
  assert.equal(new Set(sharing.values()).size, 3);
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

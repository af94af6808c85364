import assert from 'node:assert/strict';
import { test } from 'node:test';
import { rsshubRouteUrl } from '../../src/sources/source-tree.js';

test('RSSHub routes resolve against the instance, with or without a trailing slash or a path prefix', () => {
  assert.equal(
    rsshubRouteUrl('http://127.0.0.1:1200', '/sina/finance'),
    'http://127.0.0.1:1200/sina/finance',
  );
  assert.equal(
    rsshubRouteUrl('http://127.0.0.1:1200/', '/sina/finance'),
    'http://127.0.0.1:1200/sina/finance',
  );
  assert.equal(
    rsshubRouteUrl('https://example.com/rsshub/', '/bangumi/calendar/today'),
    'https://example.com/rsshub/bangumi/calendar/today',
  );
  assert.equal(
    rsshubRouteUrl('http://127.0.0.1:1200', '/zhihu/hotlist', 'k&y'),
    'http://127.0.0.1:1200/zhihu/hotlist?key=k%26y',
  );
  assert.equal(
    rsshubRouteUrl('http://127.0.0.1:1200', '/a/b?limit=5', 'k'),
    'http://127.0.0.1:1200/a/b?limit=5&key=k',
  );
  // An instance written with its access key (README, "Secrets"): the route goes in the path.
  assert.equal(
    rsshubRouteUrl('http://127.0.0.1:1200/?key=abc', '/sina/finance'),
    'http://127.0.0.1:1200/sina/finance?key=abc',
  );
  assert.equal(
    rsshubRouteUrl('https://me:pw@example.com/rsshub?key=a%26b', '/a/b?limit=5'),
    'https://me:pw@example.com/rsshub/a/b?limit=5&key=a%26b',
  );
  // Chinese route parameters are percent-encoded as a browser would.
  assert.equal(
    rsshubRouteUrl('http://127.0.0.1:1200', '/weibo/keyword/新闻'),
    'http://127.0.0.1:1200/weibo/keyword/%E6%96%B0%E9%97%BB',
  );
});

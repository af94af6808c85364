import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FeedSource } from '../../src/sources/feed-source.js';
import { findMovedFeedHistory } from '../../src/store/moved-feed-history.js';
import type { StoredFeed } from '../../src/store/store.js';
import { sinaFinanceSource } from '../support/sample-source.js';

function stored(key: string, location: string, movedTo: string | null = null): StoredFeed {
  return {
    key,
    category: 'c',
    site: 's',
    name: 'n',
    location,
    title: null,
    link: null,
    lastFetchedAt: null,
    lastSuccessAt: null,
    lastError: null,
    lastErrorKind: null,
    itemCount: 3,
    consecutiveFailures: 0,
    nextDueAt: null,
    gone: false,
    movedTo,
  };
}

const route = sinaFinanceSource; // rsshub:/sina/finance at http://127.0.0.1:1200/sina/finance
const url = (address: string): FeedSource => ({
  ...route,
  key: `url:${address}`,
  location: { kind: 'url', url: address },
});

test('a new address takes the history of the feed that moved there, or sat there', () => {
  const old = stored(
    'url:http://a.example/old.xml',
    'http://a.example/old.xml',
    'https://a.example/new.xml',
  );
  const plain = stored(
    'url:http://127.0.0.1:1200/sina/finance',
    'http://127.0.0.1:1200/sina/finance',
  );
  const found = findMovedFeedHistory([url('https://a.example/new.xml'), route], [old, plain]);
  assert.deepEqual(
    found.map((moved) => [moved.from.key, moved.source.key]),
    [
      [old.key, 'url:https://a.example/new.xml'],
      [plain.key, route.key],
    ],
  );
});

test('no history is taken from a feed still in the config, by a known feed, or when two fit', () => {
  const target = 'https://a.example/new.xml';
  const moved = stored('url:http://a.example/old.xml', 'http://a.example/old.xml', target);
  const listed = url('http://a.example/old.xml');
  assert.deepEqual(
    findMovedFeedHistory([url(target), listed], [moved]),
    [],
    'old feed still listed',
  );
  const known = stored(`url:${target}`, target);
  assert.deepEqual(
    findMovedFeedHistory([url(target)], [moved, known]),
    [],
    'new feed already stored',
  );
  const twin = stored('url:http://b.example/old.xml', 'http://b.example/old.xml', target);
  assert.deepEqual(findMovedFeedHistory([url(target)], [moved, twin]), [], 'two candidates');
});

test('a file written another way (./feeds/a.xml for feeds/a.xml) keeps the history of the same file', () => {
  const file = (written: string): FeedSource => ({
    ...route,
    key: `file:${written}`,
    location: { kind: 'file', path: '/srv/news/feeds/a.xml' },
  });
  const before = stored('file:feeds/a.xml', '/srv/news/feeds/a.xml');
  assert.deepEqual(
    findMovedFeedHistory([file('./feeds/a.xml')], [before]).map((moved) => [
      moved.from.key,
      moved.source.key,
    ]),
    [['file:feeds/a.xml', 'file:./feeds/a.xml']],
  );
  const other = stored('file:feeds/b.xml', '/srv/news/feeds/b.xml');
  assert.deepEqual(findMovedFeedHistory([file('./feeds/a.xml')], [other]), [], 'another file');
});

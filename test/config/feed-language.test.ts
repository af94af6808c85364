import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadBuildSettings } from '../../src/cli/build-settings.js';
import { placeFeeds } from '../../src/store/feed-places.js';
import type { StoredFeed } from '../../src/store/store.js';
import { configProblem, parseTestConfig } from './config-problem.js';

const feedWith = (language: string) => `site:
  language: zh-CN
sources:
  - category: Tech
    sites:
      - name: Hacker News
        feeds:
          - name: Front page
            url: https://news.ycombinator.com/rss
            language: ${language}
          - name: No language
            url: https://example.com/feed.xml
`;

test('a feed’s language in the config is read as a canonical BCP 47 tag', () => {
  const config = parseTestConfig(feedWith('en_us'));
  assert.equal(config.sources[0]!.language, 'en-US');
  assert.equal(config.sources[1]!.language, undefined, 'not set: the feed’s own');
  assert.equal(parseTestConfig(feedWith('zh-tw')).sources[0]!.language, 'zh-TW');
});

test('a language that is no tag is a config error naming the feed and the value', () => {
  for (const junk of ['English', 'utf-8', '"zh, en"']) {
    const message = configProblem(feedWith(junk));
    assert.match(
      message,
      /^tidings\.yaml: sources\[0\]\.sites\[0\]\.feeds\[0\]\.language: feed "Front page": must be a BCP 47 language tag such as en, ja, zh-CN or zh-TW, got "[^"]+"$/,
    );
    assert.ok(message.includes(JSON.stringify(junk.replace(/"/g, ''))), message);
  }
  assert.match(
    configProblem(feedWith('""')),
    /feed "Front page": must be a BCP 47 language tag .*, got ""$/,
  );
});

test('the config’s language wins over the stored one of the feed, and changes the places key', () => {
  const stored = (key: string, language: string | null): StoredFeed => ({
    key,
    category: 'Tech',
    site: 'Hacker News',
    name: key,
    location: key,
    title: null,
    link: null,
    language,
    lastFetchedAt: null,
    lastSuccessAt: null,
    lastError: null,
    lastErrorKind: null,
    itemCount: 0,
    consecutiveFailures: 0,
    nextDueAt: null,
    gone: false,
    movedTo: null,
  });
  const feeds = [stored('a', 'zh-CN'), stored('b', 'en')];
  const place = (key: string, language?: string) => ({
    key,
    category: 'Tech',
    site: 'Hacker News',
    name: key,
    ...(language === undefined ? {} : { language }),
  });
  const placed = placeFeeds(feeds, [place('a', 'en'), place('b')]);
  assert.deepEqual(
    placed.feeds.map((feed) => feed.language),
    ['en', 'en'],
  );
  const other = placeFeeds(feeds, [place('a', 'ja'), place('b')]);
  assert.notEqual(other.key, placed.key, 'another language: another build');
});

test('the build settings carry each feed’s configured language', async () => {
  const fs = await import('node:fs');
  const os = await import('node:os');
  const path = await import('node:path');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-feed-language-'));
  try {
    const file = path.join(dir, 'tidings.yaml');
    fs.writeFileSync(file, feedWith('en'));
    const settings = await loadBuildSettings(file, path.join(dir, 'cache'));
    assert.deepEqual(
      settings.sources.map((source) => source.language),
      ['en', undefined],
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

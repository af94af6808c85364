import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parseFeed } from '../../src/parse/index.js';

// Real Chinese RSSHub feeds (../shared/fixtures/rsshub-page/feeds), checked against the
// `.notes.json` sidecar written beside each feed.

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const feeds = path.resolve(repo, '../shared/fixtures/rsshub-page/feeds');
const present = fs.existsSync(feeds);

interface Notes {
  route: string;
  items: { guid: string; title_in_feed: string; pubDate: string }[];
}

describe('real RSSHub feeds', { skip: !present && 'no ../shared/fixtures/rsshub-page' }, () => {
  const files = present ? fs.readdirSync(feeds).filter((name) => name.endsWith('.xml')) : [];

  it('has feeds to read', () => assert.ok(files.length > 0));

  for (const file of files.sort()) {
    it(file, () => {
      const notes = JSON.parse(
        fs.readFileSync(path.join(feeds, file.replace(/\.xml$/, '.notes.json')), 'utf8'),
      ) as Notes;
      const warnings: string[] = [];
      const feed = parseFeed(fs.readFileSync(path.join(feeds, file)), {
        timeZone: 'Asia/Shanghai',
        onWarning: (message) => warnings.push(message),
      });
      assert.deepEqual(warnings, []);
      assert.equal(feed.format, 'rss');
      assert.equal(feed.language, 'zh-cn');
      assert.ok(feed.title, 'channel title');
      assert.equal(feed.items.length, notes.items.length, 'item count');
      // Titles are plain text with runs of ASCII whitespace collapsed (plain-text.ts).
      const plain = (title: string | undefined): string | undefined =>
        title?.replace(/[ \t\r\n]+/g, ' ').trim();
      assert.equal(feed.items[0]?.title, plain(notes.items[0]?.title_in_feed), 'first title');
      notes.items.forEach((expected, index) => {
        const item = feed.items[index];
        assert.equal(item?.title, plain(expected.title_in_feed));
        assert.equal(item?.id, expected.guid);
        assert.equal(item?.link, expected.guid); // synthesized: link = guid
        assert.equal(item?.published, new Date(expected.pubDate).toISOString());
        assert.ok(item?.summary, 'description');
      });
    });
  }
});

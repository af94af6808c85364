import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Config } from '../../src/config/config.js';
import { parseConfig } from '../../src/config/load-config.js';
import { buildFromStore, updateFeeds } from '../../src/pipeline.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';

// The language a feed declares reaches its items on a site in another language: parsed, stored,
// and marked (`lang`) on the item's title and content, on its cards, and on the feed's own
// feeds. The demo site is zh-CN; its English feeds are marked, its Chinese ones are not.

const DEMO_FEEDS = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../examples/demo/feeds',
);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-item-language-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

// A feed that declares no language (and one item), for the config's `language`.
const UNDECLARED = `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Undeclared</title><link>https://undeclared.example/</link>
<item><title>東京の朝</title><guid>tokyo-1</guid><link>https://undeclared.example/1</link>
<pubDate>Wed, 25 Nov 2026 08:00:00 GMT</pubDate><description>朝の記事です。</description></item>
</channel></rss>`;
fs.writeFileSync(path.join(dir, 'undeclared.xml'), UNDECLARED);

function configWith(undeclaredLanguage: string): Config {
  return parseConfig(
    `site:
  language: zh-CN
  timezone: Asia/Shanghai
  output: public
sources:
  - category: 新闻
    sites:
      - name: Open Source Digest
        feeds:
          - { name: Weekly, file: "${DEMO_FEEDS}/oss-digest.xml" }
      - name: Harbour Science Notes
        feeds:
          - { name: Field notes, file: "${DEMO_FEEDS}/harbour-science.xml" }
      - name: 青禾财经
        feeds:
          - { name: 每日要闻, file: "${DEMO_FEEDS}/qinghe-finance.xml" }
      - name: Undeclared
        feeds:
          - { name: Morning, file: undeclared.xml, language: ${undeclaredLanguage} }
`,
    path.join(dir, 'tidings.yaml'),
  );
}

/** Every file of the built site, by path relative to the output folder. */
function siteFiles(root: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of fs.readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    files.set(path.relative(root, full), fs.readFileSync(full, 'utf8'));
  }
  return files;
}

/** The item page whose h1 holds `title`: its path and HTML. */
function itemPage(files: Map<string, string>, title: string): [string, string] {
  for (const [file, html] of files) {
    if (file.startsWith('items/') && new RegExp(`<h1[^>]*>${title}</h1>`).test(html)) {
      return [file, html];
    }
  }
  throw new Error(`no item page titled ${title}`);
}

/** The search index's row (`search/d/<n>.json`) of the item titled `title`. */
function searchRow(files: Map<string, string>, title: string): unknown[] {
  for (const [file, json] of files) {
    if (!/^search\/d\/\d+\.json$/.test(file)) continue;
    const row = (JSON.parse(json) as unknown[][]).find((r) => r[1] === title);
    if (row) return row;
  }
  throw new Error(`no search row titled ${title}`);
}

/** The feed-level outputs (atom.xml, rss.xml, feed.json) in the folder of a feed's pages. */
function feedFolder(files: Map<string, string>, feedName: string): string {
  for (const [file, html] of files) {
    if (
      file.startsWith('categories/') &&
      file.endsWith('/index.html') &&
      html.includes(`<h1>${feedName}</h1>`)
    )
      return path.dirname(file);
  }
  throw new Error(`no page of the feed ${feedName}`);
}

test('a zh-CN site marks its English and config-declared items, not its Chinese ones', async () => {
  const config = configWith('ja');
  const store = openSqliteStore(path.join(dir, 'tidings.db'));
  try {
    const outcomes = await updateFeeds(config, store, config.sources, { workers: 0 });
    assert.deepEqual(
      outcomes.map((outcome) => outcome.status),
      ['ok', 'ok', 'ok', 'ok'],
    );
    // Stored per feed, as declared: canonical tags; the undeclared feed's is unknown.
    assert.deepEqual(
      Object.fromEntries(store.listFeeds().map((feed) => [feed.name, feed.language])),
      { Weekly: 'en', 'Field notes': 'en-GB', 每日要闻: 'zh-CN', Morning: null },
    );
    await buildFromStore(config, store);
    const output = config.site.outputDir;
    const files = siteFiles(output);

    const [, english] = itemPage(files, 'Lantern 2.0 ships a plugin API');
    assert.match(english, /<html lang="zh-CN">/);
    assert.match(english, /<h1 lang="en">Lantern 2.0 ships a plugin API<\/h1>/);
    assert.match(english, /<div class="content" lang="en">/);
    // The source line and the time are the site's words: not marked.
    assert.match(english, /<p class="article-source"><span class="source">/);

    const fieldNotes = [...files].find(
      ([file, html]) => file.startsWith('items/') && html.includes('Harbour Science Notes</a>'),
    );
    assert.ok(fieldNotes);
    assert.match(fieldNotes[1], /<h1 lang="en-GB">/);

    const [, chinese] = itemPage(files, '十月份社会消费品零售总额同比增长4.8%');
    assert.doesNotMatch(chinese, /<(?!html)[^>]* lang="/, 'a zh-CN item on a zh-CN site: no lang');

    const [, japanese] = itemPage(files, '東京の朝');
    assert.match(japanese, /<h1 lang="ja">/);
    assert.match(japanese, /<div class="content" lang="ja">/);

    // Cards on the home page: the English item's title and excerpt, not the Chinese item's.
    const home = files.get('index.html')!;
    assert.match(
      home,
      /<h2 class="entry-title" lang="en"><a [^>]*>Lantern 2.0 ships a plugin API</,
    );
    assert.match(home, /<p class="entry-excerpt" lang="en">Lantern, the little/);
    assert.match(home, /<h2 class="entry-title"><a [^>]*>十月份社会消费品零售总额同比增长4.8%</);

    // Search results carry the language as the cards do: in the index's row, only when marked.
    assert.equal(searchRow(files, 'Lantern 2.0 ships a plugin API')[6], 'en');
    assert.equal(searchRow(files, '東京の朝')[6], 'ja');
    assert.equal(searchRow(files, '十月份社会消费品零售总额同比增长4.8%').length, 6);

    // The English feed's own feeds are in English; the site's and the Chinese feed's in zh-CN.
    const weekly = feedFolder(files, 'Weekly');
    assert.match(files.get(`${weekly}/rss.xml`)!, /<language>en<\/language>/);
    assert.match(files.get(`${weekly}/atom.xml`)!, /<feed [^>]*xml:lang="en"/);
    assert.equal(JSON.parse(files.get(`${weekly}/feed.json`)!).language, 'en');
    const daily = feedFolder(files, '每日要闻');
    assert.match(files.get(`${daily}/rss.xml`)!, /<language>zh-CN<\/language>/);
    assert.match(files.get('rss.xml')!, /<language>zh-CN<\/language>/);
    assert.match(files.get('atom.xml')!, /<feed [^>]*xml:lang="zh-CN"/);

    // The config's language changes: a rebuild rewrites the pages that show that feed's item
    // (its page, its cards' lists, its own feeds) and nothing else.
    const changed = configWith('ko');
    await buildFromStore(changed, store);
    const after = siteFiles(output);
    const rewritten = [...after.keys()].filter((file) => after.get(file) !== files.get(file));
    const [japanesePath] = itemPage(files, '東京の朝');
    assert.match(after.get(japanesePath)!, /<h1 lang="ko">/);
    assert.ok(rewritten.includes('index.html'), 'the home page shows its card');
    // Its search result too; the shards (terms and postings) do not hold languages.
    assert.equal(searchRow(after, '東京の朝')[6], 'ko');
    assert.deepEqual(
      rewritten.filter((file) => /^search\/[tu]\//.test(file)),
      [],
      'no search shard changed',
    );
    const [chinesePath] = itemPage(files, '十月份社会消费品零售总额同比增长4.8%');
    const [englishPath] = itemPage(files, 'Lantern 2.0 ships a plugin API');
    for (const file of rewritten) {
      assert.ok(
        !file.endsWith('.html') || file === 'index.html' || after.get(file)!.includes('東京の朝'),
        `${file} does not show the item, yet was rewritten`,
      );
    }
    assert.ok(!rewritten.includes(chinesePath) && !rewritten.includes(englishPath));
    assert.ok(
      !rewritten.includes(`${daily}/index.html`) && !rewritten.includes(`${daily}/rss.xml`),
    );

    // Item pages written by worker threads (a large build's) are marked the same way.
    await buildFromStore(changed, store, {
      full: true,
      itemPageThreads: { threads: 2, minPages: 1 },
    });
    const threaded = siteFiles(output);
    assert.equal(threaded.get(japanesePath), after.get(japanesePath));
    assert.equal(threaded.get(englishPath), after.get(englishPath));
    assert.match(threaded.get(englishPath)!, /<div class="content" lang="en">/);
  } finally {
    store.close();
  }
});

test('feeds parsed on worker threads and stored by the writer thread keep their language', async () => {
  const config = configWith('ja');
  const file = path.join(dir, 'threaded.db');
  const store = openSqliteStore(file);
  try {
    await updateFeeds(config, store, config.sources, { workers: 1, storeFile: file });
    assert.deepEqual(
      Object.fromEntries(store.listFeeds().map((feed) => [feed.name, feed.language])),
      { Weekly: 'en', 'Field notes': 'en-GB', 每日要闻: 'zh-CN', Morning: null },
    );
  } finally {
    store.close();
  }
});

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { type Browser, type Page } from 'playwright-core';
import { serveFolder, type RunningServer } from '../../src/server/static-server.js';
import { SEARCH_CORE_SOURCE } from '../../src/search/search-core-source.js';
import { searchCore } from '../../src/search/search-core.js';
import { repo, runTidings } from '../support/run-tidings.js';
import { chromiumMissing, launchChromium } from '../support/chromium.js';

// Search as a reader uses it: `tidings update` builds a site from a local feed, and headless
// Chromium opens search.html?q=… . Screenshots go to test-artifacts/ (gitignored): look at them.

const artifacts = path.join(repo, 'test-artifacts');

const SEED_TITLE = '工信部部长肖亚庆：提升制造业核心竞争力 确保工业经济平稳运行';
const ITEMS = [
  {
    guid: 'seed',
    title: SEED_TITLE,
    body: '<p>原标题：工信部部长肖亚庆：提升制造业核心竞争力 确保工业经济平稳运行</p><p>12月24日，全国工业和信息化工作会议在北京召开。</p>',
  },
  {
    guid: 'noise-1',
    title: '央行：保持流动性合理充裕',
    body: '<p>中国人民银行表示，将继续实施稳健的货币政策，保持流动性合理充裕。</p>',
  },
  {
    guid: 'noise-2',
    title: '新能源汽车销量再创新高',
    body: '<p>乘联会数据显示，新能源汽车销量同比增长，竞争格局加速变化。</p>',
  },
  {
    guid: 'english',
    title: 'Apple unveils iPhone 17 with a faster chip',
    body: '<p>Apple on Tuesday unveiled the iPhone 17, priced from $799, with a faster A19 chip.</p>',
  },
  {
    guid: 'mixed',
    title: '华为发布 Mate 70 手机，搭载 5G 芯片',
    // No spaces between the words and the Chinese, as Chinese news often writes them.
    body: '<p>华为今天发布了Mate 70系列手机，支持5G网络。</p>',
  },
];

// Twelve more items that share a word, so a search has more than one page of results.
for (let n = 1; n <= 12; n++) {
  ITEMS.push({
    guid: `brief-${n}`,
    title: `经济简报 第 ${n} 期`,
    body: `<p>本期经济简报第 ${n} 期。</p>`,
  });
}

function rss(): string {
  const items = ITEMS.map(
    (item, i) => `<item><title><![CDATA[${item.title}]]></title>
<link>https://example.org/${item.guid}</link><guid isPermaLink="false">${item.guid}</guid>
<pubDate>${new Date(Date.UTC(2021, 11, 20 + i)).toUTCString()}</pubDate>
<description><![CDATA[${item.body}]]></description></item>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>新浪财经－国內</title>
<link>https://example.org/</link>${items.join('\n')}</channel></rss>`;
}

// A second feed, in English (its `<language>`): its results are marked `lang="en"`.
const ENGLISH_TITLE = 'Harbour lights return to the old port';
const ENGLISH_FEED = `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>
<title>Harbour Notes</title><link>https://example.org/harbour/</link><language>en</language>
<item><title>${ENGLISH_TITLE}</title><link>https://example.org/harbour/1</link>
<guid isPermaLink="false">harbour-1</guid><pubDate>${new Date(Date.UTC(2021, 11, 19)).toUTCString()}</pubDate>
<description><![CDATA[<p>Fishing boats came back to the harbour at dawn.</p>]]></description></item>
</channel></rss>`;

describe(
  'search in Chromium: Chinese, English and mixed queries on a built site',
  { skip: chromiumMissing },
  () => {
    let dir = '';
    let server: RunningServer;
    let browser: Browser;
    let page: Page;
    const consoleProblems: string[] = [];

    before(async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-search-'));
      fs.writeFileSync(path.join(dir, 'sina.xml'), rss());
      fs.writeFileSync(path.join(dir, 'harbour.xml'), ENGLISH_FEED);
      fs.writeFileSync(
        path.join(dir, 'tidings.yaml'),
        `site:\n  title: 搜索测试\n  language: zh-CN\n  output: public\nstore: tidings.db\nsources:\n  - category: 金融\n    sites:\n      - name: 新浪财经\n        feeds:\n          - name: 新浪财经－国內\n            file: sina.xml\n      - name: Harbour Notes\n        feeds:\n          - name: Daily\n            file: harbour.xml\n`,
      );
      const result = await runTidings(['update', '--config', path.join(dir, 'tidings.yaml')]);
      assert.equal(result.code, 0, result.stderr);
      server = await serveFolder(path.join(dir, 'public'), 0);
      browser = await launchChromium();
      page = await browser.newPage();
      const loopback = new URL(server.url).host;
      await page.route('**/*', (route) =>
        new URL(route.request().url()).host === loopback ? route.continue() : route.abort(),
      );
      page.on('console', (message) => {
        if (message.type() === 'error' || message.type() === 'warning') {
          consoleProblems.push(`${message.type()}: ${message.text()}`);
        }
      });
      page.on('pageerror', (error) => consoleProblems.push(`page error: ${error.message}`));
      fs.mkdirSync(artifacts, { recursive: true });
    });

    after(async () => {
      await browser?.close();
      await server?.close();
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    });

    /** Opens search.html?q=query and waits for the status line to settle. */
    async function searchFor(query: string): Promise<{ status: string; titles: string[] }> {
      await page.goto(new URL(`search.html?q=${encodeURIComponent(query)}`, server.url).href);
      await page.waitForSelector('#search[aria-busy="false"]');
      return page.evaluate<{ status: string; titles: string[] }>(`(() => ({
        status: document.getElementById('search-status').textContent,
        titles: [...document.querySelectorAll('.search-result h2')].map((h) => h.textContent),
      }))()`);
    }

    test('制造业 and 竞争力 each find the seed article first, with the words marked', async () => {
      for (const query of ['制造业', '竞争力', '制造业竞争力']) {
        const found = await searchFor(query);
        assert.equal(found.titles[0], SEED_TITLE, `${query}: ${found.status}`);
        const marks = await page.evaluate<string[]>(
          `[...document.querySelectorAll('.search-result:first-child h2 mark')].map((m) => m.textContent)`,
        );
        if (query === '制造业竞争力') assert.deepEqual(marks, ['制造业', '竞争力']);
        else assert.deepEqual(marks, [query]);
      }
      // In Traditional characters: the same article, its Simplified words marked.
      const traditional = await searchFor('製造業');
      assert.equal(traditional.titles[0], SEED_TITLE, traditional.status);
      const marks = await page.evaluate<string[]>(
        `[...document.querySelectorAll('.search-result:first-child h2 mark')].map((m) => m.textContent)`,
      );
      assert.deepEqual(marks, ['制造业']);
      await page.screenshot({ path: path.join(artifacts, 'search-chinese.png'), fullPage: true });
    });

    test('竞争力 ranks the title match above a text-only match of 竞争', async () => {
      const found = await searchFor('竞争');
      assert.deepEqual(found.titles, [SEED_TITLE, '新能源汽车销量再创新高']);
    });

    test('English words, numbers and mixed text are found; case does not matter', async () => {
      assert.deepEqual((await searchFor('IPHONE')).titles, [
        'Apple unveils iPhone 17 with a faster chip',
      ]);
      assert.deepEqual((await searchFor('iphone 17')).titles, [
        'Apple unveils iPhone 17 with a faster chip',
      ]);
      const mixed = await searchFor('mate 70 手机');
      assert.deepEqual(mixed.titles, ['华为发布 Mate 70 手机，搭载 5G 芯片']);
      const marks = await page.evaluate<string[]>(
        `[...document.querySelectorAll('.search-result h2 mark')].map((m) => m.textContent)`,
      );
      assert.deepEqual(marks, ['Mate', '70', '手机']);
      const excerptMarks = await page.evaluate<string[]>(
        `[...document.querySelectorAll('.search-result .search-excerpt mark')].map((m) => m.textContent)`,
      );
      assert.deepEqual(excerptMarks, ['Mate', '70', '手机']);
      await page.screenshot({ path: path.join(artifacts, 'search-mixed.png'), fullPage: true });
    });

    test("an English result on a zh-CN site has lang on its title and excerpt, and only a tag's shape is trusted", async () => {
      const langs = (): Promise<(string | null)[]> =>
        page.evaluate<(string | null)[]>(
          `[...document.querySelectorAll('.search-result :is(h2, .search-meta, .search-excerpt)')].map((e) => e.getAttribute('lang'))`,
        );
      assert.deepEqual((await searchFor('harbour')).titles, [ENGLISH_TITLE]);
      // Title and excerpt are the item's words; the source and time line is the site's.
      assert.deepEqual(await langs(), ['en', null, 'en']);
      assert.deepEqual((await searchFor('制造业')).titles, [SEED_TITLE]);
      assert.deepEqual(await langs(), [null, null, null]);

      // An index whose language is not a tag (damaged, or forged) marks nothing.
      await page.route('**/search/d/*.json', async (route) => {
        const response = await route.fetch();
        const rows = (await response.json()) as unknown[][];
        for (const row of rows) if (row[6] !== undefined) row[6] = 'en" onclick="alert(1)';
        await route.fulfill({ response, json: rows });
      });
      try {
        assert.deepEqual((await searchFor('harbour')).titles, [ENGLISH_TITLE]);
        assert.deepEqual(await langs(), [null, null, null]);
      } finally {
        await page.unroute('**/search/d/*.json');
      }
    });

    test('a query that matches nothing says so', async () => {
      const found = await searchFor('区块链');
      assert.deepEqual(found.titles, []);
      assert.equal(found.status, '没有找到与“区块链”相关的内容。');
    });

    test('the header search box on the home page leads to results', async () => {
      await page.goto(server.url);
      await page.fill('.site-search input[name="q"]', '制造业');
      await page.press('.site-search input[name="q"]', 'Enter');
      await page.waitForSelector('#search[aria-busy="false"]');
      assert.match(page.url(), /search\.html\?q=%E5%88%B6%E9%80%A0%E4%B8%9A$/);
      assert.equal(await page.textContent('.search-result h2'), SEED_TITLE);
    });

    test('each search is a history entry; the status quotes the query as typed, long ones cut', async () => {
      const status = (): Promise<string | null> => page.textContent('#search-status');
      await page.goto(new URL('search.html', server.url).href);
      await page.waitForSelector('#search[aria-busy="false"]');
      // Opened without a query, the page is ready for typing.
      assert.equal(await page.evaluate(`document.activeElement.id`), 'search-query');
      for (const query of ['制造业', '经济']) {
        await page.fill('#search-query', query);
        await page.press('#search-query', 'Enter');
        await page.waitForFunction(
          `document.getElementById('search-status').textContent.includes('共')`,
        );
      }
      assert.match((await status()) ?? '', /“经济”共 13 条结果/);
      await page.goBack();
      await page.waitForFunction(
        `document.getElementById('search-status').textContent.includes('制造业')`,
      );
      assert.equal(await page.inputValue('#search-query'), '制造业');
      assert.equal(await page.textContent('.search-result h2'), SEED_TITLE);
      await page.goForward();
      await page.waitForFunction(
        `document.getElementById('search-status').textContent.includes('经济')`,
      );
      assert.equal(await page.inputValue('#search-query'), '经济');

      // $& and $' mean something to String#replace; the reader must see them as typed.
      await searchFor("Apple $& $'");
      assert.equal(await status(), "“Apple $& $'”共 1 条结果");
      // Cut after 40 characters, not code units: the astral 𠀀 (two units) stays whole.
      const long = `${'制造业'.repeat(13)}𠀀${'制造业'.repeat(10)}`;
      await searchFor(long);
      assert.equal(await status(), `“${'制造业'.repeat(13)}𠀀…”共 1 条结果`);
    });

    test('Chromium tokenises exactly as Node does (one core source)', async () => {
      const sample =
        'Ｆｕｌｌｗｉｄｔｈ ＡＢＣ１２３，Café naïve ﬁne 制造业竞争力 ひらがなカタカナ 한국어 𠀀𠀁 税 iPhone13 3.14';
      const inBrowser = await page.evaluate<string[]>(
        `(${SEARCH_CORE_SOURCE}).tokenize(${JSON.stringify(sample)}, false)`,
      );
      assert.deepEqual(inBrowser, searchCore.tokenize(sample, false));
      const shipped = await page.evaluate<string>(
        `fetch('search.js').then((response) => response.text())`,
      );
      assert.ok(shipped.includes(SEARCH_CORE_SOURCE), 'search.js carries the core source verbatim');
    });

    test('"More results" adds the next ten; dark mode and a phone viewport look right', async () => {
      const found = await searchFor('经济');
      assert.equal(found.titles.length, 10);
      assert.match(found.status, /共 13 条结果/);
      assert.equal(
        await page.title(),
        '经济 · 搜索 · 搜索测试',
        'history and bookmarks name the query',
      );
      // By keyboard: the button hides while the results load, so the focus goes to the first
      // new result, not back to the top of the page.
      await page.focus('#search-more');
      await page.keyboard.press('Enter');
      await page.waitForFunction(`document.querySelectorAll('.search-result').length === 13`);
      assert.equal(await page.isHidden('#search-more'), true);
      assert.equal(
        await page.evaluate(
          `document.activeElement.closest('.search-result') === document.querySelectorAll('.search-result')[10]`,
        ),
        true,
      );

      const phone = await browser.newContext({
        viewport: { width: 390, height: 844 },
        colorScheme: 'dark',
      });
      const small = await phone.newPage();
      small.on('console', (message) => {
        if (message.type() === 'error') consoleProblems.push(`phone: ${message.text()}`);
      });
      await small.goto(
        new URL(`search.html?q=${encodeURIComponent('制造业 竞争力')}`, server.url).href,
      );
      await small.waitForSelector('#search[aria-busy="false"]');
      const layout = await small.evaluate<{ overflow: boolean; background: string }>(`(() => ({
        overflow: document.documentElement.scrollWidth > window.innerWidth,
        background: getComputedStyle(document.querySelector('.search-result')).backgroundColor,
      }))()`);
      assert.equal(layout.overflow, false, 'nothing wider than a phone screen');
      assert.notEqual(layout.background, 'rgb(255, 255, 255)', 'results follow the dark scheme');
      await small.screenshot({
        path: path.join(artifacts, 'search-phone-dark.png'),
        fullPage: true,
      });
      await phone.close();
    });

    test('no console errors or warnings on any search', () => {
      assert.deepEqual(consoleProblems, []);
    });
  },
);

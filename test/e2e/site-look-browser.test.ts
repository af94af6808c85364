import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { type Browser, type Page } from 'playwright-core';
import { serveFolder, type RunningServer } from '../../src/server/static-server.js';
import { runTidings } from '../support/run-tidings.js';
import { chromiumMissing, launchChromium } from '../support/chromium.js';

// How the built site looks to a reader, in headless Chromium, at a phone's, a tablet's and a
// desktop's width: what a look at the pages of real and made-up feeds found wrong. Page code
// is passed as text: the tests are type-checked without the DOM library.

const PHONE = { width: 375, height: 800 };
const TABLET = { width: 768, height: 1024 };
const DESKTOP = { width: 1280, height: 900 };
/** A category name that fits on a line but not after a time on it. */
const LONG_CATEGORY = '边界情况测试分类名称也可以很长很长很长';
const LONG_SITE = 'EdgeCasesSiteWithAVeryLongNameThatDoesNotBreakAnywhere';
const ARABIC_FEED = 'أخبار';
const CODE = 'node_modules_with_a_very_long_identifier_that_never_breaks_anywhere_at_all';
const TABLE = `<table><thead><tr><th>指标</th><th>2025年</th><th>2026年</th><th>同比</th><th>备注说明</th></tr></thead><tbody>${[
  1, 2, 3,
]
  .map(
    (i) =>
      `<tr><td>项目${i}</td><td>${i * 123}</td><td>${i * 140}</td><td>+${i}%</td><td>这是一段较长的备注文字，用来测试表格的换行效果</td></tr>`,
  )
  .join('')}</tbody></table>`;

function rss(name: string, items: { title: string; content: string; day: number }[]): string {
  const entries = items.map(
    (item, i) => `<item><title>${item.title}</title><link>https://example.com/${name}/${i}</link>
<guid>g${i}</guid><pubDate>${new Date(Date.UTC(2026, 10, 1 + item.day, 8)).toUTCString()}</pubDate>
<description><![CDATA[${item.content}]]></description></item>`,
  );
  return `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title>
<link>https://example.com/</link><description>d</description>${entries.join('\n')}</channel></rss>`;
}

describe('the look of the site in Chromium', { skip: chromiumMissing }, () => {
  let dir = '';
  let server: RunningServer;
  let browser: Browser;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-look-e2e-'));
    const many = Array.from({ length: 20 }, (_, i) => ({
      title: `条目 ${i}`,
      content: `<p>正文 ${i}。</p>`,
      day: i,
    }));
    many.push({
      title: '表格与代码',
      content: `<p>行内代码<code>${CODE}</code>在句子里。</p>${TABLE}`,
      day: 25,
    });
    fs.writeFileSync(path.join(dir, 'long.xml'), rss('long', many));
    fs.writeFileSync(
      path.join(dir, 'english.xml'),
      rss('english', [
        { title: 'English article', content: '<p>An English paragraph.</p>', day: 24 },
      ]),
    );
    fs.writeFileSync(
      path.join(dir, 'arabic.xml'),
      rss('arabic', [{ title: 'عنوان عربي', content: '<p>نص عربي.</p>', day: 26 }]),
    );
    fs.writeFileSync(
      path.join(dir, 'tidings.yaml'),
      `site:
  title: 外观测试
  url: http://127.0.0.1:4000
  language: zh-CN
  timezone: Asia/Shanghai
  perPage: 2
  output: public
store: tidings.db
sources:
  - category: ${LONG_CATEGORY}
    sites:
      - name: ${LONG_SITE}
        feeds:
          - { name: 边界, file: long.xml }
      - name: Hacker News
        feeds:
          - { name: Digest, file: english.xml, language: en }
      - name: RTL 新闻
        feeds:
          - { name: ${ARABIC_FEED}, file: arabic.xml }
          - { name: 坏掉的订阅源, file: missing.xml }
`,
    );
    const result = await runTidings(['update', '--config', path.join(dir, 'tidings.yaml')]);
    assert.equal(result.code, 0, result.stderr);
    server = await serveFolder(path.join(dir, 'public'), 0, {});
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  async function open(
    target: string,
    viewport: { width: number; height: number },
    colorScheme: 'light' | 'dark' = 'light',
  ): Promise<Page> {
    const context = await browser.newContext({ viewport, colorScheme });
    const loopback = new URL(server.url).host;
    await context.route('**/*', (route) =>
      new URL(route.request().url()).host === loopback ? route.continue() : route.abort(),
    );
    const page = await context.newPage();
    await page.goto(new URL(target, server.url).href);
    return page;
  }

  /** The item page whose card title is `title`, found from the home page and the older ones. */
  async function itemUrl(title: string): Promise<string> {
    const page = await open('', DESKTOP);
    let url: string | null = null;
    for (let pages = 0; url === null && pages < 3; pages++) {
      url = await page.evaluate<string | null>(
        `[...document.querySelectorAll('.entry-title a')].find((a) => a.textContent === ${JSON.stringify(title)})?.href ?? null`,
      );
      if (url === null) {
        await page.click('.pagination [rel=next]');
        await page.waitForLoadState();
      }
    }
    await page.context().close();
    assert.ok(url, title);
    return url;
  }

  test("a card's time and source wrap without a line starting with the dot", async () => {
    // Where the source wraps depends on the width: try many (phones hid the dot before).
    const page = await open('', TABLET);
    const found: string[] = [];
    for (let width = 641; width <= 1100; width += 9) {
      await page.setViewportSize({ width, height: 900 });
      const leading = await page.evaluate<string[]>(`[...document.querySelectorAll('.entry-meta')]
          .filter((meta) => [...meta.querySelectorAll('.sep')].some((sep) => sep.textContent === '·'
            && sep.getClientRects().length > 0
            && sep.getBoundingClientRect().left - meta.getBoundingClientRect().left < 10))
          .map((meta) => meta.textContent)`);
      found.push(...leading.map((text) => `${width}px: ${text}`));
    }
    assert.deepEqual(found, []);
    await page.context().close();
  });

  test('a search result shows its time first, as a card does', async () => {
    // Source first, a right-to-left feed name took the time's digits into its run.
    const page = await open(`search.html?q=${encodeURIComponent('عنوان')}`, TABLET);
    await page.waitForSelector('.search-meta');
    const first = await page.evaluate<string>(
      `document.querySelector('.search-meta').firstChild.nodeName`,
    );
    assert.equal(first, 'TIME');
    await page.context().close();
  });

  test('a name that fits on a line in a card is not split across two', async () => {
    const page = await open('', TABLET);
    const split = await page.evaluate<
      number[]
    >(`[...document.querySelectorAll('.entry-meta .source a')]
        .filter((a) => a.textContent === ${JSON.stringify(LONG_CATEGORY)})
        .map((a) => a.getClientRects().length)`);
    assert.ok(split.length > 0);
    assert.deepEqual(
      split.filter((n) => n !== 1),
      [],
    );
    await page.context().close();
  });

  test('on a phone, a long unbreakable name in a card starts its own line', async () => {
    // Not glued by the "›" to the last character of the name before it.
    const page = await open('', PHONE);
    const offsets = await page.evaluate<
      number[]
    >(`[...document.querySelectorAll('.entry-meta .source a')]
        .filter((a) => a.textContent === ${JSON.stringify(LONG_SITE)})
        .map((a) => a.getClientRects()[0].left - a.closest('.entry-meta').getBoundingClientRect().left)`);
    assert.ok(offsets.length > 0);
    for (const left of offsets) assert.ok(left < 2, `the name starts ${left}px into its line`);
    await page.context().close();
  });

  test('an Arabic feed name keeps its place among the numbers around it', async () => {
    // Left to right: the name, then its count ("أخبار 1 条", not "1 أخبار 条"); in a card,
    // the time and the path, then the name.
    const page = await open('categories/', DESKTOP);
    const [nameRight, countLefts] = await page.evaluate<[number, number[]]>(`(() => {
        const a = [...document.querySelectorAll('.category a')].find((e) => e.textContent === ${JSON.stringify(ARABIC_FEED)});
        return [a.getBoundingClientRect().right, [...a.nextElementSibling.getClientRects()].map((r) => r.left)];
      })()`);
    for (const left of countLefts) assert.ok(left >= nameRight - 1, `${left} < ${nameRight}`);
    await page.goto(server.url);
    const [before, name] = await page.evaluate<[number, number]>(`(() => {
        const a = [...document.querySelectorAll('.entry-meta a')].find((e) => e.textContent === ${JSON.stringify(ARABIC_FEED)});
        return [a.closest('.entry-meta').querySelector('time').getBoundingClientRect().right, a.getBoundingClientRect().left];
      })()`);
    assert.ok(name >= before, `the name at ${name}, left of the time ending at ${before}`);
    await page.context().close();
  });

  test('an English article is set closer than a Chinese one', async () => {
    const page = await open(await itemUrl('English article'), PHONE);
    const english = await page.evaluate<number>(
      `(() => { const s = getComputedStyle(document.querySelector('.content p')); return parseFloat(s.lineHeight) / parseFloat(s.fontSize); })()`,
    );
    await page.goto(await itemUrl('表格与代码'));
    const chinese = await page.evaluate<number>(
      `(() => { const s = getComputedStyle(document.querySelector('.content p')); return parseFloat(s.lineHeight) / parseFloat(s.fontSize); })()`,
    );
    assert.ok(chinese >= 1.8, `Chinese ${chinese}`);
    assert.ok(english <= 1.75, `English ${english}`);
    await page.context().close();
  });

  test('on a phone, a table column of sentences is not stood three characters a line', async () => {
    const page = await open(await itemUrl('表格与代码'), PHONE);
    const lines = await page.evaluate<
      number[]
    >(`[...document.querySelectorAll('.content td:last-child')].map((td) => {
        const range = document.createRange();
        range.selectNodeContents(td);
        return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
      })`);
    assert.equal(lines.length, 3);
    for (const n of lines) assert.ok(n <= 2, `a cell of ${n} lines`);
    await page.context().close();
  });

  test('on a phone, long inline code starts on the line of the words before it', async () => {
    // Moved whole to the next line, it left the justified line before it with its four
    // characters spread across the screen.
    const page = await open(await itemUrl('表格与代码'), PHONE);
    const [textTop, codeTop] = await page.evaluate<[number, number]>(`(() => {
        const code = document.querySelector('.content p code');
        const range = document.createRange();
        range.selectNodeContents(code.parentElement.firstChild);
        return [range.getClientRects()[0].top, code.getClientRects()[0].top];
      })()`);
    assert.ok(Math.abs(codeTop - textTop) < 4, `text at ${textTop}, code at ${codeTop}`);
    await page.context().close();
  });

  test('on a phone, pagination is two rows of thumb-sized links', async () => {
    const page = await open('page/5/', PHONE);
    const links = await page.evaluate<{ top: number; width: number; height: number }[]>(
      `[...document.querySelectorAll('.pagination a')].filter((a) => a.getClientRects().length > 0).map((a) => { const r = a.getBoundingClientRect(); return { top: Math.round(r.top), width: r.width, height: r.height }; })`,
    );
    assert.ok(links.length >= 6, `${links.length} links`);
    assert.equal(new Set(links.map((l) => l.top)).size, 2, 'newer and older, then the numbers');
    for (const l of links) assert.ok(l.width >= 40 && l.height >= 40, JSON.stringify(l));
    await page.context().close();
  });

  test("on a phone, feed health fits the screen: each feed's error is in view", async () => {
    const page = await open('health/', PHONE);
    const [scroll, errorRight] = await page.evaluate<[number, number]>(`(() => {
        const wrap = document.querySelector('.table-wrap');
        return [wrap.scrollWidth - wrap.clientWidth, document.querySelector('.failing .error').getBoundingClientRect().right];
      })()`);
    assert.equal(scroll, 0, 'the table scrolls sideways');
    assert.ok(errorRight <= PHONE.width, `the error ends at ${errorRight}px`);
    await page.context().close();
  });

  test('on a desktop, a feed health time is one line', async () => {
    const page = await open('health/', DESKTOP);
    const lines = await page.evaluate<number[]>(
      `[...document.querySelectorAll('.health td time')].map((t) => t.getClientRects().length)`,
    );
    assert.ok(lines.length > 0);
    assert.deepEqual(
      lines.filter((n) => n !== 1),
      [],
    );
    await page.context().close();
  });

  test('on a phone, rows of small links are at least 24 px apart (WCAG 2.5.8)', async () => {
    const close: string[] = [];
    for (const target of ['', await itemUrl('表格与代码'), 'categories/']) {
      const page = await open(target, PHONE);
      close.push(
        ...(await page.evaluate<
          string[]
        >(`[...document.querySelectorAll('.breadcrumbs, .entry-meta, .article-source, .site-footer')].flatMap((box) => {
            const centres = [...box.querySelectorAll('a')].flatMap((a) => [...a.getClientRects()].map((r) => [a.textContent, (r.top + r.bottom) / 2]));
            const out = [];
            for (const [a, y] of centres) for (const [b, z] of centres)
              if (z > y + 1 && z - y < 24) out.push(box.className + ': ' + a + ' / ' + b + ' ' + (z - y).toFixed(1) + 'px');
            return out;
          })`)),
      );
      await page.context().close();
    }
    assert.deepEqual(close, []);
  });

  test("on a phone, the header's search box takes its row", async () => {
    const page = await open('', PHONE);
    const width = await page.evaluate<number>(
      `document.querySelector('.site-search input').getBoundingClientRect().width`,
    );
    assert.ok(width >= PHONE.width * 0.85, `${width}px`);
    await page.context().close();
  });

  for (const scheme of ['light', 'dark'] as const) {
    test(`on a short page the footer sits at the bottom of the window (${scheme})`, async () => {
      const page = await open('missing/', DESKTOP, scheme);
      const bottom = await page.evaluate<number>(
        `document.querySelector('.site-footer').getBoundingClientRect().bottom`,
      );
      assert.equal(Math.round(bottom), DESKTOP.height);
      await page.context().close();
    });
  }
});

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { type Browser, type Page } from 'playwright-core';
import { serveFolder, type RunningServer } from '../../src/server/static-server.js';
import { runTidings } from '../support/run-tidings.js';
import { chromiumMissing, launchChromium } from '../support/chromium.js';

// The layout under stress, in headless Chromium: names with no place to break, a mixed
// Chinese/English article, a wide Chinese table, at a phone's width and in both colour
// schemes. Page code is passed as text: the tests are type-checked without the DOM library.

const PHONE = { width: 360, height: 740 };
const LONG_SITE = 'AVeryLongSiteNameWithoutAnySpacesThatKeepsGoingAndGoingForeverAndEver';
const LONG_FEED = 'SupercalifragilisticexpialidociousFeedNameThatNeverEnds';
const LONG_CATEGORY = 'Pneumonoultramicroscopicsilicovolcanoconiosis';
/** Chinese news text with English names in it, as the RSSHub feeds have (36kr). */
const MIXED =
  '36氪独家获悉，鲨湾科技近日在阿联酋首都阿布扎比与多方签约成立创立"蓝鲨"东南亚市场商用车融资租赁专项基金CIS Pride ESG Fund，完成I期募资1.75亿美元，比期初设置的规模超募75%。合作方包括阿联酋阿布扎比超大型集团Siraj Holding LLC、马来西亚大型制造集团公司EP Manufacturing Bhd、CIS Pride Fund和蓝鲨东南亚合资公司Blueshark ASEAN。';
const ARABIC = 'عنوان عربي قصير';
const TABLE = `<table><tr>${'<td>单元格内容很长很长</td>'.repeat(10)}</tr></table>`;

function feedXml(): string {
  const items = [0, 1, 2].map(
    (i) => `<item><title>条目 ${i}</title><link>https://example.com/${i}</link><guid>g${i}</guid>
<pubDate>${new Date(Date.UTC(2026, 10, 20 + i, 8)).toUTCString()}</pubDate>
<description><![CDATA[<p>${MIXED}</p>${TABLE}<blockquote><p>引用的第一段。</p><p>引用的第二段。</p></blockquote>]]></description></item>`,
  );
  items.push(`<item><title>${ARABIC}</title><link>https://example.com/ar</link><guid>ar</guid>
<pubDate>${new Date(Date.UTC(2026, 10, 10, 8)).toUTCString()}</pubDate>
<description>هذا نص عربي.</description></item>`);
  return `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title>
<link>https://example.com/</link><description>d</description>${items.join('\n')}</channel></rss>`;
}

/** The contrast ratio (WCAG 2) of two `rgb()`/`rgba()` colours, the first over the second. */
const CONTRAST = `((fg, bg) => {
  const parse = (c) => c.match(/[\\d.]+/g).map(Number);
  const [br, bgG, bb] = parse(bg);
  const [fr, fgG, fb, fa = 1] = parse(fg);
  const mix = [fr * fa + br * (1 - fa), fgG * fa + bgG * (1 - fa), fb * fa + bb * (1 - fa)];
  const lum = ([r, g, b]) => [r, g, b].map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
    .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
  const [hi, lo] = [lum(mix), lum([br, bgG, bb])].sort((a, b) => b - a);
  return (hi + 0.05) / (lo + 0.05);
})`;

describe('the layout under stress in Chromium', { skip: chromiumMissing }, () => {
  let dir = '';
  let server: RunningServer;
  let browser: Browser;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-layout-e2e-'));
    fs.writeFileSync(path.join(dir, 'feed.xml'), feedXml());
    fs.writeFileSync(
      path.join(dir, 'tidings.yaml'),
      `site:
  title: 压力测试
  url: http://127.0.0.1:4000
  language: zh-CN
  output: public
store: tidings.db
sources:
  - category: ${LONG_CATEGORY}
    sites:
      - name: ${LONG_SITE}
        feeds:
          - { name: ${LONG_FEED}, file: feed.xml }
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

  async function phonePage(colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
    const context = await browser.newContext({ viewport: PHONE, colorScheme });
    const loopback = new URL(server.url).host;
    await context.route('**/*', (route) =>
      new URL(route.request().url()).host === loopback ? route.continue() : route.abort(),
    );
    return context.newPage();
  }

  /** The category, site, feed and item pages, found by following the site's own links. */
  async function pagesToCheck(page: Page): Promise<string[]> {
    await page.goto(new URL('categories/', server.url).href);
    const links = await page.evaluate<string[]>(
      `[...document.querySelectorAll('.category a:not(.count)')].map((a) => a.href)`,
    );
    await page.goto(server.url);
    const item = await page.evaluate<string>(
      `[...document.querySelectorAll('.entry-title a')].find((a) => a.textContent.startsWith('条目')).href`,
    );
    return [new URL('categories/', server.url).href, ...links, item];
  }

  test('long unbroken category, site and feed names stay within a phone screen', async () => {
    const page = await phonePage();
    const targets = await pagesToCheck(page);
    assert.equal(targets.length, 5, 'categories, category, site, feed, item');
    for (const target of targets) {
      await page.goto(target);
      const overflow = await page.evaluate<number>(
        'document.scrollingElement.scrollWidth - innerWidth',
      );
      assert.ok(overflow <= 0, `${decodeURI(target)} is ${overflow}px wider than the screen`);
    }
    await page.context().close();
  });

  test("the brand's mark stays square when the site title wraps", async () => {
    const page = await phonePage();
    await page.goto(server.url);
    await page.evaluate(
      `document.querySelector('.brand').textContent = '${'很长的站点名'.repeat(8)}'`,
    );
    const [width, height] = await page.evaluate<[string, string]>(
      `(() => { const s = getComputedStyle(document.querySelector('.brand'), '::before'); return [s.width, s.height]; })()`,
    );
    assert.equal(width, height);
    await page.context().close();
  });

  for (const scheme of ['light', 'dark'] as const) {
    test(`the search box's placeholder meets WCAG AA contrast (${scheme})`, async () => {
      const page = await phonePage(scheme);
      await page.goto(server.url);
      const ratio = await page.evaluate<number>(`(() => {
          const input = document.querySelector('.site-search input');
          return ${CONTRAST}(getComputedStyle(input, '::placeholder').color, getComputedStyle(input).backgroundColor);
        })()`);
      assert.ok(ratio >= 4.5, `placeholder contrast ${ratio.toFixed(2)}`);
      await page.context().close();
    });
  }

  test('justified Chinese text never spaces out the letters of English words', async () => {
    const page = await phonePage();
    const targets = await pagesToCheck(page);
    await page.goto(targets.at(-1) ?? '');
    // Each English word's width in the justified paragraph against the same word unjustified.
    const stretched = await page.evaluate<string[]>(`(() => {
        const p = [...document.querySelectorAll('.content p')].find((e) => e.textContent.includes('Manufacturing'));
        const text = p.firstChild;
        const probe = p.cloneNode(false);
        probe.style.cssText = 'position:absolute;text-align:left;width:auto;white-space:nowrap';
        p.after(probe);
        const out = [];
        for (const match of text.data.matchAll(/[A-Za-z]{2,}/g)) {
          const range = document.createRange();
          range.setStart(text, match.index);
          range.setEnd(text, match.index + match[0].length);
          const rects = range.getClientRects();
          if (rects.length !== 1) continue;
          probe.textContent = match[0];
          const natural = probe.getBoundingClientRect().width;
          if (rects[0].width > natural + 1) out.push(match[0] + ' ' + natural.toFixed(1) + ' → ' + rects[0].width.toFixed(1));
        }
        return out;
      })()`);
    assert.deepEqual(stretched, []);
    await page.context().close();
  });

  test('a wide Chinese table scrolls sideways instead of standing its words on end', async () => {
    const page = await phonePage();
    const targets = await pagesToCheck(page);
    await page.goto(targets.at(-1) ?? '');
    const [narrowest, fontSize] = await page.evaluate<[number, number]>(`(() => {
        const cells = [...document.querySelectorAll('.content td')];
        return [Math.min(...cells.map((c) => c.getBoundingClientRect().width)), parseFloat(getComputedStyle(cells[0]).fontSize)];
      })()`);
    assert.ok(narrowest >= 4 * fontSize, `a cell is ${narrowest}px wide, under 4 characters`);
    await page.context().close();
  });

  test('an Arabic title and excerpt run right to left, in the list and on its page', async () => {
    const page = await phonePage();
    await page.setViewportSize({ width: 768, height: 1024 }); // phones hide the excerpt
    /** [space left of the text, space right of it] in the element's box. */
    const margins = (selector: string) =>
      page.evaluate<[number, number][]>(`[...document.querySelectorAll('${selector}')]
          .filter((e) => /[\u0600-\u06ff]/.test(e.textContent))
          .map((e) => { const r = document.createRange(); r.selectNodeContents(e); const t = r.getBoundingClientRect(), b = e.getBoundingClientRect();
            return [Math.round(t.left - b.left), Math.round(b.right - t.right)]; })`);
    await page.goto(server.url);
    const inList = await margins('.entry-title, .entry-excerpt');
    assert.equal(inList.length, 2);
    for (const [left, right] of inList) assert.ok(right <= 1 && left > 10, `${left} | ${right}`);
    await page.locator('.entry-title a', { hasText: ARABIC }).click();
    await page.waitForURL(/\/items\//);
    const [[left, right] = [0, 0]] = await margins('.article h1');
    assert.ok(right <= 1 && left > 10, `item page title: ${left} | ${right}`);
    await page.context().close();
  });

  test('printed from a dark-scheme screen, every text is dark on the white paper', async () => {
    const page = await phonePage('dark');
    const targets = await pagesToCheck(page);
    for (const target of [server.url, targets.at(-1) ?? '']) {
      await page.goto(target);
      await page.emulateMedia({ media: 'print' });
      // Paper is white and backgrounds are not printed: each text against white.
      const faint = await page.evaluate<string[]>(`[...document.querySelectorAll('body *')]
          .filter((e) => e.getClientRects().length > 0 && [...e.childNodes].some((n) => n.nodeType === 3 && n.data.trim()))
          .map((e) => [e.tagName + '.' + e.className, ${CONTRAST}(getComputedStyle(e).color, 'rgb(255, 255, 255)')])
          .filter(([, ratio]) => ratio < 4.5).map(([what, ratio]) => what + ' ' + ratio.toFixed(2))`);
      assert.deepEqual(faint, [], decodeURI(target));
      await page.emulateMedia({ media: 'screen' });
    }
    await page.context().close();
  });

  test("a quote's last paragraph leaves no more space below it than above the first", async () => {
    const page = await phonePage();
    const targets = await pagesToCheck(page);
    await page.goto(targets.at(-1) ?? '');
    const [above, below] = await page.evaluate<[number, number]>(`(() => {
        const quote = document.querySelector('.content blockquote').getBoundingClientRect();
        const first = document.querySelector('.content blockquote > :first-child').getBoundingClientRect();
        const last = document.querySelector('.content blockquote > :last-child').getBoundingClientRect();
        return [first.top - quote.top, quote.bottom - last.bottom];
      })()`);
    assert.ok(Math.abs(above - below) <= 1, `${above}px above, ${below}px below`);
    await page.context().close();
  });
});

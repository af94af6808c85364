import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { serveFolder, type RunningServer } from '../../src/server/static-server.js';
import { repo, runTidings } from '../support/run-tidings.js';
import { chromiumMissing, launchChromium } from '../support/chromium.js';

// The demo site (examples/demo) built by the CLI and opened in headless Chromium: home and
// pagination, category navigation, an item page, dark mode, a phone, live reload, and no
// console errors anywhere. Screenshots go to test-artifacts/site/ (git-ignored): look at them.
// The demo's pictures are addressed as http://localhost:4000/images/…, where `npm start`
// serves them; here those requests are answered from the built folder. Nothing else leaves
// the machine.

const ARTIFACTS = path.join(repo, 'test-artifacts', 'site');
const DEMO = path.join(repo, 'examples', 'demo');
/** How far the page is wider than the viewport (page code as text: no DOM types here). */
const OVERFLOW = 'document.documentElement.scrollWidth - document.documentElement.clientWidth';

describe('the demo site in Chromium', { skip: chromiumMissing }, () => {
  let dir = '';
  let output = '';
  let server: RunningServer;
  let browser: Browser;
  const problems: string[] = [];

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-site-e2e-'));
    for (const name of ['tidings.yaml', 'feeds', 'static']) {
      fs.cpSync(path.join(DEMO, name), path.join(dir, name), { recursive: true });
    }
    const result = await runTidings(['update', '--config', path.join(dir, 'tidings.yaml')]);
    assert.equal(result.code, 0, result.stderr);
    output = path.join(dir, 'public');
    server = await serveFolder(output, 0, { liveReload: true });
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  /** A page that records console errors, page errors and failed requests into `problems`. */
  async function open(
    options: Parameters<Browser['newContext']>[0] = {},
  ): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      ...options,
    });
    const loopback = new URL(server.url).host;
    await context.route('**/*', async (route) => {
      const url = new URL(route.request().url());
      if (url.host === loopback) return route.continue();
      if (url.host === 'localhost:4000') {
        const file = path.join(output, decodeURIComponent(url.pathname));
        if (fs.existsSync(file)) return route.fulfill({ path: file });
      }
      problems.push(`request left the machine: ${url.href}`);
      return route.abort();
    });
    const page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error' && !page.url().includes('/no-such-page'))
        problems.push(`console on ${page.url()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error on ${page.url()}: ${error.message}`));
    page.on('response', (response) => {
      if (response.status() >= 400 && !response.url().includes('/no-such-page')) {
        problems.push(`${response.status()} ${response.url()}`);
      }
    });
    return { context, page };
  }

  const shot = (page: Page, name: string) =>
    page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });

  /** Every thumbnail in view is loaded (lazy ones are scrolled to first). */
  async function loadedThumbnails(page: Page): Promise<number> {
    const images = page.locator('.thumb img');
    const count = await images.count();
    for (let i = 0; i < count; i++) await images.nth(i).scrollIntoViewIfNeeded();
    // Page code is passed as text: the tests are type-checked without the DOM library.
    await page.waitForFunction(
      "[...document.querySelectorAll('.thumb img')].every((img) => img.complete)",
    );
    return page.evaluate<number>(
      "[...document.querySelectorAll('.thumb img')].filter((img) => img.naturalWidth > 0).length",
    );
  }

  test('home: cards with thumbnails, landmarks, and stable pagination', async () => {
    const { context, page } = await open();
    await page.goto(server.url);
    assert.equal(await page.locator('html').getAttribute('lang'), 'zh-CN');
    for (const landmark of ['header', 'nav', 'main', 'footer']) {
      assert.equal(await page.locator(landmark).first().isVisible(), true, landmark);
    }
    assert.equal(await page.locator('.river > li').count(), 10, 'perPage 10');
    assert.ok((await loadedThumbnails(page)) >= 3, 'thumbnails show');
    for (const img of await page.locator('img').all()) {
      assert.notEqual(await img.getAttribute('alt'), null, 'every image has alt text');
      assert.equal(await img.getAttribute('referrerpolicy'), 'no-referrer');
    }
    const firstCard = page.locator('.entry').first();
    assert.match((await firstCard.locator('time').getAttribute('datetime')) ?? '', /\+08:00$/);
    assert.equal(await firstCard.locator('.source a').count(), 3, 'category › site › feed');
    await page.evaluate('window.scrollTo(0, 0)');
    await shot(page, 'home-desktop');

    // 34 items at 10 a page: pages 1..4 counted from the oldest; "older" goes to page 3.
    await page.getByRole('link', { name: /较早/ }).click();
    await page.waitForURL(/\/page\/3\/$/);
    assert.match(await page.locator('h1').innerText(), /第 3 页/);
    assert.equal(await page.locator('.river > li').count(), 10);
    await page.getByRole('link', { name: '第 1 页' }).click();
    await page.waitForURL(/\/page\/1\/$/);
    assert.equal(await page.locator('.pagination [rel="next"]').count(), 0, 'oldest page');
    await shot(page, 'home-page-1');
    await context.close();
  });

  test('category navigation: index → category → site → feed, with breadcrumbs', async () => {
    const { context, page } = await open();
    await page.goto(server.url);
    await page
      .getByRole('navigation', { name: '主导航' })
      .getByRole('link', { name: '分类' })
      .click();
    await page.waitForURL(/\/categories\/$/);
    await shot(page, 'categories');
    await page.locator('.category h2 a', { hasText: '科技' }).click();
    await page.waitForURL(/\/categories\/%E7%A7%91%E6%8A%80\/$/);
    assert.equal(await page.locator('h1').innerText(), '科技');
    await page.locator('.chips a', { hasText: '码上周刊' }).click();
    await page.locator('.chips a', { hasText: '最新文章' }).click();
    const crumbs = await page.locator('.breadcrumbs li').allInnerTexts();
    assert.deepEqual(crumbs, ['首页', '分类', '科技', '码上周刊', '最新文章']);
    assert.ok((await page.locator('.river > li').count()) > 0);
    assert.equal(
      await page.locator('link[rel="alternate"][type="application/feed+json"]').count(),
      2,
      "the feed's own JSON Feed and the site's",
    );
    await shot(page, 'feed-listing');
    await context.close();
  });

  test('an item page: source, author, zoned time, content, original link, prev/next', async () => {
    const { context, page } = await open();
    await page.goto(server.url);
    const title = await page.locator('.entry-title a').first().innerText();
    await page.locator('.entry-title a').first().click();
    await page.waitForURL(/\/items\/[0-9a-f]{16}\.html$/);
    assert.equal(await page.locator('h1').innerText(), title);
    assert.match(
      (await page.locator('.article-meta time').first().getAttribute('datetime')) ?? '',
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/,
    );
    assert.equal(await page.locator('.article-source a').count(), 3);
    assert.ok((await page.locator('.content').innerText()).length > 20);
    assert.match((await page.locator('a.original').getAttribute('href')) ?? '', /^https?:/);
    const neighbours = page.locator('.item-nav a');
    assert.ok((await neighbours.count()) >= 1, 'a neighbour in the same feed');
    await shot(page, 'item-desktop');
    await neighbours.first().click();
    await page.waitForURL(/\/items\/[0-9a-f]{16}\.html$/);
    assert.notEqual(await page.locator('h1').innerText(), title);
    await context.close();
  });

  test('archives, feed health and the 404 page', async () => {
    const { context, page } = await open();
    await page.goto(server.url);
    await page.getByRole('link', { name: '归档' }).first().click();
    await page.waitForURL(/\/archives\/$/);
    await page.locator('.archive-year .chips a').first().click();
    await page.waitForURL(/\/archives\/\d{4}\/\d\d\/$/);
    await page.locator('.days a').first().click();
    await page.waitForURL(/\/archives\/\d{4}\/\d\d\/\d\d\/$/);
    assert.ok((await page.locator('.river > li').count()) > 0);
    await page.goto(new URL('health/', server.url).href);
    assert.equal(await page.locator('table.health tbody tr').count(), 7);
    await shot(page, 'health');
    const response = await page.goto(new URL('no-such-page/at/depth', server.url).href);
    assert.equal(response?.status(), 404);
    await page.getByRole('link', { name: '首页' }).first().click();
    await page.waitForURL(server.url);
    await context.close();
  });

  test('dark mode follows prefers-color-scheme', async () => {
    const { context, page } = await open({ colorScheme: 'dark' });
    await page.goto(server.url);
    const background = await page.evaluate<string>(
      'getComputedStyle(document.body).backgroundColor',
    );
    const [r = 255, g = 255, b = 255] = (background.match(/\d+/g) ?? []).map(Number);
    assert.ok(r + g + b < 120, `dark background, got ${background}`);
    await loadedThumbnails(page);
    await page.evaluate('window.scrollTo(0, 0)');
    await shot(page, 'home-dark');
    await page.locator('.entry-title a').nth(1).click();
    await page.waitForURL(/\/items\//);
    await shot(page, 'item-dark');
    await context.close();
  });

  test('a phone-sized viewport: nothing overflows sideways', async () => {
    const { context, page } = await open({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
    });
    for (const target of ['', 'categories/', 'health/']) {
      await page.goto(new URL(target, server.url).href);
      const overflow = await page.evaluate<number>(OVERFLOW);
      assert.ok(overflow <= 0, `${target || 'home'} overflows by ${overflow}px`);
    }
    await page.goto(server.url);
    await loadedThumbnails(page);
    await page.evaluate('window.scrollTo(0, 0)');
    await shot(page, 'home-phone');
    await page.locator('.entry-title a').first().click();
    await page.waitForURL(/\/items\//);
    await page.waitForLoadState('load');
    const overflow = await page.evaluate<number>(OVERFLOW);
    assert.ok(overflow <= 0, `item page overflows by ${overflow}px`);
    // The footer's links wrap on a phone; no line may begin with a visible "·" separator.
    const separatorsOpeningLines = await page.evaluate<number>(`(() => {
        const links = document.querySelector('.footer-links');
        const left = links.getBoundingClientRect().left;
        return [...links.querySelectorAll('.sep')]
          .map((sep) => sep.getBoundingClientRect())
          .filter((box) => box.width > 0 && box.left - left < 2).length;
      })()`);
    assert.equal(separatorsOpeningLines, 0, 'a footer line begins with a separator');
    await shot(page, 'item-phone');
    await context.close();
  });

  test('the preview server reloads the page after a rebuild', async () => {
    const { context, page } = await open();
    await page.goto(server.url);
    await page.evaluate('window.marker = 1');
    // A rebuild that changes something: --full rewrites the manifest.
    const reloaded = page.waitForEvent('load', { timeout: 15_000 });
    const result = await runTidings([
      'build',
      '--full',
      '--config',
      path.join(dir, 'tidings.yaml'),
    ]);
    assert.equal(result.code, 0, result.stderr);
    await reloaded;
    assert.equal(await page.evaluate('window.marker'), undefined);
    // The built files never carry the script.
    assert.ok(!fs.readFileSync(path.join(output, 'index.html'), 'utf8').includes('<script'));
    await context.close();
  });

  test('no console errors, page errors or failed requests on any page visited', () => {
    assert.deepEqual(problems, []);
  });
});

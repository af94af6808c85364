import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { type Browser, type Page } from 'playwright-core';
import { serveFolder } from '../../src/server/static-server.js';
import { chromiumMissing, launchChromium } from '../support/chromium.js';

// Live reload of `tidings serve` in headless Chromium, on a two-file site on loopback.

describe('live reload in Chromium', { skip: chromiumMissing }, () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-reload-browser-'));
  let browser: Browser;

  /** Replaces the manifest as a build that changed something does. */
  function rebuild(): void {
    const next = path.join(root, 'manifest.tmp');
    fs.writeFileSync(next, JSON.stringify({ version: 1, files: { at: Date.now() } }));
    fs.renameSync(next, path.join(root, '.tidings-manifest.json'));
  }

  /** Counts the page's loads (a reload runs its script again). */
  async function countLoads(page: Page): Promise<() => number> {
    let loads = 0;
    page.on('load', () => loads++);
    return () => loads;
  }

  before(async () => {
    fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><body><h1>home</h1></body>');
    rebuild();
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  test('eight tabs of the preview open at once all load (a browser allows 6 connections a host)', async () => {
    const server = await serveFolder(root, 0, { liveReload: true });
    const context = await browser.newContext();
    try {
      for (let tab = 0; tab < 8; tab++) {
        const page = await context.newPage();
        await page.goto(`${server.url}?tab=${tab}`, { timeout: 5000 });
        assert.equal(await page.textContent('h1'), 'home', `tab ${tab}`);
      }
    } finally {
      await context.close();
      await server.close();
    }
  });

  test('a rebuild reloads the page once, not again and again', async () => {
    const server = await serveFolder(root, 0, { liveReload: true });
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(server.url);
      const loads = await countLoads(page);
      const reloaded = page.waitForEvent('load', { timeout: 10_000 });
      rebuild();
      await reloaded;
      await new Promise((resolve) => setTimeout(resolve, 3000));
      assert.equal(loads(), 1);
    } finally {
      await context.close();
      await server.close();
    }
  });

  test('a page open while the server was stopped and the site rebuilt reloads once it is back', async () => {
    const first = await serveFolder(root, 0, { liveReload: true });
    const port = Number(new URL(first.url).port);
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(first.url);
      await page.evaluate('window.marker = 1');
      await first.close();
      rebuild();
      const reloaded = page.waitForEvent('load', { timeout: 10_000 });
      const second = await serveFolder(root, port, { liveReload: true });
      try {
        await reloaded;
        assert.equal(await page.evaluate('window.marker'), undefined);
      } finally {
        await second.close();
      }
    } finally {
      await context.close();
    }
  });
});

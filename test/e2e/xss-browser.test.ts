import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { serveFolder, type RunningServer } from '../../src/server/static-server.js';
import { htmlVectors, urlVectors } from './xss-vectors.js';

// The security bar: XSS vectors in feed items' titles, content, links, author names, categories
// and image URLs go through `tidings update` (fetch → parse → clean → sanitise → store → build);
// every built page is then opened in headless Chromium. Each vector calls alert(N): the test
// fails if any dialog opens, any alert/confirm/prompt runs in any frame, or the DOM Chromium
// built holds an event handler, a script URL, or an element that can run script. Harmless
// formatting must survive. Nothing leaves the machine: non-loopback requests are aborted.

const CHROMIUM = '/usr/bin/chromium';
const haveChromium = fs.existsSync(CHROMIUM);
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cli = path.join(repo, 'dist/cli/main.js');

const run = (id: number) => `alert(${id})`;
const HTML = htmlVectors(run, 1000);
const URLS = urlVectors(run, 5000);

const CONTROL_MARK = 'HARMLESS-FORMATTING-CONTROL';
const CONTROL = `<p>${CONTROL_MARK}: <strong>粗体</strong> and <em>emphasis</em>.</p>
<p>第二段 with <a href="https://example.org/ok">a link</a>.</p>
<p><img src="https://img.example/photo.jpg" alt="照片" width="640" height="480"></p>
<table><thead><tr><th>列</th></tr></thead><tbody><tr><td>格</td></tr></tbody></table>
<pre><code>const a = 1 &lt; 2;</code></pre><ul><li>一</li><li>二</li></ul>`;

/** Escapes text for an XML element or attribute; drops characters XML 1.0 cannot hold. */
function xml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

function feedXml(): string {
  const items = HTML.map((vector, i) => {
    const link = URLS[i % URLS.length]!;
    return `<item>
<title>${xml(vector)}</title>
<link>${xml(link)}</link>
<guid isPermaLink="false">xss-${i}</guid>
<pubDate>${new Date(Date.UTC(2024, 0, 1, 0, i)).toUTCString()}</pubDate>
<dc:creator>${xml(HTML[(i + 1) % HTML.length]!)}</dc:creator>
<category>${xml(HTML[(i + 2) % HTML.length]!)}</category>
<enclosure url="${xml(URLS[(i + 3) % URLS.length]!)}" type="image/png" length="1"/>
<media:thumbnail url="${xml(URLS[(i + 7) % URLS.length]!)}"/>
<description>${xml(vector)}</description>
</item>`;
  });
  items.push(`<item><title>${CONTROL_MARK}</title><link>https://example.org/control</link>
<guid isPermaLink="false">control</guid><pubDate>Mon, 01 Jan 2024 12:00:00 GMT</pubDate>
<description>${xml(CONTROL)}</description></item>`);
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/">
<channel><title>${xml('XSS <script>alert(9999)</script>')}</title><link>https://example.org/</link>
${items.join('\n')}
</channel></rss>`;
}

function tidings(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [cli, ...args],
      { encoding: 'utf8', timeout: 120_000 },
      (error, stdout, stderr) =>
        resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/**
 * Runs in the page (plain JavaScript: the tests are compiled without DOM types): what in the
 * DOM Chromium built could run script.
 */
const AUDIT_DOM = `(() => {
  const problems = [];
  const urlAttributes = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'data',
    'poster', 'background', 'dynsrc', 'lowsrc', 'code', 'srcset']);
  const forbidden = 'script, object, embed, applet, base, form, input, button, textarea, select,' +
    ' frame, frameset, svg, math, body style, meta[http-equiv], iframe[srcdoc],' +
    ' link:not([rel~="stylesheet"]):not([rel~="alternate"]):not([rel~="canonical"]):not([rel~="icon"])';
  // The site's own search, by exact place and shape: the header's GET form to search.html with
  // one search box and its submit button, the search page's form and buttons, and search.js
  // from the site root.
  const ownSearch = 'header.site-header form.site-search[role="search"][action$="search.html"]:not([method]),' +
    ' header.site-header form.site-search > input[type="search"][name="q"],' +
    ' header.site-header form.site-search > button[type="submit"]:not([formaction]),' +
    ' main > #search > form.search-form[role="search"]:not([method]),' +
    ' main > #search > form.search-form > input#search-query[type="search"][name="q"],' +
    ' main > #search > form.search-form > button[type="submit"],' +
    ' main > #search > p > button#search-more[type="button"],' +
    ' main > script[src^="search.js?v="]:not([type]):empty';
  for (const element of document.querySelectorAll(forbidden)) {
    if (element.matches(ownSearch)) continue;
    problems.push('<' + element.tagName.toLowerCase() + '> ' + element.outerHTML.slice(0, 80));
  }
  const player = /^https:\\/\\/(?:www\\.youtube(?:-nocookie)?\\.com\\/embed\\/|player\\.vimeo\\.com\\/video\\/|player\\.bilibili\\.com\\/player\\.html|v\\.qq\\.com\\/txp\\/iframe\\/player\\.html)/;
  for (const frame of document.querySelectorAll('iframe')) {
    if (!player.test(frame.getAttribute('src') || '') || !frame.hasAttribute('sandbox')) {
      problems.push('iframe ' + frame.outerHTML.slice(0, 80));
    }
  }
  for (const element of document.querySelectorAll('*')) {
    const tag = element.tagName.toLowerCase();
    for (const attribute of element.attributes) {
      const name = attribute.name.toLowerCase();
      if (name.startsWith('on')) problems.push(name + ' on <' + tag + '>');
      if (name === 'style' && !/^text-align:\\s*(?:left|right|center|justify|start|end);?$/i.test(attribute.value.trim())) {
        problems.push('style="' + attribute.value + '" on <' + tag + '>');
      }
      if (urlAttributes.has(name)) {
        const value = attribute.value.replace(/[\\u0000-\\u0020]/g, '').toLowerCase();
        if (/(?:^|,)(?:javascript|vbscript|data:text|data:application):?/.test(value)) {
          problems.push(name + '="' + attribute.value.slice(0, 60) + '" on <' + tag + '>');
        }
      }
    }
  }
  return problems;
})()`;

/** Runs first in every frame: alert/confirm/prompt/print are recorded, so script that ran is seen. */
const RECORD_DIALOGS = `(() => {
  const fired = [];
  Object.defineProperty(window, '__fired', { value: fired });
  for (const name of ['alert', 'confirm', 'prompt', 'print']) {
    window[name] = (message) => { fired.push(name + '(' + String(message) + ')'); };
  }
})();`;

const READ_FIRED = '(() => window.__fired || [])()';

const READ_CONTROL = `(() => {
  const content = document.querySelector('.content');
  const count = (selector) => content ? content.querySelectorAll(selector).length : 0;
  const link = content && content.querySelector('a');
  const image = content && content.querySelector('img');
  const code = content && content.querySelector('pre code');
  return {
    paragraphs: count('p'),
    strong: count('strong'),
    link: link ? link.getAttribute('href') : null,
    rel: link ? link.getAttribute('rel') : null,
    image: image ? image.getAttribute('src') : null,
    lazy: image ? image.getAttribute('loading') : null,
    cells: count('table th') + count('table td'),
    code: code ? code.textContent : null,
    items: count('ul li'),
  };
})()`;

describe(
  'security bar: XSS vectors through update + build, in Chromium',
  { skip: !haveChromium && `${CHROMIUM} is missing (bash .ci/run installs it)` },
  () => {
    let dir = '';
    let server: RunningServer;
    let browser: Browser;
    let pages: string[] = [];

    before(async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-xss-'));
      fs.writeFileSync(path.join(dir, 'xss.xml'), feedXml());
      fs.writeFileSync(
        path.join(dir, 'tidings.yaml'),
        `site:\n  title: XSS\n  perPage: 40\n  output: public\nstore: tidings.db\nsources:\n  - category: '<img src=x onerror=alert(9001)>'\n    sites:\n      - name: '"><svg onload=alert(9002)>'\n        feeds:\n          - name: '</title><script>alert(9003)</script>'\n            file: xss.xml\n`,
      );
      const result = await tidings([
        'update',
        '--config',
        path.join(dir, 'tidings.yaml'),
        '--json',
      ]);
      assert.equal(result.code, 0, result.stderr);
      const ok = result.stdout.split('\n').find((line) => line.includes('"status":"ok"'));
      assert.ok(ok, `the feed was stored: ${result.stdout}`);
      assert.equal((JSON.parse(ok) as { items: number }).items, HTML.length + 1);
      const output = path.join(dir, 'public');
      pages = (fs.readdirSync(output, { recursive: true }) as string[])
        .filter((name) => name.endsWith('.html'))
        .map((name) => name.split(path.sep).join('/'));
      server = await serveFolder(output, 0);
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
        ],
      });
    });

    after(async () => {
      await browser?.close();
      await server?.close();
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    });

    test(
      `${HTML.length} HTML and ${URLS.length} URL vectors run nowhere on any built page`,
      { timeout: 300_000 },
      async () => {
        const context = await browser.newContext({ javaScriptEnabled: true });
        const loopback = new URL(server.url).host;
        const blocked: string[] = [];
        await context.route('**/*', (route) => {
          const url = new URL(route.request().url());
          if (url.host === loopback) return route.continue();
          blocked.push(url.href);
          return route.abort();
        });
        // Every frame records alert/confirm/prompt, so script that did run is seen even when a
        // dialog would not open (frames, sandboxes).
        await context.addInitScript(RECORD_DIALOGS);
        const page = await context.newPage();
        const fired: string[] = [];
        page.on('dialog', (dialog) => {
          fired.push(`dialog ${dialog.message()} on ${page.url()}`);
          void dialog.dismiss();
        });
        page.on('popup', (popup) => fired.push(`popup ${popup.url()}`));
        const problems: string[] = [];
        // The harness itself must see script that runs: a canary page the site did not make.
        fs.writeFileSync(
          path.join(dir, 'public', 'canary.html'),
          '<!DOCTYPE html><p><img src="x" onerror="alert(42)"><a href="javascript:alert(43)">x</a></p>',
        );
        await page.goto(new URL('canary.html', server.url).href, { waitUntil: 'load' });
        await page.waitForTimeout(50);
        assert.deepEqual(await page.evaluate<string[]>(READ_FIRED), ['alert(42)']);
        assert.equal((await page.evaluate<string[]>(AUDIT_DOM)).length, 2);
        assert.equal(fired.length, 0, 'recorded alerts open no dialog');
        fs.rmSync(path.join(dir, 'public', 'canary.html'));
        assert.ok(pages.includes('index.html'));
        assert.ok(pages.filter((name) => name.startsWith('items/')).length > HTML.length);
        for (const name of pages) {
          const url = new URL(name, server.url).href;
          const response = await page.goto(url, { waitUntil: 'load' });
          assert.equal(response?.status(), 200, url);
          // Give error/load/focus/animation handlers a moment to fire, if any survived.
          await page.waitForTimeout(20);
          for (const frame of page.frames()) {
            const inFrame = await frame.evaluate<string[]>(READ_FIRED).catch((): string[] => []);
            for (const call of inFrame) fired.push(`${call} in ${frame.url()} of ${name}`);
          }
          for (const problem of await page.evaluate<string[]>(AUDIT_DOM))
            problems.push(`${name}: ${problem}`);
        }
        await context.close();
        console.log(
          `XSS vectors tried: ${HTML.length + URLS.length} (${HTML.length} HTML in titles, content, authors, categories; ` +
            `${URLS.length} URL in links, enclosures, media thumbnails), ${pages.length} pages opened, ` +
            `${fired.length} ran, ${problems.length} dangerous DOM findings, ${blocked.length} outside requests blocked`,
        );
        assert.deepEqual(fired, [], 'no vector ran');
        assert.deepEqual(problems, [], 'no handler, script URL or scriptable element in any page');
      },
    );

    test('harmless formatting survives: paragraphs, links, images, tables, code', async () => {
      const control = pages.find(
        (name) =>
          name.startsWith('items/') &&
          fs
            .readFileSync(path.join(dir, 'public', name), 'utf8')
            .includes(`<h1>${CONTROL_MARK}</h1>`),
      );
      assert.ok(control, 'the control item has a page');
      const page = await browser.newPage();
      await page.route('**/*', (route) =>
        new URL(route.request().url()).host === new URL(server.url).host
          ? route.continue()
          : route.abort(),
      );
      await page.goto(new URL(control, server.url).href);
      const found = await page.evaluate<unknown>(READ_CONTROL);
      await page.close();
      assert.deepEqual(found, {
        paragraphs: 3,
        strong: 1,
        link: 'https://example.org/ok',
        rel: 'noopener noreferrer nofollow',
        image: 'https://img.example/photo.jpg',
        lazy: 'lazy',
        cells: 2,
        code: 'const a = 1 < 2;',
        items: 2,
      });
    });
  },
);

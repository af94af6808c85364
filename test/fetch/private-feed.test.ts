import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { parseConfig } from '../../src/config/load-config.js';
import { usableBaseUrl } from '../../src/content/safe-url.js';
import { updateFeeds } from '../../src/pipeline.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import type { Store } from '../../src/store/store.js';

// A private feed (a password in its address) whose links are relative: they are made absolute
// against the address it was read from, which must not hand them the password (the site
// publishes every link and image of an item).

const PASSWORD = 'pa55word';
const FEED = `<rss version="2.0"><channel><title>private</title><link>/</link>
<item><title>a</title><link>/posts/1</link><guid>a</guid>
<description>&lt;img src="/img/1.png"&gt; &lt;a href="/x"&gt;x&lt;/a&gt;</description></item>
</channel></rss>`;

/** Links to the feed itself: resolved against its address, they would keep its query. */
const SELF_LINKING_FEED = `<rss version="2.0"><channel><title>private</title><link>/</link>
<item><title>b</title><link>#b</link><guid>b</guid>
<description>&lt;a href="#top"&gt;this feed&lt;/a&gt;</description></item>
</channel></rss>`;

let server: http.Server;
let dir = '';
let store: Store;
let base = '';

before(async () => {
  server = http.createServer((request, response) => {
    const expected = `Basic ${Buffer.from(`me:${PASSWORD}`).toString('base64')}`;
    if (request.headers.authorization !== expected) return void response.writeHead(401).end();
    response.writeHead(200, { 'content-type': 'application/rss+xml' });
    response.end(request.url?.startsWith('/self.xml') ? SELF_LINKING_FEED : FEED);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-private-'));
});

after(() => {
  store?.close();
  server.closeAllConnections();
  server.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

test("a private feed's relative links are made absolute without its password", async () => {
  const config = parseConfig(
    `sources:
  - category: C
    sites:
      - name: S
        feeds:
          - { name: f, url: "${base.replace('//', `//me:${PASSWORD}@`)}/feed.xml" }
`,
    path.join(dir, 'tidings.yaml'),
  );
  store = openSqliteStore(config.storePath);
  const [outcome] = await updateFeeds(config, store, config.sources, { force: true });
  assert.equal(outcome!.status, 'ok', JSON.stringify(outcome));
  const [item] = store.listItems();
  assert.equal(item!.link, `${base}/posts/1`);
  assert.equal(item!.image, `${base}/img/1.png`);
  assert.ok(item!.contentHtml.includes(`href="${base}/x"`), item!.contentHtml);
  assert.equal(store.listFeeds()[0]!.link, `${base}/`);
  // What the site shows of the item and the feed (the feed's key, never shown, is its address).
  const shown = JSON.stringify([
    store.listItems().map(({ feedKey: _key, ...shownFields }) => shownFields),
    store.listFeeds().map((feed) => feed.link),
  ]);
  assert.ok(!shown.includes(PASSWORD), shown);
});

test("nor its token: a link to the feed itself keeps the base's query, not the token", async () => {
  const TOKEN = 't0ken-value';
  const config = parseConfig(
    `store: token.db
sources:
  - category: C
    sites:
      - name: S
        feeds:
          - { name: f, url: "${base.replace('//', `//me:${PASSWORD}@`)}/self.xml?page=1&token=${TOKEN}" }
`,
    path.join(dir, 'tidings.yaml'),
  );
  const tokenStore = openSqliteStore(config.storePath);
  try {
    const [outcome] = await updateFeeds(config, tokenStore, config.sources, { force: true });
    assert.equal(outcome!.status, 'ok', JSON.stringify(outcome));
    const [item] = tokenStore.listItems();
    assert.equal(item!.link, `${base}/self.xml?page=1#b`);
    assert.ok(item!.contentHtml.includes(`href="${base}/self.xml?page=1#top"`), item!.contentHtml);
    const shown = JSON.stringify([
      tokenStore.listItems().map(({ feedKey: _key, ...shownFields }) => shownFields),
      tokenStore.listFeeds().map((feed) => feed.link),
    ]);
    assert.ok(!shown.includes(TOKEN) && !shown.includes(PASSWORD), shown);
  } finally {
    tokenStore.close();
  }
});

test('a base URL never carries a user name and password (items prepared again use it)', () => {
  assert.equal(
    usableBaseUrl('https://me:secret@example.com/feed.xml'),
    'https://example.com/feed.xml',
  );
  assert.equal(usableBaseUrl('https://example.com/feed.xml'), 'https://example.com/feed.xml');
});

test('nor its key or token: a link to the feed itself would publish them', async () => {
  assert.equal(
    usableBaseUrl('https://example.com/feed.xml?page=2&Token=s3cret&key=k'),
    'https://example.com/feed.xml?page=2',
  );
  const { prepareItem } = await import('../../src/content/prepare-item.js');
  const prepared = prepareItem(
    {
      id: 'a',
      title: 'T',
      link: null,
      published: null,
      publishedText: null,
      updated: null,
      author: null,
      summary: null,
      content: '<p><a href="">this feed</a> <a href="#top">top</a></p>',
      categories: [],
      enclosures: [],
      image: null,
    },
    { baseUrl: 'https://example.com/feed.xml?token=s3cret' },
  );
  assert.doesNotMatch(JSON.stringify(prepared), /s3cret/);
});

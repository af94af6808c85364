import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { parseConfig } from '../../src/config/load-config.js';
import type { Config } from '../../src/config/config.js';
import { updateFeeds } from '../../src/pipeline.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import type { Store } from '../../src/store/store.js';

// A feed that never changes, served with an ETag (304 to a matching If-None-Match): a changed
// cleaning rule must still reach its stored items at the next update, without --force.

const FEED = `<?xml version="1.0"?><rss version="2.0"><channel><title>Steady</title>
<item><title>One</title><guid>one</guid><link>http://example.invalid/1</link>
<description><![CDATA[<p>正文内容</p><p class="ad">广告：扫码下载</p>]]></description></item>
</channel></rss>`;

let server: http.Server;
let base = '';
let dir = '';
const requests: { ifNoneMatch: string | undefined }[] = [];

before(async () => {
  server = http.createServer((request, response) => {
    requests.push({ ifNoneMatch: request.headers['if-none-match'] });
    if (request.headers['if-none-match'] === '"v1"') {
      response.writeHead(304, { etag: '"v1"' }).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"v1"' }).end(FEED);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-prep-'));
});

after(() => {
  server.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function configWith(clean: string): Config {
  return parseConfig(
    `${clean}
sources:
  - category: News
    sites:
      - name: Steady
        feeds:
          - { name: steady, url: "${base}/feed.xml" }
`,
    path.join(dir, 'tidings.yaml'),
  );
}

function storedContent(store: Store): string {
  const items = store.listItems();
  assert.equal(items.length, 1);
  return items[0]!.contentHtml;
}

test('a changed cleaning rule re-reads an unchanged feed and re-cleans its items, once', async () => {
  const plain = configWith('');
  const cleaned = configWith('content: { clean: { remove: ["p.ad"] } }');
  const store = openSqliteStore(plain.storePath);
  try {
    const status = async (config: Config) =>
      (await updateFeeds(config, store, config.sources, { workers: 0 }))[0]!.status;

    assert.equal(await status(plain), 'ok');
    assert.match(storedContent(store), /广告/);
    // Not due again yet: a plain second run does not even ask.
    assert.equal(await status(plain), 'skipped');
    assert.equal(requests.length, 1);

    // The rule changed: the feed is due now, asked for without its ETag, and prepared again.
    assert.equal(await status(cleaned), 'ok');
    assert.equal(requests.length, 2);
    assert.equal(requests[1]!.ifNoneMatch, undefined);
    assert.doesNotMatch(storedContent(store), /广告/);
    assert.match(storedContent(store), /正文内容/);

    // Prepared with these rules now: the next forced fetch is a 304 again, nothing re-done.
    const forced = await updateFeeds(cleaned, store, cleaned.sources, { workers: 0, force: true });
    assert.equal(forced[0]!.status, 'not-modified');
    assert.equal(requests[2]!.ifNoneMatch, '"v1"');

    // And back: dropping the rule brings the removed paragraph back from the feed.
    assert.equal(await status(plain), 'ok');
    assert.match(storedContent(store), /广告/);
  } finally {
    store.close();
  }
});

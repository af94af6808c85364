import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Config } from '../../src/config/config.js';
import { parseConfig } from '../../src/config/load-config.js';
import { updateFeeds } from '../../src/pipeline.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import type { Store } from '../../src/store/store.js';

// A feed that moved permanently (301) and whose new address later went away: the address in
// the config must be asked again, or the feed would fail for ever with no way back.

/** What each path answers now; a path not listed is a 404. */
const routes = new Map<string, (response: http.ServerResponse) => void>();
const hits: string[] = [];

const feed = (guids: string[]) => (response: http.ServerResponse) => {
  response.writeHead(200, { 'content-type': 'application/rss+xml' });
  const items = guids.map((g) => `<item><title>${g}</title><guid>${g}</guid></item>`).join('');
  response.end(`<rss version="2.0"><channel><title>t</title>${items}</channel></rss>`);
};
const redirect = (status: number, location: string) => (response: http.ServerResponse) =>
  void response.writeHead(status, { location }).end();

let server: http.Server;
let base = '';
let dir = '';
let config: Config;
let store: Store;

before(async () => {
  server = http.createServer((request, response) => {
    hits.push(request.url ?? '');
    const answer = routes.get(request.url ?? '');
    if (answer) answer(response);
    else response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-moved-'));
  config = parseConfig(
    `fetch: { retries: 0 }
sources:
  - category: C
    sites:
      - name: S
        feeds:
          - { name: f, url: "${base}/feed.xml" }
`,
    path.join(dir, 'tidings.yaml'),
  );
  store = openSqliteStore(config.storePath);
});

after(() => {
  store?.close();
  server.closeAllConnections();
  server.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function update() {
  hits.length = 0;
  const [outcome] = await updateFeeds(config, store, config.sources, { force: true });
  return outcome!;
}

const state = () => store.getFetchState(`url:${base}/feed.xml`)!;

test('a move whose new address went away is undone when the configured address answers', async () => {
  routes.set('/feed.xml', redirect(301, '/new.xml'));
  routes.set('/new.xml', feed(['a']));
  assert.equal((await update()).status, 'ok');
  assert.equal(state().movedTo, `${base}/new.xml`);

  // The new address is gone, and the old one serves the feed again.
  routes.delete('/new.xml');
  routes.set('/feed.xml', feed(['a', 'b']));
  const outcome = await update();
  assert.equal(outcome.status, 'ok', JSON.stringify(outcome));
  assert.deepEqual(hits, ['/new.xml', '/feed.xml']);
  assert.equal(state().movedTo, null);
  assert.equal((await update()).status, 'unchanged');
  assert.deepEqual(hits, ['/feed.xml'], 'asked at the configured address from then on');
});

test('the configured address redirecting elsewhere now is a new move', async () => {
  routes.set('/feed.xml', redirect(308, '/newer.xml'));
  routes.set('/newer.xml', feed(['a', 'b', 'c']));
  assert.equal((await update()).status, 'ok');
  routes.delete('/newer.xml');
  routes.set('/feed.xml', redirect(301, '/newest.xml'));
  routes.set('/newest.xml', feed(['a', 'b', 'c', 'd']));
  const outcome = await update();
  assert.equal(outcome.status, 'ok');
  assert.equal((outcome as { movedTo: string | null }).movedTo, `${base}/newest.xml`);
  assert.equal(state().movedTo, `${base}/newest.xml`);
});

test('when both addresses fail, the moved-to failure is reported and the move kept', async () => {
  routes.clear();
  const outcome = await update();
  assert.equal(outcome.status, 'failed');
  assert.equal((outcome as { error: string }).error, `${base}/newest.xml: HTTP 404 Not Found`);
  assert.equal(state().movedTo, `${base}/newest.xml`);
  assert.deepEqual(
    store
      .listItems()
      .map((item) => item.title)
      .sort(),
    ['a', 'b', 'c', 'd'],
    'nothing stored is lost',
  );
});

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { LIVE_RELOAD_PATH } from '../../src/server/live-reload.js';
import { serveFolder } from '../../src/server/static-server.js';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-reload-'));
fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><body><h1>home</h1></body>');
fs.writeFileSync(path.join(root, '.tidings-manifest.json'), '{"version":1,"files":{}}');
const ATOM =
  '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><content type="html">&lt;/body&gt;</content></feed>';
fs.writeFileSync(path.join(root, 'atom.xml'), ATOM);
after(() => fs.rmSync(root, { recursive: true, force: true }));

test('only the live-reload server adds its script, to HTML only, with a matching length', async () => {
  const plain = await serveFolder(root, 0);
  const live = await serveFolder(root, 0, { liveReload: true });
  try {
    assert.equal(
      await (await fetch(plain.url)).text(),
      '<!doctype html><body><h1>home</h1></body>',
    );
    const response = await fetch(live.url);
    const html = await response.text();
    assert.match(
      html,
      /<h1>home<\/h1><script>.*fetch\("\/__tidings\/live-reload".*<\/script><\/body>/,
    );
    assert.equal(Number(response.headers.get('content-length')), Buffer.byteLength(html));
    assert.equal((await fetch(new URL(LIVE_RELOAD_PATH, plain.url))).status, 404);
    // Feeds, JSON and the rest go out byte for byte.
    assert.equal(await (await fetch(new URL('atom.xml', live.url))).text(), ATOM);
  } finally {
    await plain.close();
    await live.close();
  }
});

test('the site version changes when a rebuild replaces the manifest; pages carry theirs', async () => {
  const live = await serveFolder(root, 0, { liveReload: true });
  try {
    const versionUrl = new URL(LIVE_RELOAD_PATH, live.url);
    const first = await fetch(versionUrl);
    assert.equal(first.headers.get('cache-control'), 'no-store');
    const before = await first.text();
    const page = await (await fetch(live.url)).text();
    assert.ok(page.includes(`var v=${JSON.stringify(before)}`), page);
    // Replace the manifest as a build does: a new file renamed over the old one.
    const next = path.join(root, 'manifest.tmp');
    fs.writeFileSync(next, '{"version":1,"files":{"a":"b"}}');
    fs.renameSync(next, path.join(root, '.tidings-manifest.json'));
    const after = await (await fetch(versionUrl)).text();
    assert.equal(await (await fetch(versionUrl)).text(), after, 'no change, same version');
    // A page revalidated after the rebuild is sent again with the new version: a 304 would
    // keep the cached page with the old one, which reloads, gets 304 again, and so on.
    const etag = (await fetch(live.url)).headers.get('etag') ?? '';
    const cached = await fetch(live.url, { headers: { 'if-none-match': etag } });
    assert.equal(cached.status, 304);
    fs.writeFileSync(next, '{"version":1,"files":{"a":"c"}}');
    fs.renameSync(next, path.join(root, '.tidings-manifest.json'));
    const revalidated = await fetch(live.url, { headers: { 'if-none-match': etag } });
    assert.equal(revalidated.status, 200);
    assert.ok((await revalidated.text()).includes(await (await fetch(versionUrl)).text()));
    assert.notEqual(after, before);
  } finally {
    await live.close();
  }
});

import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { LIVE_RELOAD_PATH } from '../../src/server/live-reload.js';
import { serveFolder } from '../../src/server/static-server.js';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-reload-'));
fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><body><h1>home</h1></body>');
fs.writeFileSync(path.join(root, '.tidings-manifest.json'), '{"version":1,"files":{}}');
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
      /<h1>home<\/h1><script>.*EventSource\("\/__tidings\/live-reload"\).*<\/script><\/body>/,
    );
    assert.equal(Number(response.headers.get('content-length')), Buffer.byteLength(html));
    assert.equal((await fetch(new URL(LIVE_RELOAD_PATH, plain.url))).status, 404);
  } finally {
    await plain.close();
    await live.close();
  }
});

test('a rebuild (a new manifest) sends a "rebuilt" event; closing ends open streams', async () => {
  const live = await serveFolder(root, 0, { liveReload: true });
  const events = await new Promise<string>((resolve, reject) => {
    const request = http.get(new URL(LIVE_RELOAD_PATH, live.url), (response) => {
      assert.equal(response.headers['content-type'], 'text/event-stream; charset=utf-8');
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        text += chunk;
        if (text.includes('event: rebuilt')) {
          request.destroy();
          resolve(text);
        }
      });
      // Replace the manifest as a build does: a new file renamed over the old one.
      setTimeout(() => {
        const next = path.join(root, 'manifest.tmp');
        fs.writeFileSync(next, '{"version":1,"files":{"a":"b"}}');
        fs.renameSync(next, path.join(root, '.tidings-manifest.json'));
      }, 100);
    });
    request.on('error', reject);
  });
  assert.match(events, /^retry: 1000\n\n/);
  assert.match(events, /event: rebuilt\ndata: \{\}\n\n/);
  await live.close();
});

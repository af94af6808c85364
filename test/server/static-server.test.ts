import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { serveFolder, type RunningServer } from '../../src/server/static-server.js';

describe('preview server', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-serve-'));
  let server: RunningServer;
  before(async () => {
    fs.mkdirSync(path.join(root, '金融', 'page'), { recursive: true });
    fs.writeFileSync(path.join(root, 'index.html'), '<h1>home</h1>');
    fs.writeFileSync(path.join(root, '金融', 'index.html'), '<h1>金融</h1>');
    fs.writeFileSync(path.join(root, 'style.css'), 'body{}');
    fs.writeFileSync(path.join(root, '404.html'), '<h1>custom 404</h1>');
    fs.writeFileSync(path.join(os.tmpdir(), 'tidings-secret.txt'), 'secret');
    server = await serveFolder(root, 0);
  });
  after(async () => {
    await server.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  test('serves files with content types, index.html for folders, and percent-decoded paths', async () => {
    const home = await fetch(server.url);
    assert.equal(home.status, 200);
    assert.equal(home.headers.get('content-type'), 'text/html; charset=utf-8');
    assert.equal(await home.text(), '<h1>home</h1>');
    const css = await fetch(new URL('style.css', server.url));
    assert.equal(css.headers.get('content-type'), 'text/css; charset=utf-8');
    const category = await fetch(new URL(encodeURI('金融/'), server.url));
    assert.equal(await category.text(), '<h1>金融</h1>');
  });

  test('a folder without a trailing slash redirects', async () => {
    const response = await fetch(new URL(encodeURI('金融'), server.url), { redirect: 'manual' });
    assert.equal(response.status, 301);
    assert.equal(response.headers.get('location'), encodeURI('/金融/'));
  });

  test('missing files get the site 404 page; nothing outside the folder is served', async () => {
    const missing = await fetch(new URL('nope.html', server.url));
    assert.equal(missing.status, 404);
    assert.equal(await missing.text(), '<h1>custom 404</h1>');
    for (const probe of [
      '/../tidings-secret.txt',
      '/%2e%2e/tidings-secret.txt',
      '/..%2ftidings-secret.txt',
      '/%00',
    ]) {
      const response = await fetch(server.url.replace(/\/$/, '') + probe);
      assert.equal(response.status, 404, probe);
      assert.doesNotMatch(await response.text(), /secret/, probe);
    }
  });

  test('only GET and HEAD', async () => {
    const response = await fetch(server.url, { method: 'POST' });
    assert.equal(response.status, 405);
  });
});

import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
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
    fs.symlinkSync(path.join(os.tmpdir(), 'tidings-secret.txt'), path.join(root, 'linked.txt'));
    fs.symlinkSync(os.tmpdir(), path.join(root, 'linked-folder'));
    fs.symlinkSync(path.join(root, 'style.css'), path.join(root, 'inside.css'));
    fs.writeFileSync(path.join(root, 'data.bin'), Buffer.from('0123456789'));
    for (const name of ['app.webmanifest', 'font.woff2', 'atom.xml', 'notes.txt', 'empty.txt']) {
      fs.writeFileSync(path.join(root, name), name === 'empty.txt' ? '' : 'x');
    }
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

  test('a folder redirect stays on this server, whatever the request path holds', async () => {
    // Decoded, "/.//evil.example/x/../../金融" is the folder 金融; the request's own text as
    // the Location ("//evil.example/…") sent the browser to another host.
    const response = await rawRequest(
      server.url,
      '/.//evil.example/x%2F..%2F..%2F' + encodeURIComponent('金融') + '?a=1',
    );
    assert.equal(response.status, 301);
    assert.equal(response.location, encodeURI('/金融/') + '?a=1');
  });

  test('a symbolic link to a file or folder outside the site is not followed; one inside is', async () => {
    for (const probe of ['linked.txt', 'linked-folder/tidings-secret.txt']) {
      const response = await fetch(new URL(probe, server.url));
      assert.equal(response.status, 404, probe);
      assert.doesNotMatch(await response.text(), /secret/, probe);
    }
    assert.equal(await (await fetch(new URL('inside.css', server.url))).text(), 'body{}');
  });

  test('content types of files a site holds', async () => {
    const expected: Record<string, string> = {
      'app.webmanifest': 'application/manifest+json; charset=utf-8',
      'font.woff2': 'font/woff2',
      'atom.xml': 'application/xml; charset=utf-8',
      'notes.txt': 'text/plain; charset=utf-8',
    };
    for (const [name, type] of Object.entries(expected)) {
      const response = await fetch(new URL(name, server.url));
      assert.equal(response.headers.get('content-type'), type, name);
      assert.equal(response.headers.get('x-content-type-options'), 'nosniff', name);
    }
  });

  test('an unchanged file is answered 304 to If-None-Match and If-Modified-Since', async () => {
    const first = await fetch(new URL('style.css', server.url));
    const etag = first.headers.get('etag');
    const lastModified = first.headers.get('last-modified');
    assert.ok(etag && lastModified);
    const byTag = await fetch(new URL('style.css', server.url), {
      headers: { 'if-none-match': etag },
    });
    assert.equal(byTag.status, 304);
    const byDate = await fetch(new URL('style.css', server.url), {
      headers: { 'if-modified-since': lastModified },
    });
    assert.equal(byDate.status, 304);
    const stale = await fetch(new URL('style.css', server.url), {
      headers: { 'if-none-match': '"other"' },
    });
    assert.equal(stale.status, 200);
    assert.equal(await stale.text(), 'body{}');
  });

  test('Range requests get the bytes asked for (206), or 416 past the end', async () => {
    const url = new URL('data.bin', server.url);
    const middle = await fetch(url, { headers: { range: 'bytes=2-4' } });
    assert.equal(middle.status, 206);
    assert.equal(middle.headers.get('content-range'), 'bytes 2-4/10');
    assert.equal(await middle.text(), '234');
    const tail = await fetch(url, { headers: { range: 'bytes=-3' } });
    assert.equal(await tail.text(), '789');
    const open = await fetch(url, { headers: { range: 'bytes=7-' } });
    assert.equal(await open.text(), '789');
    const past = await fetch(url, { headers: { range: 'bytes=10-' } });
    assert.equal(past.status, 416);
    assert.equal(past.headers.get('content-range'), 'bytes */10');
    const whole = await fetch(url, { headers: { range: 'lines=1-2' } });
    assert.equal(whole.status, 200);
    assert.equal(await whole.text(), '0123456789');
    const empty = await fetch(new URL('empty.txt', server.url));
    assert.equal(empty.status, 200);
    assert.equal(await empty.text(), '');
  });

  test('HEAD of a missing page: 404 with the length of the page a GET gets, no body', async () => {
    const get = await fetch(new URL('nope', server.url));
    const head = await fetch(new URL('nope', server.url), { method: 'HEAD' });
    assert.equal(head.status, 404);
    assert.equal(Number(head.headers.get('content-length')), Buffer.byteLength(await get.text()));
  });
});

/** A GET with the request line exactly as given (fetch normalises "/./" and "%2F"). */
function rawRequest(base: string, target: string): Promise<{ status: number; location?: string }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const request = http.get({ hostname, port, path: target }, (response) => {
      response.resume();
      resolve({ status: response.statusCode ?? 0, location: response.headers.location });
    });
    request.on('error', reject);
  });
}

test('while the first build runs, a page not there yet says so (503) and reloads when the build ends', async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-serve-building-'));
  fs.writeFileSync(path.join(root, 'index.html'), '<h1>old home</h1>');
  let building = true;
  const server = await serveFolder(root, 0, { liveReload: true, building: () => building });
  try {
    // An old site left in place is served as it is meanwhile.
    const old = await fetch(server.url);
    assert.equal(old.status, 200);
    assert.match(await old.text(), /old home/);
    const waiting = await fetch(new URL('items/new.html', server.url));
    assert.equal(waiting.status, 503);
    assert.equal(waiting.headers.get('retry-after'), '2');
    const page = await waiting.text();
    assert.match(page, /Building the site/);
    assert.match(page, /live-reload\?building/);
    const ask = () =>
      fetch(new URL('__tidings/live-reload?building', server.url)).then((r) => r.text());
    assert.equal(await ask(), 'building', 'the page waits while the build runs');
    building = false;
    // No manifest appeared (a build that changed nothing): the answer still differs, so the
    // page reloads, and then gets the real 404.
    assert.notEqual(await ask(), 'building');
    const later = await fetch(new URL('items/new.html', server.url));
    assert.equal(later.status, 404);
  } finally {
    await server.close();
    fs.rmSync(root, { recursive: true, force: true });
  }
});

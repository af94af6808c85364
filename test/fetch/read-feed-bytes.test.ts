import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { FetchError } from '../../src/fetch/fetch-result.js';
import { readFeedBytes } from '../../src/fetch/read-feed-bytes.js';

const limits = { timeoutSeconds: 2, maxBytes: 1024 };

async function rejection(promise: Promise<unknown>): Promise<FetchError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof FetchError, `expected FetchError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected a FetchError');
}

async function freePort(): Promise<number> {
  const probe = http.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

describe('readFeedBytes', () => {
  let server: http.Server;
  let base = '';
  let userAgent = '';
  before(async () => {
    server = http.createServer((request, response) => {
      userAgent = request.headers['user-agent'] ?? '';
      if (request.url === '/feed') {
        response.writeHead(200, { 'content-type': 'application/rss+xml; charset=GBK' });
        response.end('<rss/>');
      } else if (request.url === '/moved') {
        response.writeHead(301, { location: '/feed' }).end();
      } else if (request.url === '/big') {
        response.writeHead(200, { 'content-type': 'text/xml' });
        response.end('x'.repeat(5000));
      } else if (request.url === '/private') {
        const expected = `Basic ${Buffer.from('me:secret').toString('base64')}`;
        if (request.headers.authorization !== expected) response.writeHead(401).end();
        else response.end('<rss/>');
      } else if (request.url === '/refused') {
        response.writeHead(403, { 'content-type': 'application/json' });
        response.end('{"error":"invalid key"}');
      } else if (request.url === '/broken-off') {
        response.writeHead(200, { 'content-type': 'text/xml', 'content-length': '900' });
        response.write('<rss version="2.0"><channel>', () => request.socket.destroy());
      } else if (request.url === '/not-gzip') {
        response.writeHead(200, { 'content-type': 'text/xml', 'content-encoding': 'gzip' });
        response.end('neither gzip nor a feed');
      } else if (request.url === '/moved-to-chinese') {
        // The new address's path in UTF-8 bytes, unescaped, as some servers send it.
        response.writeHead(302, { location: Buffer.from('/新闻.xml').toString('latin1') }).end();
      } else if (request.url === encodeURI('/新闻.xml')) {
        response.end('<rss version="2.0"/>');
      } else if (request.url === '/slow') {
        setTimeout(() => response.end('<rss/>'), 4000).unref();
      } else {
        response.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => {
    server.closeAllConnections();
    server.close();
  });

  test('reads a URL with its charset, names Tidings in the User-Agent, follows redirects', async () => {
    const fetched = await readFeedBytes(`${base}/moved`, limits);
    assert.equal(new TextDecoder().decode(fetched.body), '<rss/>');
    assert.equal(fetched.charset, 'gbk');
    assert.equal(fetched.url, `${base}/feed`);
    assert.match(userAgent, /^Tidings\/\d+\.\d+\.\d+/);
  });

  test('HTTP errors, size cap, timeout and unreachable hosts are FetchErrors naming the URL', async () => {
    const notFound = await rejection(readFeedBytes(`${base}/missing`, limits));
    assert.equal(notFound.kind, 'not-found');
    assert.equal(notFound.message, `${base}/missing: HTTP 404 Not Found`);
    const big = await rejection(readFeedBytes(`${base}/big`, limits));
    assert.equal(big.kind, 'too-large');
    const slow = await rejection(readFeedBytes(`${base}/slow`, { ...limits, timeoutSeconds: 0.3 }));
    assert.equal(slow.kind, 'timeout');
    assert.match(slow.message, /\/slow: no complete answer within 0\.3 s/);
    // A port that was free a moment ago: nothing listens there, so the connection is refused.
    const closedPort = await freePort();
    const refused = await rejection(readFeedBytes(`http://127.0.0.1:${closedPort}/feed`, limits));
    assert.equal(refused.kind, 'network');
    assert.equal(
      refused.message,
      `http://127.0.0.1:${closedPort}/feed: cannot connect (ECONNREFUSED)`,
    );
  });

  test("an error answer's own message is quoted after its status", async () => {
    const refused = await rejection(readFeedBytes(`${base}/refused`, limits));
    assert.equal(refused.message, `${base}/refused: HTTP 403 Forbidden: "invalid key"`);
  });

  test('a body broken off, or not in its Content-Encoding, is not called a failure to connect', async () => {
    const brokenOff = await rejection(readFeedBytes(`${base}/broken-off`, limits));
    assert.equal(brokenOff.kind, 'network');
    assert.match(
      brokenOff.message,
      /\/broken-off: the connection broke off before the whole body came \(/,
    );
    const notGzip = await rejection(readFeedBytes(`${base}/not-gzip`, limits));
    assert.match(
      notGzip.message,
      /\/not-gzip: cannot decompress the gzip body \(incorrect header check\)$/,
    );
  });

  test('says what update says, through the same client: an answer that is not HTTP', async () => {
    const garbage = net.createServer((socket) => socket.end('SSH-2.0-OpenSSH_9.6\r\n'));
    await new Promise<void>((resolve) => garbage.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(garbage.address() as AddressInfo).port}/feed.xml`;
      const error = await rejection(readFeedBytes(url, limits));
      assert.match(error.message, /: the server's answer is not valid HTTP \(/);
    } finally {
      garbage.close();
    }
  });

  test('reads what update reads, through the same client: a redirect to a UTF-8 address', async () => {
    const fetched = await readFeedBytes(`${base}/moved-to-chinese`, limits);
    assert.equal(new TextDecoder().decode(fetched.body), '<rss version="2.0"/>');
    assert.equal(fetched.url, `${base}${encodeURI('/新闻.xml')}`);
  });

  test('a user name and password in the address are sent as Basic authorization', async () => {
    const fetched = await readFeedBytes(`${base.replace('//', '//me:secret@')}/private`, limits);
    assert.equal(new TextDecoder().decode(fetched.body), '<rss/>');
    assert.equal(fetched.url, `${base}/private`);
    assert.equal((await rejection(readFeedBytes(`${base}/private`, limits))).kind, 'http');
  });

  test('a certificate Node does not trust is named as the problem', async () => {
    const pem = fs.readFileSync(new URL('fixtures/self-signed-127.0.0.1.pem', import.meta.url));
    const tls = https.createServer({ key: pem, cert: pem }, (_request, response) =>
      response.end('<rss/>'),
    );
    await new Promise<void>((resolve) => tls.listen(0, '127.0.0.1', resolve));
    try {
      const url = `https://127.0.0.1:${(tls.address() as AddressInfo).port}/feed.xml`;
      assert.match(
        (await rejection(readFeedBytes(url, limits))).message,
        /: cannot connect: the server's certificate is self-signed \(DEPTH_ZERO_SELF_SIGNED_CERT\)/,
      );
    } finally {
      tls.close();
    }
  });

  test('local files: read, missing, folder, too large', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-read-'));
    try {
      const file = path.join(dir, 'feed.xml');
      fs.writeFileSync(file, '<rss/>');
      const fetched = await readFeedBytes(file, limits);
      assert.equal(fetched.url, `file://${file}`);
      assert.equal(fetched.charset, null);
      assert.equal(
        (await rejection(readFeedBytes(path.join(dir, 'none.xml'), limits))).kind,
        'not-found',
      );
      assert.match(
        (await rejection(readFeedBytes(dir, limits))).message,
        /is a folder, not a feed file/,
      );
      fs.writeFileSync(file, 'x'.repeat(2000));
      assert.equal((await rejection(readFeedBytes(file, limits))).kind, 'too-large');
      assert.match(
        (await rejection(readFeedBytes('ftp://example.com/feed', limits))).message,
        /only http\(s\) URLs and local files/,
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

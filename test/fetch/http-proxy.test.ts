import '../support/no-dns.mjs';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { test } from 'node:test';
import { FetchError } from '../../src/fetch/fetch-result.js';
import { HttpClient, type HttpSettings } from '../../src/fetch/http-client.js';

// The feeds' hosts (`*.test`) are never looked up (test/support/no-dns.mjs): only the proxy,
// on loopback, is ever connected to.

const SETTINGS: HttpSettings = {
  timeout: 10,
  connectTimeout: 5,
  headersTimeout: 10,
  perHost: 2,
  maxBytes: 1_000_000,
};

interface Seen {
  method: string;
  target: string;
  authorization: string | undefined;
}

/** A proxy on loopback that answers plain requests itself and refuses every CONNECT. */
async function startProxy(answer: (req: http.IncomingMessage, res: http.ServerResponse) => void) {
  const seen: Seen[] = [];
  const server = http.createServer((req, res) => {
    seen.push({
      method: req.method!,
      target: req.url!,
      authorization: req.headers['proxy-authorization'],
    });
    answer(req, res);
  });
  server.on('connect', (req: http.IncomingMessage, socket: Socket) => {
    seen.push({
      method: 'CONNECT',
      target: req.url!,
      authorization: req.headers['proxy-authorization'],
    });
    socket.end('HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\n\r\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const RSS =
  '<?xml version="1.0"?><rss version="2.0"><channel><title>经由代理</title></channel></rss>';

async function failure(promise: Promise<unknown>): Promise<FetchError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof FetchError, String(error));
    return error;
  }
  assert.fail('expected a FetchError');
}

test('an http feed goes to http_proxy as a whole URL, with the proxy password, not tunnelled', async () => {
  const proxy = await startProxy((req, res) => {
    res.setHeader('content-type', 'application/rss+xml; charset=utf-8');
    res.end(RSS);
  });
  const client = new HttpClient(SETTINGS, 1000, Date.now, {
    http_proxy: `http://reader:p%40ss@127.0.0.1:${proxy.port}`,
  });
  try {
    const answer = await client.get('http://news.example.test/feeds/rss.xml?page=1');
    assert.equal(answer.status, 'ok');
    assert.equal(answer.status === 'ok' && Buffer.from(answer.body).toString('utf8'), RSS);
    assert.deepEqual(proxy.seen, [
      {
        method: 'GET',
        target: 'http://news.example.test/feeds/rss.xml?page=1',
        authorization: `Basic ${Buffer.from('reader:p@ss').toString('base64')}`,
      },
    ]);
  } finally {
    await client.close();
    await proxy.close();
  }
});

test('an https feed is tunnelled; a refused tunnel names the proxy without its password', async () => {
  const proxy = await startProxy((_req, res) => res.end());
  const client = new HttpClient(SETTINGS, 1000, Date.now, {
    HTTPS_PROXY: `http://reader:secret@127.0.0.1:${proxy.port}`,
  });
  try {
    const error = await failure(client.get('https://news.example.test/rss'));
    assert.equal(
      error.message,
      `https://news.example.test/rss: the proxy http://127.0.0.1:${proxy.port} refused to connect to it (HTTP 403 Forbidden)`,
    );
    assert.equal(proxy.seen[0]?.method, 'CONNECT');
    assert.equal(proxy.seen[0]?.target, 'news.example.test:443');
  } finally {
    await client.close();
    await proxy.close();
  }
});

test('a proxy asking for a password, and a proxy not listening, say so', async () => {
  const proxy = await startProxy((_req, res) => {
    res.statusCode = 407;
    res.setHeader('proxy-authenticate', 'Basic realm="corp"');
    res.end();
  });
  const client = new HttpClient(SETTINGS, 1000, Date.now, {
    http_proxy: `http://127.0.0.1:${proxy.port}`,
  });
  try {
    const error = await failure(client.get('http://news.example.test/rss'));
    assert.equal(
      error.message,
      `http://news.example.test/rss: the proxy http://127.0.0.1:${proxy.port} asks for a user name and password (HTTP 407); put them in the proxy variable: http://user:password@host:port`,
    );
    assert.equal(error.retryable, false, 'a password is not mended by retrying');
  } finally {
    await client.close();
    await proxy.close();
  }
  // The port the proxy had is closed now.
  const gone = new HttpClient(SETTINGS, 1000, Date.now, {
    http_proxy: `http://127.0.0.1:${proxy.port}`,
  });
  try {
    const error = await failure(gone.get('http://news.example.test/rss'));
    assert.equal(
      error.message,
      `http://news.example.test/rss: cannot connect through the proxy http://127.0.0.1:${proxy.port} (ECONNREFUSED)`,
    );
  } finally {
    await gone.close();
  }
});

test('loopback feeds and no_proxy hosts are reached directly, not through the proxy', async () => {
  const proxy = await startProxy((_req, res) => res.end('from the proxy'));
  const feed = http.createServer((_req, res) => res.end(RSS));
  await new Promise<void>((resolve) => feed.listen(0, '127.0.0.1', resolve));
  const { port } = feed.address() as AddressInfo;
  const client = new HttpClient(SETTINGS, 1000, Date.now, {
    ALL_PROXY: `http://127.0.0.1:${proxy.port}`,
    no_proxy: 'intranet.test',
  });
  try {
    const local = await client.get(`http://127.0.0.1:${port}/rss`);
    assert.equal(local.status === 'ok' && Buffer.from(local.body).toString('utf8'), RSS);
    // Direct means a lookup of the name, which the tests block: the proxy saw nothing.
    const error = await failure(client.get('http://news.intranet.test/rss'));
    assert.match(
      error.message,
      /^http:\/\/news\.intranet\.test\/rss: cannot connect \(ENOTFOUND\)$/,
    );
    assert.deepEqual(proxy.seen, []);
  } finally {
    await client.close();
    feed.close();
    await proxy.close();
  }
});

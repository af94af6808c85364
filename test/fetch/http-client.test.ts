import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net, { type AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { charsetOf } from '../../src/fetch/content-type-charset.js';
import { HttpClient } from '../../src/fetch/http-client.js';

const FEED = '<rss version="2.0"><channel><title>t</title></channel></rss>';

/** Timeouts short enough for tests, a cap small enough to reach. */
const SETTINGS = {
  timeout: 5,
  connectTimeout: 2,
  headersTimeout: 2,
  perHost: 2,
  maxBytes: 100_000,
};

const BASIC_ME = `Basic ${Buffer.from('me:pa ss').toString('base64')}`;

/** Where /private-elsewhere redirects to: another origin (another port). */
let elsewhere = '';
/** The Authorization header each path was asked with, on either server. */
const authorizations = new Map<string, string | undefined>();

/** Each path of this loopback server is one way a real server answers. */
function serve(request: http.IncomingMessage, response: http.ServerResponse): void {
  const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
  authorizations.set(path, request.headers.authorization);
  switch (path) {
    case '/private':
    case '/private-moved':
      if (request.headers.authorization !== BASIC_ME)
        return void response.writeHead(401, { 'www-authenticate': 'Basic' }).end();
      response.writeHead(200, { 'content-type': 'application/rss+xml' });
      return void response.end(FEED);
    case '/private-percent':
      // A password with a bare %, which the URL keeps as it is (no escape to decode).
      if (request.headers.authorization !== `Basic ${Buffer.from('me:100%').toString('base64')}`)
        return void response.writeHead(401).end();
      response.writeHead(200, { 'content-type': 'application/rss+xml' });
      return void response.end(FEED);
    case '/private-here':
      return void response.writeHead(302, { location: '/private-moved' }).end();
    case '/private-elsewhere':
      return void response.writeHead(302, { location: `${elsewhere}/other` }).end();
    case '/other':
      response.writeHead(200, { 'content-type': 'application/rss+xml' });
      return void response.end(FEED);
    case '/chinese-location':
      // The raw UTF-8 bytes of a Chinese path, as many servers send them (Node writes a
      // header string as latin1, so these characters go out as those bytes).
      response.writeHead(302, { location: Buffer.from('/新闻/订阅.xml').toString('latin1') });
      return void response.end();
    case '/新闻/订阅.xml':
      response.writeHead(200, { 'content-type': 'application/rss+xml' });
      return void response.end(FEED);
    case '/moved-away':
      response.writeHead(302, { location: '/nowhere.xml' });
      return void response.end();
    case '/rsshub-route-error':
      // RSSHub's answer for a failing route, compressed as a proxy in front of it would.
      response.writeHead(503, {
        'content-type': 'text/html; charset=UTF-8',
        'content-encoding': 'gzip',
      });
      return void response.end(
        gzipSync(
          '<html><body><p class="message">Error Message:<br/><code class="mt-2 block details">Error: Request https://weibo.com/x fail: 403</code></p></body></html>',
        ),
      );
    case '/no-location':
      return void response.writeHead(302).end();
    case '/broken-off':
      response.writeHead(200, { 'content-type': 'application/rss+xml', 'content-length': '5000' });
      return void response.write('<rss version="2.0"><channel>', () => request.socket.destroy());
    default:
      response.writeHead(404).end();
  }
}

async function listen(server: http.Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('HttpClient against a loopback server', () => {
  let server: http.Server;
  let otherServer: http.Server;
  let base = '';
  let client: HttpClient;

  before(async () => {
    server = http.createServer(serve);
    otherServer = http.createServer(serve);
    base = await listen(server);
    elsewhere = await listen(otherServer);
    client = new HttpClient(SETTINGS);
  });

  after(async () => {
    await client.close();
    for (const each of [server, otherServer]) {
      each.closeAllConnections();
      each.close();
    }
  });

  test('a user name and password in the address are sent as Basic authorization', async () => {
    const withPassword = (path: string) => base.replace('//', '//me:pa%20ss@') + path;
    assert.equal((await client.get(withPassword('/private'))).status, 'ok');
    // A redirect on the same host keeps them; one to another origin does not get them.
    assert.equal((await client.get(withPassword('/private-here'))).status, 'ok');
    assert.equal(authorizations.get('/private-moved'), BASIC_ME);
    assert.equal((await client.get(withPassword('/private-elsewhere'))).status, 'ok');
    assert.equal(authorizations.get('/other'), undefined);
    await assert.rejects(client.get(`${base}/private`), { kind: 'http', status: 401 });
    const percent = await client.get(`${base.replace('//', '//me:100%@')}/private-percent`);
    assert.equal(percent.status, 'ok');
  });

  test('a Location with raw UTF-8 bytes is followed to the address it names', async () => {
    const answer = await client.get(`${base}/chinese-location`);
    assert.equal(answer.status, 'ok');
    assert.equal(answer.url, `${base}/${encodeURI('新闻/订阅.xml')}`);
  });

  test('an error status after a redirect names where the redirect led', async () => {
    await assert.rejects(client.get(`${base}/moved-away`), {
      kind: 'not-found',
      message: `${base}/moved-away: HTTP 404 Not Found (at ${base}/nowhere.xml, where it was redirected)`,
    });
  });

  test("an error answer's own message is quoted after its status", async () => {
    await assert.rejects(client.get(`${base}/rsshub-route-error`), {
      kind: 'http',
      status: 503,
      message: `${base}/rsshub-route-error: HTTP 503 Service Unavailable: "Error: Request https://weibo.com/x fail: 403"`,
    });
  });

  test('a redirect without a Location says so', async () => {
    await assert.rejects(client.get(`${base}/no-location`), {
      kind: 'http',
      message: `${base}/no-location: HTTP 302 (a redirect without a Location header)`,
    });
  });

  test('a body broken off after the headers is not called a failure to connect', async () => {
    await assert.rejects(client.get(`${base}/broken-off`), (error: Error & { kind: string }) => {
      assert.equal(error.kind, 'network');
      assert.match(
        error.message,
        /\/broken-off: the connection broke off before the whole body came \(/,
      );
      return true;
    });
  });
});

test('charsetOf reads the charset parameter, quoted or not, with single quotes too', () => {
  assert.equal(charsetOf('application/rss+xml; charset=GBK'), 'gbk');
  assert.equal(charsetOf('text/xml; charset = "Big5"'), 'big5');
  assert.equal(charsetOf("text/xml; charset='EUC-JP'"), 'euc-jp');
  assert.equal(charsetOf('text/xml;charset=utf-8;format=flowed'), 'utf-8');
  assert.equal(charsetOf('text/xml'), null);
  assert.equal(charsetOf(null), null);
});

test('an answer that is not HTTP, or not as long as it says, is worded so', async () => {
  const feed = '<rss version="2.0"><channel><title>t</title></channel></rss>';
  const answers: Record<string, string> = {
    '/garbage': 'garbage\r\n\r\n',
    '/two-lengths': `HTTP/1.1 200 OK\r\nContent-Length: ${feed.length}\r\nContent-Length: ${feed.length + 5}\r\n\r\n${feed}`,
  };
  // A raw TCP server: Node's HTTP server would not send either.
  const server = net.createServer((socket) => {
    socket.on('error', () => {});
    socket.once('data', (data) => socket.end(answers[data.toString().split(' ')[1]!] ?? ''));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = new HttpClient(SETTINGS);
  try {
    await assert.rejects(client.get(`${base}/garbage`), {
      kind: 'http',
      message: `${base}/garbage: the server's answer is not valid HTTP (Expected HTTP/, RTSP/ or ICE/)`,
    });
    await assert.rejects(client.get(`${base}/two-lengths`), {
      kind: 'http',
      message: `${base}/two-lengths: the body's length does not match the server's Content-Length header`,
    });
  } finally {
    await client.close();
    server.close();
  }
});

test('a certificate Node does not trust is named as the problem, not just its code', async () => {
  const pem = fs.readFileSync(new URL('fixtures/self-signed-127.0.0.1.pem', import.meta.url));
  const server = https.createServer({ key: pem, cert: pem }, (_request, response) =>
    response.end('<rss/>'),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/feed.xml`;
  const client = new HttpClient(SETTINGS);
  try {
    await assert.rejects(client.get(url), {
      kind: 'network',
      message: `${url}: cannot connect: the server's certificate is self-signed (DEPTH_ZERO_SELF_SIGNED_CERT); NODE_EXTRA_CA_CERTS can name a certificate to trust`,
      // Not retried in the run: a second or two does not mend a certificate.
      retryable: false,
    });
  } finally {
    await client.close();
    server.close();
  }
});

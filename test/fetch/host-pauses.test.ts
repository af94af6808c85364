import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { FetchError } from '../../src/fetch/fetch-result.js';
import { HostPauses } from '../../src/fetch/host-pauses.js';
import { HttpClient } from '../../src/fetch/http-client.js';
import { runTidings } from '../support/run-tidings.js';

const FEED =
  '<rss version="2.0"><channel><title>t</title><item><guid>1</guid><title>One</title></item></channel></rss>';
const SETTINGS = {
  timeout: 5,
  connectTimeout: 2,
  headersTimeout: 2,
  perHost: 2,
  maxBytes: 100_000,
};

/** A loopback server answering `answer` and recording when each path was asked. */
async function serverOf(answer: (count: number, response: http.ServerResponse) => void) {
  const asked: { path: string; at: number }[] = [];
  const server = http.createServer((request, response) => {
    asked.push({ path: request.url ?? '', at: Date.now() });
    answer(asked.length, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return { asked, base, close };
}

const ok = (response: http.ServerResponse) =>
  response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(FEED);

describe('a host that asks to slow down is asked less', () => {
  test('HostPauses: 429 pauses the host (5 s unsaid), other answers do not; the longer pause stays', () => {
    let now = 1_000_000;
    const pauses = new HostPauses(() => now);
    pauses.note('https://rsshub.example/a', 503, 30);
    pauses.note('https://rsshub.example/a', 404, 60);
    assert.equal(pauses.current('https://rsshub.example/b'), null);
    pauses.note('https://rsshub.example/a', 429, null);
    assert.deepEqual(pauses.current('https://rsshub.example/b'), { leftMs: 5000, status: 429, seconds: 5 }); // prettier-ignore
    pauses.note('https://rsshub.example/c', 429, 30);
    pauses.note('https://rsshub.example/d', 429, 1);
    assert.deepEqual(pauses.current('https://rsshub.example/e'), { leftMs: 30_000, status: 429, seconds: 30 }); // prettier-ignore
    assert.equal(pauses.current('https://other.example/a'), null, 'another host');
    assert.equal(pauses.current('https://rsshub.example:8443/a'), null, 'another port');
    now += 30_000;
    assert.equal(pauses.current('https://rsshub.example/e'), null, 'over');
  });

  test("the host's other feeds wait out its Retry-After; another host does not", async () => {
    const limited = await serverOf((count, response) => {
      if (count === 1) response.writeHead(429, { 'retry-after': '1' }).end('slow down');
      else ok(response);
    });
    const other = await serverOf((_, response) => ok(response));
    const client = new HttpClient(SETTINGS);
    try {
      await assert.rejects(client.get(`${limited.base}/a`), (error: unknown) => {
        return error instanceof FetchError && error.status === 429 && error.retryAfter === 1;
      });
      const refused = Date.now();
      await client.get(`${other.base}/x`);
      assert.ok(Date.now() - refused < 500, 'another host is asked at once');
      const answer = await client.get(`${limited.base}/b`);
      assert.equal(answer.status, 'ok');
      const waited = (limited.asked[1]?.at ?? 0) - (limited.asked[0]?.at ?? 0);
      assert.ok(waited >= 900, `the second feed was asked ${waited} ms after the 429`);
    } finally {
      await client.close();
      await limited.close();
      await other.close();
    }
  });

  test("a pause longer than a run waits: the rest of the host's feeds fail unasked, update exits 0", async () => {
    const limited = await serverOf((_, response) => {
      response.writeHead(429, { 'retry-after': '3600' }).end('rate limited');
    });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-host-pause-'));
    try {
      const feeds = ['a', 'b', 'c', 'd', 'e', 'f']
        .map((name) => `          - { name: ${name}, url: "${limited.base}/${name}.xml" }`)
        .join('\n');
      fs.writeFileSync(
        path.join(dir, 'tidings.yaml'),
        `site: { output: public }\nfetch: { concurrency: 1 }\nsources:\n  - category: C\n    sites:\n      - name: S\n        feeds:\n${feeds}\n`,
      );
      const result = await runTidings(['update', '--no-build'], dir);
      assert.equal(result.code, 0, result.stderr);
      assert.equal(limited.asked.length, 1, 'one request, not one a feed');
      assert.match(result.stdout, /0 of 6 feed\(s\) fetched|6 failed/);
      const unasked = result.stdout
        .split('\n')
        .filter((line) =>
          /not asked: its host answered HTTP 429 earlier in this run and asked to wait 360\d s/.test(
            line,
          ),
        ) // prettier-ignore
        .map((line) => /\/([a-f])\.xml/.exec(line)?.[1]);
      assert.deepEqual([...new Set(unasked)].sort(), ['b', 'c', 'd', 'e', 'f']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
      await limited.close();
    }
  });
});

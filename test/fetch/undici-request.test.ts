import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import * as undici from 'undici';
import { Agent, loadProxyAgent, request } from '../../src/fetch/undici-request.js';

test("the Agent loaded from undici's own file is the one undici exports", () => {
  assert.equal(Agent, undici.Agent);
});

test("the ProxyAgent loaded from undici's own file is the one undici exports", () => {
  assert.equal(loadProxyAgent(), undici.ProxyAgent);
});

test('request() sends method, path with query and headers, and reads the answer', async () => {
  const server = http.createServer((req, res) => {
    res.setHeader('content-type', 'text/plain');
    res.end(`${req.method} ${req.url} ${req.headers['x-probe']}`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const agent = new Agent({ connections: 1 });
  try {
    const { port } = server.address() as AddressInfo;
    const url = `http://127.0.0.1:${port}/feed.xml?key=abc&x=%20`;
    const response = await request(agent, url, { method: 'GET', headers: { 'x-probe': 'yes' } });
    assert.equal(response.statusCode, 200);
    assert.equal(await response.body.text(), 'GET /feed.xml?key=abc&x=%20 yes');
  } finally {
    await agent.close();
    server.close();
  }
});

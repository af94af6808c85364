import assert from 'node:assert/strict';
import net from 'node:net';
import { test } from 'node:test';
import { listenFailure, parsePort } from '../../src/cli/listen-options.js';
import { CommandFailure } from '../../src/cli/command-failure.js';
import { listenUrl } from '../../src/server/listen-url.js';
import { serveFolder } from '../../src/server/static-server.js';

test('--port takes digits only: "", "1e3", "0x10", "-1" and 65536 are usage errors', () => {
  assert.equal(parsePort('0'), 0);
  assert.equal(parsePort('4000'), 4000);
  for (const bad of ['', ' ', '1e3', '0x10', '-1', '65536', '4000.5', 'abc']) {
    assert.throws(
      () => parsePort(bad),
      (error: unknown) =>
        error instanceof CommandFailure &&
        error.exitCode === 2 &&
        error.message === `--port ${bad}: expected a port number 0–65535`,
      JSON.stringify(bad),
    );
  }
});

test('a port in use and an address not of this machine say so', async () => {
  const taken = net.createServer();
  await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
  const port = (taken.address() as net.AddressInfo).port;
  try {
    const inUse = await serveFolder('.', port).then(
      () => assert.fail('listened on a taken port'),
      (error: unknown) => listenFailure(error, '127.0.0.1', port),
    );
    assert.equal(
      inUse.message,
      `port ${port} on 127.0.0.1 is already in use; try --port ${port + 1}`,
    );
  } finally {
    taken.close();
  }
  const foreign = await serveFolder('.', 0, '192.0.2.1').then(
    () => assert.fail('listened on a documentation address'),
    (error: unknown) => listenFailure(error, '192.0.2.1', 0),
  );
  assert.equal(
    foreign.message,
    'cannot listen on 192.0.2.1:0: --host 192.0.2.1 is not an address of this machine',
  );
});

test('a --host given as an address with its port or scheme says to give the host alone', () => {
  // As the lookup fails; not looked up here, as that may ask a name server.
  const notFound = Object.assign(new Error('getaddrinfo ENOTFOUND'), {
    code: 'ENOTFOUND',
    syscall: 'getaddrinfo',
  });
  const hint = '; the port goes in --port)';
  assert.equal(
    listenFailure(notFound, 'localhost:4000', 4000).message,
    `cannot listen on localhost:4000:4000: --host localhost:4000 is an unknown name (give the host name or address alone, e.g. --host localhost${hint}`,
  );
  assert.equal(
    listenFailure(notFound, 'http://127.0.0.1:4000/', 4000).message,
    `cannot listen on http://127.0.0.1:4000/:4000: --host http://127.0.0.1:4000/ is an unknown name (give the host name or address alone, e.g. --host 127.0.0.1${hint}`,
  );
  assert.equal(
    listenFailure(notFound, 'no-such-host', 4000).message,
    'cannot listen on no-such-host:4000: --host no-such-host is an unknown name',
  );
});

test('the address shown for an IPv6 host has brackets', () => {
  assert.equal(listenUrl('::1', 4000), 'http://[::1]:4000/');
  assert.equal(listenUrl('::', 4000), 'http://localhost:4000/');
  assert.equal(listenUrl('0.0.0.0', 4000), 'http://localhost:4000/');
  assert.equal(listenUrl('192.168.1.5', 80), 'http://192.168.1.5:80/');
});

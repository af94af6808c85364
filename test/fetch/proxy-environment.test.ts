import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError } from '../../src/config/config-error.js';
import {
  describeProxy,
  proxyFor,
  readProxyEnvironment,
  type ProxyEnvironment,
} from '../../src/fetch/proxy-environment.js';

function read(env: Record<string, string>): ProxyEnvironment {
  const environment = readProxyEnvironment(env);
  assert.ok(environment, 'a proxy is set');
  return environment;
}

const via = (environment: ProxyEnvironment, url: string) =>
  proxyFor(environment, new URL(url))?.href ?? 'direct';

test('no proxy variable: none read, whatever no_proxy says', () => {
  assert.equal(readProxyEnvironment({}), null);
  assert.equal(readProxyEnvironment({ no_proxy: 'example.com', HTTP_PROXY: ' ' }), null);
});

test('https feeds use https_proxy, http feeds http_proxy, all_proxy either; lowercase first', () => {
  const both = read({
    http_proxy: 'http://plain.proxy:3128',
    HTTP_PROXY: 'http://upper.proxy:1',
    HTTPS_PROXY: 'http://secure.proxy:8443',
  });
  assert.equal(via(both, 'http://news.example/rss'), 'http://plain.proxy:3128/');
  assert.equal(via(both, 'https://news.example/rss'), 'http://secure.proxy:8443/');

  // As curl and Go: an https feed does not fall back to http_proxy.
  const plainOnly = read({ http_proxy: 'http://plain.proxy:3128' });
  assert.equal(via(plainOnly, 'https://news.example/rss'), 'direct');

  const all = read({ ALL_PROXY: 'socks5://127.0.0.1:1080', https_proxy: 'proxy.corp:8080' });
  assert.equal(via(all, 'http://news.example/rss'), 'socks5://127.0.0.1:1080');
  // A bare host:port is an http proxy, as curl reads it.
  assert.equal(via(all, 'https://news.example/rss'), 'http://proxy.corp:8080/');
});

test('loopback is always reached directly: a local RSSHub never goes out through the proxy', () => {
  const environment = read({ all_proxy: 'http://proxy.corp:8080' });
  for (const url of [
    'http://127.0.0.1:1200/bilibili/user/video/2267573',
    'http://127.8.9.10/',
    'http://localhost:1200/',
    'http://rsshub.localhost/',
    'http://[::1]:1200/',
  ]) {
    assert.equal(via(environment, url), 'direct', url);
  }
  assert.equal(via(environment, 'http://128.0.0.1/'), 'http://proxy.corp:8080/');
});

test('no_proxy: names and their subdomains, ports, addresses, ranges and *', () => {
  const environment = read({
    https_proxy: 'http://proxy.corp:8080',
    http_proxy: 'http://proxy.corp:8080',
    NO_PROXY:
      'intranet.example, .corp.example,*.cn.example  rss.example:8443,10.0.0.0/8,192.168.1.7,[fd00::1],2001:db8::/32',
  });
  const direct = [
    'https://intranet.example/feed',
    'https://news.intranet.example/feed',
    'https://corp.example/feed',
    'https://a.b.corp.example/feed',
    'https://news.cn.example/feed',
    'https://rss.example:8443/feed',
    'http://10.20.30.40/feed',
    'http://192.168.1.7/feed',
    'http://[fd00::1]/feed',
    'http://[2001:db8::5]/feed',
  ];
  for (const url of direct) assert.equal(via(environment, url), 'direct', url);
  const proxied = [
    'https://intranet.example.org/feed',
    'https://notintranet.example/feed',
    'https://rss.example/feed',
    'http://11.0.0.1/feed',
    'http://192.168.1.8/feed',
  ];
  for (const url of proxied) assert.equal(via(environment, url), 'http://proxy.corp:8080/', url);
  assert.equal(
    via(read({ http_proxy: 'http://p:1', no_proxy: '*' }), 'http://news.example/'),
    'direct',
  );
});

test('a proxy variable that is not a proxy URL is refused, naming the variable', () => {
  assert.throws(
    () => readProxyEnvironment({ HTTPS_PROXY: 'http://[bad' }),
    (error: unknown) =>
      error instanceof ConfigError &&
      /^HTTPS_PROXY: "http:\/\/\[bad" is not a proxy address/.test(error.message),
  );
  assert.throws(
    () => readProxyEnvironment({ http_proxy: 'ftp://user:secret@proxy.corp:2121' }),
    (error: unknown) =>
      error instanceof ConfigError &&
      error.message ===
        'http_proxy: ftp://proxy.corp:2121 is not a proxy Tidings can use (http://, https:// or socks5:// with a host)',
  );
});

test('a proxy is described without its user name and password', () => {
  assert.equal(
    describeProxy(new URL('http://me:s3cret@proxy.corp:8080/')),
    'http://proxy.corp:8080',
  );
});

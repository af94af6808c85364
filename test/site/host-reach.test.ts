import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hostReach } from '../../src/site/host-reach.js';

test('hostReach: this machine, a private network, or anyone, from the URL parser’s host', () => {
  const reach = (url: string) => hostReach(new URL(url).hostname);
  for (const url of [
    'http://localhost:1200/',
    'http://LOCALHOST./',
    'http://rsshub.localhost/',
    'http://127.0.0.1:1200/',
    'http://127.1.2.3/',
    'http://2130706433/', // 127.0.0.1 written as a number
    'http://0.0.0.0/',
    'http://[::1]:1200/',
    'http://[::ffff:127.0.0.1]/',
  ]) {
    assert.equal(reach(url), 'this-machine', url);
  }
  for (const url of [
    'http://rsshub:1200/', // a Docker Compose service
    'http://10.0.0.5/',
    'http://172.16.0.1/',
    'http://172.31.255.255/',
    'http://192.168.1.5:1200/',
    'http://169.254.1.1/',
    'http://100.64.0.1/',
    'http://nas.local/',
    'http://rsshub.home.arpa/',
    'http://[fd00::1]/',
    'http://[fe80::1]/',
  ]) {
    assert.equal(reach(url), 'private', url);
  }
  for (const url of [
    'https://rsshub.app/',
    'http://172.32.0.1/',
    'http://8.8.8.8/',
    'http://[2001:db8::1]/',
    'https://例子.测试/',
    'https://localhost.example.com/',
  ]) {
    assert.equal(reach(url), 'public', url);
  }
});

// Preloaded (`node --import`) by tests that name hosts which must never be looked up: a DNS
// lookup of any name but localhost fails at once, so a bug that connects directly cannot send
// traffic off this machine (the resolver here is not on loopback). Addresses pass as before.
import dns from 'node:dns';
import { isIP } from 'node:net';

const lookup = dns.lookup;

dns.lookup = (host, options, callback) => {
  if (isIP(host) !== 0 || host === 'localhost') return lookup(host, options, callback);
  const done = typeof options === 'function' ? options : callback;
  const error = Object.assign(
    new Error(`getaddrinfo ENOTFOUND ${host} (DNS blocked by the tests)`),
    {
      code: 'ENOTFOUND',
      hostname: host,
    },
  );
  process.nextTick(done, error);
};

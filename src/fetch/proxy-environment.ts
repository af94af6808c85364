import { BlockList, isIP } from 'node:net';
import { ConfigError } from '../config/config-error.js';

/**
 * The proxies the environment names, read as curl, Go and Python's requests read them (the
 * old system fetched through requests, which honours them): `https_proxy` for https feeds,
 * `http_proxy` for http ones, `all_proxy` for either when its own is unset (lowercase first,
 * then uppercase), and `no_proxy` for the hosts reached directly. An https feed never falls
 * back to `http_proxy`. Loopback (localhost, 127.0.0.0/8, ::1) is always reached directly, as
 * Go does: a local RSSHub must not go out through a company proxy.
 */
export interface ProxyEnvironment {
  http: URL | null;
  https: URL | null;
  /** `no_proxy`: every host is reached directly (`*`). */
  noneProxied: boolean;
  /** `no_proxy` names, lowercase, without a leading `.` or `*.`, with their port (0: any). */
  names: { host: string; port: number }[];
  /** `no_proxy` addresses and ranges (`10.0.0.0/8`). */
  addresses: BlockList;
}

const PROXY_PROTOCOLS = new Set(['http:', 'https:', 'socks5:', 'socks:']);
const DEFAULT_PORTS: Record<string, number> = { 'http:': 80, 'https:': 443 };

type Environment = Readonly<Record<string, string | undefined>>;

/** Null when no proxy is set; a ConfigError naming the variable when one is not a proxy URL. */
export function readProxyEnvironment(env: Environment = process.env): ProxyEnvironment | null {
  const all = proxyVariable(env, 'all_proxy');
  const http = proxyVariable(env, 'http_proxy') ?? all;
  const https = proxyVariable(env, 'https_proxy') ?? all;
  if (!http && !https) return null;
  const noProxy = variable(env, 'no_proxy')?.value ?? '';
  const addresses = new BlockList();
  const names: { host: string; port: number }[] = [];
  let noneProxied = false;
  for (const entry of noProxy.split(/[\s,]+/)) {
    if (entry === '') continue;
    if (entry === '*') noneProxied = true;
    else addNoProxyEntry(entry.toLowerCase(), names, addresses);
  }
  return { http, https, noneProxied, names, addresses };
}

/** The proxy to reach `url` through, or null to connect directly. */
export function proxyFor(environment: ProxyEnvironment, url: URL): URL | null {
  const proxy = url.protocol === 'https:' ? environment.https : environment.http;
  if (!proxy || environment.noneProxied) return null;
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (isLoopback(host)) return null;
  const port = Number(url.port) || DEFAULT_PORTS[url.protocol] || 0;
  const family = isIP(host);
  if (family !== 0 && environment.addresses.check(host, family === 6 ? 'ipv6' : 'ipv4')) {
    return null;
  }
  for (const name of environment.names) {
    if (name.port !== 0 && name.port !== port) continue;
    if (host === name.host || host.endsWith(`.${name.host}`)) return null;
  }
  return proxy;
}

/** A proxy's address for messages: without the user name and password it may carry. */
export function describeProxy(proxy: URL): string {
  return `${proxy.protocol}//${proxy.host}`;
}

function variable(env: Environment, lower: string): { name: string; value: string } | null {
  for (const name of [lower, lower.toUpperCase()]) {
    const value = env[name]?.trim();
    if (value) return { name, value };
  }
  return null;
}

function proxyVariable(env: Environment, lower: string): URL | null {
  const found = variable(env, lower);
  if (!found) return null;
  // curl takes a bare host:port as http://host:port.
  const written = /^[a-z][a-z0-9+.-]*:\/\//i.test(found.value)
    ? found.value
    : `http://${found.value}`;
  let url: URL;
  try {
    url = new URL(written);
  } catch {
    throw new ConfigError(
      `${found.name}: "${found.value}" is not a proxy address (expected e.g. http://proxy.example:8080)`,
    );
  }
  if (!PROXY_PROTOCOLS.has(url.protocol) || url.hostname === '') {
    throw new ConfigError(
      `${found.name}: ${describeProxy(url)} is not a proxy Tidings can use (http://, https:// or socks5:// with a host)`,
    );
  }
  return url;
}

function addNoProxyEntry(
  entry: string,
  names: { host: string; port: number }[],
  addresses: BlockList,
): void {
  const range = /^([0-9a-f:.]+)\/(\d{1,3})$/.exec(entry);
  if (range) {
    const family = isIP(range[1]!);
    const prefix = Number(range[2]);
    if (family !== 0 && prefix <= (family === 6 ? 128 : 32)) {
      addresses.addSubnet(range[1]!, prefix, family === 6 ? 'ipv6' : 'ipv4');
    }
    return;
  }
  const bare = entry.replace(/^\[(.*)\]$/, '$1');
  const family = isIP(bare);
  if (family !== 0) {
    addresses.addAddress(bare, family === 6 ? 'ipv6' : 'ipv4');
    return;
  }
  const withPort = /^(.*?)(?::(\d+))?$/.exec(entry)!;
  const host = withPort[1]!.replace(/^\*?\./, '').replace(/^\[(.*)\]$/, '$1');
  if (host !== '') names.push({ host, port: Number(withPort[2] ?? 0) });
}

function isLoopback(host: string): boolean {
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1' || host === '0:0:0:0:0:0:0:1';
}

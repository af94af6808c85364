import { createRequire } from 'node:module';
import { proxyFor, readProxyEnvironment } from './proxy-environment.js';

const require = createRequire(import.meta.url);

/**
 * `fetch()` for the one-off requests outside `update` (an RSSHub instance's route list),
 * through the proxy the environment names for the URL, as feeds are (proxy-environment.ts).
 * Node's own fetch takes no proxy; undici's, from our dependency, takes its ProxyAgent.
 */
export async function fetchThroughProxy(url: string, init: RequestInit): Promise<Response> {
  const environment = readProxyEnvironment();
  const proxy = environment ? proxyFor(environment, new URL(url)) : null;
  if (!proxy) return fetch(url, init);
  const undici = require('undici') as typeof import('undici');
  const dispatcher = new undici.ProxyAgent({ uri: proxy.href, proxyTunnel: false });
  try {
    const response = await undici.fetch(url, {
      ...(init as import('undici').RequestInit),
      dispatcher,
    });
    // Read here, while the agent is open; the caller reads the copy.
    const body = await response.arrayBuffer();
    return new Response(body, {
      status: response.status,
      statusText: response.statusText,
      headers: [...response.headers],
    });
  } finally {
    await dispatcher.close();
  }
}

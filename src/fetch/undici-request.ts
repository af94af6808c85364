import { createRequire } from 'node:module';
import type { Agent as UndiciAgent, Dispatcher, ProxyAgent as UndiciProxyAgent } from 'undici';

/**
 * undici's `Agent` and `request`, loaded from their own files instead of undici's index, which
 * also loads fetch, WebSocket, the mock and proxy agents and the caches: ~0.1 s of CPU at every
 * start, a fifth of what `tidings update` spent before its first request. These are undici's
 * own classes (test/fetch/undici-request.test.ts checks it against the index, so an undici
 * that moves them fails that test rather than at a user's).
 */

const require = createRequire(import.meta.url);

export const Agent = require('undici/lib/dispatcher/agent.js') as typeof UndiciAgent;

/**
 * undici's `ProxyAgent`, loaded only when a proxy is set (proxy-environment.ts). From the
 * index: the tunnel needs the `connect` method that only the index adds to undici's clients.
 */
export function loadProxyAgent(): typeof UndiciProxyAgent {
  return (require('undici') as typeof import('undici')).ProxyAgent;
}

const dispatcherRequest = require('undici/lib/api/api-request.js') as (
  this: Dispatcher,
  options: Dispatcher.RequestOptions,
) => Promise<Dispatcher.ResponseData>;

/** `undici.request(url, options)` on `dispatcher`: one request, no redirects followed. */
export function request(
  dispatcher: Dispatcher,
  url: string,
  options: Omit<Dispatcher.RequestOptions, 'origin' | 'path'>,
): Promise<Dispatcher.ResponseData> {
  const target = new URL(url);
  return dispatcherRequest.call(dispatcher, {
    ...options,
    origin: target.origin,
    path: `${target.pathname}${target.search}`,
  });
}

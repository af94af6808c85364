import fs from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEFAULT_CONNECT_TIMEOUT_SECONDS } from '../config/config.js';
import { FetchError, type FetchedFeed } from './fetch-result.js';
import { addressWithoutSecrets } from '../sources/secret-parameters.js';

export interface ReadLimits {
  timeoutSeconds: number;
  maxBytes: number;
}

/** Reads a feed from an http(s) URL or a local path. Throws FetchError with a one-line reason. */
export async function readFeedBytes(location: string, limits: ReadLimits): Promise<FetchedFeed> {
  if (/^https?:\/\//i.test(location)) return fetchUrl(location, limits);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(location) && !location.startsWith('file:')) {
    throw new FetchError('network', `${location}: only http(s) URLs and local files can be read`);
  }
  return readFile(location.startsWith('file:') ? new URL(location).pathname : location, limits);
}

async function readFile(filePath: string, limits: ReadLimits): Promise<FetchedFeed> {
  const absolute = path.resolve(filePath);
  try {
    const stat = await fs.stat(absolute);
    if (stat.isDirectory())
      throw new FetchError('file', `${filePath}: is a folder, not a feed file`);
    if (stat.size > limits.maxBytes) {
      throw new FetchError(
        'too-large',
        `${filePath}: ${stat.size} bytes is over the ${limits.maxBytes}-byte limit`,
      );
    }
    const body = new Uint8Array(await fs.readFile(absolute));
    return { body, charset: null, url: pathToFileURL(absolute).href };
  } catch (error) {
    if (error instanceof FetchError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new FetchError('not-found', `${filePath}: no such file`);
    throw new FetchError('file', `${filePath}: cannot read (${code ?? String(error)})`);
  }
}

/**
 * One feed by HTTP, through the client `update` uses (http-client.ts): the same redirects,
 * decoding, Basic authorization and error wording, not a second HTTP path of its own.
 */
async function fetchUrl(url: string, limits: ReadLimits): Promise<FetchedFeed> {
  // Loaded here: reading a local file (`tidings parse feed.xml`) needs no HTTP client.
  const { HttpClient } = await import('./http-client.js');
  const client = new HttpClient({
    timeout: limits.timeoutSeconds,
    // A whole read within the limit: connecting and the headers may not take longer either.
    connectTimeout: Math.min(limits.timeoutSeconds, DEFAULT_CONNECT_TIMEOUT_SECONDS),
    headersTimeout: limits.timeoutSeconds,
    perHost: 1,
    maxBytes: limits.maxBytes,
  });
  try {
    const answer = await client.get(url);
    // Sent no validators, so never answered 304.
    if (answer.status !== 'ok')
      throw new FetchError('http', `${url}: HTTP 304 without a request for it`);
    // The parser's base: links made absolute against it must not carry a password or token.
    const base = addressWithoutSecrets(new URL(answer.url)).href;
    return { body: answer.body, charset: answer.charset, url: base };
  } finally {
    await client.close();
  }
}

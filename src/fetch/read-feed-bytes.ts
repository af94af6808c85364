import fs from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { certificateProblem } from './certificate-problem.js';
import { charsetOf } from './content-type-charset.js';
import { ERROR_PAGE_BYTES, errorPageMessage } from './error-page-message.js';
import { FetchError, type FetchedFeed } from './fetch-result.js';
import { isDecompressionError } from './read-body-capped.js';
import { basicAuthorization, withoutCredentials } from './url-credentials.js';
import { USER_AGENT } from './user-agent.js';

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

async function fetchUrl(url: string, limits: ReadLimits): Promise<FetchedFeed> {
  let response: Response;
  try {
    const target = new URL(url);
    const authorization = basicAuthorization(target);
    response = await fetch(withoutCredentials(target), {
      headers: {
        'user-agent': USER_AGENT,
        accept:
          'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5',
        // fetch() drops it on a redirect to another origin.
        ...(authorization ? { authorization } : {}),
      },
      redirect: 'follow',
      signal: AbortSignal.timeout(limits.timeoutSeconds * 1000),
    });
  } catch (error) {
    throw networkError(url, error, limits);
  }
  if (!response.ok) {
    const page = await readCapped(url, response, { ...limits, maxBytes: ERROR_PAGE_BYTES }).catch(
      () => null,
    );
    const said =
      page && errorPageMessage(page, response.headers.get('content-type'), response.status);
    throw new FetchError(
      response.status === 404 || response.status === 410 ? 'not-found' : 'http',
      `${url}: HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}${said ? `: ${said}` : ''}`,
    );
  }
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limits.maxBytes) {
    await response.body?.cancel().catch(() => {});
    throw new FetchError(
      'too-large',
      `${url}: ${declared} bytes is over the ${limits.maxBytes}-byte limit`,
    );
  }
  const body = await readCapped(url, response, limits);
  return {
    body,
    charset: charsetOf(response.headers.get('content-type')),
    url: response.url || url,
  };
}

/** Reads the (already decompressed) body, stopping at the cap so a huge body cannot fill memory. */
async function readCapped(
  url: string,
  response: Response,
  limits: ReadLimits,
): Promise<Uint8Array> {
  if (!response.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
      total += chunk.byteLength;
      if (total > limits.maxBytes) {
        throw new FetchError('too-large', `${url}: body is over the ${limits.maxBytes}-byte limit`);
      }
      chunks.push(chunk);
    }
  } catch (error) {
    if (error instanceof FetchError) throw error;
    throw networkError(url, error, limits, response.headers.get('content-encoding'));
  }
  return Buffer.concat(chunks);
}

function networkError(
  url: string,
  error: unknown,
  limits: ReadLimits,
  /** The body's Content-Encoding, once the headers have come: a failure then is the body's. */
  bodyEncoding?: string | null,
): FetchError {
  const err = error as Error & { cause?: { code?: string; message?: string } };
  if (err?.name === 'TimeoutError' || err?.name === 'AbortError') {
    return new FetchError('timeout', `${url}: no answer within ${limits.timeoutSeconds} s`);
  }
  const reason = err?.cause?.code ?? err?.cause?.message ?? err?.message ?? String(error);
  const certificate = certificateProblem(err?.cause?.code);
  if (certificate) return new FetchError('network', `${url}: cannot connect: ${certificate}`);
  if (bodyEncoding === undefined)
    return new FetchError('network', `${url}: cannot connect (${reason})`);
  // fetch() decompresses as it reads: the error may be the bytes', not the connection's.
  if (bodyEncoding && isDecompressionError(err?.cause)) {
    return new FetchError(
      'network',
      `${url}: cannot decompress the ${bodyEncoding} body (${reason})`,
    );
  }
  return new FetchError(
    'network',
    `${url}: the connection broke off before the whole body came (${reason})`,
  );
}

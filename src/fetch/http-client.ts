import { isUtf8 } from 'node:buffer';
import type { Agent as UndiciAgent, Dispatcher } from 'undici';
import { certificateProblem } from './certificate-problem.js';
import { charsetOf } from './content-type-charset.js';
import { ERROR_PAGE_BYTES, errorPageMessage } from './error-page-message.js';
import { FetchError } from './fetch-result.js';
import { HostPauses } from './host-pauses.js';
import { readBodyCapped } from './read-body-capped.js';
import { Agent, loadProxyAgent, request } from './undici-request.js';
import {
  describeProxy,
  proxyFor,
  readProxyEnvironment,
  type ProxyEnvironment,
} from './proxy-environment.js';
import { parseRetryAfter } from './retry-after.js';
import { DEFAULT_RETRY_MAX_MS } from './retry.js';
import { basicAuthorization } from './url-credentials.js';
import { USER_AGENT } from './user-agent.js';

export interface HttpSettings {
  /** Seconds for a whole request, body included. */
  timeout: number;
  connectTimeout: number;
  headersTimeout: number;
  /** Connections to one host at once. */
  perHost: number;
  maxBytes: number;
}

/** Validators from the last good fetch, sent back so an unchanged feed costs a 304. */
export interface Validators {
  etag: string | null;
  lastModified: string | null;
}

interface Answer {
  /** Final URL, after redirects. */
  url: string;
  /** Where the chain of permanent redirects (301/308) from the requested URL ended, if any. */
  movedTo: string | null;
  etag: string | null;
  lastModified: string | null;
  /** Cache-Control max-age in seconds. */
  maxAge: number | null;
}

export type HttpResult =
  | (Answer & { status: 'ok'; body: Uint8Array; charset: string | null })
  | (Answer & { status: 'not-modified' });

export const MAX_REDIRECTS = 5;

const ACCEPT =
  'application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml;q=0.9, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5';

/**
 * An HTTP client for feeds: one connection pool with a per-host limit, timeouts for
 * connecting, for headers and for the whole request, a size cap that holds after
 * decompression, and redirects followed by hand so permanent moves can be reported.
 */
export class HttpClient {
  private readonly agent: UndiciAgent;
  private readonly pauses: HostPauses;
  private readonly proxies: ProxyEnvironment | null;
  /** One dispatcher per proxy in use, made at its first request. */
  private readonly proxyAgents = new Map<string, Dispatcher>();

  /**
   * `maxPauseMs`: the longest a request waits for its host's pause (host-pauses.ts); a longer
   * one fails the feed at once, unasked, as a longer Retry-After does (retry.ts).
   */
  constructor(
    private readonly settings: HttpSettings,
    private readonly maxPauseMs: number = DEFAULT_RETRY_MAX_MS,
    now: () => number = Date.now,
    environment: Readonly<Record<string, string | undefined>> = process.env,
  ) {
    this.pauses = new HostPauses(now);
    this.proxies = readProxyEnvironment(environment);
    this.agent = new Agent({
      connections: settings.perHost,
      connect: { timeout: settings.connectTimeout * 1000 },
      headersTimeout: settings.headersTimeout * 1000,
      // A body that stops arriving fails as soon as headers would have.
      bodyTimeout: Math.min(settings.headersTimeout, settings.timeout) * 1000,
    });
  }

  async get(url: string, validators: Validators | null = null): Promise<HttpResult> {
    await this.waitForHost(url);
    // The timeout starts after the wait: it is for the request.
    const signal = AbortSignal.timeout(this.settings.timeout * 1000);
    const visited = new Set<string>();
    let current = url;
    let movedTo: string | null = null;
    let permanentSoFar = true;
    for (let hop = 0; ; hop++) {
      visited.add(current);
      const response = await this.send(current, validators, signal);
      const location = response.headers['location'];
      if (
        response.statusCode >= 300 &&
        response.statusCode < 400 &&
        response.statusCode !== 304 &&
        location
      ) {
        await response.body.dump().catch(() => {});
        const next = resolveLocation(current, String(location));
        if (!next)
          throw new FetchError(
            'redirect',
            `${url}: redirect to an invalid address (${String(location)})`,
            response.statusCode,
          );
        if (visited.has(next))
          throw new FetchError('redirect', `${url}: redirect loop at ${next}`, response.statusCode);
        if (hop + 1 > MAX_REDIRECTS) {
          throw new FetchError(
            'redirect',
            `${url}: more than ${MAX_REDIRECTS} redirects`,
            response.statusCode,
          );
        }
        permanentSoFar &&= response.statusCode === 301 || response.statusCode === 308;
        if (permanentSoFar) movedTo = next;
        current = next;
        continue;
      }
      return this.finish(url, current, movedTo, response, signal);
    }
  }

  /**
   * Closes every connection at once. Called when no request is left (or the run is over):
   * the graceful close waited for each keep-alive socket's goodbye, 10–20 ms at the end of
   * every update.
   */
  async close(): Promise<void> {
    await Promise.all([
      this.agent.destroy(),
      ...[...this.proxyAgents.values()].map((agent) => agent.destroy()),
    ]);
  }

  /** The proxy for `url` (or null) and the dispatcher that goes through it. */
  private dispatcherFor(url: string): { proxy: URL | null; dispatcher: Dispatcher } {
    const proxy = this.proxies ? proxyFor(this.proxies, new URL(url)) : null;
    if (!proxy) return { proxy: null, dispatcher: this.agent };
    let dispatcher = this.proxyAgents.get(proxy.href);
    if (!dispatcher) {
      const ProxyAgent = loadProxyAgent();
      const { settings } = this;
      dispatcher = new ProxyAgent({
        uri: proxy.href,
        // http feeds as curl sends them: the whole URL to the proxy, no CONNECT tunnel (many
        // proxies allow CONNECT to port 443 only). https feeds are tunnelled.
        proxyTunnel: false,
        proxyTls: { timeout: settings.connectTimeout * 1000 },
        connections: settings.perHost,
        headersTimeout: settings.headersTimeout * 1000,
        bodyTimeout: Math.min(settings.headersTimeout, settings.timeout) * 1000,
      });
      this.proxyAgents.set(proxy.href, dispatcher);
    }
    return { proxy, dispatcher };
  }

  /** Waits out the pause the feed's host asked for, or fails at once when it is too long. */
  private async waitForHost(url: string): Promise<void> {
    const pause = this.pauses.current(url);
    if (pause === null) return;
    if (pause.leftMs > this.maxPauseMs) {
      throw new FetchError(
        'http',
        `${url}: not asked: its host answered HTTP ${pause.status} earlier in this run and asked to wait ${pause.seconds} s`,
        pause.status,
        pause.seconds,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, pause.leftMs));
  }

  private async send(url: string, validators: Validators | null, signal: AbortSignal) {
    const headers: Record<string, string> = {
      'user-agent': USER_AGENT,
      accept: ACCEPT,
      'accept-encoding': 'gzip, deflate, br',
    };
    if (validators?.etag) headers['if-none-match'] = validators.etag;
    if (validators?.lastModified) headers['if-modified-since'] = validators.lastModified;
    const { proxy, dispatcher } = this.dispatcherFor(url);
    try {
      const authorization = basicAuthorization(new URL(url));
      if (authorization) headers['authorization'] = authorization;
      // undici's request() follows no redirects by itself: get() does, to see permanent moves.
      return await request(dispatcher, url, { method: 'GET', headers, signal });
    } catch (error) {
      throw describeNetworkError(url, error, signal, this.settings, 'request', proxy);
    }
  }

  private async finish(
    requested: string,
    url: string,
    movedTo: string | null,
    response: Dispatcher.ResponseData,
    signal: AbortSignal,
  ): Promise<HttpResult> {
    const header = (name: string) => {
      const value = response.headers[name];
      return value === undefined ? null : Array.isArray(value) ? (value[0] ?? null) : String(value);
    };
    const answer: Answer = {
      url,
      movedTo,
      etag: header('etag'),
      lastModified: header('last-modified'),
      maxAge: parseMaxAge(header('cache-control')),
    };
    const status = response.statusCode;
    if (status === 304) {
      await response.body.dump().catch(() => {});
      return { ...answer, status: 'not-modified' };
    }
    if (status < 200 || status >= 300) {
      const said = await readErrorPage(response, status, header);
      const text = `${requested}: HTTP ${status}${STATUS_TEXT[status] ? ` ${STATUS_TEXT[status]}` : ''}${statusDetail(status, requested, url)}${said ? `: ${said}` : ''}`;
      const kind = status === 404 ? 'not-found' : status === 410 ? 'gone' : 'http';
      const retryAfter = parseRetryAfter(header('retry-after'));
      this.pauses.note(url, status, retryAfter);
      throw new FetchError(kind, text, status, retryAfter);
    }
    const declared = Number(header('content-length'));
    if (
      !header('content-encoding') &&
      Number.isFinite(declared) &&
      declared > this.settings.maxBytes
    ) {
      await response.body.dump().catch(() => {});
      throw new FetchError(
        'too-large',
        `${requested}: ${declared} bytes is over the ${this.settings.maxBytes}-byte limit`,
      );
    }
    try {
      const body = await readBodyCapped(
        response.body,
        header('content-encoding'),
        this.settings.maxBytes,
      );
      return { ...answer, status: 'ok', body, charset: charsetOf(header('content-type')) };
    } catch (error) {
      if (error instanceof FetchError)
        throw new FetchError(error.kind, `${requested}: ${error.message}`);
      throw describeNetworkError(requested, error, signal, this.settings, 'body');
    }
  }
}

/** The message of an error answer's page (errorPageMessage), or null; its body is read either way. */
async function readErrorPage(
  response: Dispatcher.ResponseData,
  status: number,
  header: (name: string) => string | null,
): Promise<string | null> {
  if (status >= 300 && status < 400) {
    await response.body.dump().catch(() => {});
    return null;
  }
  try {
    const body = await readBodyCapped(response.body, header('content-encoding'), ERROR_PAGE_BYTES);
    return errorPageMessage(body, header('content-type'), status);
  } catch {
    // A page too long, cut short or undecodable: the status says enough.
    return null;
  }
}

/** What an error status leaves unsaid: where a redirect led, or that a redirect led nowhere. */
function statusDetail(status: number, requested: string, url: string): string {
  if (status >= 300 && status < 400) return ' (a redirect without a Location header)';
  return url === requested ? '' : ` (at ${url}, where it was redirected)`;
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  407: 'Proxy Authentication Required',
  408: 'Request Timeout',
  410: 'Gone',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

function resolveLocation(base: string, location: string): string | null {
  try {
    const next = new URL(utf8Header(location), base);
    return next.protocol === 'http:' || next.protocol === 'https:' ? next.href : null;
  } catch {
    return null;
  }
}

/**
 * A header value as its sender meant it: undici gives header bytes as latin1 characters, but
 * a `Location` with raw non-ASCII bytes (a Chinese path, say) is UTF-8, as browsers and
 * fetch() read it. Bytes that are not valid UTF-8 stay as they came.
 */
function utf8Header(value: string): string {
  if (!/[^\x00-\x7f]/.test(value)) return value;
  const bytes = Buffer.from(value, 'latin1');
  return isUtf8(bytes) ? bytes.toString('utf8') : value;
}

function describeNetworkError(
  url: string,
  error: unknown,
  signal: AbortSignal,
  settings: HttpSettings,
  /** Whether the headers had come: a failure then is a broken-off body, not a connection. */
  during: 'request' | 'body' = 'request',
  /** The proxy the request went through, if one did. */
  proxy: URL | null = null,
): FetchError {
  const err = error as Error & { code?: string; cause?: { code?: string; message?: string } };
  const code = err?.code ?? err?.cause?.code;
  if (signal.aborted)
    return new FetchError('timeout', `${url}: no complete answer within ${settings.timeout} s`);
  if (code === 'UND_ERR_CONNECT_TIMEOUT') {
    return new FetchError(
      'timeout',
      `${url}: could not connect within ${settings.connectTimeout} s`,
    );
  }
  if (code === 'UND_ERR_HEADERS_TIMEOUT') {
    return new FetchError(
      'timeout',
      `${url}: no response headers within ${settings.headersTimeout} s`,
    );
  }
  if (code === 'UND_ERR_BODY_TIMEOUT')
    return new FetchError('timeout', `${url}: the body stopped arriving`);
  // The server answered, but not in HTTP: not a connection failure, and no use retrying.
  if (err?.name === 'HTTPParserError') {
    const detail = /\((.*)\)$/.exec(err.message)?.[1] ?? err.message;
    return new FetchError('http', `${url}: the server's answer is not valid HTTP (${detail})`);
  }
  if (code === 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH') {
    return new FetchError(
      'http',
      `${url}: the body's length does not match the server's Content-Length header`,
    );
  }
  const reason = code ?? err?.cause?.message ?? err?.message ?? String(error);
  if (proxy && during === 'request') {
    const message = err?.message ?? '';
    // undici's words: a refused tunnel (https), or a 407 answer to a plain request (http).
    const refused = /^Proxy response \((\d+)\)/.exec(message)?.[1];
    const status = /Proxy Authentication Required \(407\)/.test(message) ? 407 : Number(refused);
    if (status === 407) {
      return new FetchError(
        'network',
        `${url}: the proxy ${describeProxy(proxy)} asks for a user name and password (HTTP 407); put them in the proxy variable: http://user:password@host:port`,
        null,
        null,
        false,
      );
    }
    if (refused) {
      const said = STATUS_TEXT[status] ? ` ${STATUS_TEXT[status]}` : '';
      return new FetchError(
        'network',
        `${url}: the proxy ${describeProxy(proxy)} refused to connect to it (HTTP ${status}${said})`,
      );
    }
    if (!certificateProblem(code)) {
      return new FetchError(
        'network',
        `${url}: cannot connect through the proxy ${describeProxy(proxy)} (${reason})`,
      );
    }
  }
  if (during === 'body') {
    return new FetchError(
      'network',
      `${url}: the connection broke off before the whole body came (${reason})`,
    );
  }
  const certificate = certificateProblem(code);
  // A certificate is not mended by retrying in a second or two: the schedule tries again.
  if (certificate) {
    return new FetchError('network', `${url}: cannot connect: ${certificate}`, null, null, false);
  }
  return new FetchError('network', `${url}: cannot connect (${reason})`);
}

function parseMaxAge(cacheControl: string | null): number | null {
  const match = cacheControl?.match(/(?:^|[,\s])max-age\s*=\s*"?(\d+)/i);
  return match ? Number(match[1]) : null;
}

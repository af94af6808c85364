import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { MANIFEST } from '../site/write-output.js';
import { parseByteRange } from './byte-range.js';
import { contentTypeOf } from './content-types.js';
import { injectLiveReload, LIVE_RELOAD_PATH, LiveReload } from './live-reload.js';
import { listenUrl } from './listen-url.js';

export interface ServeOptions {
  host?: string;
  /**
   * Reload open pages after each rebuild (`tidings serve` turns it on; off by default, so a
   * plain preview serves the files byte for byte). Only this server adds the script.
   */
  liveReload?: boolean;
  /**
   * True while the site is being built for the first time (`tidings watch --serve` listens
   * before its first build): a page not there yet is answered "being built" (503), not 404.
   */
  building?: () => boolean;
}

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/**
 * Serves a built site folder for preview. Only files inside `root` are ever read: the
 * request path is decoded, normalised and checked before touching the disk, and a file
 * reached through a symbolic link must lie inside the folder too.
 * With live reload, HTML responses get a small script that asks LIVE_RELOAD_PATH.
 */
export function serveFolder(
  root: string,
  port: number,
  hostOrOptions: string | ServeOptions = {},
): Promise<RunningServer> {
  const options: ServeOptions =
    typeof hostOrOptions === 'string' ? { host: hostOrOptions } : hostOrOptions;
  const host = options.host ?? '127.0.0.1';
  const absoluteRoot = path.resolve(root);
  const reload = options.liveReload ? new LiveReload(path.join(absoluteRoot, MANIFEST)) : null;
  const server = http.createServer((request, response) => {
    response.setHeader('x-content-type-options', 'nosniff');
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    const requested = parseRequestTarget(request.url ?? '/');
    const site = { root: absoluteRoot, reload, building: options.building ?? (() => false) };
    if (reload && requested?.pathname === LIVE_RELOAD_PATH) {
      // The "being built" page asks apart: it reloads when the first build ends, even one
      // that changed nothing (an old site left in place keeps its version).
      const waiting = requested.search === BUILDING_QUERY && site.building();
      return reload.answer(request, response, waiting ? BUILDING_VERSION : reload.version());
    }
    if (!requested) return sendNotFound(site, request, response);
    serveFile(site, requested, request, response).catch(() =>
      sendNotFound(site, request, response),
    );
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address();
      const boundPort = typeof address === 'object' && address ? address.port : port;
      resolve({
        url: listenUrl(host, boundPort),
        close: () =>
          new Promise((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}

/** What the "being built" page's live-reload script asks, and is told until the build ends. */
const BUILDING_QUERY = '?building';
const BUILDING_VERSION = 'building';

interface Site {
  root: string;
  reload: LiveReload | null;
  building: () => boolean;
}

interface RequestTarget {
  /** Decoded and normalised: one leading `/`, no `.` or `..` segments. */
  pathname: string;
  /** `?…` as sent, or ''. */
  search: string;
}

/** The path of a request, or null when it is malformed (bad percent-encoding, a NUL). */
function parseRequestTarget(target: string): RequestTarget | null {
  // The absolute form (GET http://host/path), which HTTP/1.1 servers must accept.
  const url = /^[a-z][a-z\d+.-]*:\/\//i.test(target) ? absolutePath(target) : target;
  const queryAt = url.search(/[?#]/);
  const raw = queryAt === -1 ? url : url.slice(0, queryAt);
  const search = queryAt === -1 || url[queryAt] === '#' ? '' : url.slice(queryAt).split('#')[0]!;
  if (!raw.startsWith('/')) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  return { pathname: path.posix.normalize(decoded), search };
}

function absolutePath(url: string): string {
  try {
    const parsed = new URL(url);
    return parsed.pathname + parsed.search;
  } catch {
    return '';
  }
}

async function serveFile(
  site: Site,
  target: RequestTarget,
  request: http.IncomingMessage,
  response: http.ServerResponse,
): Promise<void> {
  const candidate = path.resolve(site.root, '.' + target.pathname);
  if (!isInside(site.root, candidate)) return sendNotFound(site, request, response);
  const filePath = target.pathname.endsWith('/') ? path.join(candidate, 'index.html') : candidate;
  const stat = await fs.promises.stat(filePath);
  if (stat.isDirectory()) {
    // /page/2 → /page/2/ so the page's relative links resolve from the right folder. The
    // address is rebuilt from the checked path: one made of the request's own text could
    // start with "//" and send the browser to another host.
    return redirect(response, encodePath(target.pathname) + '/' + encodeQuery(target.search));
  }
  if (!stat.isFile()) return sendNotFound(site, request, response);
  // A symbolic link in the folder may point anywhere on the machine.
  const [realRoot, realFile] = await Promise.all([
    fs.promises.realpath(site.root),
    fs.promises.realpath(filePath),
  ]);
  if (!isInside(realRoot, realFile)) return sendNotFound(site, request, response);

  const type = contentTypeOf(filePath);
  const identity = `${stat.ino.toString(36)}-${stat.size.toString(36)}-${Math.trunc(stat.mtimeMs).toString(36)}`;
  if (site.reload && type.startsWith('text/html')) {
    // The page carries the site's version, so its validator does too: a cached page of an
    // older version would otherwise come back from a 304 and reload again and again.
    const version = site.reload.version();
    const etag = `"${identity}-${version.replace(/[^\w.:-]/g, '')}"`;
    if (isFresh(request, etag, null)) return notModified(response, etag, null);
    const body = Buffer.from(
      injectLiveReload(await fs.promises.readFile(filePath, 'utf8'), version),
    );
    response.writeHead(200, {
      ...cacheHeaders(etag, null),
      'content-type': type,
      'content-length': body.length,
    });
    response.end(request.method === 'HEAD' ? undefined : body);
    return;
  }

  const etag = `"${identity}"`;
  const lastModified = stat.mtime.toUTCString();
  if (isFresh(request, etag, stat.mtime)) return notModified(response, etag, lastModified);
  const headers = {
    ...cacheHeaders(etag, lastModified),
    'content-type': type,
    'accept-ranges': 'bytes',
  };
  const ifRange = request.headers['if-range'];
  const range =
    ifRange === undefined || ifRange === etag || ifRange === lastModified
      ? parseByteRange(request.headers.range, stat.size)
      : null;
  if (range === 'unsatisfiable') {
    response.writeHead(416, { ...headers, 'content-range': `bytes */${stat.size}` }).end();
    return;
  }
  const { start, end } = range ?? { start: 0, end: stat.size - 1 };
  response.writeHead(range ? 206 : 200, {
    ...headers,
    'content-length': Math.max(0, end - start + 1),
    ...(range ? { 'content-range': `bytes ${start}-${end}/${stat.size}` } : {}),
  });
  if (request.method === 'HEAD' || end < start) return void response.end();
  const stream = fs.createReadStream(filePath, { start, end });
  stream.on('error', () => response.destroy());
  stream.pipe(response);
}

function isInside(root: string, candidate: string): boolean {
  return candidate === root || candidate.startsWith(root + path.sep);
}

/** Revalidated every time (`no-cache`), so a rebuilt file shows at once. */
function cacheHeaders(etag: string, lastModified: string | null): Record<string, string> {
  return {
    'cache-control': 'no-cache',
    etag,
    ...(lastModified ? { 'last-modified': lastModified } : {}),
  };
}

/** If-None-Match wins over If-Modified-Since (RFC 9110 13.2.2). */
function isFresh(request: http.IncomingMessage, etag: string, modified: Date | null): boolean {
  const ifNoneMatch = request.headers['if-none-match'];
  if (ifNoneMatch !== undefined) {
    return ifNoneMatch
      .split(',')
      .map((tag) => tag.trim().replace(/^W\//, ''))
      .some((tag) => tag === etag || tag === '*');
  }
  const ifModifiedSince = request.headers['if-modified-since'];
  if (!modified || !ifModifiedSince) return false;
  const since = Date.parse(ifModifiedSince);
  return !Number.isNaN(since) && Math.trunc(modified.getTime() / 1000) * 1000 <= since;
}

function notModified(
  response: http.ServerResponse,
  etag: string,
  lastModified: string | null,
): void {
  response.writeHead(304, cacheHeaders(etag, lastModified)).end();
}

function redirect(response: http.ServerResponse, location: string): void {
  response.writeHead(301, { location }).end();
}

function encodePath(pathname: string): string {
  return pathname.split('/').map(encodeURIComponent).join('/');
}

/** The query as sent, with anything a header may not carry percent-encoded. */
function encodeQuery(search: string): string {
  return search.replace(/[^\x21-\x7e]/g, (char) => encodeURIComponent(char));
}

function sendNotFound(
  site: Site,
  request: http.IncomingMessage,
  response: http.ServerResponse,
): void {
  if (site.building()) return sendBuilding(site, request, response);
  fs.readFile(path.join(site.root, '404.html'), 'utf8', (error, page) => {
    const html = error ? '<!doctype html><title>Not found</title><h1>Not found</h1>' : page;
    const body = Buffer.from(site.reload ? injectLiveReload(html, site.reload.version()) : html);
    response.writeHead(404, {
      'content-type': 'text/html; charset=utf-8',
      'content-length': body.length,
      'cache-control': 'no-cache',
    });
    response.end(request.method === 'HEAD' ? undefined : body);
  });
}

/** A page asked for while the first build runs: it reloads once the site is there. */
function sendBuilding(
  site: Site,
  request: http.IncomingMessage,
  response: http.ServerResponse,
): void {
  const html =
    '<!doctype html><meta charset="utf-8"><title>Building the site…</title>' +
    '<h1>Building the site…</h1><p>The first build is running. This page reloads when it is done.</p>';
  const address = LIVE_RELOAD_PATH + BUILDING_QUERY;
  const body = Buffer.from(site.reload ? injectLiveReload(html, BUILDING_VERSION, address) : html);
  response.writeHead(503, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': body.length,
    'cache-control': 'no-store',
    'retry-after': '2',
  });
  response.end(request.method === 'HEAD' ? undefined : body);
}

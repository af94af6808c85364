import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { MANIFEST } from '../site/write-output.js';
import { injectLiveReload, LIVE_RELOAD_PATH, LiveReload } from './live-reload.js';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.opml': 'text/x-opml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
};

export interface ServeOptions {
  host?: string;
  /**
   * Reload open pages after each rebuild (`tidings serve` turns it on; off by default, so a
   * plain preview serves the files byte for byte). Only this server adds the script.
   */
  liveReload?: boolean;
}

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/**
 * Serves a built site folder for preview. Only files inside `root` are ever read:
 * the request path is decoded, normalised and checked before touching the disk.
 * With live reload, HTML responses get a small script that listens on LIVE_RELOAD_PATH.
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
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    if (reload && request.url === LIVE_RELOAD_PATH) return reload.connect(request, response);
    const filePath = resolveRequest(absoluteRoot, request.url ?? '/');
    if (!filePath) return sendNotFound(absoluteRoot, response, reload !== null);
    fs.stat(filePath, (error, stat) => {
      if (!error && stat.isDirectory()) {
        // /page/2 → /page/2/ so the page's relative links resolve from the right folder.
        const location = new URL(request.url ?? '/', 'http://localhost');
        response.writeHead(301, { location: location.pathname + '/' + location.search }).end();
        return;
      }
      if (error || !stat.isFile()) return sendNotFound(absoluteRoot, response, reload !== null);
      const type =
        CONTENT_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
      if (reload && type.startsWith('text/html')) {
        fs.readFile(filePath, 'utf8', (readError, html) => {
          if (readError) return sendNotFound(absoluteRoot, response, true);
          const body = Buffer.from(injectLiveReload(html));
          response.writeHead(200, {
            'content-type': type,
            'content-length': body.length,
            'cache-control': 'no-cache',
          });
          response.end(request.method === 'HEAD' ? undefined : body);
        });
        return;
      }
      response.writeHead(200, {
        'content-type': type,
        'content-length': stat.size,
        'cache-control': 'no-cache',
      });
      if (request.method === 'HEAD') return response.end();
      fs.createReadStream(filePath).pipe(response);
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', (error) => {
      reload?.close();
      reject(error);
    });
    server.listen(port, host, () => {
      const address = server.address();
      const boundPort = typeof address === 'object' && address ? address.port : port;
      const shownHost = host === '0.0.0.0' || host === '127.0.0.1' ? 'localhost' : host;
      resolve({
        url: `http://${shownHost}:${boundPort}/`,
        close: () =>
          new Promise((done) => {
            reload?.close();
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}

/** Maps a URL path to a file under root, or null when it is malformed or escapes root. */
function resolveRequest(root: string, url: string): string | null {
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(url, 'http://localhost').pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0')) return null;
  const candidate = path.resolve(root, '.' + path.posix.normalize(pathname));
  if (candidate !== root && !candidate.startsWith(root + path.sep)) return null;
  return pathname.endsWith('/') ? path.join(candidate, 'index.html') : candidate;
}

function sendNotFound(root: string, response: http.ServerResponse, liveReload: boolean): void {
  const page = path.join(root, '404.html');
  fs.readFile(page, 'utf8', (error, body) => {
    response.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
    const html = error ? '<!doctype html><title>Not found</title><h1>Not found</h1>' : body;
    response.end(liveReload ? injectLiveReload(html) : html);
  });
}

import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
};

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/**
 * Serves a built site folder for preview. Only files inside `root` are ever read:
 * the request path is decoded, normalised and checked before touching the disk.
 */
export function serveFolder(
  root: string,
  port: number,
  host = '127.0.0.1',
): Promise<RunningServer> {
  const absoluteRoot = path.resolve(root);
  const server = http.createServer((request, response) => {
    const filePath = resolveRequest(absoluteRoot, request.url ?? '/');
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    if (!filePath) return sendNotFound(absoluteRoot, response);
    fs.stat(filePath, (error, stat) => {
      if (!error && stat.isDirectory()) {
        // /page/2 → /page/2/ so the page's relative links resolve from the right folder.
        const location = new URL(request.url ?? '/', 'http://localhost');
        response.writeHead(301, { location: location.pathname + '/' + location.search }).end();
        return;
      }
      if (error || !stat.isFile()) return sendNotFound(absoluteRoot, response);
      response.writeHead(200, {
        'content-type':
          CONTENT_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream',
        'content-length': stat.size,
        'cache-control': 'no-cache',
      });
      if (request.method === 'HEAD') return response.end();
      fs.createReadStream(filePath).pipe(response);
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address();
      const boundPort = typeof address === 'object' && address ? address.port : port;
      const shownHost = host === '0.0.0.0' || host === '127.0.0.1' ? 'localhost' : host;
      resolve({
        url: `http://${shownHost}:${boundPort}/`,
        close: () => new Promise((done) => server.close(() => done())),
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

function sendNotFound(root: string, response: http.ServerResponse): void {
  const page = path.join(root, '404.html');
  fs.readFile(page, (error, body) => {
    response.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
    response.end(error ? '<!doctype html><title>Not found</title><h1>Not found</h1>' : body);
  });
}

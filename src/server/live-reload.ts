import fs from 'node:fs';
import type http from 'node:http';

/** The address pages of the preview server ask for the site's current version. */
export const LIVE_RELOAD_PATH = '/__tidings/live-reload';

/** How often an open page asks (ms); a hidden tab asks when it is shown again. */
const POLL_MS = 700;

/**
 * Put into HTML pages by the preview server only, never into the built site: the page carries
 * the version of the site it was served from and reloads once the server reports another.
 *
 * Short requests, not a stream (EventSource): a browser opens at most 6 connections to a
 * host, and a stream held by each open tab left the 7th tab unable to load anything. Comparing
 * versions (not waiting for a "rebuilt" message) also reloads a page after a rebuild made
 * while the server was stopped, and a page reloaded from the browser's cache with an old
 * version reloads once, not forever.
 */
export function liveReloadScript(version: string, address = LIVE_RELOAD_PATH): string {
  const path = JSON.stringify(address);
  const served = JSON.stringify(version).replace(/</g, '\\u003c');
  return (
    `<script>(function(){var v=${served},busy=false;` +
    `function check(){if(busy||document.hidden)return;busy=true;` +
    `fetch(${path},{cache:'no-store'}).then(function(r){return r.ok?r.text():v;})` +
    `.then(function(now){if(now!==v)location.reload();},function(){})` +
    `.then(function(){busy=false;});}` +
    `setInterval(check,${POLL_MS});document.addEventListener('visibilitychange',check);})();</script>`
  );
}

/** Adds the live-reload script before `</body>` (or at the end when there is none). */
export function injectLiveReload(
  html: string,
  version: string,
  address = LIVE_RELOAD_PATH,
): string {
  const script = liveReloadScript(version, address);
  const at = html.lastIndexOf('</body>');
  return at === -1 ? html + script : html.slice(0, at) + script + html.slice(at);
}

/**
 * The version of a built site: a build that changed anything replaces the site's manifest
 * file (see site/write-output.ts), so its identity (inode, size, mtime) changes; a rebuild
 * that changed nothing touches nothing and reloads nothing. Read on each request, not
 * watched: a full build swaps the whole folder, which watchers lose track of.
 */
export class LiveReload {
  constructor(private readonly manifestPath: string) {}

  version(): string {
    try {
      const stat = fs.statSync(this.manifestPath);
      return `${stat.ino}:${stat.size}:${stat.mtimeMs}`;
    } catch {
      return 'none';
    }
  }

  /** Answers a page's question: the site's version now (or `body`), as plain text. */
  answer(
    request: http.IncomingMessage,
    response: http.ServerResponse,
    body = this.version(),
  ): void {
    response.writeHead(200, {
      'content-type': 'text/plain; charset=utf-8',
      'content-length': Buffer.byteLength(body),
      'cache-control': 'no-store',
    });
    response.end(request.method === 'HEAD' ? undefined : body);
  }
}

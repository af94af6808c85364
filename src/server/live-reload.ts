import fs from 'node:fs';
import type http from 'node:http';

/** The server-sent-events address pages of the preview server listen on. */
export const LIVE_RELOAD_PATH = '/__tidings/live-reload';

/**
 * Put into HTML pages by the preview server only, never into the built site: reloads the page
 * when the server says the site was rebuilt. EventSource reconnects by itself when the server
 * restarts.
 */
export const LIVE_RELOAD_SCRIPT = `<script>(function(){var s=new EventSource(${JSON.stringify(LIVE_RELOAD_PATH)});s.addEventListener('rebuilt',function(){location.reload();});})();</script>`;

/** Adds the live-reload script before `</body>` (or at the end when there is none). */
export function injectLiveReload(html: string): string {
  const at = html.lastIndexOf('</body>');
  return at === -1
    ? html + LIVE_RELOAD_SCRIPT
    : html.slice(0, at) + LIVE_RELOAD_SCRIPT + html.slice(at);
}

/**
 * Watches a built site for rebuilds and tells connected pages. A build that changed anything
 * replaces the site's manifest file (see site/write-output.ts), so its identity (inode, size,
 * mtime) is polled; a rebuild that changed nothing touches nothing and reloads nothing.
 * Polling, not fs.watch: a full build swaps the whole folder, which watchers lose track of.
 */
export class LiveReload {
  private readonly clients = new Set<http.ServerResponse>();
  private last: string;
  private readonly poll: NodeJS.Timeout;
  private readonly heartbeat: NodeJS.Timeout;

  constructor(
    private readonly manifestPath: string,
    intervalMs = 300,
  ) {
    this.last = this.signature();
    this.poll = setInterval(() => this.check(), intervalMs);
    // Comments keep idle connections open through proxies.
    this.heartbeat = setInterval(() => this.send(': ping\n\n'), 20_000);
    this.poll.unref();
    this.heartbeat.unref();
  }

  /** Answers an EventSource request and keeps it open. */
  connect(request: http.IncomingMessage, response: http.ServerResponse): void {
    response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
    });
    response.write('retry: 1000\n\n');
    this.clients.add(response);
    request.on('close', () => this.clients.delete(response));
  }

  /** Tells every page to reload now. */
  notify(): void {
    this.send('event: rebuilt\ndata: {}\n\n');
  }

  close(): void {
    clearInterval(this.poll);
    clearInterval(this.heartbeat);
    for (const client of this.clients) client.end();
    this.clients.clear();
  }

  private check(): void {
    const now = this.signature();
    if (now !== this.last) {
      this.last = now;
      this.notify();
    }
  }

  private signature(): string {
    try {
      const stat = fs.statSync(this.manifestPath);
      return `${stat.ino}:${stat.size}:${stat.mtimeMs}`;
    } catch {
      return 'none';
    }
  }

  private send(text: string): void {
    for (const client of this.clients) client.write(text);
  }
}

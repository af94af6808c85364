import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The feed server of `npm run bench:fetch`, run as its own process so the process being
 * measured is only Tidings. On 127.0.0.1 it serves `FEEDS` distinct RSS feeds at
 * `/feed/<n>.xml`, 10 items each, with deterministic content, a strong ETag and a
 * Last-Modified date.
 *
 * A full (200) answer is sent after `DELAY_MS`: that delay models producing the feed (an
 * RSSHub route scraping its site). A conditional request whose If-None-Match matches (or,
 * without If-None-Match, whose If-Modified-Since is not older than Last-Modified) is answered
 * 304 at once, as a server answers a validator hit from its cache.
 *
 * `GET /__stats` answers the counts since the last `GET /__stats?reset=1`, the largest
 * number of requests in flight at once, when the first request came and the last answer went,
 * and how long the full answers were in flight in all. The first line on stdout is `{"port":N}`.
 *
 * For runs against a store with a long history (scale measurements): `BENCH_PORT` fixes the
 * port (feed keys include it, so a store made once is fetched again on the next start), and
 * `GET /__advance?by=K` moves every feed's window K stories on (K new items per feed, new
 * ETags), so the next update stores new items instead of getting 304s. Generation 0 (the
 * start) serves exactly the feeds described above.
 */

const FEEDS = Number(process.env.BENCH_FEEDS ?? 1000);
const ITEMS = Number(process.env.BENCH_ITEMS ?? 10);
const DELAY_MS = Number(process.env.BENCH_DELAY_MS ?? 100);
const PORT = Number(process.env.BENCH_PORT ?? 0);
const LAST_MODIFIED = new Date(Date.UTC(2026, 10, 25, 8, 0, 0));

interface Stats {
  /** When the first request came and the last answer went (ms since the epoch, fractional). */
  firstRequestAt: number | null;
  lastAnswerAt: number | null;
  /** Sum over full answers of the time each was in flight here (ms). */
  fullBusyMs: number;
  requests: number;
  full: number;
  notModified: number;
  other: number;
  inFlight: number;
  maxInFlight: number;
  conditional: number;
}

let stats: Stats = fresh();

/** The wall clock in ms, fractional: the bench compares it with its own (same machine). */
function now(): number {
  return performance.timeOrigin + performance.now();
}

function fresh(): Stats {
  return {
    firstRequestAt: null,
    lastAnswerAt: null,
    fullBusyMs: 0,
    requests: 0,
    full: 0,
    notModified: 0,
    other: 0,
    inFlight: 0,
    maxInFlight: 0,
    conditional: 0,
  };
}

/** How many stories every feed has moved on (`/__advance`); 0 at the start. */
let generation = 0;

/** Feed bodies are built once per generation: the bench measures the client, not this server. */
let feeds = renderFeeds();

function renderFeeds(): { body: Buffer; etag: string }[] {
  return Array.from({ length: FEEDS }, (_, n) => {
    const body = Buffer.from(renderFeed(n), 'utf8');
    return { body, etag: generation === 0 ? `"feed-${n}-v1"` : `"feed-${n}-g${generation}"` };
  });
}

function renderFeed(n: number): string {
  // Newest first. Each generation puts one newer story on top (stories -1, -2, … are newer
  // than story 0) and lets the oldest go.
  const items = Array.from({ length: ITEMS }, (_, listed) => {
    const i = listed - generation;
    const published = new Date(LAST_MODIFIED.getTime() - (n * ITEMS + i) * 60_000);
    return `    <item>
      <title>Feed ${n} story ${i}: something happened</title>
      <link>http://news.example/feed-${n}/story-${i}</link>
      <guid isPermaLink="false">feed-${n}-story-${i}</guid>
      <pubDate>${published.toUTCString()}</pubDate>
      <author>desk${n % 17}@news.example (Desk ${n % 17})</author>
      <category>topic-${(n + i) % 7}</category>
      <description><![CDATA[<p>Story ${i} of feed ${n}. A short paragraph with <a href="/more/${n}/${i}">a relative link</a>, <em>emphasis</em> and an image.</p><p><img src="https://img.news.example/${n}/${i}.jpg" alt="picture ${i}"></p><p>Second paragraph: the details of story ${i}, told in a sentence or two so the item has some body to clean and cut.</p>]]></description>
    </item>`;
  }).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
  <channel>
    <title>Bench feed ${n}</title>
    <link>http://news.example/feed-${n}/</link>
    <description>Deterministic feed number ${n} for the fetch benchmark</description>
    <language>en</language>
${items}
  </channel>
</rss>
`;
}

function handle(request: IncomingMessage, response: ServerResponse): void {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  if (url.pathname === '/__stats') {
    const snapshot = { ...stats, inFlight: undefined };
    if (url.searchParams.get('reset') === '1') stats = fresh();
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify(snapshot));
    return;
  }
  if (url.pathname === '/__advance') {
    generation += Math.max(1, Number(url.searchParams.get('by') ?? 1) || 1);
    feeds = renderFeeds();
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ generation }) + '\n');
    return;
  }
  stats.requests++;
  const arrived = now();
  stats.firstRequestAt ??= arrived;
  // Not for /__stats: only feed requests and their answers make the timeline.
  response.on('finish', () => (stats.lastAnswerAt = now()));
  const match = /^\/feed\/(\d+)\.xml$/.exec(url.pathname);
  const feed = match ? feeds[Number(match[1])] : undefined;
  if (!feed) {
    stats.other++;
    response.writeHead(404, { 'content-type': 'text/plain' });
    response.end('not found\n');
    return;
  }
  const headers = {
    etag: feed.etag,
    'last-modified': LAST_MODIFIED.toUTCString(),
  };
  const ifNoneMatch = request.headers['if-none-match'];
  const ifModifiedSince = request.headers['if-modified-since'];
  if (ifNoneMatch !== undefined || ifModifiedSince !== undefined) stats.conditional++;
  // RFC 9110 §13.2.2: If-None-Match, when present, decides; If-Modified-Since is then ignored.
  const hit =
    ifNoneMatch !== undefined
      ? ifNoneMatch
          .split(',')
          .map((tag) => tag.trim().replace(/^W\//, ''))
          .some((tag) => tag === feed.etag || tag === '*')
      : ifModifiedSince !== undefined && Date.parse(ifModifiedSince) >= LAST_MODIFIED.getTime();
  if (hit) {
    stats.notModified++;
    response.writeHead(304, headers);
    response.end();
    return;
  }
  stats.inFlight++;
  stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
  setTimeout(() => {
    stats.inFlight--;
    stats.full++;
    stats.fullBusyMs += now() - arrived;
    response.writeHead(200, {
      ...headers,
      'content-type': 'application/rss+xml; charset=utf-8',
      'content-length': String(feed.body.length),
    });
    response.end(feed.body);
  }, DELAY_MS);
}

const server = createServer({ keepAliveTimeout: 30_000 }, handle);
server.listen(PORT, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  process.stdout.write(
    JSON.stringify({ port, feeds: FEEDS, items: ITEMS, delayMs: DELAY_MS }) + '\n',
  );
});
process.on('SIGTERM', () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
});

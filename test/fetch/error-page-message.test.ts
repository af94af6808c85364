import assert from 'node:assert/strict';
import { test } from 'node:test';
import { errorPageMessage } from '../../src/fetch/error-page-message.js';
import { cpuMsOf } from '../support/cpu-time.js';

const said = (body: string, contentType: string | null, status = 503) =>
  errorPageMessage(Buffer.from(body), contentType, status);

/** The parts of RSSHub's error page (lib/views/error.tsx) that matter here. */
const RSSHUB_PAGE = `<!DOCTYPE html><html><head><title>RSSHub</title></head><body>
<h1 class="text-4xl font-bold">Looks like something went wrong</h1>
<p class="message">Error Message:<br/><code class="mt-2 block max-h-28 overflow-auto bg-zinc-100 align-bottom w-fit details">ConfigNotFoundError: Twitter API is not configured &amp; &lt;cookie&gt; is missing</code></p>
<p class="message">Route: <code class="ml-2 bg-zinc-100">/twitter/user/:id</code></p></body></html>`;

test("RSSHub's error page: its error message", () => {
  assert.equal(
    said(RSSHUB_PAGE, 'text/html; charset=UTF-8'),
    '"ConfigNotFoundError: Twitter API is not configured & <cookie> is missing"',
  );
  // Its page before 2024.
  assert.equal(
    said(
      '<html><head><title>Error in RSSHub!</title></head><body><pre class="message">Error: Request https://example.com/a fail: 403\n  at x</pre></body></html>',
      'text/html',
    ),
    '"Error: Request https://example.com/a fail: 403 at x"',
  );
});

test('JSON, plain text and a page title say what they say; a title repeating the status does not', () => {
  assert.equal(said('{"error":{"message":"rate limited"}}', 'application/json'), '"rate limited"');
  assert.equal(said('{"message":"Invalid key"}', null, 403), '"Invalid key"');
  assert.equal(said('Access denied: IP banned\nmore', 'text/plain'), '"Access denied: IP banned"');
  assert.equal(said('<title>Just a moment...</title>', 'text/html', 403), '"Just a moment..."');
  assert.equal(said('<title>503 Service Temporarily Unavailable</title>', 'text/html'), null);
  assert.equal(said('', 'text/html'), null);
  assert.equal(said('\x00\x01binary', 'application/octet-stream'), null);
});

test("the server's text is quoted, escaped, in its charset, and cut short", () => {
  assert.equal(said('bad \x1b[31mred\x1b[0m', 'text/plain', 500), '"bad \\u001b[31mred\\u001b[0m"');
  const gbk = Buffer.from('c2b7d3c9b2bbb4e6d4da', 'hex'); // 路由不存在 in GBK
  assert.equal(errorPageMessage(gbk, 'text/plain; charset=gbk', 404), '"路由不存在"');
  const long = said('x'.repeat(1000), 'text/plain', 500)!;
  assert.equal(long.length, 300 + 3, 'the cut text, the ellipsis and the two quotes');
});

test('a hostile page costs little: no pattern backtracks over it', () => {
  for (const piece of ['<code', '<title', '<pre class="message"', '<code class="details">']) {
    const ms = cpuMsOf(() => said(piece.repeat(130_000 / piece.length), 'text/html'));
    assert.ok(ms < 200, `${piece}: ${Math.round(ms)} ms of CPU`);
  }
});

import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { runTidings } from '../support/run-tidings.js';

/**
 * Secrets kept out of a committed tidings.yaml (`${NAME}`, environment-references.ts): update
 * refuses to run without them, fetches with them, and neither the store key, the site nor the
 * OPML export shows their values.
 */
describe('secrets from the environment', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-secrets-'));
  const cache = path.join(dir, 'cache');
  const seen: string[] = [];
  let server: http.Server;
  let base = '';

  before(async () => {
    server = http.createServer((request, response) => {
      seen.push(request.url ?? '');
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      const allowed =
        url.searchParams.get('token') === 'tok&1' || url.searchParams.get('key') === 'rk#2';
      if (!allowed) {
        response.writeHead(403).end();
        return;
      }
      response.writeHead(200, { 'content-type': 'application/rss+xml' });
      response.end(
        `<rss version="2.0"><channel><title>Private</title><link>${base}/</link><item><title>Only for subscribers</title><guid>${url.pathname}-1</guid><link>${base}${url.pathname}/1</link></item></channel></rss>`,
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    fs.writeFileSync(
      path.join(dir, 'tidings.yaml'),
      `site: { title: Secrets, output: public }
store: tidings.db
rsshub:
  instance: ${base}
  key: \${RSSHUB_KEY}
sources:
  - category: A
    sites:
      - name: S
        feeds:
          - { name: Token, url: "${base}/private.xml?token=\${FEED_TOKEN}" }
          - { name: Route, rsshub: /route }
`,
    );
  });
  after(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const env = (values: Record<string, string>): NodeJS.ProcessEnv => ({
    XDG_CACHE_HOME: cache,
    ...values,
  });

  test('update without them refuses to start, naming the setting and the variable', async () => {
    const result = await runTidings(['update'], dir, env({ FEED_TOKEN: 'tok&1' }));
    assert.equal(result.code, 1);
    assert.equal(
      result.stderr,
      'tidings: tidings.yaml: rsshub.key names the environment variable RSSHUB_KEY, which is ' +
        'not set; set RSSHUB_KEY before running (in GitHub Actions: a repository secret, ' +
        'passed to the step as env)\n',
    );
    assert.deepEqual(seen, [], 'nothing fetched');
    assert.equal(fs.existsSync(path.join(dir, 'tidings.db')), false, 'no store made');
  });

  test('update with them fetches with their values; nothing published or cached shows them', async () => {
    const result = await runTidings(['update'], dir, env({ FEED_TOKEN: 'tok&1', RSSHUB_KEY: 'rk#2' })); // prettier-ignore
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /2 of 2 feed\(s\) fetched; 2 new/);
    assert.deepEqual(seen.sort(), ['/private.xml?token=tok%261', '/route?key=rk%232']);

    const site = fs.readdirSync(path.join(dir, 'public'), { recursive: true, encoding: 'utf8' });
    for (const file of site) {
      const full = path.join(dir, 'public', file);
      if (!fs.statSync(full).isFile()) continue;
      const text = fs.readFileSync(full, 'utf8');
      assert.doesNotMatch(text, /tok%261|tok&1|tok&amp;1|rk%232|rk#2/, file);
    }
    // The config is read anew each time (a secret may change while the file does not).
    const cached = fs.existsSync(cache) ? fs.readdirSync(cache, { recursive: true }) : [];
    assert.deepEqual(
      cached.filter((name) => String(name).includes('update-config')),
      [],
    );

    // The feed's history follows the address as written, so a new token keeps it.
    const again = await runTidings(['update', '--force'], dir, env({ FEED_TOKEN: 'tok&1', RSSHUB_KEY: 'rk#2' })); // prettier-ignore
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /0 new/);

    // Commands that do not fetch need no secrets.
    const feeds = await runTidings(['feeds'], dir, env({}));
    assert.equal(feeds.code, 0, feeds.stderr);
    const opml = await runTidings(['sources', 'export', 'opml'], dir, env({ FEED_TOKEN: 'tok&1' }));
    assert.equal(opml.code, 0, opml.stderr);
    // As the config writes it, so that importing the file back finds the same feed.
    assert.match(opml.stdout, /private\.xml\?token=\$\{FEED_TOKEN\}"/);
    assert.doesNotMatch(opml.stdout, /tok%26|tok&1/);
  });

  test('a failing feed is reported without its secrets, in text and in JSON (CI logs keep them)', async () => {
    // GitHub masks a secret's value in logs, not its percent-encoded form (bad%261).
    const secrets = env({ FEED_TOKEN: 'bad&1', RSSHUB_KEY: 'wrong#2' });
    for (const args of [
      ['update', '--force'],
      ['update', '--force', '--json'],
      ['feeds'],
      ['feeds', '--json'],
    ]) {
      const result = await runTidings(args, dir, secrets);
      assert.equal(result.code, 0, result.stderr);
      const output = result.stdout + result.stderr;
      assert.match(output, /token=…/, args.join(' '));
      assert.doesNotMatch(output, /bad%261|bad&1|wrong%232|wrong#2/, args.join(' '));
    }
  });
});

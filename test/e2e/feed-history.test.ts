import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { runTidings } from '../support/run-tidings.js';

// Full history as a user lives it over weeks: feeds move in the tree, leave the config, and
// their items stay stored and on the site, where the user last put them.

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-history-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));
const env = { XDG_CACHE_HOME: path.join(dir, 'cache') };

function rss(title: string, guid: string): string {
  return (
    `<?xml version="1.0"?><rss version="2.0"><channel><title>${title}</title>` +
    `<item><guid>${guid}</guid><title>${title} ${guid}</title>` +
    `<pubDate>Mon, 23 Nov 2026 10:00:00 GMT</pubDate><description>text</description></item>` +
    `</channel></rss>`
  );
}

function feedEntry(category: string, site: string, name: string, file: string): string {
  const where = file.startsWith('http') ? `url: ${file}` : `file: ${file}`;
  return (
    `  - category: ${category}\n    sites:\n      - name: ${site}\n        feeds:\n` +
    `          - name: ${name}\n            ${where}\n`
  );
}

function writeConfig(...entries: string[]): void {
  fs.writeFileSync(
    path.join(dir, 'tidings.yaml'),
    `site:\n  output: public\nstore: tidings.db\nsources:\n${entries.join('')}`,
  );
}

async function tidings(...args: string[]) {
  const result = await runTidings([...args, '--config', path.join(dir, 'tidings.yaml')], dir, env);
  assert.equal(result.code, 0, result.stderr + result.stdout);
  return result;
}

const page = (...segments: string[]) =>
  path.join(dir, 'public', 'categories', ...segments, 'index.html');

test('a feed moved in the config moves on the site before its next fetch; removed, it stays where it was', async () => {
  fs.writeFileSync(path.join(dir, 'a.xml'), rss('Alpha', 'a1'));
  fs.writeFileSync(path.join(dir, 'b.xml'), rss('Beta', 'b1'));
  const a = feedEntry('News', 'Site', 'A', 'a.xml');
  writeConfig(a, feedEntry('News', 'Site', 'B', 'b.xml'));
  await tidings('update');
  assert.ok(fs.existsSync(page('News', 'Site', 'B')));

  // Moved and renamed; not due for an hour, so not fetched.
  writeConfig(a, feedEntry('Sport', 'Other', 'B renamed', 'b.xml'));
  const moved = await tidings('update');
  assert.match(moved.stdout, /0 of 2 feed\(s\) fetched/);
  assert.match(fs.readFileSync(page('Sport', 'Other', 'B-renamed'), 'utf8'), /Beta b1/);
  assert.ok(!fs.existsSync(page('News', 'Site', 'B')), 'no page left at the old place');

  // Removed from the config: still stored, still shown at its last place, and said so.
  writeConfig(a);
  const built = await tidings('build');
  assert.match(built.stdout, /1 stored feed\(s\) no longer in the config/);
  assert.match(built.stdout, /Sport › Other › B renamed \(file:b\.xml\): 1 item\(s\)/);
  assert.match(fs.readFileSync(page('Sport', 'Other', 'B-renamed'), 'utf8'), /Beta b1/);

  // The Hexo export follows the config as the site does, without a fetch in between.
  writeConfig(feedEntry('Tech', 'Web', 'A2', 'a.xml'));
  await tidings('export', 'hexo', '--out', path.join(dir, 'posts'));
  assert.ok(fs.existsSync(path.join(dir, 'posts', 'Tech', 'Web', 'A2', 'Alpha a1.md')));
});

test('a feed that moved (301), once its new address is in the config, keeps its items and their URLs: none stored twice', async () => {
  let moved = false;
  let movedAgain = false;
  const server = http.createServer((request, response) => {
    if (request.url === '/old.xml' && moved) {
      response.writeHead(301, { location: '/new.xml' }).end();
    } else if (request.url === '/new.xml' && movedAgain) {
      response.writeHead(301, { location: '/newer.xml' }).end();
    } else if (['/old.xml', '/new.xml', '/newer.xml'].includes(request.url ?? '')) {
      response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss('Moved', 'm1'));
    } else response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  after(() => server.close());
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // A new store and site: the first test's feeds are no part of this one.
  for (const name of ['tidings.db', 'tidings.db-wal', 'tidings.db-shm', 'public']) {
    fs.rmSync(path.join(dir, name), { recursive: true, force: true });
  }
  writeConfig(feedEntry('News', 'Site', 'M', `${base}/old.xml`));
  await tidings('update', '--force');
  const pagesBefore = fs.readdirSync(path.join(dir, 'public', 'items'));
  assert.equal(pagesBefore.length, 1);
  moved = true;
  const redirected = await tidings('update', '--force');
  assert.match(redirected.stdout, /moved +News › Site › M → .*\/new\.xml/);

  // The user writes the new address into the config, as the report suggests.
  writeConfig(feedEntry('News', 'Site', 'M', `${base}/new.xml`));
  const next = await tidings('update', '--force');
  assert.match(next.stdout, /kept +News › Site › M: the 1 stored item\(s\) of .*\/old\.xml/);
  assert.match(next.stdout, /0 new/);
  assert.doesNotMatch(next.stdout, /no longer in the config/);
  const feeds = JSON.parse((await tidings('feeds', '--json')).stdout) as { items: number }[];
  assert.deepEqual(
    feeds.map((feed) => feed.items),
    [1],
  );
  assert.deepEqual(
    fs.readdirSync(path.join(dir, 'public', 'items')),
    pagesBefore,
    'one item page, at the URL it had before the move',
  );

  // It moves once more: its pages keep the name they got under the first address.
  movedAgain = true;
  await tidings('update', '--force');
  writeConfig(feedEntry('News', 'Site', 'M', `${base}/newer.xml`));
  const again = await tidings('update', '--force');
  assert.match(again.stdout, /kept +News › Site › M: the 1 stored item\(s\) of .*\/new\.xml/);
  assert.deepEqual(fs.readdirSync(path.join(dir, 'public', 'items')), pagesBefore);
});

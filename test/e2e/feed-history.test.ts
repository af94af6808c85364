import assert from 'node:assert/strict';
import fs from 'node:fs';
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
  return (
    `  - category: ${category}\n    sites:\n      - name: ${site}\n        feeds:\n` +
    `          - name: ${name}\n            file: ${file}\n`
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
  assert.match(built.stdout, /Sport › Other › B renamed: 1 item\(s\)/);
  assert.match(fs.readFileSync(page('Sport', 'Other', 'B-renamed'), 'utf8'), /Beta b1/);
});

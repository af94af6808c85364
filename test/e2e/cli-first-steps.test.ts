import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { runTidingsSync } from '../support/run-tidings.js';

// What a first-time user meets: the first steps after `tidings init`, and the messages of the
// usual early mistakes. Each message must say what to do next.
const tidings = runTidingsSync;

const dirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-first-'));
  dirs.push(dir);
  return dir;
}
after(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

describe('first steps', () => {
  test('no config here: the message points at tidings init, exit 1', () => {
    const result = tidings(['update'], tempDir());
    assert.equal(result.code, 1);
    assert.match(
      result.stderr,
      /^tidings: tidings\.yaml: config file not found; write one with "tidings init", or pass --config FILE\n$/,
    );
  });

  test('--config naming a folder: the message names the config file in it, exit 1', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'tidings.yaml'), 'site:\n  title: x\n');
    const result = tidings(['feeds', '--config', dir]);
    assert.equal(result.code, 1);
    assert.equal(
      result.stderr,
      `tidings: ${dir}: a folder, not a config file (--config ${path.join(dir, 'tidings.yaml')}?)\n`,
    );
  });

  test('init into a path that is a file says so, exit 1, and writes nothing', () => {
    const dir = tempDir();
    const file = path.join(dir, 'notes.txt');
    fs.writeFileSync(file, 'kept\n');
    for (const target of [file, path.join(file, 'site')]) {
      const result = tidings(['init', target], dir);
      assert.equal(result.code, 1, result.stderr);
      assert.equal(
        result.stderr,
        `tidings: ${target}: cannot write there, ${file} is a file, not a folder\n`,
      );
    }
    assert.equal(fs.readFileSync(file, 'utf8'), 'kept\n');
  });

  test('init DIR: the next step says to go there first, then edit, then update', () => {
    const dir = tempDir();
    const result = tidings(['init', 'news'], dir);
    assert.equal(result.code, 0, result.stderr);
    assert.match(
      result.stdout,
      /^Next: cd news, edit tidings\.yaml \(site and sources\), then tidings update && tidings serve$/m,
    );
    const here = tidings(['init'], path.join(dir, 'news'));
    assert.equal(here.code, 1, 'the folder has its tidings.yaml now');
    const fresh = tempDir();
    const inPlace = tidings(['init'], fresh);
    assert.match(
      inPlace.stdout,
      /^Next: edit tidings\.yaml \(site and sources\), then tidings update && tidings serve$/m,
    );
  });

  test('parse --time-zone with no such zone is a usage error, as is a bad --base-url', () => {
    const dir = tempDir();
    const feed = path.join(dir, 'feed.xml');
    fs.writeFileSync(
      feed,
      '<rss version="2.0"><channel><title>t</title><item><title>i</title><guid>g</guid>' +
        '<pubDate>2021年12月25日 08:03</pubDate></item></channel></rss>',
    );
    const zone = tidings(['parse', feed, '--time-zone', 'Mars/Olympus']);
    assert.equal(zone.code, 2);
    assert.equal(zone.stdout, '');
    assert.equal(
      zone.stderr,
      'tidings: --time-zone Mars/Olympus: not an IANA time zone (such as Asia/Shanghai or UTC)\n',
    );
    const base = tidings(['parse', feed, '--base-url', 'not a url']);
    assert.equal(base.code, 2);
    assert.equal(base.stderr, 'tidings: --base-url not a url: not an absolute URL\n');
    const shanghai = tidings(['parse', feed, '--time-zone', 'Asia/Shanghai']);
    assert.equal(shanghai.code, 0, shanghai.stderr);
    assert.match(shanghai.stdout, /"published": "2021-12-25T00:03:00\.000Z"/);
  });
});

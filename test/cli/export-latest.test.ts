import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { latestPerFeed } from '../../src/export/latest-per-feed.js';
import type { StoredItem } from '../../src/store/store.js';
import { repo, runTidingsSync } from '../support/run-tidings.js';

test("latestPerFeed keeps each feed's first N items of a newest-first stream, in order", () => {
  const item = (feedKey: string, key: string) => ({ feedKey, key }) as StoredItem;
  const stream = [
    item('a', '1'),
    item('b', '1'),
    item('a', '2'),
    item('a', '3'),
    item('b', '2'),
    item('c', '1'),
    item('b', '3'),
  ];
  assert.deepEqual(
    [...latestPerFeed(stream, 2)].map((i) => `${i.feedKey}${i.key}`),
    ['a1', 'b1', 'a2', 'b2', 'c1'],
  );
});

/** Every post under `dir`, by its feed folder: the dates its front matter gives. */
function postDates(dir: string): Map<string, number[]> {
  const byFeed = new Map<string, number[]>();
  for (const name of fs.readdirSync(dir, { recursive: true }) as string[]) {
    if (!name.endsWith('.md')) continue;
    const text = fs.readFileSync(path.join(dir, name), 'utf8');
    const date = Date.parse(/^date: (.*)$/m.exec(text)?.[1] ?? '');
    const feed = path.dirname(name);
    byFeed.set(feed, [...(byFeed.get(feed) ?? []), date]);
  }
  return byFeed;
}

test("export hexo --latest N writes each feed's N newest posts, and removes the older ones it wrote", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-export-latest-'));
  fs.cpSync(path.join(repo, 'examples/demo'), dir, {
    recursive: true,
    filter: (source) => !/tidings\.db|[/\\]public$/.test(source),
  });
  const config = path.join(dir, 'tidings.yaml');
  const posts = path.join(dir, 'posts');
  const tidings = (...args: string[]) => runTidingsSync([...args, '--config', config], dir);
  try {
    assert.equal(tidings('update', '--no-build').code, 0);
    const all = tidings('export', 'hexo', '--out', posts);
    assert.equal(all.code, 0, all.stderr);
    const everything = postDates(posts);
    const total = [...everything.values()].reduce((sum, dates) => sum + dates.length, 0);
    assert.ok(
      [...everything.values()].some((dates) => dates.length > 2),
      'a feed has more than 2',
    );

    const latest = tidings('export', 'hexo', '--out', posts, '--latest', '2');
    assert.equal(latest.code, 0, latest.stderr);
    const kept = postDates(posts);
    assert.deepEqual(
      [...kept.keys()].sort(),
      [...everything.keys()].sort(),
      'every feed keeps posts',
    );
    let keptCount = 0;
    for (const [feed, dates] of kept) {
      const newest = [...everything.get(feed)!].sort((a, b) => b - a).slice(0, 2);
      assert.deepEqual(
        [...dates].sort((a, b) => b - a),
        newest,
        feed,
      );
      keptCount += dates.length;
    }
    assert.match(
      latest.stdout,
      new RegExp(`Exported ${keptCount} post\\(s\\).* ${total - keptCount} removed`),
    );

    const bad = tidings('export', 'hexo', '--out', posts, '--latest', '0');
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--latest <n>' argument '0' is invalid/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

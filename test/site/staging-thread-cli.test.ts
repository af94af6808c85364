import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import type { Item } from '../../src/content/item.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import { sinaFinanceSource } from '../support/sample-source.js';
import { siteTree } from '../support/site-tree.js';
import { cli } from '../support/run-tidings.js';

// The built CLI (`dist/cli/main.js`, as users run it, bundled or not) rebuilding enough files
// to stage them on their own thread (staging-thread.ts, from 200 files): the thread's entry
// file must ship with the CLI, and the rebuilt site must be the one a full build makes.

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-staging-cli-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

function item(n: number): Item {
  const body = `第 ${n} 条：制造业 ${n}`;
  return {
    key: `item-${n}`,
    title: `标题 ${n}`,
    link: `https://example.com/${n}`,
    published: new Date(Date.UTC(2021, 11, 1) + n * 3_600_000).toISOString(),
    publishedText: null,
    updated: null,
    author: null,
    contentHtml: `<p>${body}</p>`,
    sourceHtml: `<p>${body}</p>`,
    excerpt: body,
    text: body,
    readingMinutes: 1,
    image: null,
    categories: [],
  };
}

function writeConfig(file: string, title: string, output: string): void {
  fs.writeFileSync(
    file,
    [
      'site:',
      `  title: ${title}`,
      '  url: https://example.github.io/news',
      '  language: zh-CN',
      '  timezone: Asia/Shanghai',
      '  perPage: 10',
      `  output: ${output}`,
      'store: tidings.db',
      'sources:',
      '  - category: 金融',
      '    sites:',
      '      - name: 新浪财经',
      '        feeds:',
      '          - name: 新浪财经－国內',
      '            url: http://127.0.0.1:1200/sina/finance',
      '',
    ].join('\n'),
  );
}

function build(config: string, ...extra: string[]): { code: number | null; out: string } {
  const result = spawnSync(process.execPath, [cli, 'build', '--config', config, ...extra], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 120_000,
    // Its own settings cache (build-settings.ts), not the user's.
    env: { ...process.env, XDG_CACHE_HOME: path.join(dir, 'cache') },
  });
  return { code: result.status, out: result.stdout + result.stderr };
}

test('tidings build stages a large rebuild on its thread and leaves what a full build makes', () => {
  const store = openSqliteStore(path.join(dir, 'tidings.db'));
  const at = '2021-12-25T01:00:00.000Z';
  store.saveFeed(
    sinaFinanceSource,
    { title: null, link: null },
    Array.from({ length: 250 }, (_, n) => item(n)),
    { at, etag: null, lastModified: null, bodyHash: null, movedTo: null, nextDueAt: at },
  );
  store.close();
  const config = path.join(dir, 'tidings.yaml');
  writeConfig(config, 'Tidings', 'public');
  const first = build(config);
  assert.equal(first.code, 0, first.out);
  // A new title is on every page: ~250 item pages and the lists, all rendered on the main
  // thread (too few item pages for their threads), so the staging thread writes them.
  writeConfig(config, 'Tidings 新闻', 'public');
  const rebuilt = build(config);
  assert.equal(rebuilt.code, 0, rebuilt.out);
  const written = Number(/([\d,]+) file\(s\) written/.exec(rebuilt.out)?.[1]?.replace(',', ''));
  assert.ok(written >= 250, rebuilt.out);

  const reference = path.join(dir, 'reference.yaml');
  writeConfig(reference, 'Tidings 新闻', 'reference');
  const full = build(reference, '--full');
  assert.equal(full.code, 0, full.out);
  const actual = siteTree(path.join(dir, 'public'));
  const expected = siteTree(path.join(dir, 'reference'));
  assert.deepEqual([...actual.keys()].sort(), [...expected.keys()].sort());
  for (const [file, bytes] of expected) assert.ok(actual.get(file)?.equals(bytes), file);
});

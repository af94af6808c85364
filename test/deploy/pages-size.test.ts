import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import {
  folderBytes,
  GITHUB_PAGES_MAX_BYTES,
  pagesSizeWarning,
} from '../../src/deploy/pages-size.js';

test('folderBytes adds up every file under the folder, nested ones too', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-pages-size-'));
  try {
    fs.mkdirSync(path.join(dir, 'items', 'deep'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'index.html'), 'x'.repeat(1000));
    fs.writeFileSync(path.join(dir, 'items', 'a.html'), '新闻'); // 6 bytes of UTF-8
    fs.writeFileSync(path.join(dir, 'items', 'deep', 'b.html'), Buffer.alloc(4096));
    assert.equal(folderBytes(dir), 1000 + 6 + 4096);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a site larger than GitHub Pages takes is a warning for GitHub repositories only', () => {
  const over = GITHUB_PAGES_MAX_BYTES + 1;
  for (const repo of ['https://github.com/me/news.git', 'git@github.com:me/news.git']) {
    assert.match(
      pagesSizeWarning(repo, () => over) ?? '',
      /1\.00 GB.*at most 1 GB.*site\.maxAgeDays/,
    );
    assert.equal(
      pagesSizeWarning(repo, () => GITHUB_PAGES_MAX_BYTES),
      null,
    );
  }
  const notMeasured = (): number => assert.fail('the site is measured for GitHub only');
  assert.equal(pagesSizeWarning('https://gitlab.com/me/news.git', notMeasured), null);
  assert.equal(pagesSizeWarning('/srv/git/news.git', notMeasured), null);
});

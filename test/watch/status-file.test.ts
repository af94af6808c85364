import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mock, test } from 'node:test';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import { refreshStatusFile } from '../../src/watch/status-file.js';
import { sinaFinanceSource } from '../support/sample-source.js';

test('status.json refreshed on a full disk: the old file stays, no half-written file is left', () => {
  const output = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-status-'));
  const store = openSqliteStore(':memory:');
  const write = fs.writeFileSync;
  const full = mock.method(fs, 'writeFileSync', (...args: Parameters<typeof write>) => {
    write(args[0], String(args[1]).slice(0, 10)); // part of it, then the disk is full
    throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
  });
  try {
    const target = path.join(output, 'status.json');
    write(target, '{"old":true}\n');
    assert.throws(() => refreshStatusFile(output, store), {
      message: `cannot write ${target}: ENOSPC: no space left on device, write`,
    });
    assert.deepEqual(fs.readdirSync(output), ['status.json'], 'no temporary file in the site');
    assert.equal(fs.readFileSync(target, 'utf8'), '{"old":true}\n');
  } finally {
    full.mock.restore();
    store.close();
    fs.rmSync(output, { recursive: true, force: true });
  }
});

test('status.json refreshed by watch counts the configured feeds only, as a build does', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-status-'));
  const output = path.join(dir, 'public');
  fs.mkdirSync(output);
  const store = openSqliteStore(path.join(dir, 'tidings.db'));
  try {
    const at = '2026-11-26T11:00:00.000Z';
    const record = {
      at,
      etag: null,
      lastModified: null,
      bodyHash: null,
      movedTo: null,
      nextDueAt: at,
    };
    const removed = { ...sinaFinanceSource, key: 'rsshub:/removed' };
    store.recordUnchanged(sinaFinanceSource, record);
    store.recordUnchanged(removed, record);
    fs.writeFileSync(path.join(output, 'status.json'), '{}\n');
    assert.equal(refreshStatusFile(output, store, [sinaFinanceSource]), true);
    const status = JSON.parse(fs.readFileSync(path.join(output, 'status.json'), 'utf8')) as {
      feeds: { total: number };
    };
    assert.equal(status.feeds.total, 1);
  } finally {
    store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('status.json refreshed by watch: no temporary file ever in the site (a deploy may be staging it)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-status-'));
  const output = path.join(dir, 'public');
  fs.mkdirSync(output);
  const store = openSqliteStore(':memory:');
  const rename = fs.renameSync;
  let seen: string[] = [];
  const watched = mock.method(fs, 'renameSync', (...args: Parameters<typeof rename>) => {
    seen = fs.readdirSync(output);
    rename(...args);
  });
  try {
    fs.writeFileSync(path.join(output, 'status.json'), '{}\n');
    assert.equal(refreshStatusFile(output, store), true);
    assert.equal(watched.mock.callCount(), 1);
    assert.deepEqual(seen, ['status.json'], 'the site held status.json alone when it was replaced');
    assert.deepEqual(fs.readdirSync(dir), ['public'], 'no temporary file beside it either');
  } finally {
    watched.mock.restore();
    store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

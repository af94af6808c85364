import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mock, test } from 'node:test';
import { processIsGone, recoverInterruptedBuild } from '../../src/watch/interrupted-build.js';

test('a build cut between the two renames of its swap: the previous site is moved back', () => {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-interrupted-'));
  try {
    const output = path.join(parent, 'public');
    const retired = path.join(parent, '.public.tidings-old-4242-abcd1234');
    const staging = path.join(parent, '.public.tidings-new-4242-abcd1234');
    const someoneElses = path.join(parent, '.public.tidings-new-777-ffff0000');
    for (const folder of [retired, staging, someoneElses]) fs.mkdirSync(folder);
    fs.writeFileSync(path.join(retired, 'index.html'), 'previous site');
    fs.writeFileSync(path.join(staging, 'index.html'), 'half a new site');

    recoverInterruptedBuild(output, (pid) => pid === 4242);
    assert.equal(fs.readFileSync(path.join(output, 'index.html'), 'utf8'), 'previous site');
    assert.deepEqual(fs.readdirSync(parent).sort(), ['.public.tidings-new-777-ffff0000', 'public']);

    // With the site in place, a retired copy is simply removed.
    fs.mkdirSync(retired);
    recoverInterruptedBuild(output, (pid) => pid === 4242);
    assert.equal(fs.existsSync(retired), false);
    assert.equal(fs.readFileSync(path.join(output, 'index.html'), 'utf8'), 'previous site');
  } finally {
    fs.rmSync(parent, { recursive: true, force: true });
  }
});

test('processIsGone: ours is not; a missing output parent is no error', () => {
  assert.equal(processIsGone(process.pid), false);
  recoverInterruptedBuild('/nonexistent/dir/public', () => true);
});

test('an incremental build stopped: its staging folder goes, unless pages are being moved in', () => {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-interrupted-'));
  try {
    const output = path.join(parent, 'public');
    fs.mkdirSync(output);
    const staging = path.join(parent, '.public.tidings-commit-4242-abcd1234');
    fs.mkdirSync(path.join(staging, 'items'), { recursive: true });
    fs.writeFileSync(path.join(staging, 'items', 'a.html'), 'a new page');
    assert.equal(
      recoverInterruptedBuild(output, (pid) => pid === 4242),
      false,
    );
    assert.deepEqual(fs.readdirSync(parent), ['public']);

    // With its journal written, the move has begun: the next build finishes it.
    fs.mkdirSync(staging);
    fs.writeFileSync(path.join(staging, '.tidings-journal.json'), '{"moves":[],"removes":[]}');
    assert.equal(
      recoverInterruptedBuild(output, (pid) => pid === 4242),
      true,
    );
    assert.equal(fs.existsSync(path.join(staging, '.tidings-journal.json')), true);
  } finally {
    fs.rmSync(parent, { recursive: true, force: true });
  }
});

test('a staging folder that cannot be removed (pages still being written into it) is no error', () => {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-interrupted-'));
  const removal = mock.method(fs, 'rmSync', () => {
    throw Object.assign(new Error('ENOTEMPTY: directory not empty, rmdir'), { code: 'ENOTEMPTY' });
  });
  try {
    const staging = path.join(parent, '.public.tidings-new-4242-abcd1234');
    fs.mkdirSync(staging);
    // Called from a signal handler: a throw would end the process with a stack trace.
    assert.doesNotThrow(() => recoverInterruptedBuild(path.join(parent, 'public'), () => true));
    assert.equal(removal.mock.callCount() > 0, true);
  } finally {
    removal.mock.restore();
    fs.rmSync(parent, { recursive: true, force: true });
  }
});

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { setTimeout as delay } from 'node:timers/promises';
import { afterEach, beforeEach, describe, mock, test } from 'node:test';
import { outputLockPath, withOutputLock } from '../../src/site/output-lock.js';
import {
  processIsGone,
  recoverInterruptedBuild,
  recoverInterruptedBuildLocked,
  recoverOwnBuildAtExit,
} from '../../src/watch/interrupted-build.js';
import { standInDeploy } from '../support/stand-in-deploy.js';

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

// Cleaning up may move the previous site back into the output folder: only holding the
// folder's lock, which `deploy git` holds while git reads the folder.
describe('with the output folder lock', () => {
  let parent = '';
  let holder: ChildProcess | null = null;
  beforeEach(() => {
    parent = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-interrupted-lock-'));
  });
  afterEach(() => {
    holder?.kill('SIGKILL');
    holder = null;
    fs.rmSync(parent, { recursive: true, force: true });
  });
  /** A live process standing for a deploy reading the output folder, holding its lock. */
  const deployHolding = async (output: string): Promise<number> => {
    const standIn = await standInDeploy(outputLockPath(output));
    holder = standIn.child;
    return standIn.holder.pid;
  };

  test('at start: waits for a deploy holding the lock before moving the previous site back', async () => {
    const output = path.join(parent, 'public');
    const retired = path.join(parent, '.public.tidings-old-4242-abcd1234');
    fs.mkdirSync(retired);
    fs.writeFileSync(path.join(retired, 'index.html'), 'previous site');
    const pid = await deployHolding(output);
    const notices: string[] = [];
    let done = false;
    const recovery = recoverInterruptedBuildLocked(output, (p) => p === 4242, 'tidings watch', {
      waitMs: 60_000,
      onNotice: (notice) => notices.push(notice),
    }).then(() => (done = true));
    await delay(500);
    assert.equal(done, false, 'it waits');
    assert.equal(fs.existsSync(output), false, 'nothing moved under the deploy');
    assert.equal(fs.existsSync(retired), true);
    assert.equal(notices.length, 1);
    assert.match(notices[0]!, new RegExp(`^${output} is in use by "tidings deploy git" \\(pid ${pid}, since .*\\): waiting up to 60 s for it`)); // prettier-ignore

    fs.rmSync(outputLockPath(output)); // the deploy is done
    await recovery;
    assert.equal(fs.readFileSync(path.join(output, 'index.html'), 'utf8'), 'previous site');
    assert.deepEqual(fs.readdirSync(parent), ['public'], 'its own lock released too');
  });

  test('at start with nothing to clean up: no lock taken, no waiting', async () => {
    const output = path.join(parent, 'public');
    fs.mkdirSync(output);
    await deployHolding(output);
    const started = Date.now();
    const moving = await recoverInterruptedBuildLocked(output, () => true, 'tidings watch', {
      waitMs: 60_000,
    });
    assert.equal(moving, false);
    assert.ok(Date.now() - started < 500);
  });

  test('at exit: a deploy holding the lock leaves our folders as they are, saying why', async () => {
    const output = path.join(parent, 'public');
    fs.mkdirSync(output);
    fs.writeFileSync(path.join(output, 'index.html'), 'the site');
    const staging = path.join(parent, `.public.tidings-new-${process.pid}-abcd1234`);
    fs.mkdirSync(staging);
    const pid = await deployHolding(output);
    const lockText = fs.readFileSync(outputLockPath(output), 'utf8');

    const recovery = recoverOwnBuildAtExit(output, 'tidings watch');
    assert.equal(recovery.left, true);
    assert.match(
      (recovery as { reason: string }).reason,
      new RegExp(`^${output} is in use by "tidings deploy git" \\(pid ${pid}, since `),
    );
    assert.equal(fs.existsSync(staging), true, 'left for the next build');
    assert.equal(fs.readFileSync(outputLockPath(output), 'utf8'), lockText, 'lock untouched');
    assert.equal(fs.readFileSync(path.join(output, 'index.html'), 'utf8'), 'the site');

    // The deploy is done: the next attempt cleans up, and leaves no lock behind.
    fs.rmSync(outputLockPath(output));
    assert.deepEqual(recoverOwnBuildAtExit(output, 'tidings watch'), {
      left: false,
      moving: false,
    });
    assert.deepEqual(fs.readdirSync(parent), ['public']);
  });

  test('at exit, a clean-up that fails says so instead of throwing, and releases the lock', () => {
    // The previous site cannot go back into place: a dangling link where the output was
    // (existsSync says no folder; renaming a folder over it fails with ENOTDIR).
    const output = path.join(parent, 'public');
    fs.symlinkSync(path.join(parent, 'nowhere'), output);
    const retired = path.join(parent, `.public.tidings-old-${process.pid}-abcd1234`);
    fs.mkdirSync(retired);
    fs.writeFileSync(path.join(retired, 'index.html'), 'previous site');
    assert.deepEqual(recoverOwnBuildAtExit(output, 'tidings build'), {
      left: true,
      reason: 'cleaning up failed: ENOTDIR; the next build finishes it',
    });
    assert.equal(fs.existsSync(outputLockPath(output)), false, 'lock released');
    assert.equal(fs.readFileSync(path.join(retired, 'index.html'), 'utf8'), 'previous site');
  });

  test('at exit while our own build holds the lock (moving its pages in): cleaned up', async () => {
    const output = path.join(parent, 'public');
    const retired = path.join(parent, `.public.tidings-old-${process.pid}-abcd1234`);
    fs.mkdirSync(retired);
    fs.writeFileSync(path.join(retired, 'index.html'), 'previous site');
    await withOutputLock(output, 'site build', { waitMs: 0 }, () => {
      // Stopped between the two renames of the swap: the previous site goes back.
      assert.deepEqual(recoverOwnBuildAtExit(output, 'tidings build'), {
        left: false,
        moving: false,
      });
      assert.equal(fs.existsSync(outputLockPath(output)), true, 'still held by the build');
    });
    assert.equal(fs.readFileSync(path.join(output, 'index.html'), 'utf8'), 'previous site');
    assert.deepEqual(fs.readdirSync(parent), ['public']);
  });
});

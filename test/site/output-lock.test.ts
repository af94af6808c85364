import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { after, test } from 'node:test';
import { outputLockPath } from '../../src/site/output-lock.js';
import { writeOutput, type OutputFile } from '../../src/site/write-output.js';
import { standInDeploy } from '../support/stand-in-deploy.js';

// A build moves its pages into the output folder only holding the folder's lock, which `deploy
// git` holds while git reads the folder: the build waits for the deploy, it does not fail.

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-output-lock-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

const site = (home: string): OutputFile[] => [
  { path: 'index.html', key: home, render: () => home },
  { path: 'items/a.html', key: 'a', render: () => 'a' },
];

for (const full of [false, true]) {
  test(`${full ? 'a full' : 'an incremental'} build waits for a deploy holding the output lock`, async (t) => {
    const output = path.join(dir, full ? 'full' : 'incremental');
    await writeOutput(output, site('one'));
    const lock = outputLockPath(output);
    assert.equal(fs.existsSync(lock), false, 'a build leaves no lock behind');

    // A deploy of another process, reading the folder.
    const { child: deploy, holder } = await standInDeploy(lock);
    t.after(() => deploy.kill('SIGKILL'));

    let done = false;
    const build = writeOutput(output, site('two'), { full }).then((result) => {
      done = true;
      return result;
    });
    await delay(700);
    assert.equal(done, false, 'the build waits');
    assert.equal(fs.readFileSync(path.join(output, 'index.html'), 'utf8'), 'one');
    assert.deepEqual(JSON.parse(fs.readFileSync(lock, 'utf8')), holder, 'the lock is left alone');

    fs.rmSync(lock); // the deploy has staged the site
    const result = await build;
    assert.equal(result.written, 1);
    assert.equal(fs.readFileSync(path.join(output, 'index.html'), 'utf8'), 'two');
    assert.equal(fs.existsSync(lock), false);
  });
}

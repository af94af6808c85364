import assert from 'node:assert/strict';
import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import { deployToGitBranch } from '../../src/deploy/git-deploy.js';
import { outputLockPath } from '../../src/site/output-lock.js';
import { cli, runTidings } from '../support/run-tidings.js';

// `tidings deploy git` reads the output folder under its lock, which builds (update, watch)
// take to move a new site in: never half of one build and half of the next. Local bare
// repositories only.

const git = (args: string[]) =>
  execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

/** A pid that surely runs no process: one that just exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
    encoding: 'utf8',
  });
  return Number(child.stdout);
}

describe('tidings deploy git and the output folder lock', () => {
  let dir = '';
  let bare = '';
  let config = '';
  let site = '';
  let lock = '';
  let holder: ChildProcess | null = null;

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-deploy-lock-'));
    bare = path.join(dir, 'remote.git');
    git(['init', '--quiet', '--bare', bare]);
    config = path.join(dir, 'tidings.yaml');
    site = path.join(dir, 'public');
    fs.writeFileSync(config, 'site:\n  url: https://someone.github.io/news/\n  output: public\n');
    fs.mkdirSync(site);
    fs.writeFileSync(path.join(site, 'index.html'), '<!doctype html><title>one</title>');
    lock = outputLockPath(site);
  });
  after(() => {
    holder?.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const branchHead = (branch: string) =>
    spawnSync('git', ['--git-dir', bare, 'rev-parse', '--verify', '--quiet', branch], {
      encoding: 'utf8',
    }).stdout.trim();
  const holdLock = (pid: number, command = 'site build') =>
    fs.writeFileSync(
      lock,
      JSON.stringify({
        pid,
        hostname: os.hostname(),
        command,
        startedAt: new Date().toISOString(),
      }),
    );
  /** A live process standing for a build that is moving its pages in. */
  const liveHolder = async (): Promise<number> => {
    holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' });
    await once(holder, 'spawn');
    return holder.pid!;
  };

  test('a deploy leaves no lock behind', async () => {
    const result = await runTidings(['deploy', 'git', '--repo', bare, '--config', config]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^Published /);
    assert.equal(result.stderr, '');
    assert.equal(fs.existsSync(lock), false);
    assert.equal(fs.existsSync(`${lock}.takeover`), false);
  });

  test('no built site, not even its parent folder: said so, no lock file made', async () => {
    const missing = path.join(dir, 'missing', 'public');
    await assert.rejects(
      deployToGitBranch({ outputDir: missing, repo: bare, branch: 'gh-pages' }),
      { name: 'DeployError', message: `${missing}: no built site here; run "tidings update" or "tidings build" first` }, // prettier-ignore
    );
    const empty = path.join(dir, 'empty');
    fs.mkdirSync(empty);
    await assert.rejects(
      deployToGitBranch({ outputDir: empty, repo: bare, branch: 'gh-pages' }),
      /has no index\.html, so it is not a built site/,
    );
    assert.equal(fs.existsSync(outputLockPath(empty)), false);
  });

  test('while a live run holds the lock the deploy waits, publishing nothing, then publishes', async () => {
    const pid = await liveHolder();
    holdLock(pid);
    fs.writeFileSync(path.join(site, 'index.html'), '<!doctype html><title>two</title>');
    const before = branchHead('gh-pages');
    const deploy = spawn(process.execPath, [cli, 'deploy', 'git', '--repo', bare, '--config', config], { stdio: ['ignore', 'pipe', 'pipe'] }); // prettier-ignore
    let stderr = '';
    deploy.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    let exited = false;
    const exit = new Promise<number | null>((resolve) =>
      deploy.on('exit', (code) => {
        exited = true;
        resolve(code);
      }),
    );
    for (let waited = 0; !stderr.includes('waiting') && !exited && waited < 20_000; waited += 20) {
      await delay(20);
    }
    assert.equal(
      stderr,
      `tidings: ${site} is in use by "site build" (pid ${pid}, since ` +
        `${JSON.parse(fs.readFileSync(lock, 'utf8')).startedAt}): waiting up to 60 s for it (${lock})\n`,
    );
    await delay(500);
    assert.equal(exited, false, 'still waiting');
    assert.equal(branchHead('gh-pages'), before, 'nothing published while the lock is held');

    fs.rmSync(lock); // the build has moved its pages in
    assert.equal(await exit, 0, stderr);
    assert.equal(git(['--git-dir', bare, 'show', 'gh-pages:index.html']), '<!doctype html><title>two</title>'); // prettier-ignore
    assert.equal(fs.existsSync(lock), false, 'its own lock released');
    holder?.kill('SIGKILL');
  });

  test('a live holder that stays: the deploy fails naming the lock and its holder; nothing published', async () => {
    const pid = await liveHolder();
    holdLock(pid, 'tidings deploy git');
    fs.writeFileSync(path.join(site, 'index.html'), '<!doctype html><title>three</title>');
    const before = branchHead('gh-pages');
    const notices: string[] = [];
    await assert.rejects(
      deployToGitBranch({
        outputDir: site,
        repo: bare,
        branch: 'gh-pages',
        lockWaitMs: 300,
        onLockNotice: (notice) => notices.push(notice),
      }),
      (error: Error) =>
        error.name === 'SiteOutputError' &&
        error.message.startsWith(`${site} is in use by "tidings deploy git" (pid ${pid}, since `) &&
        error.message.includes(`which still held ${lock} after 0.3 s; wait for it to finish`),
    );
    assert.equal(notices.length, 1);
    assert.equal(branchHead('gh-pages'), before);
    assert.equal(JSON.parse(fs.readFileSync(lock, 'utf8')).pid, pid, "the holder's lock is left");
    holder?.kill('SIGKILL');
    await once(holder!, 'exit');
  });

  test('deploy git --lock-wait bounds the wait: exit 1 naming the holder, nothing published', async () => {
    const pid = await liveHolder();
    holdLock(pid, 'tidings deploy git');
    const before = branchHead('gh-pages');
    const started = Date.now();
    const result = await runTidings(['deploy', 'git', '--repo', bare, '--config', config, '--lock-wait', '0.3']); // prettier-ignore
    assert.equal(result.code, 1, result.stderr);
    assert.ok(Date.now() - started < 20_000);
    const lines = result.stderr.trimEnd().split('\n');
    assert.equal(lines.length, 2, result.stderr);
    assert.match(lines[0]!, /: waiting up to 0\.3 s for it /);
    assert.match(lines[1]!, new RegExp(`^tidings: ${site} is in use by "tidings deploy git" \\(pid ${pid}, since .*which still held .* after 0\\.3 s`)); // prettier-ignore
    assert.equal(branchHead('gh-pages'), before);
    holder?.kill('SIGKILL');
    await once(holder!, 'exit');
  });

  test('a lock left by a run that is gone is taken over, and the site published', async () => {
    const gone = deadPid();
    fs.writeFileSync(
      lock,
      JSON.stringify({
        pid: gone,
        hostname: os.hostname(),
        command: 'site build',
        startedAt: '2026-01-01T00:00:00.000Z',
      }),
    );
    const result = await runTidings(['deploy', 'git', '--repo', bare, '--config', config]);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(
      result.stderr,
      `tidings: took over the output folder's lock of "site build" (pid ${gone}, since ` +
        '2026-01-01T00:00:00.000Z), which is no longer running\n',
    );
    assert.equal(git(['--git-dir', bare, 'show', 'gh-pages:index.html']), '<!doctype html><title>three</title>'); // prettier-ignore
    assert.equal(fs.existsSync(lock), false);
    assert.equal(fs.existsSync(`${lock}.takeover`), false);
  });
});

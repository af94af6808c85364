import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { detectInstall, npmSpecOfRemote, repositoryOf } from '../../src/init/install-spec.js';

const SHA = '0123456789abcdef0123456789abcdef01234567';

test("a remote's address as npm's install spec at a commit; never a password, never a local path", () => {
  const cases: [string, string | null][] = [
    ['https://github.com/someone/tidings.git', `github:someone/tidings#${SHA}`],
    ['https://github.com/someone/tidings', `github:someone/tidings#${SHA}`],
    [
      'https://x-access-token:ghp_secret@github.com/org/news.tidings/',
      `github:org/news.tidings#${SHA}`,
    ],
    ['git@github.com:someone/tidings.git', `github:someone/tidings#${SHA}`],
    ['ssh://git@github.com/someone/tidings.git', `github:someone/tidings#${SHA}`],
    ['https://gitlab.com/team/tidings.git', `git+https://gitlab.com/team/tidings.git#${SHA}`],
    ['git@gitlab.com:team/tidings.git', `git+ssh://git@gitlab.com/team/tidings.git#${SHA}`],
    ['https://me:secret@gitlab.com/team/tidings.git', null],
    ['/work/main', null],
    ['../tidings', null],
    ['file:///srv/git/tidings.git', null],
  ];
  for (const [remote, spec] of cases) assert.equal(npmSpecOfRemote(remote, SHA), spec, remote);
  assert.equal(repositoryOf(`github:someone/tidings#${SHA}`), 'github:someone/tidings');
});

test('detectInstall: a clone with a GitHub origin gives its commit, and says whether it is pushed', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-install-spec-'));
  const git = (...args: string[]) => {
    const result = spawnSync('git', ['-C', dir, ...args], {
      encoding: 'utf8',
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 't',
        GIT_AUTHOR_EMAIL: 't@localhost',
        GIT_COMMITTER_NAME: 't',
        GIT_COMMITTER_EMAIL: 't@localhost',
      },
    });
    assert.equal(result.status, 0, result.stderr);
    return result.stdout.trim();
  };
  try {
    assert.equal(detectInstall(dir), null, 'not a repository');
    git('init', '-q');
    fs.writeFileSync(path.join(dir, 'package.json'), '{}\n');
    git('add', 'package.json');
    git('commit', '-q', '-m', 'first');
    assert.equal(detectInstall(dir), null, 'no origin');
    git('remote', 'add', 'origin', 'https://github.com/someone/tidings.git');
    const head = git('rev-parse', 'HEAD');
    assert.deepEqual(detectInstall(dir), { spec: `github:someone/tidings#${head}`, pushed: false });
    git('update-ref', 'refs/remotes/origin/main', head);
    assert.deepEqual(detectInstall(dir), { spec: `github:someone/tidings#${head}`, pushed: true });
    // A folder inside the clone is not the clone (Tidings in a project's node_modules).
    fs.mkdirSync(path.join(dir, 'node_modules/tidings'), { recursive: true });
    assert.equal(detectInstall(path.join(dir, 'node_modules/tidings')), null);
    git('remote', 'set-url', 'origin', '/srv/git/tidings.git');
    assert.equal(detectInstall(dir), null, 'a local origin: the runners cannot fetch it');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

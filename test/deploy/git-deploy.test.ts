import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { cli, runTidings } from '../support/run-tidings.js';

// `tidings deploy git` against a local bare repository, driving the built CLI.

const git = (args: string[], cwd?: string) =>
  execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

describe('tidings deploy git', () => {
  let dir = '';
  let bare = '';
  let config = '';
  let site = '';

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-deploy-test-'));
    bare = path.join(dir, 'remote.git');
    git(['init', '--quiet', '--bare', bare]);
    config = path.join(dir, 'tidings.yaml');
    site = path.join(dir, 'public');
    fs.writeFileSync(config, 'site:\n  output: public\nstore: tidings.db\n');
    fs.mkdirSync(site);
    fs.writeFileSync(path.join(site, 'index.html'), '<!doctype html><title>one</title>');
    fs.writeFileSync(path.join(site, '.nojekyll'), '');
    fs.mkdirSync(path.join(site, 'items'));
    fs.writeFileSync(path.join(site, 'items', 'a.html'), 'a');
    fs.writeFileSync(path.join(site, 'items', 'b.html'), 'b');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const deploy = (...extra: string[]) =>
    runTidings(['deploy', 'git', '--repo', bare, '--config', config, ...extra]);
  const commits = () => git(['--git-dir', bare, 'rev-list', 'gh-pages']).trim().split('\n');
  const files = () =>
    git(['--git-dir', bare, 'ls-tree', '-r', '--name-only', 'gh-pages']).trim().split('\n');

  test('the first deploy creates the branch with exactly the site files', async () => {
    const result = await deploy();
    assert.equal(result.code, 0, result.stderr);
    assert.match(
      result.stdout,
      /^Published .* to gh-pages of .*: commit [0-9a-f]{12} \(4 added, 0 changed, 0 deleted\)\n$/,
    );
    assert.equal(commits().length, 1);
    assert.deepEqual(files(), ['.nojekyll', 'index.html', 'items/a.html', 'items/b.html']);
    // The config has no site.url: the published feeds would point at localhost.
    assert.match(
      result.stderr,
      /^tidings: warning: site\.url is http:\/\/localhost:4000, this machine: the published site's feeds, sitemap, robots\.txt and canonical links point there; set site\.url/,
    );
    assert.match(
      git(['--git-dir', bare, 'log', '-1', '--format=%s', 'gh-pages']),
      /^Site updated: \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC/,
    );
  });

  test('nothing changed: no commit, no push', async () => {
    const before = commits();
    const result = await deploy();
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /Nothing changed/);
    assert.deepEqual(commits(), before);
  });

  test('a site.url on this machine is a warning; a public one is not', async () => {
    const named = path.join(dir, 'named.yaml');
    for (const [url, warned] of [
      ['https://someone.github.io/news/', false],
      ['http://127.0.0.1:8080/', true],
      ['http://[::1]/', true],
      ['http://news.localhost/', true],
    ] as const) {
      fs.writeFileSync(named, `site:\n  url: ${url}\n  output: public\nstore: tidings.db\n`);
      const result = await runTidings(['deploy', 'git', '--repo', bare, '--config', named]);
      assert.equal(result.code, 0, result.stderr);
      assert.equal(/warning: site\.url is/.test(result.stderr), warned, `${url}: ${result.stderr}`);
    }
  });

  test('changes, additions and deletions: one commit on top, with the old one as parent', async () => {
    const before = commits();
    fs.writeFileSync(path.join(site, 'index.html'), '<!doctype html><title>two</title>');
    fs.rmSync(path.join(site, 'items', 'b.html'));
    fs.writeFileSync(path.join(site, 'items', 'c.html'), 'c');
    const result = await deploy('--json', '--message', 'news of the day');
    assert.equal(result.code, 0, result.stderr);
    const json = JSON.parse(result.stdout);
    assert.deepEqual(
      { changed: json.changed, added: json.added, modified: json.modified, deleted: json.deleted },
      { changed: true, added: 1, modified: 1, deleted: 1 },
    );
    const now = commits();
    assert.equal(now.length, 2);
    assert.equal(now[1], before[0], 'history kept: the previous deploy is the parent');
    assert.equal(now[0], json.commit);
    assert.deepEqual(files(), ['.nojekyll', 'index.html', 'items/a.html', 'items/c.html']);
    assert.equal(
      git(['--git-dir', bare, 'show', 'gh-pages:index.html']),
      '<!doctype html><title>two</title>',
    );
    assert.equal(
      git(['--git-dir', bare, 'log', '-1', '--format=%s', 'gh-pages']).trim(),
      'news of the day',
    );
    // The output folder is untouched: no .git appeared in it.
    assert.equal(fs.existsSync(path.join(site, '.git')), false);
  });

  test('another branch name; other branches of the repository are left alone', async () => {
    const result = await deploy('--branch', 'site');
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(
      git(['--git-dir', bare, 'for-each-ref', '--format=%(refname:short)', 'refs/heads'])
        .trim()
        .split('\n')
        .sort(),
      ['gh-pages', 'site'],
    );
  });

  test('--no-history: the branch stays one commit, replaced by each deploy that changes something', async () => {
    const flat = () => git(['--git-dir', bare, 'rev-list', 'flat']).trim().split('\n');
    const first = await deploy('--branch', 'flat', '--no-history');
    assert.equal(first.code, 0, first.stderr);
    const [one] = flat();
    assert.equal(flat().length, 1);

    fs.writeFileSync(path.join(site, 'items', 'd.html'), 'd');
    const second = await deploy('--branch', 'flat', '--no-history', '--json');
    assert.equal(second.code, 0, second.stderr);
    const json = JSON.parse(second.stdout);
    assert.deepEqual([json.changed, json.added, json.modified, json.deleted], [true, 1, 0, 0]);
    assert.deepEqual(flat(), [json.commit], 'one commit, with no parent');
    assert.notEqual(json.commit, one);
    assert.equal(git(['--git-dir', bare, 'show', 'flat:items/d.html']), 'd');

    const same = await deploy('--branch', 'flat', '--no-history');
    assert.match(same.stdout, /Nothing changed/);
    assert.deepEqual(flat(), [json.commit]);
  });

  test('a push the repository refuses says why; a branch pushed to meanwhile says so', async () => {
    // A server-side refusal (a hook, a protected branch, GitHub's 100 MB file limit) is not a
    // race: "run the deploy again" would fail the same way, and the reason is in git's
    // "remote:" lines.
    const hooked = path.join(dir, 'hooked.git');
    git(['init', '--quiet', '--bare', hooked]);
    const hook = path.join(hooked, 'hooks', 'pre-receive');
    fs.writeFileSync(hook, '#!/bin/sh\necho "GH001: Large files detected." >&2\nexit 1\n', {
      mode: 0o755,
    });
    for (const extra of [[], ['--no-history']]) {
      const refused = await runTidings(['deploy', 'git', '--repo', hooked, '--config', config, ...extra]); // prettier-ignore
      assert.equal(refused.code, 1);
      assert.match(refused.stderr, /^tidings: pushing to .*hooked\.git failed: .*GH001: Large files detected\..*pre-receive hook declined/m); // prettier-ignore
      assert.doesNotMatch(refused.stderr, /someone else pushed/);
    }

    // Someone pushes to the branch between the deploy's fetch and its push: a git on PATH
    // that adds a commit to the branch first, then pushes.
    const realGit = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
    const bin = path.join(dir, 'racing-bin');
    fs.mkdirSync(bin);
    fs.writeFileSync(
      path.join(bin, 'git'),
      `#!/bin/sh
case " $* " in *" push "*)
  tree=$("${realGit}" --git-dir "${bare}" rev-parse gh-pages^{tree})
  commit=$("${realGit}" --git-dir "${bare}" -c user.name=o -c user.email=o@o commit-tree "$tree" -p gh-pages -m other)
  "${realGit}" --git-dir "${bare}" update-ref refs/heads/gh-pages "$commit";;
esac
exec "${realGit}" "$@"
`,
      { mode: 0o755 },
    );
    const racingPath = { PATH: `${bin}${path.delimiter}${process.env['PATH']}` };
    for (const extra of [[], ['--no-history']]) {
      fs.writeFileSync(path.join(site, 'items', 'raced.html'), `raced ${extra.join('')}`);
      const moved = await runTidings(['deploy', 'git', '--repo', bare, '--config', config, ...extra], undefined, racingPath); // prettier-ignore
      assert.equal(moved.code, 1);
      assert.match(moved.stderr, /^tidings: gh-pages of .*remote\.git changed while publishing \(someone else pushed\); run the deploy again/m); // prettier-ignore
    }
    assert.equal(git(['--git-dir', bare, 'log', '-1', '--format=%s', 'gh-pages']).trim(), 'other');
    fs.rmSync(path.join(site, 'items', 'raced.html'));
  });

  test("run from a git hook: the hook's repository is left alone (GIT_DIR, GIT_INDEX_FILE…)", async () => {
    // A hook (say post-commit: tidings build && tidings deploy git) runs with git's variables
    // naming its own repository; they used to point the deploy at that repository's index.
    const own = path.join(dir, 'own');
    git(['init', '--quiet', own]);
    fs.writeFileSync(path.join(own, 'notes.txt'), 'mine');
    git(['add', 'notes.txt'], own);
    const index = path.join(own, '.git', 'index');
    const before = fs.readFileSync(index);
    fs.writeFileSync(path.join(site, 'items', 'hooked.html'), 'from a hook');
    const result = await runTidings(
      ['deploy', 'git', '--repo', bare, '--config', config],
      undefined,
      { GIT_DIR: path.join(own, '.git'), GIT_WORK_TREE: own, GIT_INDEX_FILE: index },
    );
    fs.rmSync(path.join(site, 'items', 'hooked.html'));
    assert.equal(result.code, 0, result.stderr);
    assert.ok(fs.readFileSync(index).equals(before), "the hook's index is untouched");
    assert.equal(git(['status', '--porcelain'], own).trim(), 'A  notes.txt');
    assert.equal(git(['--git-dir', bare, 'show', 'gh-pages:items/hooked.html']), 'from a hook');
  });

  test('a site of thousands of files: published, and no temporary folder left behind', async () => {
    // So many loose objects start git's background housekeeping, which used to be still
    // writing into the temporary repository when it was removed (an "internal error").
    const big = path.join(dir, 'big');
    fs.mkdirSync(path.join(big, 'items'), { recursive: true });
    fs.writeFileSync(path.join(big, 'index.html'), '<!doctype html><title>big</title>');
    for (let i = 0; i < 7000; i++) {
      fs.writeFileSync(path.join(big, 'items', `${i}.html`), randomBytes(2048).toString('hex'));
    }
    const bigConfig = path.join(dir, 'big.yaml');
    fs.writeFileSync(bigConfig, 'site:\n  output: big\nstore: tidings.db\n');
    const temp = path.join(dir, 'tmp');
    fs.mkdirSync(temp);
    const result = await runTidings(
      ['deploy', 'git', '--repo', bare, '--branch', 'big', '--config', bigConfig],
      undefined,
      { TMPDIR: temp },
      // 7,001 files: ~30 s with other work on the machine, over a minute at a load of 12.
      180_000,
    );
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /\(7001 added, 0 changed, 0 deleted\)/);
    assert.deepEqual(fs.readdirSync(temp), []);
  });

  test('SIGTERM during a deploy: a message, exit 143, no temporary folder, no half a branch', async () => {
    const site = path.join(dir, 'stopped');
    fs.mkdirSync(path.join(site, 'items'), { recursive: true });
    fs.writeFileSync(path.join(site, 'index.html'), '<!doctype html><title>stopped</title>');
    for (let i = 0; i < 3000; i++) {
      fs.writeFileSync(path.join(site, 'items', `${i}.html`), randomBytes(2048).toString('hex'));
    }
    const stoppedConfig = path.join(dir, 'stopped.yaml');
    fs.writeFileSync(stoppedConfig, 'site:\n  output: stopped\nstore: tidings.db\n');
    const temp = path.join(dir, 'tmp-stopped');
    fs.mkdirSync(temp);
    const child = spawn(
      process.execPath,
      [cli, 'deploy', 'git', '--repo', bare, '--branch', 'stopped', '--config', stoppedConfig],
      { env: { ...process.env, TMPDIR: temp }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    // Stopped once its temporary repository exists: by progress, not by the clock.
    for (let waited = 0; fs.readdirSync(temp).length === 0 && waited < 20_000; waited += 5) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    child.kill('SIGTERM');
    assert.equal(await exited, 143, stderr);
    assert.equal(
      stderr,
      `tidings: stopped by SIGTERM; stopped of ${bare} holds the previous site or this one, never part of one\n`,
    );
    assert.deepEqual(fs.readdirSync(temp), [], 'the temporary repository is removed');
    const branches = git(['--git-dir', bare, 'branch', '--list', 'stopped']).trim();
    if (branches !== '') {
      const published = git(['--git-dir', bare, 'ls-tree', '-r', '--name-only', 'stopped']);
      assert.equal(published.trim().split('\n').length, 3001);
    }
  });

  test('bad inputs: no site, unreachable repository, bad branch name, no --repo', async () => {
    const empty = path.join(dir, 'empty.yaml');
    fs.writeFileSync(empty, 'site:\n  output: nowhere\n');
    const noSite = await runTidings(['deploy', 'git', '--repo', bare, '--config', empty]);
    assert.equal(noSite.code, 1);
    assert.match(
      noSite.stderr,
      /nowhere: no built site here; run "tidings update" or "tidings build" first/,
    );
    const missing = await runTidings([
      'deploy',
      'git',
      '--repo',
      path.join(dir, 'none.git'),
      '--config',
      config,
    ]);
    assert.equal(missing.code, 1);
    assert.match(
      missing.stderr,
      /^tidings: cannot reach .*none\.git: .*does not appear to be a git repository/,
    );
    const token = await runTidings([
      'deploy',
      'git',
      '--repo',
      'http://user:s3cret@127.0.0.1:9/x.git',
      '--config',
      config,
    ]);
    assert.equal(token.code, 1);
    assert.doesNotMatch(token.stderr, /s3cret/, 'credentials never printed');
    // A password with an "@" left unencoded: none of it is printed either.
    const at = await runTidings(['deploy', 'git', '--repo', 'http://user:s3c@r3t@127.0.0.1:9/x.git', '--config', config]); // prettier-ignore
    assert.equal(at.code, 1);
    assert.doesNotMatch(at.stderr, /s3c|r3t/, `credentials never printed: ${at.stderr}`);
    const badBranch = await deploy('--branch', 'a..b');
    assert.equal(badBranch.code, 1);
    assert.match(badBranch.stderr, /--branch a\.\.b: not a valid branch name/);
    const usage = await runTidings(['deploy', 'git', '--config', config]);
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /required option '--repo/);
  });
});

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { after, before, describe, test } from 'node:test';
import { parse } from 'yaml';
import { cli, runTidingsSync } from '../support/run-tidings.js';

/*
 * The workflow's own bash steps (restore the store, tidings update, save the store), run as
 * GitHub runs them (`bash --noprofile --norc -eo pipefail`), in a shallow clone like
 * actions/checkout's, against a local bare repository as `origin`.
 */

interface Step {
  name?: string;
  run?: string;
  env?: Record<string, string>;
}
interface Workflow {
  env: Record<string, string>;
  jobs: { update: { steps: Step[] } };
}

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-workflow-'));
after(() => fs.rmSync(root, { recursive: true, force: true }));

let workflow: Workflow;
let origin: string;
/** A folder with a `tidings` that runs the built CLI, as `npm install --global` would give. */
const bin = path.join(root, 'bin');
let clones = 0;

function git(args: string[], cwd: string): string {
  const result = spawnSync('git', args, { cwd, encoding: 'utf8' });
  assert.equal(result.status, 0, `git ${args.join(' ')}: ${result.stderr}`);
  return result.stdout.trim();
}

/** A fresh runner: a shallow clone of the configuration, as actions/checkout makes. */
function checkout(): string {
  const dir = path.join(root, `checkout-${++clones}`);
  git(['clone', '--quiet', '--depth=1', `file://${origin}`, dir], root);
  return dir;
}

function step(name: string): Step {
  const found = workflow.jobs.update.steps.find((s) => s.name === name);
  assert.ok(found?.run, `the workflow has a step "${name}" that runs a script`);
  return found;
}

interface StepResult {
  code: number | null;
  out: string;
}

function runStep(name: string, cwd: string, env: Record<string, string> = {}): StepResult {
  const { run, env: stepEnv } = step(name);
  const runnerTemp = fs.mkdtempSync(path.join(root, 'runner-temp-'));
  const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', run!], {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      PATH: `${bin}:${process.env['PATH']}`,
      ...workflow.env,
      RUNNER_TEMP: runnerTemp,
      GITHUB_RUN_NUMBER: String(clones),
      ...stepEnv,
      ...env,
    },
  });
  return { code: result.status, out: result.stdout + result.stderr };
}

const restore = (cwd: string) => runStep('Restore the store from the data branch', cwd);
const update = (cwd: string) => runStep('Fetch the feeds and build the site', cwd);
const save = (cwd: string, env: Record<string, string> = {}) =>
  runStep('Save the store to the data branch', cwd, env);
/** Parts small enough for the demo store to make several. */
const SMALL_PARTS = { STORE_PART_SIZE: '8K' };

function branchFiles(): string[] {
  return git(['ls-tree', '--name-only', 'tidings-data'], origin).split('\n');
}

before(() => {
  const config = path.join(root, 'config');
  assert.equal(runTidingsSync(['init', config, '--demo', '--github-actions']).code, 0);
  const text = fs.readFileSync(path.join(config, '.github/workflows/tidings.yml'), 'utf8');
  workflow = parse(text) as Workflow;
  origin = path.join(root, 'origin.git');
  git(['init', '--quiet', '--bare', origin], root);
  git(['init', '--quiet', config], root);
  git(['add', '.'], config);
  git(['-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '--quiet', '-m', 'config'], config);
  git(['push', '--quiet', origin, 'HEAD:refs/heads/main'], config);
  git(['symbolic-ref', 'HEAD', 'refs/heads/main'], origin);
  fs.mkdirSync(bin);
  fs.writeFileSync(
    path.join(bin, 'tidings'),
    `#!/bin/sh\nexec "${process.execPath}" "${cli}" "$@"\n`,
    { mode: 0o755 },
  );
});

describe('the GitHub Actions workflow keeps the store on its data branch', () => {
  let firstStore: Buffer;

  test('a first run starts empty, then saves the store and its checksum', () => {
    const dir = checkout();
    const restored = restore(dir);
    assert.equal(restored.code, 0, restored.out);
    assert.match(restored.out, /::notice::No tidings-data branch yet/);
    assert.equal(fs.existsSync(path.join(dir, 'tidings.db')), false);

    assert.equal(update(dir).code, 0);
    firstStore = fs.readFileSync(path.join(dir, 'tidings.db'));
    const saved = save(dir);
    assert.equal(saved.code, 0, saved.out);
    const report = /Saved tidings\.db \(.*\) to tidings-data: (\d+) bytes compressed, in 1 part\(s\)\./.exec(saved.out); // prettier-ignore
    assert.ok(report, saved.out);
    assert.deepEqual(branchFiles(), ['store.db.gz.part-0001', 'store.db.sha256']);
    assert.equal(git(['cat-file', '-s', 'tidings-data:store.db.gz.part-0001'], origin), report[1]);
    assert.ok(Number(report[1]) < firstStore.length / 3, 'compressed');
    assert.equal(git(['rev-list', '--count', 'tidings-data'], origin), '1', 'one commit');
    const sum = git(['cat-file', 'blob', 'tidings-data:store.db.sha256'], origin);
    assert.equal(sum, `${createHash('sha256').update(firstStore).digest('hex')}  store.db`);
  });

  test('the next run restores the same bytes, and saves what it changed', () => {
    const dir = checkout();
    const restored = restore(dir);
    assert.equal(restored.code, 0, restored.out);
    assert.match(restored.out, /Restored tidings\.db \(.*\) from tidings-data\./);
    assert.ok(fs.readFileSync(path.join(dir, 'tidings.db')).equals(firstStore));
    const before = git(['rev-parse', 'tidings-data'], origin);

    // A run that fetches every feed again: the feeds' fetch times change.
    assert.equal(runTidingsSync(['update', '--force', '--config', 'tidings.yaml'], dir).code, 0);
    const changed = fs.readFileSync(path.join(dir, 'tidings.db'));
    assert.ok(!changed.equals(firstStore), 'the store changed');
    const saved = save(dir);
    assert.equal(saved.code, 0, saved.out);
    assert.notEqual(git(['rev-parse', 'tidings-data'], origin), before);
    assert.equal(git(['rev-list', '--count', 'tidings-data'], origin), '1', 'still one commit');

    const again = checkout();
    assert.equal(restore(again).code, 0);
    assert.ok(fs.readFileSync(path.join(again, 'tidings.db')).equals(changed));
  });

  test('a run that changed nothing pushes nothing', () => {
    const dir = checkout();
    assert.equal(restore(dir).code, 0);
    const before = git(['rev-parse', 'tidings-data'], origin);
    const saved = save(dir);
    assert.equal(saved.code, 0, saved.out);
    assert.match(saved.out, /has not changed since it was restored; nothing to save/);
    assert.equal(git(['rev-parse', 'tidings-data'], origin), before);
  });

  test('a branch whose name only ends in tidings-data is not the data branch', () => {
    // Say the user kept an old store aside as backup/tidings-data to start over.
    const good = git(['rev-parse', 'tidings-data'], origin);
    git(['branch', '-m', 'tidings-data', 'backup/tidings-data'], origin);
    try {
      const dir = checkout();
      const restored = restore(dir);
      assert.equal(restored.code, 0, restored.out);
      assert.match(restored.out, /::notice::No tidings-data branch yet/);
    } finally {
      git(['update-ref', 'refs/heads/tidings-data', good], origin);
      git(['update-ref', '-d', 'refs/heads/backup/tidings-data'], origin);
    }
  });

  test('an update that succeeded but left no store at STORE: the save step says why, loudly', () => {
    // store: in tidings.yaml changed without the workflow: tidings update made its store
    // elsewhere, and "nothing to save" (exit 0) let every run start empty, unnoticed.
    const dir = checkout();
    const moved = { STORE: 'data/news.db' };
    const saved = save(dir, { ...moved, UPDATE_OUTCOME: 'success' });
    assert.equal(saved.code, 1, saved.out);
    assert.match(saved.out, /::error::tidings update succeeded but left no data\/news\.db: store: in tidings\.yaml names another file; set STORE in this workflow to it/); // prettier-ignore
    // After a failed update (a config that does not load, say) no store is no surprise.
    const failed = save(dir, { ...moved, UPDATE_OUTCOME: 'failure' });
    assert.equal(failed.code, 0, failed.out);
    assert.match(failed.out, /No data\/news\.db: nothing to save/);
  });

  test('a WAL left by a killed update is folded in and saved; one that cannot be is not saved', () => {
    const none = checkout();
    const nothing = save(none);
    assert.equal(nothing.code, 0, nothing.out);
    assert.match(nothing.out, /No tidings\.db: nothing to save/);

    // An update killed after committing: its last transaction is only in the WAL.
    const dir = checkout();
    assert.equal(restore(dir).code, 0);
    const storePath = path.join(dir, 'tidings.db');
    const killed = spawnSync(
      process.execPath,
      [
        '-e',
        `const Database = require('better-sqlite3');
         const db = new Database(process.argv[1]);
         db.pragma('wal_autocheckpoint = 0');
         db.exec("CREATE TABLE wal_probe (x); INSERT INTO wal_probe VALUES ('committed')");
         process.kill(process.pid, 'SIGKILL');`,
        storePath,
      ],
      { cwd: path.resolve('.'), encoding: 'utf8' },
    );
    assert.equal(killed.signal, 'SIGKILL', killed.stderr);
    assert.ok(fs.statSync(`${storePath}-wal`).size > 0, 'the commit is in the WAL');
    const saved = save(dir);
    assert.equal(saved.code, 0, saved.out);
    const again = checkout();
    assert.equal(restore(again).code, 0);
    const probe = spawnSync(
      process.execPath,
      [
        '-e',
        `const Database = require('better-sqlite3');
         const db = new Database(process.argv[1], { readonly: true });
         console.log(db.prepare('SELECT x FROM wal_probe').pluck().get());`,
        path.join(again, 'tidings.db'),
      ],
      { cwd: path.resolve('.'), encoding: 'utf8' },
    );
    assert.equal(probe.stdout.trim(), 'committed', probe.stderr);

    // Without a python3 to fold it in, the store is not saved half-written.
    const stuck = checkout();
    assert.equal(restore(stuck).code, 0);
    const before = git(['rev-parse', 'tidings-data'], origin);
    fs.writeFileSync(path.join(stuck, 'tidings.db-wal'), 'unmerged pages');
    const noPython = path.join(root, 'no-python');
    fs.mkdirSync(noPython, { recursive: true });
    fs.writeFileSync(path.join(noPython, 'python3'), '#!/bin/sh\nexit 127\n', { mode: 0o755 });
    const refused = save(stuck, { PATH: `${noPython}:${bin}:${process.env['PATH']}` });
    assert.equal(refused.code, 1);
    assert.match(refused.out, /::error::tidings\.db-wal is not empty: the store was not closed cleanly, and its WAL could not be folded in/); // prettier-ignore
    assert.equal(git(['rev-parse', 'tidings-data'], origin), before);
  });

  test('a compressed store larger than a part is cut into parts, and put together again', () => {
    const dir = checkout();
    assert.equal(restore(dir).code, 0);
    const store = fs.readFileSync(path.join(dir, 'tidings.db'));
    // Saved unchanged in smaller parts: the branch changes, since its files do.
    const saved = save(dir, SMALL_PARTS);
    assert.equal(saved.code, 0, saved.out);
    const report = /: (\d+) bytes compressed, in (\d+) part\(s\)/.exec(saved.out);
    assert.ok(report, saved.out);
    const parts = Math.ceil(Number(report[1]) / 8192);
    assert.ok(parts >= 3, `the demo store (${store.length} bytes) makes several parts`);
    assert.equal(Number(report[2]), parts);
    const files = branchFiles();
    assert.equal(files.length, parts + 1);
    assert.deepEqual(files.slice(0, 2), ['store.db.gz.part-0001', 'store.db.gz.part-0002']);
    for (const name of files.slice(0, -1)) {
      const size = Number(git(['cat-file', '-s', `tidings-data:${name}`], origin));
      assert.ok(size <= 8192, `${name} is ${size} bytes`);
    }
    const again = checkout();
    assert.equal(restore(again).code, 0);
    assert.ok(fs.readFileSync(path.join(again, 'tidings.db')).equals(store));
  });

  test('damaged or missing parts, a branch without a store, no origin: the run stops', () => {
    const good = git(['rev-parse', 'tidings-data'], origin);
    const blobOf = (content: Buffer | string) =>
      spawnSync('git', ['hash-object', '-w', '--stdin'], { cwd: origin, input: content }).stdout.toString().trim(); // prettier-ignore
    /** Makes the data branch hold these files. */
    const put = (files: Map<string, Buffer | string>) => {
      const lines = [...files].map(
        ([name, content]) => `100644 blob ${blobOf(content)}\t${name}\n`,
      );
      const tree = spawnSync('git', ['mktree'], { cwd: origin, input: lines.join('') }).stdout.toString().trim(); // prettier-ignore
      const commit = git(['-c', 'user.name=t', '-c', 'user.email=t@t', 'commit-tree', tree, '-m', 'x'], origin); // prettier-ignore
      git(['update-ref', 'refs/heads/tidings-data', commit], origin);
    };
    const saved = new Map<string, Buffer | string>(
      branchFiles().map((name) => [
        name,
        spawnSync('git', ['cat-file', 'blob', `tidings-data:${name}`], { cwd: origin }).stdout,
      ]),
    );
    assert.ok(saved.has('store.db.gz.part-0003'), 'the branch holds several parts');
    const stops = (files: Map<string, Buffer | string>, message: RegExp) => {
      put(files);
      const dir = checkout();
      const result = restore(dir);
      assert.equal(result.code, 1, result.out);
      assert.match(result.out, message);
      assert.deepEqual(fs.readdirSync(dir).filter((f) => f.startsWith('tidings.db')), [], 'no store, no leftovers'); // prettier-ignore
    };
    try {
      const damaged = new Map(saved).set('store.db.gz.part-0002', 'not the bytes that were saved');
      stops(damaged, /::error::The store's parts on tidings-data do not decompress/);
      const missing = new Map(saved);
      missing.delete('store.db.gz.part-0002');
      stops(missing, /::error::The store's parts on tidings-data do not decompress/);
      const otherSum = new Map(saved).set('store.db.sha256', `${'0'.repeat(64)}  store.db\n`);
      stops(otherSum, /::error::The store put together from tidings-data does not match store\.db\.sha256/); // prettier-ignore
      stops(new Map([['README.md', 'not a store']]), /::error::The tidings-data branch holds no store/); // prettier-ignore
    } finally {
      git(['update-ref', 'refs/heads/tidings-data', good], origin);
    }

    const dir = checkout();
    git(['remote', 'set-url', 'origin', path.join(root, 'no-such-repository')], dir);
    const result = restore(dir);
    assert.equal(result.code, 1);
    assert.match(result.out, /::error::Cannot read the tidings-data branch \(git exit 128\)/);
  });

  test('the one gzip file of earlier workflows is restored, then saved as parts', () => {
    const good = git(['rev-parse', 'tidings-data'], origin);
    const dir = checkout();
    assert.equal(restore(dir).code, 0);
    const store = fs.readFileSync(path.join(dir, 'tidings.db'));
    // The branch as the earlier workflow left it: store.db.gz alone.
    const gz = path.join(root, 'store.db.gz');
    fs.writeFileSync(gz, gzipSync(store, { level: 9 }));
    const blob = git(['hash-object', '-w', gz], origin);
    const tree = spawnSync('git', ['mktree'], { cwd: origin, input: `100644 blob ${blob}\tstore.db.gz\n`, encoding: 'utf8' }).stdout.trim(); // prettier-ignore
    git(['update-ref', 'refs/heads/tidings-data', git(['-c', 'user.name=t', '-c', 'user.email=t@t', 'commit-tree', tree, '-m', 'old'], origin)], origin); // prettier-ignore

    const upgraded = checkout();
    const restored = restore(upgraded);
    assert.equal(restored.code, 0, restored.out);
    assert.ok(fs.readFileSync(path.join(upgraded, 'tidings.db')).equals(store));
    const saved = save(upgraded, SMALL_PARTS);
    assert.equal(saved.code, 0, saved.out);
    assert.ok(!branchFiles().includes('store.db.gz'));
    assert.equal(git(['rev-parse', 'tidings-data^{tree}'], origin), git(['rev-parse', `${good}^{tree}`], origin)); // prettier-ignore
  });
});

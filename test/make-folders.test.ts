import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { makeFolders } from '../src/make-folders.js';

const CLI = path.join(import.meta.dirname, '..', 'dist', 'cli', 'main.js');

describe('folders on a read-only file system', () => {
  let dir = '';
  let readOnly = '';
  let skip: string | null = null;

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-rofs-'));
    readOnly = path.join(dir, 'ro');
    fs.mkdirSync(readOnly);
    if (process.getuid?.() !== 0) skip = 'mounting a read-only tmpfs needs root';
    else if (spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1m,ro', 'tmpfs', readOnly]).status) {
      skip = 'cannot mount a tmpfs';
    }
  });

  after(() => {
    if (!skip) spawnSync('umount', [readOnly]);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('makeFolders says EROFS where Node says ENOENT', (t) => {
    if (skip) return t.skip(skip);
    const folder = path.join(readOnly, 'a', 'b');
    assert.throws(() => fs.mkdirSync(folder, { recursive: true }), { code: 'ENOENT' });
    assert.throws(() => makeFolders(folder), { code: 'EROFS' });
  });

  test('makeFolders makes a missing path and passes other errors through', () => {
    const folder = path.join(dir, 'x', 'y', 'z');
    makeFolders(folder);
    assert.ok(fs.statSync(folder).isDirectory());
    makeFolders(folder); // already there: fine
    fs.writeFileSync(path.join(dir, 'file'), '');
    assert.throws(() => makeFolders(path.join(dir, 'file', 'sub')), { code: 'ENOTDIR' });
  });

  test('a folder mkdir cannot make under one that exists (/proc): an error, not a hang', (t) => {
    if (!fs.existsSync('/proc/self')) return t.skip('no /proc here');
    // Node's recursive mkdir spins forever there (`export hexo --out /proc/x` did): run it
    // where a hang can be stopped.
    const source = path.join(import.meta.dirname, '..', 'src', 'make-folders.ts');
    const script = `import(${JSON.stringify(source)}).then((m) => {
      try { m.makeFolders('/proc/tidings-test/posts'); } catch (e) { console.log(e.code); }
    })`;
    const result = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], {
      encoding: 'utf8',
      timeout: 20_000,
    });
    assert.equal(result.signal, null, 'it finished');
    assert.equal(result.stdout.trim(), 'ENOENT', result.stderr);
  });

  test('build, update and init name the read-only file system (EROFS), not a missing folder', (t) => {
    if (skip) return t.skip(skip);
    const feed = path.join(dir, 'feed.xml');
    fs.writeFileSync(
      feed,
      '<rss version="2.0"><channel><title>T</title><item><title>A</title><guid>a</guid></item></channel></rss>',
    );
    const config = (store: string, output: string) => {
      const file = path.join(dir, 'tidings.yaml');
      fs.writeFileSync(
        file,
        `store: ${store}\nsite: { output: ${output} }\nsources:\n  - category: C\n    sites:\n      - name: S\n        feeds:\n          - { name: F, file: ${feed} }\n`,
      );
      return file;
    };
    const run = (...args: string[]) =>
      spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });

    const store = run('update', '--config', config(path.join(readOnly, 'data', 't.db'), 'public'));
    assert.equal(store.status, 1);
    assert.match(store.stderr, /ro\/data: cannot create the store's folder \(EROFS\)/);

    const good = config(path.join(dir, 't.db'), path.join(readOnly, 'www', 'public'));
    const site = run('update', '--config', good);
    assert.equal(site.status, 1, site.stderr);
    assert.match(site.stderr, /Cannot write the site to .*ro\/www\/public: EROFS/);

    const init = run('init', path.join(readOnly, 'blog'));
    assert.equal(init.status, 1);
    assert.match(init.stderr, /ro\/blog\/tidings\.yaml: cannot write it \(EROFS\)/);
  });
});

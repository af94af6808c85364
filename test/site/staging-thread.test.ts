import assert from 'node:assert/strict';
import fs from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import os from 'node:os';
import { basename, join, relative } from 'node:path';
import { after, test } from 'node:test';
import { buildSite } from '../../src/site/build-site.js';
import { fragmentCacheFile } from '../../src/site/fragment-cache.js';
import { StagingThread } from '../../src/site/staging-thread.js';
import { item, ODD, sampleModel, tempOutputDir, removeTempDirs } from './site-model-fixture.js';

// An incremental build's files staged on a thread of their own (staging-thread.ts): the same
// files and counts as staging them on the main thread, only files whose bytes changed are
// written, and a failure on the thread fails the build and leaves the old site whole.

const dir = fs.mkdtempSync(join(os.tmpdir(), 'tidings-staging-thread-'));
after(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  await removeTempDirs();
});

async function listFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(root, join(e.parentPath, e.name)).split('\\').join('/'))
    .sort();
}

/** path → bytes and inode of every file but the manifest. */
async function snapshot(root: string): Promise<Map<string, { bytes: Buffer; ino: number }>> {
  const files = new Map<string, { bytes: Buffer; ino: number }>();
  for (const path of await listFiles(root)) {
    if (path === '.tidings-manifest.json') continue;
    const full = join(root, path);
    files.set(path, { bytes: await readFile(full), ino: (await stat(full)).ino });
  }
  return files;
}

const late = [
  item({ key: 'late-1', feedKey: ODD, title: 'Late one', published: '2022-01-01T00:00:00.000Z' }),
  item({ key: 'late-2', feedKey: ODD, title: 'Late two', published: '2022-01-02T00:00:00.000Z' }),
];

test('StagingThread writes files whose bytes differ, leaves the same ones, answers their numbers', async () => {
  const old = join(dir, 'unit-old');
  const staging = join(dir, 'unit-staging');
  fs.mkdirSync(old);
  fs.mkdirSync(staging);
  const kinds = (n: number): string | Buffer | Buffer[] =>
    n % 3 === 0
      ? `页 ${n}`
      : n % 3 === 1
        ? Buffer.from(`buffer ${n} ${'x'.repeat(n * 40)}`)
        : [Buffer.from(`head ${n} `), Buffer.alloc(0), Buffer.from('正文'), Buffer.from(' tail')];
  const bytesOf = (content: string | Buffer | Buffer[]): Buffer =>
    typeof content === 'string'
      ? Buffer.from(content)
      : Buffer.isBuffer(content)
        ? content
        : Buffer.concat(content);
  // 600 files (more than the main thread may be ahead of the thread, so it waits on the way);
  // every fourth is already there.
  const count = 600;
  for (let n = 0; n < count; n += 4) fs.writeFileSync(join(old, `f${n}`), bytesOf(kinds(n)));
  // One old file of the same size and other bytes: compared, not only sized.
  fs.writeFileSync(join(old, 'f1'), Buffer.from(bytesOf(kinds(1)).toString().replace('b', 'B')));
  const thread = new StagingThread();
  for (let n = 0; n < count; n++) {
    thread.stage({ n, old: join(old, `f${n}`), staged: join(staging, `s${n}`), bytes: kinds(n) });
  }
  const result = await thread.finish();
  const expected = Array.from({ length: count }, (_, n) => n).filter((n) => n % 4 !== 0);
  assert.deepEqual(
    [...result.written].sort((a, b) => a - b),
    expected,
  );
  assert.equal(result.unchanged, count / 4);
  for (let n = 0; n < count; n++) {
    const path = join(staging, `s${n}`);
    if (n % 4 === 0) assert.ok(!fs.existsSync(path), `s${n} is the same as the old file`);
    else assert.ok(fs.readFileSync(path).equals(bytesOf(kinds(n))), `s${n} holds its bytes`);
  }
});

test('StagingThread reports a file it cannot write, naming it', async () => {
  const thread = new StagingThread();
  const missing = join(dir, 'no-such-folder', 'staged-0');
  thread.stage({ n: 0, old: join(dir, 'none'), staged: missing, bytes: 'x' });
  thread.stage({ n: 1, old: join(dir, 'none'), staged: join(dir, 'staged-1'), bytes: 'y' });
  await assert.rejects(thread.finish(), (error: Error) => {
    assert.match(error.message, /Staging files on a worker thread failed/);
    assert.ok(error.message.includes(missing), error.message);
    return true;
  });
  // It stopped at the first failure.
  assert.ok(!fs.existsSync(join(dir, 'staged-1')));
});

test('an incremental build staged on the thread gives the files and counts of one staged in place', async () => {
  const results = [];
  for (const stagingThreadMinFiles of [1, Number.POSITIVE_INFINITY]) {
    const out = await tempOutputDir();
    await buildSite(sampleModel(out));
    const before = await snapshot(out);
    const report = await buildSite(sampleModel(out, late), { stagingThreadMinFiles });
    const files = await snapshot(out);
    // Files with a new key but the same bytes keep their inode: only changed bytes are written.
    const rewritten = [...files].filter(([path, file]) => before.get(path)?.ino !== file.ino);
    assert.equal(report.written, rewritten.length);
    assert.ok(report.unchanged > 0);
    results.push({ report, files, out });
  }
  const [threaded, inPlace] = results;
  assert.ok(threaded && inPlace);
  assert.equal(threaded.report.written, inPlace.report.written);
  assert.equal(threaded.report.unchanged, inPlace.report.unchanged);
  assert.equal(threaded.report.removed, inPlace.report.removed);
  assert.deepEqual([...threaded.files.keys()], [...inPlace.files.keys()]);
  for (const [path, file] of inPlace.files) {
    assert.ok(threaded.files.get(path)?.bytes.equals(file.bytes), `${path} differs`);
  }
  assert.ok(!(await listFiles(threaded.out)).some((path) => path.includes('.staged-')));
});

test('a build that fails while the thread stages leaves the previous site whole', async () => {
  const out = await tempOutputDir();
  await buildSite(sampleModel(out));
  const before = await snapshot(out);
  // Fails once more than a message's worth of files went to the thread (the first report is
  // the files kept by their keys; each later one a file handed over).
  let first: number | null = null;
  const onProgress = ({ done }: { done: number }): void => {
    first ??= done;
    if (done - first >= 12) throw new Error('failed half-way');
  };
  await assert.rejects(
    buildSite(sampleModel(out, late), { stagingThreadMinFiles: 1, onProgress }),
    /failed half-way/,
  );
  assert.deepEqual(await snapshot(out), before);
  const cache = basename(fragmentCacheFile(out));
  assert.deepEqual(
    (await readdir(join(out, '..'))).filter((name) => name !== cache),
    ['public'],
  );
});

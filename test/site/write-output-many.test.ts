import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import {
  MANIFEST,
  writeOutput,
  type FileGroup,
  type GroupTarget,
  type OutputFile,
} from '../../src/site/write-output.js';

// A site of a long history: a full build whose item-page threads wrote 200,000 pages. Their
// paths were appended with push(...paths), one stack slot an argument: past ~125,000 the build
// failed at its very end with "Maximum call stack size exceeded" (300,000 items, 2 cores).

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-write-many-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

const PAGES = 200_000;

/** Item pages written by a group that says it wrote them all (only the first is a file). */
const group: FileGroup = {
  minFiles: 1,
  start(paths: readonly string[], target: GroupTarget) {
    fs.mkdirSync(path.join(target.folder, 'items'), { recursive: true });
    fs.writeFileSync(path.join(target.folder, paths[0]!), 'page');
    return {
      progress: () => paths.length,
      done: Promise.resolve({ written: [...paths], unchanged: 0 }),
      cancel: () => Promise.resolve(),
    };
  },
};

test('a full build whose threads wrote 200,000 item pages completes and counts them', async () => {
  const output = path.join(dir, 'public');
  const files: OutputFile[] = [{ path: 'index.html', key: 'home', render: () => 'home' }];
  for (let n = 0; n < PAGES; n++) {
    files.push({ path: `items/${n}.html`, key: `k${n}`, render: () => 'page', group });
  }
  const result = await writeOutput(output, files);
  // The pages, the home page and the site's marker file.
  assert.equal(result.written, PAGES + 2);
  assert.equal(fs.readFileSync(path.join(output, 'index.html'), 'utf8'), 'home');
  const manifest = JSON.parse(fs.readFileSync(path.join(output, MANIFEST), 'utf8')) as {
    files: Record<string, string>;
  };
  assert.ok(Object.keys(manifest.files).length > PAGES);
});

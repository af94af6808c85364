import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import v8 from 'node:v8';
import vm from 'node:vm';
import { exportHexo } from '../../src/export/export-hexo.js';
import type { StoredItem } from '../../src/store/store.js';
import { exportedFeed, exportedItem } from '../support/hexo-export-source.js';

// `tidings export hexo` of a long history: the items are read one at a time (twice: to plan
// the posts' names, then to write them), never all held at once with their posts. Holding
// them took 3.8 GB at 96,000 items, near Node's default heap limit: a larger store crashed.

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-export-memory-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

const ITEMS = 24;
const BODY_CHARS = 1_000_000;

/** Items made afresh at each read, as a store's rows are: only what the export keeps stays. */
const items: Iterable<StoredItem> = {
  *[Symbol.iterator]() {
    for (let n = 0; n < ITEMS; n++) {
      yield exportedItem(`item-${n}`, `Title ${n}`, {
        firstSeen: new Date(Date.UTC(2022, 7, 1) + n * 60_000).toISOString(),
        sourceHtml: `<p>${String(n % 10).repeat(BODY_CHARS)}</p>`,
      });
    }
  },
};

const heapMb = (): number => {
  gc();
  return process.memoryUsage().heapUsed / 1e6;
};

test('the export holds one item and its post at a time, not every one (24 MB of items)', () => {
  const before = heapMb();
  let most = 0;
  const report = exportHexo(dir, [exportedFeed], items, {
    onProgress: ({ done }) => {
      // Every 6th post: a full collection costs a few ms.
      if (done % 6 === 5) most = Math.max(most, heapMb() - before);
    },
  });
  assert.equal(report.posts, ITEMS);
  assert.equal(report.written.length, ITEMS);
  assert.equal(report.failed.length, 0);
  // Held at once: 24 items of 1 MB and their 1 MB posts, ≥ 48 MB. One at a time: a few MB.
  assert.ok(most < 16, `the heap grew by ${most.toFixed(1)} MB while posts were written`);
  // The posts are whole.
  const written = report.written.map((relative) => fs.statSync(path.join(dir, relative)).size);
  assert.ok(written.every((size) => size > BODY_CHARS));
});

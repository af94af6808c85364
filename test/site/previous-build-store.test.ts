import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { previousBuildStore, refuseMissingStore } from '../../src/site/previous-build-store.js';
import { StoreError } from '../../src/store/store-error.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-previous-store-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

function site(name: string, manifest: object): string {
  const out = path.join(dir, name);
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(path.join(out, '.tidings-manifest.json'), JSON.stringify(manifest));
  return out;
}

test('a missing store passes when there is no site, or one that shows no item', () => {
  const missing = path.join(dir, 'missing.db');
  refuseMissingStore(missing, path.join(dir, 'no-site'));
  const empty = site('empty', { version: 1, store: '../old.db', files: { 'index.html': 'k' } });
  assert.deepEqual(previousBuildStore(empty), { path: path.join(dir, 'old.db'), items: 0 });
  refuseMissingStore(missing, empty);
  const unreadable = path.join(dir, 'unreadable');
  fs.mkdirSync(unreadable);
  fs.writeFileSync(path.join(unreadable, '.tidings-manifest.json'), '{');
  refuseMissingStore(missing, unreadable);
});

test('item pages count under either permalink; an existing store always passes', () => {
  const out = site('shown', {
    version: 1,
    store: '../old.db',
    files: {
      'p/0123456789abcdef.html': 'a',
      'items/0123456789abcdef0123abcd.html': 'b',
      'x.html': '',
    },
  });
  assert.deepEqual(previousBuildStore(out), { path: path.join(dir, 'old.db'), items: 2 });
  assert.throws(
    () => refuseMissingStore(path.join(dir, 'typo.db'), out),
    (error: unknown) =>
      error instanceof StoreError &&
      error.message.startsWith(
        `${path.join(dir, 'typo.db')}: no store here, but the site in ${out} was built from ` +
          `${path.join(dir, 'old.db')}, with 2 item(s)`,
      ),
  );
  fs.writeFileSync(path.join(dir, 'typo.db'), '');
  refuseMissingStore(path.join(dir, 'typo.db'), out);
});

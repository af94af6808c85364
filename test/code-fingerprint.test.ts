import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import {
  codeFingerprint,
  recordCodeFingerprints,
  recordedCodeHash,
  RECORDED_FINGERPRINTS,
} from '../src/code-fingerprint.js';
import { CONFIG_READER_STAGES } from '../src/config/reader-stages.js';
import { PREPARER_STAGES } from '../src/content/preparer-fingerprint.js';
import { RENDERER_STAGES } from '../src/site/renderer-fingerprint.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-fingerprint-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A build's root with two stage folders, one importing a module of a third. */
function makeRoot(name: string): string {
  const root = path.join(dir, name);
  for (const [file, text] of Object.entries({
    'a/one.js': "import { x } from '../shared/x.js';\nexport const one = x;\n",
    'a/one.d.ts': 'export declare const one: number;\n',
    'b/two.js': 'export const two = 2;\n',
    'shared/x.js': 'export const x = 1;\n',
  })) {
    fs.mkdirSync(path.join(root, path.dirname(file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  }
  return root;
}

test('a recorded code hash is the one the modules give, and is used while they are unchanged', () => {
  const root = makeRoot('unchanged');
  const computed = codeFingerprint(root, ['a', 'b']);
  const withExtra = codeFingerprint(root, ['a', 'b'], (hash) => hash.update('table'));
  recordCodeFingerprints(root, [['a', 'b']]);
  assert.equal(recordedCodeHash(root, ['a', 'b']), computed);
  assert.equal(codeFingerprint(root, ['a', 'b']), computed);
  assert.equal(
    codeFingerprint(root, ['a', 'b'], (hash) => hash.update('table')),
    withExtra,
  );
  assert.equal(recordedCodeHash(root, ['a']), null, 'only the stage sets recorded');
  // Proof that it is used: a recorded hash is trusted while sizes and times match.
  const file = path.join(root, RECORDED_FINGERPRINTS);
  const recorded = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, { hash: string }>;
  recorded['a+b']!.hash = 'recorded-hash-00';
  fs.writeFileSync(file, JSON.stringify(recorded));
  assert.equal(codeFingerprint(root, ['a', 'b']), 'recorded-hash-00');
});

test('a module edited, added or removed since the record is read again', () => {
  const cases: [string, (root: string) => void][] = [
    ['edited', (root) => fs.appendFileSync(path.join(root, 'shared/x.js'), '// changed\n')],
    ['added', (root) => fs.writeFileSync(path.join(root, 'b/three.js'), 'export {};\n')],
    ['removed', (root) => fs.rmSync(path.join(root, 'b/two.js'))],
    [
      'same size, newer',
      (root) => fs.utimesSync(path.join(root, 'a/one.js'), new Date(), new Date(Date.now() + 5000)),
    ],
  ];
  for (const [name, change] of cases) {
    const root = makeRoot(name);
    recordCodeFingerprints(root, [['a', 'b']]);
    change(root);
    assert.equal(recordedCodeHash(root, ['a', 'b']), null, name);
    fs.rmSync(path.join(root, RECORDED_FINGERPRINTS));
    const fresh = codeFingerprint(root, ['a', 'b']);
    recordCodeFingerprints(root, [['a', 'b']]);
    assert.equal(recordedCodeHash(root, ['a', 'b']), fresh, `${name}: recorded again`);
  }
  // Not JSON, or no record: the modules are read.
  const root = makeRoot('garbled');
  fs.writeFileSync(path.join(root, RECORDED_FINGERPRINTS), '{not json');
  assert.equal(recordedCodeHash(root, ['a', 'b']), null);
  assert.match(codeFingerprint(root, ['a', 'b']), /^[A-Za-z0-9_-]{16}$/);
});

test('npm run build records the hashes of the compiled stages that key items, pages and configs', () => {
  const dist = path.join(import.meta.dirname, '..', 'dist');
  for (const stages of [PREPARER_STAGES, RENDERER_STAGES, CONFIG_READER_STAGES]) {
    const recorded = recordedCodeHash(dist, stages);
    assert.ok(recorded, `${stages.join('+')} is recorded in dist/${RECORDED_FINGERPRINTS}`);
    fs.renameSync(
      path.join(dist, RECORDED_FINGERPRINTS),
      path.join(dist, 'code-fingerprints.set-aside.json'),
    );
    try {
      assert.equal(codeFingerprint(dist, stages), recorded, 'the same as reading the modules');
    } finally {
      fs.renameSync(
        path.join(dist, 'code-fingerprints.set-aside.json'),
        path.join(dist, RECORDED_FINGERPRINTS),
      );
    }
  }
});

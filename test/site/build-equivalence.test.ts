import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { runEquivalenceSequence } from '../support/equivalence-sequence.js';

// After any sequence of changes, an incremental build leaves byte for byte the files a full
// build of the same store and settings writes. Random sequences with fixed seeds (see
// equivalence-sequence.ts); the same through the CLI, SIGTERMs included, with
// test/support/incremental-world.ts.

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-build-equivalence-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

for (const seed of [1]) {
  test(`an incremental build equals a full build after random changes (seed ${seed})`, async () => {
    await runEquivalenceSequence(path.join(dir, String(seed)), seed, 8);
  });
}

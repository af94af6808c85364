import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

// The shared conformance corpus, run through the built CLI exactly as `npm run conformance` does,
// so a parser regression fails `npm test`. 426 CLI runs took 581 s on a 2-core machine shared
// with five other sessions, hence the generous timeout.
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const runner = path.resolve(repo, '../shared/conformance/run.mjs');

test(
  'the parser passes the shared conformance corpus',
  { skip: !fs.existsSync(runner) && 'no ../shared/conformance', timeout: 1_200_000 },
  async () => {
    const report = await new Promise<{
      passed: number;
      failed: number;
      results: { case: string; status: string; reason?: string }[];
    }>((resolve, reject) =>
      execFile(
        process.execPath,
        [runner, '--cmd', `"${process.execPath}" dist/cli/main.js parse`, '--json', '--jobs', '4'],
        { cwd: repo, maxBuffer: 64 * 1024 * 1024 },
        (error, stdout) => {
          try {
            resolve(JSON.parse(stdout));
          } catch {
            reject(error ?? new Error('the conformance runner printed no JSON'));
          }
        },
      ),
    );
    const failures = report.results
      .filter((r) => r.status === 'fail')
      .map((r) => `${r.case}: ${r.reason}`);
    assert.deepEqual(failures.slice(0, 10), []);
    assert.ok(report.passed >= 400, `passed ${report.passed}`);
  },
);

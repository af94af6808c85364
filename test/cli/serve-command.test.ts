import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { runTidingsSync } from '../support/run-tidings.js';

test('serve: bad --port values are usage errors; a site.output that is a file says so', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-serve-cli-'));
  try {
    const config = path.join(dir, 'tidings.yaml');
    fs.writeFileSync(config, 'site: { output: site.txt }\n');
    fs.writeFileSync(path.join(dir, 'site.txt'), 'not a site');
    for (const port of ['', '1e3', '0x10']) {
      const result = runTidingsSync(['serve', '--port', port, '--config', config]);
      assert.equal(result.code, 2, `${JSON.stringify(port)}: ${result.stderr}`);
      assert.match(result.stderr, /^tidings: --port .*: expected a port number/);
    }
    const file = runTidingsSync(['serve', '--port', '0', '--config', config]);
    assert.equal(file.code, 1, file.stdout);
    assert.equal(
      file.stderr,
      `tidings: ${path.join(dir, 'site.txt')}: site.output is a file, not a folder\n`,
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

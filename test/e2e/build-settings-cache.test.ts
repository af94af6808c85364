import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { cli } from '../support/run-tidings.js';

// `tidings build` remembers the config's site settings (src/cli/build-settings.ts); these
// builds keep that cache in a temporary folder of their own (XDG_CACHE_HOME).
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-settings-e2e-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

function build(): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [cli, 'build'], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, XDG_CACHE_HOME: path.join(dir, 'cache') },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const config = (title: string, output: string): string =>
  `site:\n  title: ${title}\n  output: ${output}\nstore: items.db\nsources: []\n`;

test('build: edited config settings are used at once, though settings are cached', () => {
  fs.writeFileSync(path.join(dir, 'tidings.yaml'), config('First title', 'public'));
  fs.writeFileSync(path.join(dir, 'items.db'), ''); // an empty store: build refuses a missing one
  const first = build();
  assert.equal(first.code, 0, first.stderr);
  assert.equal(fs.readdirSync(path.join(dir, 'cache', 'tidings')).length, 1);
  assert.match(fs.readFileSync(path.join(dir, 'public/index.html'), 'utf8'), /First title/);
  const again = build();
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stdout, /0 file\(s\) written/);

  fs.writeFileSync(path.join(dir, 'tidings.yaml'), config('Second title', 'site'));
  const edited = build();
  assert.equal(edited.code, 0, edited.stderr);
  assert.match(fs.readFileSync(path.join(dir, 'site/index.html'), 'utf8'), /Second title/);

  // A config broken after a good build fails, with the config reader's message.
  fs.writeFileSync(path.join(dir, 'tidings.yaml'), 'site:\n  perPage: many\n');
  const broken = build();
  assert.equal(broken.code, 1);
  assert.match(broken.stderr, /^tidings: tidings\.yaml: site\.perPage: expected number/);
});

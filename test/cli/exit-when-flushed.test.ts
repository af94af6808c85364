import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const moduleUrl = new URL('../../src/cli/exit-when-flushed.ts', import.meta.url).href;

test('exits with the code given once everything written to stdout and stderr is taken', async () => {
  // 4 MB through a pipe the parent does not read for a while: the writes cannot all be taken
  // at once, and a timer left behind would keep the process alive if exit waited for it.
  const script = `
    const { exitWhenFlushed } = await import(${JSON.stringify(moduleUrl)});
    const line = 'x'.repeat(1023) + '\\n';
    for (let i = 0; i < 4096; i++) process.stdout.write(line);
    process.stderr.write('last words\\n');
    setTimeout(() => {}, 60_000);
    await exitWhenFlushed(7);
  `;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: fileURLToPath(new URL('../..', import.meta.url)),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.pause();
  let stdoutBytes = 0;
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdoutBytes += chunk.length));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  setTimeout(() => child.stdout.resume(), 300);
  const started = Date.now();
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  assert.equal(code, 7);
  assert.equal(stdoutBytes, 4096 * 1024);
  assert.equal(stderr, 'last words\n');
  assert.ok(Date.now() - started < 30_000, 'the timer left behind did not keep it alive');
});

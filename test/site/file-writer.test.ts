import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { FileWriter } from '../../src/site/file-writer.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-file-writer-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

test('writes every file, strings as UTF-8 and buffers as they are, by the time flush returns', async () => {
  const writer = new FileWriter(3);
  for (let i = 0; i < 50; i++) {
    await writer.write(
      path.join(dir, `page-${i}.html`),
      i % 2 ? `<p>第 ${i} 页</p>` : Buffer.from([i, 0, 255]),
    );
  }
  await writer.flush();
  for (let i = 0; i < 50; i++) {
    const bytes = fs.readFileSync(path.join(dir, `page-${i}.html`));
    assert.deepEqual(
      bytes,
      i % 2 ? Buffer.from(`<p>第 ${i} 页</p>`, 'utf8') : Buffer.from([i, 0, 255]),
    );
  }
});

test('a write that fails (the file exists) is reported by flush, naming the file', async () => {
  const existing = path.join(dir, 'exists.html');
  fs.writeFileSync(existing, 'old');
  const writer = new FileWriter();
  await writer.write(existing, 'new');
  await writer.write(path.join(dir, 'fine.html'), 'fine');
  await assert.rejects(writer.flush(), (error: NodeJS.ErrnoException) => {
    assert.equal(error.code, 'EEXIST');
    assert.match(error.message, /exists\.html/);
    return true;
  });
  assert.equal(fs.readFileSync(existing, 'utf8'), 'old', 'never overwrites');
  assert.equal(fs.readFileSync(path.join(dir, 'fine.html'), 'utf8'), 'fine');
});

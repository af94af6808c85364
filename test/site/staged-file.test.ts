import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { folderMaker, reuseOldFile, sameAsOld, writeNewFile } from '../../src/site/staged-file.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-staged-file-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

test('writes a string, a Buffer or a list of Buffers (empty ones too) as the same bytes', () => {
  const text = '<p>中文 & more</p>\n';
  const chunks = [
    Buffer.from('<p>中'),
    Buffer.alloc(0),
    Buffer.from('文 & more'),
    Buffer.from('</p>\n'),
  ];
  writeNewFile(path.join(dir, 'a.html'), text);
  writeNewFile(path.join(dir, 'b.html'), Buffer.from(text));
  writeNewFile(path.join(dir, 'c.html'), chunks);
  writeNewFile(path.join(dir, 'd.html'), [Buffer.alloc(0)]);
  for (const name of ['a.html', 'b.html', 'c.html']) {
    assert.equal(fs.readFileSync(path.join(dir, name), 'utf8'), text);
  }
  assert.equal(fs.statSync(path.join(dir, 'd.html')).size, 0);
  // Staging folders are fresh: a file already there is a bug, not something to overwrite.
  assert.throws(() => writeNewFile(path.join(dir, 'c.html'), chunks), /EEXIST/);
});

test('sameAsOld compares the bytes, however they are given', () => {
  const file = path.join(dir, 'old.html');
  fs.writeFileSync(file, 'abc中文');
  assert.equal(sameAsOld(file, 'abc中文'), true);
  assert.equal(sameAsOld(file, Buffer.from('abc中文')), true);
  assert.equal(sameAsOld(file, [Buffer.from('abc'), Buffer.from('中文')]), true);
  assert.equal(sameAsOld(file, [Buffer.from('abc'), Buffer.from('中文!')]), false);
  assert.equal(sameAsOld(file, [Buffer.from('abd'), Buffer.from('中文')]), false);
  assert.equal(sameAsOld(file, 'abc中x'), false); // one byte less: sizes differ
  assert.equal(sameAsOld(path.join(dir, 'none.html'), 'abc'), false);
  assert.equal(sameAsOld(dir, ''), false); // a folder is not a file
});

test('reuseOldFile keeps the very same file; folderMaker makes each folder once', () => {
  const make = folderMaker(path.join(dir, 'staging'));
  make('x/y/z.html');
  make('x/y/w.html');
  make('top.html');
  assert.ok(fs.statSync(path.join(dir, 'staging', 'x', 'y')).isDirectory());
  const old = path.join(dir, 'old.html');
  const linked = path.join(dir, 'staging', 'x', 'y', 'z.html');
  reuseOldFile(old, linked);
  assert.equal(fs.statSync(linked).ino, fs.statSync(old).ino);
});

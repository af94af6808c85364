import assert from 'node:assert/strict';
import { test } from 'node:test';
import { progressLine, withProgressLine } from '../../src/cli/progress-line.js';

/** A stand-in for process.stdout that keeps what is written. */
function stream(isTTY: boolean): NodeJS.WriteStream & { text: string } {
  const out = {
    isTTY,
    text: '',
    write(chunk: string) {
      out.text += chunk;
      return true;
    },
  };
  return out as unknown as NodeJS.WriteStream & { text: string };
}

test('not a terminal: no progress asked for, nothing written', () => {
  const out = stream(false);
  const line = progressLine('Building public', 'files', out);
  assert.equal(line.onProgress, undefined);
  line.clear();
  assert.equal(out.text, '');
});

test('a terminal: one line at once, redrawn at most every 100 ms and at the end, then erased', () => {
  const out = stream(true);
  const line = progressLine('Building public', 'files', out);
  assert.equal(out.text, '\r\x1b[2KBuilding public …');
  const onProgress = line.onProgress!;
  onProgress({ done: 1, total: 15_065 });
  assert.match(out.text, /Building public: 1 of 15,065 files \(0%\)$/);
  const drawn = out.text.length;
  // Within 100 ms of the last redraw: not drawn again, unless it is the last file.
  onProgress({ done: 2, total: 15_065 });
  assert.equal(out.text.length, drawn);
  // The search index's files join the total late: the percentage does not go back.
  onProgress({ done: 12_260, total: 12_260 });
  assert.match(out.text, /12,260 of 12,260 files \(100%\)$/);
  onProgress({ done: 15_065, total: 15_065 });
  assert.match(out.text, /Building public: 15,065 of 15,065 files \(100%\)$/);
  line.clear();
  assert.ok(out.text.endsWith('\r\x1b[2K'), 'the line is erased for the report');
  const erased = out.text.length;
  line.clear(); // a second clear (the command's finally) writes nothing more
  assert.equal(out.text.length, erased);
});

test('when the total grows (the search index files, counted late), the percentage stays', async () => {
  const out = stream(true);
  const onProgress = progressLine('Building public', 'files', out).onProgress!;
  onProgress({ done: 10_210, total: 12_260 });
  assert.match(out.text, /10,210 of 12,260 files \(83%\)$/);
  await new Promise((resolve) => setTimeout(resolve, 120));
  onProgress({ done: 12_261, total: 15_065 });
  assert.match(out.text, /12,261 of 15,065 files \(83%\)$/);
});

test('withProgressLine: the work gets the line, which is erased after it, even when it throws', async () => {
  const out = stream(true);
  const result = await withProgressLine('Building public', 'files', true, (onProgress) => {
    onProgress!({ done: 1, total: 1 });
    return 'built';
  }, out); // prettier-ignore
  assert.equal(result, 'built');
  assert.match(out.text, /1 of 1 files \(100%\)\r\x1b\[2K$/);
  const failing = stream(true);
  await assert.rejects(
    withProgressLine('Building public', 'files', true, () => Promise.reject(new Error('disk full')), failing), // prettier-ignore
    /disk full/,
  );
  assert.ok(failing.text.endsWith('\r\x1b[2K'), 'erased');
  // Not shown (--json): the work is asked for no progress and nothing is written.
  const quiet = stream(true);
  await withProgressLine('Building public', 'files', false, (onProgress) => {
    assert.equal(onProgress, undefined);
  }, quiet); // prettier-ignore
  assert.equal(quiet.text, '');
});

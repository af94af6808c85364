import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { BatchedOutput } from '../../src/cli/batched-output.js';

function capture() {
  const writes: string[] = [];
  const stream = { write: (chunk: string) => writes.push(chunk) > 0 };
  return { stream: stream as unknown as NodeJS.WritableStream, writes };
}

test('feed lines of a burst go out in one write; the first at once, the rest within the delay', async () => {
  const { stream, writes } = capture();
  const output = new BatchedOutput(stream, null, 40);
  output.later('a\n');
  assert.deepEqual(writes, ['a\n'], 'a lone line is not held back');
  for (const line of ['b\n', 'c\n', 'd\n']) output.later(line);
  assert.deepEqual(writes, ['a\n'], 'the burst waits');
  await sleep(80);
  assert.deepEqual(writes, ['a\n', 'b\nc\nd\n'], 'and goes out by itself, in one write');
});

test('other text goes out at once, after the lines waiting; flush() writes what waits', () => {
  const { stream, writes } = capture();
  const output = new BatchedOutput(stream, null, 10_000);
  output.now('start\n');
  output.later('feed 1\n');
  output.later('feed 2\n');
  output.now('summary\n');
  assert.deepEqual(writes, ['start\n', 'feed 1\nfeed 2\nsummary\n']);
  output.later('feed 3\n');
  output.flush();
  output.flush();
  assert.deepEqual(writes.slice(2), ['feed 3\n'], 'once, before an exit');
});

test('a progress line changed many times is drawn once a batch, as it is at drawing time', async () => {
  const { stream, writes } = capture();
  let done = 0;
  const output = new BatchedOutput(stream, () => `\r${done} done`, 40);
  output.now('Updating\n');
  for (done = 1; done <= 50; done++) output.progressChanged();
  done = 50;
  await sleep(80);
  assert.deepEqual(writes, ['Updating\n', '\r50 done']);
  output.now('\rDone\n');
  assert.deepEqual(writes.slice(2), ['\rDone\n'], 'nothing changed since: no redraw');
});

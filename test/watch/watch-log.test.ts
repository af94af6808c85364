import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import type { FeedOutcome } from '../../src/pipeline.js';
import { jsonWatchLog, textWatchLog } from '../../src/watch/watch-log.js';
import { sinaFinanceSource } from '../support/sample-source.js';

function logged(
  listen: (out: PassThrough) => (event: never) => void,
  outcomes: [FeedOutcome, boolean][],
): string[] {
  const out = new PassThrough();
  const log = listen(out);
  for (const [outcome, recovered] of outcomes) log({ event: 'feed', outcome, recovered } as never);
  return String(out.read() ?? '')
    .split('\n')
    .filter(Boolean);
}

const source = sinaFinanceSource;
const failed: FeedOutcome = { source, status: 'failed', kind: 'http', error: 'x: HTTP 503' };
const notModified: FeedOutcome = { source, status: 'not-modified', movedTo: null };
const unchanged: FeedOutcome = { source, status: 'unchanged', movedTo: null };

test('the text log says when a failing feed is healthy again, even with nothing new', () => {
  const lines = logged(
    (out) => textWatchLog(out, false),
    [
      [failed, false],
      [notModified, true],
      [failed, false],
      [unchanged, true],
      [unchanged, false], // a quiet fetch of a healthy feed stays quiet
    ],
  );
  assert.equal(lines.length, 4, lines.join('\n'));
  assert.match(lines[0]!, /FAIL .*HTTP 503$/);
  assert.match(lines[1]!, /Z 304 .*: not modified; healthy again$/);
  assert.match(lines[3]!, /Z same .*: unchanged; healthy again$/);
});

test('the JSON log carries recovered on each feed event', () => {
  const lines = logged(
    (out) => jsonWatchLog(out),
    [
      [notModified, true],
      [unchanged, false],
    ],
  );
  assert.deepEqual(
    lines.map((line) => (JSON.parse(line) as { recovered: boolean }).recovered),
    [true, false],
  );
});

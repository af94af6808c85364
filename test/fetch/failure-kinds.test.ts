import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FetchError } from '../../src/fetch/fetch-result.js';
import { NotAFeedError } from '../../src/parse/parsed-feed.js';
import { asFetchError } from '../../src/pipeline.js';
import { sinaFinanceSource } from '../support/sample-source.js';

test("a bug in Tidings is stored as kind internal, not blamed on the feed's network", () => {
  const failure = asFetchError(
    sinaFinanceSource,
    new RangeError('Maximum call stack size exceeded'),
  );
  assert.equal(failure.kind, 'internal');
  assert.equal(failure.retryable, false);
  assert.equal(
    failure.message,
    'http://127.0.0.1:1200/sina/finance: internal error: Maximum call stack size exceeded',
  );
  assert.equal(asFetchError(sinaFinanceSource, 'thrown text').kind, 'internal');
});

test("the feed's own failures keep their kinds", () => {
  const timeout = new FetchError('timeout', 'x: no answer in 20 s');
  assert.equal(asFetchError(sinaFinanceSource, timeout), timeout);
  const notAFeed = asFetchError(sinaFinanceSource, new NotAFeedError('an HTML page', []));
  assert.equal(notAFeed.kind, 'not-a-feed');
  assert.equal(notAFeed.message, 'http://127.0.0.1:1200/sina/finance: an HTML page');
});

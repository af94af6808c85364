import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { FetchSettings } from '../../src/config/config.js';
import { retryDelayMs } from '../../src/fetch/retry.js';
import { parseRetryAfter } from '../../src/fetch/retry-after.js';
import {
  nextDueAfterFailure,
  nextDueAfterSuccess,
  notDueReason,
  refreshInterval,
} from '../../src/fetch/schedule.js';
import type { FeedSource } from '../../src/sources/feed-source.js';

const settings: FetchSettings = {
  timeout: 20,
  connectTimeout: 10,
  headersTimeout: 15,
  concurrency: 16,
  perHost: 8,
  maxBytes: 1e6,
  retries: 2,
  interval: 60,
  minInterval: 10,
  maxInterval: 720,
  maxBackoff: 1440,
};
const source: FeedSource = {
  key: 'rsshub:/a',
  category: 'c',
  site: 's',
  name: 'n',
  location: { kind: 'url', url: 'http://127.0.0.1/a' },
  timeZone: 'UTC',
  interval: null,
};
const now = new Date('2026-11-26T00:00:00.000Z');
const none = { feedMinutes: null, maxAgeSeconds: null };

describe('schedule', () => {
  test('interval: per-feed config wins, else the longer of ttl and max-age, else the default, bounded', () => {
    assert.equal(refreshInterval(settings, source, none), 60);
    assert.equal(refreshInterval(settings, source, { feedMinutes: 120, maxAgeSeconds: null }), 120);
    assert.equal(
      refreshInterval(settings, source, { feedMinutes: 30, maxAgeSeconds: 3 * 3600 }),
      180,
    );
    assert.equal(
      refreshInterval(settings, source, { feedMinutes: 1, maxAgeSeconds: null }),
      10,
      'min bound',
    );
    assert.equal(
      refreshInterval(settings, source, { feedMinutes: 10_000, maxAgeSeconds: null }),
      720,
      'max bound',
    );
    assert.equal(
      refreshInterval(
        settings,
        { ...source, interval: 15 },
        { feedMinutes: 300, maxAgeSeconds: null },
      ),
      15,
    );
    assert.equal(nextDueAfterSuccess(now, settings, source, none), '2026-11-26T01:00:00.000Z');
  });

  test('failing feeds back off exponentially up to the cap, never before Retry-After', () => {
    const due = (failures: number, retryAfter: number | null = null) =>
      nextDueAfterFailure(now, settings, source, failures, retryAfter);
    assert.equal(due(1), '2026-11-26T01:00:00.000Z');
    assert.equal(due(2), '2026-11-26T02:00:00.000Z');
    assert.equal(due(3), '2026-11-26T04:00:00.000Z');
    assert.equal(due(20), '2026-11-27T00:00:00.000Z', 'capped at maxBackoff (24 h)');
    assert.equal(due(1, 3 * 3600), '2026-11-26T03:00:00.000Z');
    // A Retry-After past maxBackoff waits maxBackoff; one past what a date holds used to throw.
    assert.equal(due(1, 30 * 24 * 3600), '2026-11-27T00:00:00.000Z');
    assert.equal(due(1, 1e17), '2026-11-27T00:00:00.000Z');
  });

  test('due: never fetched, past due; not yet due; gone waits for the user', () => {
    const state = {
      etag: null,
      lastModified: null,
      bodyHash: null,
      movedTo: null,
      consecutiveFailures: 0,
      gone: false,
    };
    assert.equal(notDueReason(null, now), null);
    assert.equal(notDueReason({ ...state, nextDueAt: '2026-11-25T23:59:59.000Z' }, now), null);
    assert.equal(notDueReason({ ...state, nextDueAt: '2026-11-26T00:00:01.000Z' }, now), 'not-due');
    assert.equal(notDueReason({ ...state, nextDueAt: null, gone: true }, now), 'gone');
  });
});

describe('retries', () => {
  const policy = { retries: 3, baseDelayMs: 1000, maxDelayMs: 30_000 };
  test('exponential backoff with jitter in [half, full] of the step', () => {
    for (let tries = 0; tries < 8; tries++) {
      const ceiling = Math.min(30_000, 1000 * 2 ** tries);
      for (let i = 0; i < 50; i++) {
        const delay = retryDelayMs(policy, tries, null)!;
        assert.ok(delay >= ceiling / 2 && delay <= ceiling, `${tries}: ${delay}`);
      }
    }
  });

  test('Retry-After is honoured, or left to the schedule when longer than a run waits', () => {
    assert.equal(retryDelayMs(policy, 0, 5), 5000);
    assert.equal(retryDelayMs(policy, 0, 3600), null);
  });

  test('Retry-After as seconds or as an HTTP date', () => {
    const at = Date.parse('2026-11-26T00:00:00.000Z');
    assert.equal(parseRetryAfter('120', at), 120);
    assert.equal(parseRetryAfter('Thu, 26 Nov 2026 00:02:00 GMT', at), 120);
    assert.equal(parseRetryAfter('Wed, 25 Nov 2026 00:00:00 GMT', at), 0);
    assert.equal(parseRetryAfter('soon', at), null);
    assert.equal(parseRetryAfter(null, at), null);
  });
});

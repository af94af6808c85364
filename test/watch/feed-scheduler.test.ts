import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FeedSource } from '../../src/sources/feed-source.js';
import { FeedScheduler } from '../../src/watch/feed-scheduler.js';

function source(name: string): FeedSource {
  return {
    key: `url:http://127.0.0.1/${name}`,
    category: 'c',
    site: 's',
    name,
    location: { kind: 'url', url: `http://127.0.0.1/${name}` },
    timeZone: 'UTC',
    interval: null,
  };
}

describe('FeedScheduler', () => {
  test('a hung feed never holds back the others; no feed is fetched twice at once', async () => {
    const sources = ['hung', 'a', 'b', 'c'].map(source);
    const fetched = new Map<string, number>();
    const inFlight = new Set<string>();
    let overlap = false;
    const release = new AbortController();
    const next = new Map<string, number>(sources.map((s) => [s.key, Date.now()]));
    const scheduler = new FeedScheduler<string>({
      sources,
      concurrency: 3,
      dueAt: (s) => next.get(s.key) ?? null,
      fetch: async (batch, onFeed) => {
        await Promise.all(
          batch.map(async (s) => {
            if (inFlight.has(s.key)) overlap = true;
            inFlight.add(s.key);
            if (s.name === 'hung') {
              await sleep(100_000, undefined, { signal: release.signal }).catch(() => {});
              return;
            }
            await sleep(5);
            inFlight.delete(s.key);
            fetched.set(s.name, (fetched.get(s.name) ?? 0) + 1);
            next.set(s.key, Date.now() + 20); // due again 20 ms later
            onFeed(s, s.name);
          }),
        );
      },
      onFeed: () => {},
      onError: (error) => assert.fail(String(error)),
    });
    scheduler.start();
    await sleep(400);
    const stopping = scheduler.stop();
    assert.equal(overlap, false);
    assert.equal(fetched.get('hung') ?? 0, 0);
    // 3 slots, one taken by the hung feed: a, b and c share two and each goes many times.
    for (const name of ['a', 'b', 'c']) {
      assert.ok((fetched.get(name) ?? 0) >= 4, `${name} fetched ${fetched.get(name)} times`);
    }
    assert.ok(inFlight.has(sources[0]!.key), 'the hung feed is still in flight');
    release.abort(); // the hung fetch ends (as a fetch timeout would end it)
    await stopping;
    assert.equal(scheduler.busy, 0);
  });

  test('gone feeds (due null) are never fetched; a failed batch pauses its feeds', async () => {
    const sources = ['gone', 'broken'].map(source);
    let brokenCalls = 0;
    const errors: unknown[] = [];
    const scheduler = new FeedScheduler<string>({
      sources,
      concurrency: 4,
      dueAt: (s) => (s.name === 'gone' ? null : Date.now()),
      fetch: async (batch) => {
        assert.ok(!batch.some((s) => s.name === 'gone'));
        brokenCalls++;
        throw new Error('store closed');
      },
      onFeed: () => {},
      onError: (error) => errors.push(error),
    });
    scheduler.start();
    await sleep(300);
    await scheduler.stop();
    assert.equal(brokenCalls, 1, 'not retried in a tight loop');
    assert.equal(errors.length, 1);
  });
});

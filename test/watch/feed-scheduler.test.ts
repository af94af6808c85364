import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FeedSource } from '../../src/sources/feed-source.js';
import { FeedScheduler } from '../../src/watch/feed-scheduler.js';

function source(name: string, host = '127.0.0.1'): FeedSource {
  return {
    key: `url:http://${host}/${name}`,
    category: 'c',
    site: 's',
    name,
    location: { kind: 'url', url: `http://${host}/${name}` },
    timeZone: 'UTC',
    interval: null,
  };
}

describe('FeedScheduler', () => {
  test('a hung feed never holds back the others; no feed is fetched twice at once', async () => {
    const sources = ['hung', 'a', 'b', 'c'].map((name) => source(name));
    const fetched = new Map<string, number>();
    const inFlight = new Set<string>();
    let overlap = false;
    const release = new AbortController();
    let othersWentOften: () => void = () => {};
    const othersFetchedOften = new Promise<void>((resolve) => (othersWentOften = resolve));
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
            if (['a', 'b', 'c'].every((name) => (fetched.get(name) ?? 0) >= 4)) othersWentOften();
            next.set(s.key, Date.now() + 20); // due again 20 ms later
            onFeed(s, s.name);
          }),
        );
      },
      onFeed: () => {},
      onError: (error) => assert.fail(String(error)),
    });
    scheduler.start();
    // Waits for the fetches themselves, not a fixed time: on a loaded machine the scheduler's
    // timers fire late and fewer rounds fit in any window. The bound only ends a test in which
    // the hung feed holds the others back (they then stop being fetched at all).
    const gaveUp = new AbortController();
    const inTime = await Promise.race([
      othersFetchedOften.then(() => true),
      sleep(30_000, false, { signal: gaveUp.signal }),
    ]);
    gaveUp.abort();
    const stopping = scheduler.stop();
    // 3 slots, one taken by the hung feed: a, b and c share two and each goes many times.
    assert.ok(inTime, `fetched: ${JSON.stringify(Object.fromEntries(fetched))}`);
    assert.equal(overlap, false);
    assert.equal(fetched.get('hung') ?? 0, 0);
    assert.ok(inFlight.has(sources[0]!.key), 'the hung feed is still in flight');
    release.abort(); // the hung fetch ends (as a fetch timeout would end it)
    await stopping;
    assert.equal(scheduler.busy, 0);
  });

  test('gone feeds (due null) are never fetched; a failed batch pauses its feeds', async () => {
    const sources = ['gone', 'broken'].map((name) => source(name));
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

  test('at most perHost feeds of one host at once, over all batches; other hosts go on', async () => {
    const sources = [
      ...Array.from({ length: 6 }, (_, i) => source(`a${i}`, 'a.test')),
      source('b0', 'b.test'),
      source('b1', 'b.test'),
    ];
    const running = new Map<string, number>();
    const peak = new Map<string, number>();
    const fetched: string[] = [];
    const scheduler = new FeedScheduler<string>({
      sources,
      concurrency: 10,
      perHost: 2,
      dueAt: (s) => (fetched.includes(s.name) ? null : Date.now()),
      fetch: async (batch, onFeed) => {
        await Promise.all(
          batch.map(async (s) => {
            const host = new URL((s.location as { url: string }).url).host;
            running.set(host, (running.get(host) ?? 0) + 1);
            peak.set(host, Math.max(peak.get(host) ?? 0, running.get(host)!));
            await sleep(host === 'a.test' ? 40 : 5);
            running.set(host, running.get(host)! - 1);
            fetched.push(s.name);
            onFeed(s, s.name);
          }),
        );
      },
      onFeed: () => {},
      onError: (error) => assert.fail(String(error)),
    });
    scheduler.start();
    for (let waited = 0; fetched.length < sources.length && waited < 5000; waited += 20) {
      await sleep(20);
    }
    await scheduler.stop();
    assert.equal(fetched.length, 8, 'every feed fetched once');
    assert.deepEqual(Object.fromEntries(peak), { 'a.test': 2, 'b.test': 2 });
    assert.ok(fetched.indexOf('b1') < fetched.indexOf('a5'), 'b.test did not wait for a.test');
  });
});

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { DebouncedBuilder } from '../../src/watch/debounced-builder.js';

/** A build that takes `ms` and counts how often it ran and how many ran at once. */
function fakeBuild(ms: number) {
  const stats = { builds: 0, running: 0, maxRunning: 0 };
  const build = async () => {
    stats.running++;
    stats.maxRunning = Math.max(stats.maxRunning, stats.running);
    await sleep(ms);
    stats.running--;
    return ++stats.builds;
  };
  return { stats, build };
}

describe('DebouncedBuilder', () => {
  test('a burst of changes gives one build, after the quiet period', async () => {
    const { stats, build } = fakeBuild(5);
    const builder = new DebouncedBuilder(build, { quietMs: 60, maxWaitMs: 5000 });
    for (let i = 0; i < 10; i++) {
      builder.request();
      await sleep(10);
    }
    assert.equal(stats.builds, 0, 'no build while changes keep coming');
    await sleep(150);
    assert.equal(stats.builds, 1);
    assert.equal(builder.pending, false);
    await builder.stop();
  });

  test('a steady stream of changes is still built every maxWait', async () => {
    const { stats, build } = fakeBuild(1);
    const builder = new DebouncedBuilder(build, { quietMs: 50, maxWaitMs: 120 });
    const until = Date.now() + 500;
    while (Date.now() < until) {
      builder.request();
      await sleep(10);
    }
    await builder.stop();
    assert.ok(stats.builds >= 3 && stats.builds <= 6, `${stats.builds} builds in 500 ms`);
  });

  test('changes during a build give exactly one more build; builds never overlap', async () => {
    const { stats, build } = fakeBuild(100);
    const reports: number[] = [];
    const builder = new DebouncedBuilder(
      build,
      { quietMs: 10, maxWaitMs: 1000 },
      { onBuilt: (n) => reports.push(n) },
    );
    builder.request();
    await sleep(30); // the first build runs now
    assert.equal(builder.building, true);
    builder.request();
    builder.request();
    builder.request();
    await sleep(300);
    assert.deepEqual(reports, [1, 2]);
    assert.equal(stats.maxRunning, 1);
    await builder.stop();
  });

  test('a failed build is reported and the next change builds again', async () => {
    let calls = 0;
    const failures: unknown[] = [];
    const builder = new DebouncedBuilder(
      async () => {
        if (++calls === 1) throw new Error('disk full');
        return calls;
      },
      { quietMs: 5, maxWaitMs: 100 },
      { onFailed: (error) => failures.push(error) },
    );
    builder.request();
    await sleep(50);
    assert.equal(failures.length, 1);
    builder.request();
    await sleep(50);
    assert.equal(calls, 2);
    await builder.stop();
  });

  test('stop drops a pending build and waits for the one in progress', async () => {
    const { stats, build } = fakeBuild(80);
    const builder = new DebouncedBuilder(build, { quietMs: 5, maxWaitMs: 100 });
    builder.request();
    await sleep(20);
    builder.request(); // pending behind the running build
    const started = Date.now();
    await builder.stop();
    assert.ok(Date.now() - started >= 40, 'waited for the running build');
    await sleep(100);
    assert.equal(stats.builds, 1, 'the pending build was dropped');
    builder.request();
    await sleep(30);
    assert.equal(stats.builds, 1, 'no builds after stop');
  });
});

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ConcurrencyLimit } from '../../src/fetch/concurrency-limit.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('ConcurrencyLimit', () => {
  test('never runs more than the limit at once, and starts tasks in the order asked', async () => {
    const limit = new ConcurrencyLimit(2);
    let running = 0;
    let peak = 0;
    const started: number[] = [];
    const results = await Promise.all(
      [5, 1, 4, 2, 3, 0].map((n) =>
        limit.run(async () => {
          started.push(n);
          running++;
          peak = Math.max(peak, running);
          await sleep(n * 5);
          running--;
          return n * 10;
        }),
      ),
    );
    assert.deepEqual(results, [50, 10, 40, 20, 30, 0]);
    assert.equal(peak, 2);
    assert.deepEqual(started, [5, 1, 4, 2, 3, 0]);
  });

  test('a task that throws frees its slot; the error reaches its caller only', async () => {
    const limit = new ConcurrencyLimit(1);
    const failing = limit.run(async () => {
      await sleep(5);
      throw new Error('broken feed');
    });
    const next = limit.run(async () => 'next ran');
    await assert.rejects(failing, /broken feed/);
    assert.equal(await next, 'next ran');
  });

  test('a slot held for part of the work lets the next task start before the rest is done', async () => {
    const downloads = new ConcurrencyLimit(1);
    const events: string[] = [];
    await Promise.all(
      ['a', 'b'].map(async (name) => {
        await downloads.run(async () => {
          events.push(`${name} download`);
          await sleep(5);
        });
        await sleep(20); // parsing and storing, outside the slot
        events.push(`${name} stored`);
      }),
    );
    assert.deepEqual(events, ['a download', 'b download', 'a stored', 'b stored']);
  });

  test('a limit that is not a positive integer is refused', () => {
    assert.throws(() => new ConcurrencyLimit(0), /positive integer, not 0/);
    assert.throws(() => new ConcurrencyLimit(2.5), /positive integer, not 2.5/);
  });
});

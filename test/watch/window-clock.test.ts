import assert from 'node:assert/strict';
import { test } from 'node:test';
import { siteWindow, siteWindowNextMove } from '../../src/site/site-window.js';

const siteWindowStart = (...args: Parameters<typeof siteWindow>): string | null =>
  siteWindow(...args)?.start ?? null;
import { WindowClock } from '../../src/watch/window-clock.js';

// watch rebuilds when the site's window moves (local midnight), even when no feed changed.

const at = (iso: string): number => Date.parse(iso);

/** A clock whose timers are recorded, not run: fire() runs the first, moving `now` to its time. */
function fakeTimers(start: number) {
  let now = start;
  const timers: { at: number; run: () => void }[] = [];
  return {
    timers,
    now: () => now,
    set: (run: () => void, ms: number) => {
      const timer = { at: now + ms, run };
      timers.push(timer);
      return timer;
    },
    clear: (handle: unknown) => {
      timers.splice(timers.indexOf(handle as (typeof timers)[number]), 1);
    },
    fire(): void {
      const timer = timers.shift()!;
      now = timer.at;
      timer.run();
    },
  };
}

test('the next move is the next local midnight in the site zone', () => {
  const shanghai = { maxAgeDays: 7, timeZone: 'Asia/Shanghai' };
  // 10:00 UTC on the 27th is 18:00 in Shanghai: the next midnight there is 16:00 UTC.
  assert.equal(
    siteWindowNextMove(shanghai, at('2026-11-27T10:00:00Z')),
    at('2026-11-27T16:00:00Z'),
  );
  assert.equal(
    siteWindowNextMove(shanghai, at('2026-11-27T16:00:00Z')),
    at('2026-11-28T16:00:00Z'),
  );
  // New York's midnight after summer time began (8 March 2026) is at -04:00.
  const newYork = { maxAgeDays: 1, timeZone: 'America/New_York' };
  assert.equal(siteWindowNextMove(newYork, at('2026-03-08T12:00:00Z')), at('2026-03-09T04:00:00Z'));
  assert.equal(siteWindowNextMove({ maxAgeDays: 0, timeZone: 'UTC' }, Date.now()), null);
  // It is when the window's start changes.
  for (const settings of [shanghai, newYork]) {
    const next = siteWindowNextMove(settings, at('2026-03-08T12:00:00Z'))!;
    assert.notEqual(siteWindowStart(settings, next - 1000), siteWindowStart(settings, next + 1000));
    assert.equal(
      siteWindowStart(settings, next + 1000),
      siteWindowStart(settings, next + 80_000_000),
    );
  }
});

test('the clock asks for a build a second after each midnight, and stops', () => {
  const clock = fakeTimers(at('2026-11-27T10:00:00Z'));
  let moves = 0;
  const windowClock = new WindowClock(
    { maxAgeDays: 30, timeZone: 'Asia/Shanghai' },
    () => moves++,
    clock,
  );
  windowClock.start();
  assert.equal(clock.timers.length, 1);
  assert.equal(clock.timers[0]!.at, at('2026-11-27T16:00:01Z'));
  clock.fire();
  assert.equal(moves, 1);
  assert.equal(clock.timers[0]!.at, at('2026-11-28T16:00:01Z'), 're-armed for the next midnight');
  clock.fire();
  assert.equal(moves, 2);
  assert.equal(clock.timers.length, 1);
  windowClock.stop();
  assert.equal(clock.timers.length, 0, 'stop() clears the armed timer');
});

test('no window, no clock', () => {
  const clock = fakeTimers(Date.now());
  new WindowClock({ maxAgeDays: 0, timeZone: 'UTC' }, () => {}, clock).start();
  assert.equal(clock.timers.length, 0);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildInputsKey } from '../../src/site/build-inputs.js';
import { siteWindow, type SiteWindow } from '../../src/site/site-window.js';

const siteWindowStart = (...args: Parameters<typeof siteWindow>): string | null =>
  siteWindow(...args)?.start ?? null;
const siteWindowFirstDay = (
  ...args: Parameters<typeof siteWindow>
): SiteWindow['firstDay'] | null => siteWindow(...args)?.firstDay ?? null;

// site.maxAgeDays: the window starts at the local midnight of the day maxAgeDays days back.

const at = (iso: string): number => Date.parse(iso);

test('no window without maxAgeDays', () => {
  assert.equal(siteWindowStart({ maxAgeDays: 0, timeZone: 'UTC' }, Date.now()), null);
});

test("the start is a midnight in the site's zone, the same all day", () => {
  const utc = { maxAgeDays: 1, timeZone: 'UTC' };
  assert.equal(siteWindowStart(utc, at('2026-11-27T16:00:00Z')), '2026-11-26T00:00:00.000Z');
  assert.equal(siteWindowStart(utc, at('2026-11-27T00:00:00Z')), '2026-11-26T00:00:00.000Z');
  assert.equal(siteWindowStart(utc, at('2026-11-27T23:59:59.999Z')), '2026-11-26T00:00:00.000Z');
  // Asia/Shanghai (+08:00): 16:30 UTC on the 27th is 00:30 on the 28th there.
  const shanghai = { maxAgeDays: 30, timeZone: 'Asia/Shanghai' };
  assert.equal(
    siteWindowStart(shanghai, at('2026-11-27T16:30:00Z')),
    '2026-10-28T16:00:00.000Z', // midnight of 29 October, Shanghai
  );
  assert.equal(siteWindowStart(shanghai, at('2026-11-27T15:59:00Z')), '2026-10-27T16:00:00.000Z');
  // The first day, for people, is the local date.
  assert.equal(siteWindowFirstDay(shanghai, at('2026-11-27T16:30:00Z')), '2026-10-29');
  assert.equal(siteWindowFirstDay(shanghai, at('2026-11-27T15:59:00Z')), '2026-10-28');
  assert.equal(siteWindowFirstDay({ maxAgeDays: 0, timeZone: 'UTC' }, Date.now()), null);
});

test('a change of summer time between midnight and now is taken into account', () => {
  // New York began summer time at 02:00 on 8 March 2026: that midnight was still -05:00.
  const newYork = { maxAgeDays: 1, timeZone: 'America/New_York' };
  assert.equal(siteWindowStart(newYork, at('2026-03-09T12:00:00Z')), '2026-03-08T05:00:00.000Z');
  // …and ended at 02:00 on 1 November: that midnight was still -04:00.
  assert.equal(siteWindowStart(newYork, at('2026-11-02T12:00:00Z')), '2026-11-01T04:00:00.000Z');
});

test('a zone Intl does not know counts in UTC, as the pages then show times', () => {
  const unknown = { maxAgeDays: 2, timeZone: 'Mars/Olympus_Mons' };
  assert.equal(siteWindowStart(unknown, at('2026-11-27T16:00:00Z')), '2026-11-25T00:00:00.000Z');
});

test("the window's start is one of the build's inputs: the first build after midnight goes ahead", () => {
  const settings = {
    title: 'T',
    description: '',
    url: 'http://localhost:4000',
    language: 'en',
    timeZone: 'UTC',
    perPage: 10,
    maxAgeDays: 7,
    outputDir: '/nowhere',
    permalink: 'items/:id.html' as const,
    staticDir: null,
  };
  const today = siteWindowStart(settings, at('2026-11-27T23:59:00Z'));
  const tomorrow = siteWindowStart(settings, at('2026-11-28T00:01:00Z'));
  assert.notEqual(today, tomorrow);
  assert.equal(today, siteWindowStart(settings, at('2026-11-27T00:01:00Z')));
  const key = (start: string | null): string => buildInputsKey(settings, 'watermark', start);
  assert.notEqual(key(today), key(tomorrow));
  assert.equal(key(today), key(today));
});

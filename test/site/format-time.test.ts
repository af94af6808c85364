import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTimeFormatter } from '../../src/site/format-time.js';

// Offsets are cached per day (per hour on days the offset changes): the result must be what
// Intl gives for each moment itself, across daylight-saving changes in either direction.

/** The ISO time with offset, from Intl at this very moment (no cache). */
function expectedIso(time: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(time);
  const f: Record<string, number> = {};
  for (const part of parts) f[part.type] = Number(part.value);
  const second = Math.floor(time / 1000) * 1000;
  const local = Date.UTC(f['year']!, f['month']! - 1, f['day']!, f['hour']!, f['minute']!, f['second']!); // prettier-ignore
  const offset = Math.round((local - second) / 60_000);
  const pad = (n: number): string => String(n).padStart(2, '0');
  const at = new Date(second + offset * 60_000);
  const zone =
    offset === 0
      ? 'Z'
      : `${offset < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`; // prettier-ignore
  return at.toISOString().slice(0, 19) + zone;
}

const zones = [
  'America/New_York',
  'Europe/London',
  'Australia/Sydney',
  'Pacific/Chatham',
  'Asia/Kolkata',
  'Asia/Shanghai',
  'UTC',
];

test('local times match Intl at every moment, across offset changes', () => {
  // 2024: every 37 minutes from late February to mid November (both changes of the northern
  // zones and the autumn change of the southern ones), in an order that jumps about.
  const start = Date.UTC(2024, 1, 20);
  const end = Date.UTC(2024, 10, 15);
  const times: number[] = [];
  for (let t = start; t < end; t += 37 * 60_000 + 1234) times.push(t);
  times.sort((a, b) => (a % 7) - (b % 7) || a - b);
  for (const zone of zones) {
    const format = createTimeFormatter('zh-CN', zone);
    for (const time of times) {
      const iso = new Date(time).toISOString();
      assert.equal(format(iso).iso, expectedIso(time, zone), `${zone} at ${iso}`);
    }
  }
});

test('the day and the text are those of the local time', () => {
  const format = createTimeFormatter('en-GB', 'America/New_York');
  // 2024-03-10 07:30Z is 03:30 EDT (after the spring change at 07:00Z); 06:30Z is 01:30 EST.
  assert.deepEqual(format('2024-03-10T07:30:00.000Z'), {
    iso: '2024-03-10T03:30:00-04:00',
    text: new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'America/New_York' }).format(Date.UTC(2024, 2, 10, 7, 30)), // prettier-ignore
    day: '2024-03-10',
  });
  assert.equal(format('2024-03-10T06:30:00.000Z').iso, '2024-03-10T01:30:00-05:00');
  assert.equal(format('2024-03-10T03:59:00.000Z').day, '2024-03-09');
});

test('an unknown zone falls back to UTC; an unreadable time is shown as given', () => {
  const format = createTimeFormatter('zh-CN', 'Mars/Olympus_Mons');
  assert.equal(format('2024-03-10T07:30:00.000Z').iso, '2024-03-10T07:30:00Z');
  assert.deepEqual(format('not a time'), { iso: 'not a time', text: 'not a time', day: '0000-00-00' }); // prettier-ignore
});

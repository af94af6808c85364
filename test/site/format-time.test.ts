import assert from 'node:assert/strict';
import { test } from 'node:test';
import { zoneOffsetReader } from '../../src/parse/zone-offset.js';
import { createTimeFormatter } from '../../src/site/format-time.js';

/** The local wall clock of an instant in a zone, straight from Intl (no caching). */
function reference(time: number, timeZone: string): { day: string; clock: string } {
  const fields: Record<string, string> = {};
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  for (const part of format.formatToParts(time)) fields[part.type] = part.value;
  return {
    day: `${fields['year']}-${fields['month']}-${fields['day']}`,
    clock: `${fields['hour']}:${fields['minute']}:${fields['second']}`,
  };
}

test('local days and times are right on both sides of offset changes (cached per day)', () => {
  // New York's 2021 spring and autumn changes, Lord Howe's half-hour change, and a zone
  // without changes; every 7 minutes through the two days around each change.
  const cases: [string, string][] = [
    ['America/New_York', '2021-03-13T00:00:00Z'],
    ['America/New_York', '2021-11-06T00:00:00Z'],
    ['Australia/Lord_Howe', '2021-04-03T00:00:00Z'],
    ['Asia/Shanghai', '2021-12-24T00:00:00Z'],
  ];
  for (const [zone, from] of cases) {
    const localTime = createTimeFormatter('en', zone);
    const start = Date.parse(from);
    for (let time = start; time < start + 3 * 86_400_000; time += 7 * 60_000) {
      const iso = new Date(time).toISOString();
      const local = localTime(iso);
      const expected = reference(time, zone);
      assert.equal(local.day, expected.day, `${zone} ${iso}`);
      assert.equal(local.iso.slice(0, 19), `${expected.day}T${expected.clock}`, `${zone} ${iso}`);
      // The offset in the ISO text is the one that turns it back into the same instant.
      assert.equal(Date.parse(local.iso), Math.floor(time / 1000) * 1000, `${zone} ${iso}`);
    }
  }
});

test('text for people is made in the site language, and stays the same when read again', () => {
  const localTime = createTimeFormatter('zh-CN', 'Asia/Shanghai');
  const local = localTime('2021-12-25T00:03:46Z');
  assert.equal(local.day, '2021-12-25');
  assert.equal(local.iso, '2021-12-25T08:03:46+08:00');
  assert.match(local.text, /2021年12月25日/);
  assert.equal(local.text, local.text);
});

// Offsets are cached per day (per hour on days the offset changes): the result must be what
// Intl gives for each moment itself, across daylight-saving changes in either direction.

/** The ISO time with offset, from Intl at this very moment (the shared reader, no cache). */
function expectedIso(time: number, timeZone: string): string {
  const second = Math.floor(time / 1000) * 1000;
  const offset = Math.round(zoneOffsetReader(timeZone)!(time) / 60_000);
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
  const local = format('2024-03-10T07:30:00.000Z');
  assert.deepEqual(
    [local.iso, local.text, local.day],
    [
      '2024-03-10T03:30:00-04:00',
      new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'America/New_York' }).format(Date.UTC(2024, 2, 10, 7, 30)), // prettier-ignore
      '2024-03-10',
    ],
  );
  assert.equal(format('2024-03-10T06:30:00.000Z').iso, '2024-03-10T01:30:00-05:00');
  assert.equal(format('2024-03-10T03:59:00.000Z').day, '2024-03-09');
});

test('an unknown zone falls back to UTC; an unreadable time is shown as given', () => {
  const format = createTimeFormatter('zh-CN', 'Mars/Olympus_Mons');
  assert.equal(format('2024-03-10T07:30:00.000Z').iso, '2024-03-10T07:30:00Z');
  const unreadable = format('not a time');
  assert.deepEqual([unreadable.iso, unreadable.text, unreadable.day], ['not a time', 'not a time', '0000-00-00']); // prettier-ignore
});

test("times at the ends of Date's range are shown as given, not a RangeError", () => {
  const format = createTimeFormatter('zh-CN', 'Asia/Shanghai');
  for (const iso of ['+275760-09-13T00:00:00.000Z', '-271821-04-20T00:00:00.000Z']) {
    const shown = format(iso);
    assert.deepEqual([shown.iso, shown.text, shown.day], [iso, iso, '0000-00-00']);
  }
  // Far but within range: formatted as usual.
  assert.equal(format('9999-12-31T15:59:59.000Z').day, '9999-12-31');
});

test('years before 100 keep their year and zone: 0001-01-01 is .NET\'s "no date", common in feeds', () => {
  // Date.UTC reads years 0–99 as 1900–1999: 0001-01-01 showed as 1901 with +16655040:00.
  const utc = createTimeFormatter('en', 'UTC');
  for (const iso of [
    '0001-01-01T00:00:00.000Z',
    '0000-01-01T00:00:00.000Z',
    '0099-12-31T23:59:00.000Z',
  ]) {
    const shown = utc(iso);
    assert.deepEqual([shown.iso, shown.day], [iso.replace('.000Z', 'Z'), iso.slice(0, 10)]);
  }
  const shanghai = createTimeFormatter('zh-CN', 'Asia/Shanghai')('0001-01-01T00:00:00.000Z');
  assert.equal(shanghai.day, '0001-01-01');
  assert.match(shanghai.iso, /^0001-01-01T08:0\d:00\+08:0\d$/); // local mean time, +08:05:43
});

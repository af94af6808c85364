import assert from 'node:assert/strict';
import { test } from 'node:test';
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

test('a timestamp that does not parse is shown as given', () => {
  const local = createTimeFormatter('en', 'UTC')('not a date');
  assert.deepEqual([local.iso, local.text, local.day], ['not a date', 'not a date', '0000-00-00']);
});

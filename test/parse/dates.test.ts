import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDate, type DateContext } from '../../src/parse/dates.js';

const NOW = Date.parse('2022-01-10T00:00:00.000Z');

describe('parseDate', () => {
  const cases: [input: string, context: DateContext, expected: string | null][] = [
    // RFC 822 / 1123
    ['Sat, 25 Dec 2021 00:03:46 GMT', {}, '2021-12-25T00:03:46.000Z'],
    ['Sat, 25 Dec 21 00:03:46 GMT', {}, '2021-12-25T00:03:46.000Z'],
    ['25 Dec 99 10:00 +0000', {}, '1999-12-25T10:00:00.000Z'],
    ['Sat, 25 Dec 2021 08:03 +0800', {}, '2021-12-25T00:03:00.000Z'],
    ['Thu, 01 Jan 2004 19:48:21 EST', {}, '2004-01-02T00:48:21.000Z'],
    // The common form, read by the RFC 1123 fast path: its edges must match the general reader.
    ['Sat,  5 Dec 2021 00:03:46 GMT', {}, '2021-12-05T00:03:46.000Z'],
    ['Sat, 5 Dec 2021 00:03:46 UT', {}, '2021-12-05T00:03:46.000Z'],
    ['5 Dec 2021 00:03:46 Z', {}, '2021-12-05T00:03:46.000Z'],
    ['Sat 25 Dec 2021 23:59:60 -0130', {}, '2021-12-26T01:29:59.000Z'],
    ['Tue, 29 Feb 2000 24:00:00 GMT', {}, '2000-03-01T00:00:00.000Z'],
    ['Sun, 29 Feb 2100 08:00:00 GMT', {}, null],
    ['Sat, 25 Dec 2021 08:00:00 +1500', {}, null],
    ['Sat, 25 Dec 0099 08:00:00 GMT', {}, '0099-12-25T08:00:00.000Z'],
    ['Sat, 25 Dec 2021 08:00:00 CST', { language: 'zh-CN' }, '2021-12-25T00:00:00.000Z'],
    ['Thu, 01 Jul 2004 19:48:21 PDT', {}, '2004-07-02T02:48:21.000Z'],
    ['Mon, 5 Jan 2004 10:00 GMT+8', {}, '2004-01-05T02:00:00.000Z'],
    ['Mon, 5 Jan 2004 10:00:00 UTC+08:00', {}, '2004-01-05T02:00:00.000Z'],
    ['Tue, 10 Jun 2003 09:41:01 Z', {}, '2003-06-10T09:41:01.000Z'],
    ['Tue, 10 Jun 2003 09:41:01 N', {}, '2003-06-10T08:41:01.000Z'],
    ['Wed Dec 25 2021 08:00:00 GMT+0800 (China Standard Time)', {}, '2021-12-25T00:00:00.000Z'],
    ['Sunday, 26 December 2021 10:00:00 GMT', {}, '2021-12-26T10:00:00.000Z'],
    // CST depends on the feed
    ['Sat, 25 Dec 2021 08:00:00 CST', {}, '2021-12-25T14:00:00.000Z'],
    ['Sat, 25 Dec 2021 08:00:00 CST', { language: 'zh-CN' }, '2021-12-25T00:00:00.000Z'],
    ['Sat, 25 Dec 2021 08:00:00 CST', { timeZone: 'Asia/Shanghai' }, '2021-12-25T00:00:00.000Z'],
    // no zone: read in the context zone
    ['Sat, 25 Dec 2021 08:00:00', {}, '2021-12-25T08:00:00.000Z'],
    ['Sat, 25 Dec 2021 08:00:00', { timeZone: 'Asia/Shanghai' }, '2021-12-25T00:00:00.000Z'],
    ['Sat, 03 Jul 2021 08:00:00', { timeZone: 'America/New_York' }, '2021-07-03T12:00:00.000Z'],
    // ISO 8601 / W3C-DTF
    ['2003-12-31T10:14:55Z', {}, '2003-12-31T10:14:55.000Z'],
    ['2003-12-31T10:14:55.123-08:00', {}, '2003-12-31T18:14:55.123Z'],
    ['2003-12-31T10:14:55,5+01:00', {}, '2003-12-31T09:14:55.500Z'],
    ['2003-12-31T10:14Z', {}, '2003-12-31T10:14:00.000Z'],
    ['20031231T101455Z', {}, '2003-12-31T10:14:55.000Z'],
    ['2003-12-31', {}, '2003-12-31T00:00:00.000Z'],
    ['2003-12', {}, '2003-12-01T00:00:00.000Z'],
    ['2003', {}, '2003-01-01T00:00:00.000Z'],
    ['2003-335', {}, '2003-12-01T00:00:00.000Z'],
    ['2021-12-25 08:03:00', { timeZone: 'Asia/Shanghai' }, '2021-12-25T00:03:00.000Z'],
    // Unix time
    ['1640390626', {}, '2021-12-25T00:03:46.000Z'],
    ['1640390626123', {}, '2021-12-25T00:03:46.123Z'],
    // Chinese forms
    ['2021年12月25日 08:03', { timeZone: 'Asia/Shanghai' }, '2021-12-25T00:03:00.000Z'],
    ['2021年12月25日', {}, '2021-12-25T00:00:00.000Z'],
    ['2021/12/25 08:03:09', {}, '2021-12-25T08:03:09.000Z'],
    ['12月25日 08:03', { timeZone: 'Asia/Shanghai', now: NOW }, '2021-12-25T00:03:00.000Z'],
    ['1月5日 08:03', { now: NOW }, '2022-01-05T08:03:00.000Z'],
    // unreadable → null
    ['', {}, null],
    ['not a date', {}, null],
    ['Sun, 31 Feb 2021 00:00:00 GMT', {}, null],
    ['2003-13-01', {}, null],
    ['Sat, 25 Dec 2021 25:00:00 GMT', {}, null],
  ];
  for (const [input, context, expected] of cases) {
    it(`${JSON.stringify(input)} ${JSON.stringify(context)} → ${expected}`, () => {
      assert.equal(parseDate(input, context), expected);
    });
  }

  it('returns null for null and undefined', () => {
    assert.equal(parseDate(null), null);
    assert.equal(parseDate(undefined), null);
  });

  it('reports unreadable dates', () => {
    const seen: string[] = [];
    parseDate('  yesterday ', { onUnreadable: (v) => seen.push(v) });
    parseDate('2021-12-25', { onUnreadable: (v) => seen.push(v) });
    assert.deepEqual(seen, ['yesterday']);
  });
});

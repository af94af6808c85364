import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDate, type DateContext } from '../../src/parse/dates.js';
import { parseFeed } from '../../src/parse/index.js';

// Issue 3 point 4: every date form it names, one assertion each.

const CHINA: DateContext = { timeZone: 'Asia/Shanghai' };

function check(cases: [input: string, context: DateContext, expected: string | null][]): void {
  for (const [input, context, expected] of cases) {
    it(`${JSON.stringify(input)} ${JSON.stringify(context)} → ${expected}`, () => {
      assert.equal(parseDate(input, context), expected);
    });
  }
}

describe('RFC 822 / 1123 zone names', () => {
  const wall = 'Sat, 25 Dec 2021 12:00:00';
  const zones: [zone: string, hoursEast: number][] = [
    ['UT', 0],
    ['UTC', 0],
    ['GMT', 0],
    ['Z', 0],
    ['EST', -5],
    ['EDT', -4],
    ['CDT', -5],
    ['MST', -7],
    ['MDT', -6],
    ['PST', -8],
    ['PDT', -7],
    ['ET', -5],
    ['PT', -8],
    ['CET', 1],
    ['CEST', 2],
    ['BST', 1],
    ['JST', 9],
    ['KST', 9],
    ['HKT', 8],
    ['BJT', 8],
    ['AEST', 10],
    ['+0800', 8],
    ['-0530', -5.5],
    ['+08:00', 8],
    ['GMT+8', 8],
    ['GMT+08:00', 8],
    ['UTC-5', -5],
    // RFC 822's military letters, with RFC 822's signs (as feedparser reads them).
    ['A', -1],
    ['M', -12],
    ['N', 1],
    ['Y', 12],
  ];
  for (const [zone, hours] of zones) {
    it(`${zone} is UTC${hours >= 0 ? '+' : ''}${hours}`, () => {
      const expected = new Date(Date.UTC(2021, 11, 25, 12) - hours * 3_600_000).toISOString();
      assert.equal(parseDate(`${wall} ${zone}`), expected);
    });
  }
});

describe('RFC 822 variants', () => {
  check([
    ['Sat, 25 Dec 21 08:03:46 +0800', {}, '2021-12-25T00:03:46.000Z'],
    ['Sat, 25 Dec 2021 08:03:46 +0800', {}, '2021-12-25T00:03:46.000Z'],
    ['Sat, 25 Dec 2021 08:03 +0800', {}, '2021-12-25T00:03:00.000Z'],
    ['25 Dec 2021 08:03 GMT', {}, '2021-12-25T08:03:00.000Z'],
    ['Sat,25 Dec 2021 08:03:46 GMT', {}, '2021-12-25T08:03:46.000Z'],
    ['Sat, 25 Dec 2021 08:03:46 GMT +0800', {}, '2021-12-25T00:03:46.000Z'],
    ['Sat, 25 Dec 2021 8:03:46 PM GMT', {}, '2021-12-25T20:03:46.000Z'],
    ['December 25, 2021 at 8:03 PM', {}, '2021-12-25T20:03:00.000Z'],
    ['Sat, 25 Dec 2021 08:03:46', CHINA, '2021-12-25T00:03:46.000Z'],
    ['Sat, 25 Dec 2021 08:03:46 XYZ', {}, null],
  ]);
});

describe('CST: China Standard Time for Chinese feeds, US Central otherwise', () => {
  check([
    ['Sat, 25 Dec 2021 08:00:00 CST', {}, '2021-12-25T14:00:00.000Z'],
    ['Sat, 25 Dec 2021 08:00:00 CST', { language: 'en-US' }, '2021-12-25T14:00:00.000Z'],
    ['Sat, 25 Dec 2021 08:00:00 CST', { timeZone: 'America/Chicago' }, '2021-12-25T14:00:00.000Z'],
    ['Sat, 25 Dec 2021 08:00:00 CST', { language: 'zh' }, '2021-12-25T00:00:00.000Z'],
    ['Sat, 25 Dec 2021 08:00:00 CST', { language: 'zh-TW' }, '2021-12-25T00:00:00.000Z'],
    ['Sat, 25 Dec 2021 08:00:00 CST', { language: 'zh-Hans-CN' }, '2021-12-25T00:00:00.000Z'],
    ['Sat, 25 Dec 2021 08:00:00 CST', CHINA, '2021-12-25T00:00:00.000Z'],
    ['Sat, 25 Dec 2021 08:00:00 CST', { timeZone: 'Asia/Hong_Kong' }, '2021-12-25T00:00:00.000Z'],
  ]);

  it('reads the language from the feed itself', () => {
    const rss = (language: string): string =>
      `<rss><channel><language>${language}</language><item><title>x</title>` +
      '<pubDate>Sat, 25 Dec 2021 08:00:00 CST</pubDate></item></channel></rss>';
    assert.equal(parseFeed(rss('zh-cn')).items[0]?.published, '2021-12-25T00:00:00.000Z');
    assert.equal(parseFeed(rss('en-us')).items[0]?.published, '2021-12-25T14:00:00.000Z');
    const atom =
      '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN"><entry><title>x</title>' +
      '<published>Sat, 25 Dec 2021 08:00:00 CST</published></entry></feed>';
    assert.equal(parseFeed(atom).items[0]?.published, '2021-12-25T00:00:00.000Z');
    const json = JSON.stringify({
      version: 'https://jsonfeed.org/version/1.1',
      language: 'zh-CN',
      items: [{ id: '1', date_published: 'Sat, 25 Dec 2021 08:00:00 CST' }],
    });
    assert.equal(parseFeed(json).items[0]?.published, '2021-12-25T00:00:00.000Z');
  });

  it('uses options.timeZone in China for a feed without a language', () => {
    const rss =
      '<rss><channel><item><title>x</title>' +
      '<pubDate>Sat, 25 Dec 2021 08:00:00 CST</pubDate></item></channel></rss>';
    assert.equal(parseFeed(rss).items[0]?.published, '2021-12-25T14:00:00.000Z');
    assert.equal(
      parseFeed(rss, { timeZone: 'Asia/Shanghai' }).items[0]?.published,
      '2021-12-25T00:00:00.000Z',
    );
  });
});

describe('ISO 8601 and W3C-DTF', () => {
  check([
    ['2021', {}, '2021-01-01T00:00:00.000Z'],
    ['2021-12', {}, '2021-12-01T00:00:00.000Z'],
    ['2021-12-25', {}, '2021-12-25T00:00:00.000Z'],
    ['2021-12-25', CHINA, '2021-12-24T16:00:00.000Z'],
    ['2021-12-25T08:03+08:00', {}, '2021-12-25T00:03:00.000Z'],
    ['2021-12-25T08:03:46+08:00', {}, '2021-12-25T00:03:46.000Z'],
    ['2021-12-25T08:03:46.5+08:00', {}, '2021-12-25T00:03:46.500Z'],
    ['2021-12-25T08:03:46,25+08:00', {}, '2021-12-25T00:03:46.250Z'],
    ['2021-12-25T08:03:46.123456Z', {}, '2021-12-25T08:03:46.123Z'],
    ['2021-12-25T08:03:46+0800', {}, '2021-12-25T00:03:46.000Z'],
    ['2021-12-25T08:03:46 +08:00', {}, '2021-12-25T00:03:46.000Z'],
    ['2021-12-25t08:03:46z', {}, '2021-12-25T08:03:46.000Z'],
    ['20211225T080346Z', {}, '2021-12-25T08:03:46.000Z'],
    ['2021-12-25T08:03:46', CHINA, '2021-12-25T00:03:46.000Z'],
    ['2021-12-25T08:03:46', {}, '2021-12-25T08:03:46.000Z'],
    ['2021-02-30T00:00:00Z', {}, null],
  ]);
});

describe('ISO 8601 week dates (feedparser reads them as 1 November)', () => {
  check([
    ['2021-W51-6', {}, '2021-12-25T00:00:00.000Z'],
    ['2021W516', {}, '2021-12-25T00:00:00.000Z'],
    ['2021-W51', {}, '2021-12-20T00:00:00.000Z'],
    ['2020-W53-5', {}, '2021-01-01T00:00:00.000Z'],
    ['2021-W52-7T10:00Z', {}, '2022-01-02T10:00:00.000Z'],
    ['2021-W53-1', {}, null], // 2021 has 52 weeks
  ]);
});

describe('zones written after the date, and trailing words (feedparser reads these)', () => {
  check([
    // after a complete date, time and zone, more words change nothing
    ['Sat, 25 Dec 2021 08:03:00 GMT garbage', {}, '2021-12-25T08:03:00.000Z'],
    ['2021-12-25T08:03:00+08:00 extra', {}, '2021-12-25T00:03:00.000Z'],
    // two zones: the numeric one wins, a repeated name is the same zone
    ['Thu, 05 Apr 2012 11:15:34 +0100 BST', {}, '2012-04-05T10:15:34.000Z'],
    ['Tue, 10 Jun 2003 04:00:00 EDT EDT', {}, '2003-06-10T08:00:00.000Z'],
    // a zone name after an ISO date-time is its zone (feedparser drops it and reads UTC)
    ['2021-12-25T08:03:00 JST', {}, '2021-12-24T23:03:00.000Z'],
    ['2021-12-25 08:03:00 CST', CHINA, '2021-12-25T00:03:00.000Z'],
    // IANA zone names (feedparser reads UTC)
    ['Sat, 25 Dec 2021 08:03:00 Asia/Shanghai', {}, '2021-12-25T00:03:00.000Z'],
    ['Sat, 25 Dec 2021 08:03:00 America/New_York', {}, '2021-12-25T13:03:00.000Z'],
    ['2021-12-25T08:03:00 Asia/Tokyo', {}, '2021-12-24T23:03:00.000Z'],
    // an unknown word where the zone belongs still leaves the instant unknown
    ['Sat, 25 Dec 2021 08:03:00 Foo/Bar', {}, null],
    ['2021-12-25T08:03:00 XYZ', {}, null],
    ['Sat, 25 Dec 2021 garbage', {}, null],
  ]);
});

describe('Unix timestamps', () => {
  check([
    ['1640390626', {}, '2021-12-25T00:03:46.000Z'],
    ['1640390626.5', {}, '2021-12-25T00:03:46.500Z'],
    ['1640390626123', {}, '2021-12-25T00:03:46.123Z'],
    ['946684800', {}, '2000-01-01T00:00:00.000Z'],
  ]);
});

describe('Chinese forms', () => {
  check([
    ['2021年12月25日 08:03', CHINA, '2021-12-25T00:03:00.000Z'],
    ['2021年12月25日08:03', CHINA, '2021-12-25T00:03:00.000Z'],
    ['2021年12月25日 08:03:09', CHINA, '2021-12-25T00:03:09.000Z'],
    ['2021年12月25日 下午3:05', CHINA, '2021-12-25T07:05:00.000Z'],
    ['2021年12月25日 8时3分', CHINA, '2021-12-25T00:03:00.000Z'],
    ['2021-12-25 08:03:00', CHINA, '2021-12-25T00:03:00.000Z'],
    ['2021-12-25 08:03', CHINA, '2021-12-25T00:03:00.000Z'],
    ['2021/12/25 08:03', CHINA, '2021-12-25T00:03:00.000Z'],
    ['2021.12.25 08:03', CHINA, '2021-12-25T00:03:00.000Z'],
    ['2021-12-25 08:03:00 +0800', {}, '2021-12-25T00:03:00.000Z'],
    ['2021年12月25日 08:03 CST', {}, '2021-12-25T00:03:00.000Z'],
    ['2021年12月25日', CHINA, '2021-12-24T16:00:00.000Z'],
    // Without a zone and without options.timeZone: UTC wall time.
    ['2021年12月25日 08:03', {}, '2021-12-25T08:03:00.000Z'],
    ['2021年13月25日 08:03', CHINA, null],
  ]);
});

describe('Chinese weekdays in a date are skipped (the date was null)', () => {
  check([
    ['2021年12月25日 星期六 08:03', CHINA, '2021-12-25T00:03:00.000Z'],
    ['2021-12-25 08:03:00 星期六', CHINA, '2021-12-25T00:03:00.000Z'],
    ['2021-12-25（周六）08:03', CHINA, '2021-12-25T00:03:00.000Z'],
    ['2021年12月25日 礼拜天', CHINA, '2021-12-24T16:00:00.000Z'],
    ['周六 08:03', CHINA, null],
  ]);
});

describe('year inference for `12月25日 08:03`', () => {
  // Rule: the latest year that puts the date no more than one day after the reference
  // (the feed's updated time, else options.now, else the clock).
  const at = (iso: string): number => Date.parse(iso);
  check([
    ['12月25日 08:03', { ...CHINA, now: at('2022-01-10T00:00:00Z') }, '2021-12-25T00:03:00.000Z'],
    ['12月25日 08:03', { ...CHINA, now: at('2021-12-26T00:00:00Z') }, '2021-12-25T00:03:00.000Z'],
    // Up to one day ahead of the reference is still this year (clock and zone skew)…
    ['12月25日 08:03', { ...CHINA, now: at('2021-12-24T12:00:00Z') }, '2021-12-25T00:03:00.000Z'],
    // …more than a day ahead is last year.
    ['12月25日 08:03', { ...CHINA, now: at('2021-12-23T00:00:00Z') }, '2020-12-25T00:03:00.000Z'],
    // New Year's Eve in UTC is already 1 January in China: next year's date, not last year's.
    ['1月1日 02:00', { ...CHINA, now: at('2021-12-31T20:00:00Z') }, '2021-12-31T18:00:00.000Z'],
    // 29 February goes back to the last leap year.
    ['2月29日 12:00', { now: at('2022-06-01T00:00:00Z') }, '2020-02-29T12:00:00.000Z'],
    ['12-25 08:03', { ...CHINA, now: at('2022-01-10T00:00:00Z') }, null],
  ]);

  it("uses the feed's updated time, then options.now", () => {
    const feed = (lastBuildDate: string): string =>
      '<rss><channel><language>zh-cn</language>' +
      (lastBuildDate ? `<lastBuildDate>${lastBuildDate}</lastBuildDate>` : '') +
      '<item><title>x</title><pubDate>12月25日 08:03</pubDate></item></channel></rss>';
    const options = { timeZone: 'Asia/Shanghai', now: new Date('2030-06-01T00:00:00Z') };
    assert.equal(
      parseFeed(feed('Mon, 10 Jan 2022 00:00:00 GMT'), options).items[0]?.published,
      '2021-12-25T00:03:00.000Z',
    );
    assert.equal(parseFeed(feed(''), options).items[0]?.published, '2029-12-25T00:03:00.000Z');
    const atom =
      '<feed xmlns="http://www.w3.org/2005/Atom"><updated>2022-01-10T00:00:00Z</updated>' +
      '<entry><title>x</title><published>12月25日 08:03</published></entry></feed>';
    assert.equal(parseFeed(atom, options).items[0]?.published, '2021-12-25T00:03:00.000Z');
  });
});

describe('unreadable dates are null and reported, never "now"', () => {
  it('warns through options.onWarning', () => {
    const warnings: string[] = [];
    const feed = parseFeed(
      '<rss><channel><item><title>x</title><pubDate>某天</pubDate></item></channel></rss>',
      { onWarning: (message) => warnings.push(message) },
    );
    assert.equal(feed.items[0]?.published, null);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0] ?? '', /某天/);
  });
});

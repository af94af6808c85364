import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { hexoDate } from '../../src/export/hexo-date.js';
import { parseDate } from '../../src/parse/dates.js';

const firstSeen = '2026-11-29T08:23:46.714Z';

/** The post's date for a feed date string, read as `tidings update` reads it in this context. */
function dateOf(text: string, context: Parameters<typeof parseDate>[1] = {}) {
  return hexoDate({ publishedText: text, published: parseDate(text, context), firstSeen });
}

/** What Hexo does with a string `date:` (hexo/dist/plugins/processor/common.js toDate). */
const hexoReads = (text: string): number => new Date(text).getTime();

describe('the date of a Hexo post', () => {
  test('is the feed’s string when Hexo reads the same time from it (the old script’s way)', () => {
    for (const text of [
      'Sat, 25 Dec 2021 00:03:46 GMT',
      'Sat, 25 Dec 2021 08:03:46 +0800',
      '2021-12-25T08:03:46+08:00',
      'Sat, 25 Dec 2021 08:03:46 CST', // an English feed: US Central, as Hexo reads it
    ]) {
      assert.deepEqual(dateOf(text), { text, source: 'feed' }, text);
    }
  });

  test('is the feed’s string when it has no zone: Hexo reads it in the site’s zone', () => {
    for (const text of ['2021-12-25 08:03:46', '2021/12/25 08:03', '2021-12-25']) {
      assert.deepEqual(dateOf(text, { timeZone: 'Asia/Shanghai' }), { text, source: 'feed' });
    }
  });

  test('a date Hexo cannot read (Chinese forms, Unix time, zone names) is the time Tidings read', () => {
    // Hexo would date these posts by the file's creation time, new at every rewrite.
    const cases: [string, Parameters<typeof parseDate>[1]][] = [
      ['2021年12月25日 08:03:46', { timeZone: 'Asia/Shanghai' }],
      ['12月25日 08:03:46', { timeZone: 'Asia/Shanghai', now: Date.parse('2022-01-02') }],
      ['2021年12月25日 星期六 08:03:46 +08:00', {}],
      ['1640390626', {}],
      ['Sat, 25 Dec 2021 09:03:46 JST', {}],
    ];
    for (const [text, context] of cases) {
      assert.ok(Number.isNaN(hexoReads(text)), `Hexo cannot read ${text}`);
      const date = dateOf(text, context);
      assert.deepEqual(date, { text: 'Sat, 25 Dec 2021 00:03:46 GMT', source: 'hexo-date' }, text);
      assert.equal(hexoReads(date.text), Date.parse('2021-12-25T00:03:46Z'));
    }
  });

  test('CST in a Chinese feed is China time, which Hexo would read as US Central', () => {
    const text = 'Sat, 25 Dec 2021 08:03:46 CST';
    const date = dateOf(text, { language: 'zh-cn' });
    assert.deepEqual(date, { text: 'Sat, 25 Dec 2021 00:03:46 GMT', source: 'hexo-date' });
    assert.notEqual(hexoReads(text), hexoReads(date.text), '14 hours apart otherwise');
  });

  test('no date, or one neither reads: the time first seen, as before', () => {
    assert.deepEqual(hexoDate({ publishedText: null, published: null, firstSeen }), {
      text: '2026-11-29 08:23:46',
      source: 'no-date',
    });
    assert.deepEqual(dateOf('星期八, 99 十三月'), {
      text: '2026-11-29 08:23:46',
      source: 'hexo-date',
    });
  });
});

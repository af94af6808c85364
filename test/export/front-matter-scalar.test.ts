import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parse } from 'yaml';
import {
  dateScalar,
  plainScalar,
  quotedScalar,
  titleScalar,
} from '../../src/export/front-matter-scalar.js';

const TRICKY = [
  'plain title',
  "Vivy -Fluorite Eye's Song-",
  '"M1 Pro"和"M1 Max"',
  `both ' and "`,
  "back\\slash and 'quote",
  'tab\there',
  'line\nbreak',
  '# not a comment',
  'a: b',
  '- dash',
  '&anchor',
  '*alias',
  '!tag',
  '%directive',
  '@at',
  '`tick',
  'yes',
  'No',
  '2021',
  '0x1F',
  '1e3',
  '~',
  'null',
  '[flow]',
  '{flow}',
  ' leading space',
  'trailing space ',
  '',
  '\u0007bell',
  '\ufeffbom',
];

/** What a YAML reader makes of `key: <text>`. */
function read(text: string): unknown {
  return (parse(`v: ${text}\n`) as { v: unknown }).v;
}

describe('front-matter values', () => {
  test('every quoted or plain form reads back as the same string (line breaks as spaces)', () => {
    for (const value of TRICKY) {
      const want = value.replace(/[\r\n]+/g, ' ');
      for (const scalar of [titleScalar(value), quotedScalar(value), plainScalar(value)]) {
        assert.equal(read(scalar.text), want, `${JSON.stringify(value)} → ${scalar.text}`);
      }
    }
  });
  test('the old forms are kept wherever they are valid', () => {
    assert.deepEqual(titleScalar('plain title'), { text: "'plain title'", fixed: false });
    assert.deepEqual(titleScalar("Eye's Song"), { text: `"Eye's Song"`, fixed: false });
    assert.deepEqual(titleScalar('"M1 Pro"'), { text: `'"M1 Pro"'`, fixed: false });
    assert.deepEqual(plainScalar('新浪财经－国內'), { text: '新浪财经－国內', fixed: false });
    assert.deepEqual(dateScalar('Sat, 25 Dec 2021 00:03:46 GMT'), {
      text: 'Sat, 25 Dec 2021 00:03:46 GMT',
      fixed: false,
    });
  });
  test('where they are not, the safe form is marked as a fix', () => {
    assert.deepEqual(titleScalar(`It's "x"`), { text: `'It''s "x"'`, fixed: true });
    assert.deepEqual(quotedScalar("https://x/it's.png"), {
      text: "'https://x/it''s.png'",
      fixed: true,
    });
    assert.deepEqual(plainScalar('yes'), { text: "'yes'", fixed: true });
    assert.deepEqual(dateScalar('# soon'), { text: "'# soon'", fixed: true });
  });
});

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { hexoPostPaths } from '../../src/export/hexo-file-path.js';
import { hexoFileStem, hexoTitle } from '../../src/export/hexo-title.js';
import { cutToBytes, safeFileName } from '../../src/export/safe-file-name.js';

const headings: [string, string, string] = ['金融', '新浪财经', '新浪财经－国內'];

/** Checks what every produced name must be, on every system. */
function assertPortable(relative: string): void {
  const segments = relative.split('/');
  assert.equal(segments.length, 4, `${relative}: category/site/feed/name`);
  for (const segment of segments) {
    assert.ok(Buffer.byteLength(segment) <= 255, `${segment}: at most 255 bytes`);
    assert.doesNotMatch(
      segment,
      /[<>:"/\\|?*\u0000-\u001f]/,
      `${segment}: no character Windows forbids`,
    );
    assert.ok(segment !== '' && segment !== '.' && segment !== '..', `${segment}: a real name`);
    assert.doesNotMatch(
      segment,
      /^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i,
      `${segment}: not a device`,
    );
    assert.doesNotMatch(segment, /^[_.]/, `${segment}: not hidden from Hexo`);
  }
}

describe('title rules of the old script', () => {
  test('the replaced characters become _, in the title and the file name', () => {
    assert.equal(hexoTitle('Re:ゼロから始める'), 'Re_ゼロから始める');
    assert.equal(hexoTitle('00后“整顿职场”'), '00后_整顿职场_');
    assert.equal(hexoTitle('*ST奇信 [公告] a|b<c>d\\e?'), '_ST奇信 _公告_ a_b_c_d_e_');
    assert.equal(
      hexoTitle('"中国拍《长津湖》"？封！'),
      '"中国拍《长津湖》"？封！',
      'ASCII quotes stay',
    );
  });
  test('the file name also loses dots and #', () => {
    assert.equal(hexoFileStem('Dr.STONE #1'), 'DrSTONE 1');
    assert.equal(hexoFileStem('0.999......8和1相等吗?'), '09998和1相等吗_');
  });
});

describe('safe file names', () => {
  test('titles that try to leave the folder stay inside it', () => {
    for (const title of [
      '../../etc/passwd',
      '/etc/passwd',
      '..',
      '.',
      'C:\\Windows\\x',
      'a\u0000b',
    ]) {
      const [first] = hexoPostPaths(headings, title, 'id').candidates;
      assertPortable(first!);
    }
  });
  test('headings are made safe too', () => {
    const [first] = hexoPostPaths(['..', 'a/b', 'CON'], 'title', 'id').candidates;
    assertPortable(first!);
    assert.match(first!, /^＿\/a／b\/＿CON\/title\.md$/);
  });
  test('Windows device names get a prefix, with or without an extension', () => {
    for (const title of ['CON', 'con', 'NUL', 'com1', 'LPT9', 'aux']) {
      const [first] = hexoPostPaths(headings, title, 'id').candidates;
      assertPortable(first!);
    }
    assert.equal(safeFileName('CON', '').name, '_CON');
    assert.equal(safeFileName('CONSOLE', '.md').name, 'CONSOLE.md', 'only the exact device names');
  });
  test('a double quote becomes its full-width form; % too (Hexo cannot read it)', () => {
    const [first] = hexoPostPaths(headings, '"养老旅游"爆雷 增长38.0%', 'id').candidates;
    assert.equal(first, '金融/新浪财经/新浪财经－国內/＂养老旅游＂爆雷 增长380％.md');
  });
  test('long titles are cut to 255 bytes on a character boundary, suffixes included', () => {
    const title = '超长标题'.repeat(40) + '😀'.repeat(10);
    const candidates = hexoPostPaths(headings, title, 'id').candidates;
    for (const candidate of candidates) {
      assertPortable(candidate);
      const name = candidate.split('/').pop()!;
      assert.ok(name.endsWith('.md'));
      assert.ok(Buffer.byteLength(name) > 240, 'uses the room there is');
      assert.ok(!name.includes('\ufffd'), 'no split character');
    }
    assert.equal(cutToBytes('a😀b', 4), 'a', 'a 4-byte character is not split');
  });
  test('collision suffixes are derived from the item, so they are stable', () => {
    const a = hexoPostPaths(headings, 'Same', 'rsshub:/x\nitem-1').candidates;
    const b = hexoPostPaths(headings, 'Same', 'rsshub:/x\nitem-2').candidates;
    assert.equal(a[0], b[0]);
    assert.notEqual(a[1], b[1]);
    assert.deepEqual(hexoPostPaths(headings, 'Same', 'rsshub:/x\nitem-1').candidates, a);
  });
});

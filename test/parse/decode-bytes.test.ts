import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeBytes } from '../../src/parse/decode-bytes.js';

const xml = '<?xml version="1.0"?><rss><title>Café 新闻</title></rss>';

function utf16(text: string, littleEndian: boolean, bom: boolean): Uint8Array {
  const bytes = Buffer.from(text, 'utf16le');
  if (!littleEndian) bytes.swap16();
  const mark = littleEndian ? [0xff, 0xfe] : [0xfe, 0xff];
  return bom ? Buffer.concat([Buffer.from(mark), bytes]) : bytes;
}

function utf32(text: string, littleEndian: boolean): Uint8Array {
  const points = [...text].map((c) => c.codePointAt(0)!);
  const bytes = Buffer.alloc(points.length * 4);
  points.forEach((p, i) =>
    littleEndian ? bytes.writeUInt32LE(p, i * 4) : bytes.writeUInt32BE(p, i * 4),
  );
  return bytes;
}

describe('decodeBytes', () => {
  const cases: [name: string, bytes: Uint8Array, encoding: string, charset?: string][] = [
    ['UTF-8 without BOM', Buffer.from(xml), 'utf-8'],
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(xml)]), 'utf-8'],
    ['UTF-16LE with BOM', utf16(xml, true, true), 'utf-16le'],
    ['UTF-16BE with BOM', utf16(xml, false, true), 'utf-16be'],
    ['UTF-16BE without BOM', utf16(xml, false, false), 'utf-16be'],
    ['UTF-32LE without BOM', utf32(xml, true), 'utf-32le'],
    ['UTF-32BE without BOM', utf32(xml, false), 'utf-32be'],
  ];
  for (const [name, bytes, encoding] of cases) {
    it(name, () => {
      const decoded = decodeBytes(bytes);
      assert.equal(decoded.encoding, encoding);
      assert.equal(decoded.text, xml);
    });
  }

  it('follows the XML declaration (gbk read as gb18030)', () => {
    const body = '<?xml version="1.0" encoding="gbk"?><rss><title>新闻</title></rss>';
    const gbk = Buffer.from([
      ...Buffer.from('<?xml version="1.0" encoding="gbk"?><rss><title>'),
      0xd0,
      0xc2,
      0xce,
      0xc5,
      ...Buffer.from('</title></rss>'),
    ]);
    const decoded = decodeBytes(gbk);
    assert.equal(decoded.encoding, 'gb18030');
    assert.equal(decoded.text, body);
  });

  it('uses the outside charset when the document declares none', () => {
    const latin1 = Buffer.from('<rss><title>caf\xe9</title></rss>', 'latin1');
    assert.equal(decodeBytes(latin1, 'iso-8859-1').text, '<rss><title>café</title></rss>');
  });

  it('falls back to GB18030 for undeclared Chinese that is not UTF-8', () => {
    const bytes = Buffer.from([
      ...Buffer.from('<rss><title>'),
      ...Array.from({ length: 10 }, () => [0xd0, 0xc2, 0xce, 0xc5]).flat(),
      ...Buffer.from('</title></rss>'),
    ]);
    const decoded = decodeBytes(bytes);
    assert.equal(decoded.encoding, 'gb18030');
    assert.match(decoded.text, /新闻新闻/);
  });

  it('falls back to windows-1252 for other undeclared single-byte text', () => {
    const bytes = Buffer.from(
      '<rss><title>\x93quoted\x94 caf\xe9 na\xefve \xe0 \xe8</title></rss>',
      'latin1',
    );
    const decoded = decodeBytes(bytes);
    assert.equal(decoded.encoding, 'windows-1252');
    assert.match(decoded.text, /\u201cquoted\u201d café/);
  });
});

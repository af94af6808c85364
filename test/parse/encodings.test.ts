import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeBytes } from '../../src/parse/decode-bytes.js';
import { parseFeed } from '../../src/parse/index.js';

// Issue 3 point 3: byte-level tests. The hex strings were produced with Python 3's codecs,
// e.g. `'新闻：中国经济'.encode('gbk').hex()`.

const ascii = (text: string): number[] => [...Buffer.from(text, 'latin1')];
const hex = (digits: string): number[] => [...Buffer.from(digits, 'hex')];

/** An RSS feed whose item title is `titleBytes`, optionally with an XML declaration. */
function feedBytes(titleBytes: number[], encoding?: string): Uint8Array {
  const declaration = encoding ? `<?xml version="1.0" encoding="${encoding}"?>\n` : '';
  return Uint8Array.from([
    ...ascii(`${declaration}<rss version="2.0"><channel><title>t</title><item><title>`),
    ...titleBytes,
    ...ascii('</title></item></channel></rss>'),
  ]);
}

function itemTitle(bytes: Uint8Array, charset?: string): string | null {
  const feed = parseFeed(bytes, charset === undefined ? {} : { charset });
  return feed.items[0]?.title ?? null;
}

const GBK_NEWS = hex('d0c2cec5a3bad6d0b9fabeadbcc3'); // 新闻：中国经济

describe('encodings declared in the XML declaration', () => {
  const cases: [label: string, bytes: number[], text: string, used: string][] = [
    ['GBK', GBK_NEWS, '新闻：中国经济', 'gb18030'],
    ['gb2312', GBK_NEWS, '新闻：中国经济', 'gb18030'],
    ['GB18030', hex('d0c2cec5a2e395328236'), '新闻€𠀀', 'gb18030'],
    ['Big5', hex('b773bb44a147bb4fc657b867c0d9'), '新聞：臺灣經濟', 'big5'],
    ['Shift_JIS', hex('836a8385815b8358814693fa967b8c6f8dcf'), 'ニュース：日本経済', 'shift_jis'],
    ['EUC-JP', hex('a5cba5e5a1bca5b9a1a7c6fccbdcb7d0bad1'), 'ニュース：日本経済', 'euc-jp'],
    ['EUC-KR', hex('b4babdba3a20c7d1b1b920b0e6c1a6'), '뉴스: 한국 경제', 'euc-kr'],
    [
      'windows-1252',
      hex('9371756f7465649420803520636166e92097206e61ef7665'),
      '\u201cquoted\u201d \u20ac5 café \u2014 naïve',
      'windows-1252',
    ],
    ['windows-1251', hex('cdeee2eef1f2e83a20d0eef1f1e8ff'), 'Новости: Россия', 'windows-1251'],
    // WHATWG (and every browser) reads ISO-8859-1 as windows-1252, its superset.
    ['ISO-8859-1', hex('636166e920d1616e64fa20a9'), 'café Ñandú ©', 'windows-1252'],
    ['ISO-8859-2', hex('5a61bff3b3e62067eab66cb1206a61bcf1'), 'Zażółć gęślą jaźń', 'iso-8859-2'],
    ['ISO-8859-15', hex('a420bd7576726520a6'), '€ œuvre Š', 'iso-8859-15'],
  ];
  for (const [label, bytes, text, used] of cases) {
    it(`${label} → ${used}`, () => {
      const input = feedBytes(bytes, label);
      assert.equal(decodeBytes(input).encoding, used);
      assert.equal(itemTitle(input), text);
    });
  }
});

describe('UTF-8 and UTF-16', () => {
  const xml =
    '<?xml version="1.0" encoding="UTF-16"?><rss><channel><item><title>新闻 café</title></item></channel></rss>';
  const utf16 = (littleEndian: boolean, bom: boolean): Uint8Array => {
    const body = Buffer.from(xml, 'utf16le');
    if (!littleEndian) body.swap16();
    const mark = bom ? (littleEndian ? [0xff, 0xfe] : [0xfe, 0xff]) : [];
    return Uint8Array.from([...mark, ...body]);
  };
  for (const [name, littleEndian, bom] of [
    ['UTF-16LE with BOM', true, true],
    ['UTF-16LE without BOM', true, false],
    ['UTF-16BE with BOM', false, true],
    ['UTF-16BE without BOM', false, false],
  ] as const) {
    it(name, () => {
      const input = utf16(littleEndian, bom);
      assert.equal(decodeBytes(input).encoding, littleEndian ? 'utf-16le' : 'utf-16be');
      assert.equal(itemTitle(input), '新闻 café');
    });
  }

  it('UTF-8 with a BOM (the BOM is not part of the text)', () => {
    const input = Uint8Array.from([
      0xef,
      0xbb,
      0xbf,
      ...Buffer.from(xml.replace('UTF-16', 'UTF-8')),
    ]);
    const decoded = decodeBytes(input);
    assert.equal(decoded.encoding, 'utf-8');
    assert.equal(decoded.text.charCodeAt(0), 0x3c);
    assert.equal(itemTitle(input), '新闻 café');
  });

  it('UTF-8 without declaration or BOM', () => {
    assert.equal(itemTitle(Buffer.from(xml.replace(/<\?xml[^>]*>/, ''))), '新闻 café');
  });
});

describe('order of trust: BOM, XML declaration, outside charset, detection', () => {
  it('a BOM beats the XML declaration', () => {
    const input = Uint8Array.from([
      0xef,
      0xbb,
      0xbf,
      ...feedBytes([...Buffer.from('新闻')], 'gbk'),
    ]);
    assert.equal(itemTitle(input, 'big5'), '新闻');
  });

  it('the XML declaration beats the outside (HTTP) charset', () => {
    assert.equal(itemTitle(feedBytes(GBK_NEWS, 'gbk'), 'iso-8859-1'), '新闻：中国经济');
  });

  it('the outside charset is used when the document declares none', () => {
    const big5 = hex('b773bb44a147bb4fc657b867c0d9');
    assert.equal(itemTitle(feedBytes(big5), 'big5'), '新聞：臺灣經濟');
    assert.equal(itemTitle(feedBytes(GBK_NEWS), 'GB2312'), '新闻：中国经济');
    assert.equal(itemTitle(feedBytes(hex('cdeee2eef1f2e8')), 'windows-1251'), 'Новости');
  });

  it('an unknown declared label falls through to the outside charset', () => {
    assert.equal(itemTitle(feedBytes(GBK_NEWS, 'x-no-such-charset'), 'gbk'), '新闻：中国经济');
  });

  it('detects undeclared GBK instead of producing mojibake', () => {
    assert.equal(itemTitle(feedBytes(GBK_NEWS)), '新闻：中国经济');
    // Even a single two-character title in an otherwise ASCII document.
    assert.equal(itemTitle(feedBytes(hex('d0c2cec5'))), '新闻');
  });

  it('detects GBK inside a long mostly-ASCII document', () => {
    const padding = ascii(`<description>${'x'.repeat(20_000)}</description>`);
    const input = Uint8Array.from([
      ...ascii('<rss><channel><item><title>'),
      ...hex('d6d0b9fa'), // 中国
      ...ascii('</title>'),
      ...padding,
      ...ascii('</item></channel></rss>'),
    ]);
    assert.equal(decodeBytes(input).encoding, 'gb18030');
    assert.equal(parseFeed(input).items[0]?.title, '中国');
  });

  it('detects GBK bytes that claim to be UTF-8 (a wrong declaration or header)', () => {
    assert.equal(itemTitle(feedBytes(GBK_NEWS, 'utf-8')), '新闻：中国经济');
    assert.equal(itemTitle(feedBytes(GBK_NEWS), 'utf-8'), '新闻：中国经济');
  });

  it('reads UTF-8 labelled iso-8859-1 / windows-1252 / windows-1251 as UTF-8 (feedparser does)', () => {
    // WordPress and servers write iso-8859-1 over UTF-8; before, "Café" read "CafÃ©".
    const utf8 = (text: string): number[] => [...Buffer.from(text, 'utf8')];
    assert.equal(itemTitle(feedBytes(utf8('Café'), 'ISO-8859-1')), 'Café');
    assert.equal(itemTitle(feedBytes(utf8('“déjà vu”'), 'windows-1252')), '“déjà vu”');
    assert.equal(itemTitle(feedBytes(utf8('Café')), 'iso-8859-1'), 'Café');
    assert.equal(itemTitle(feedBytes(utf8('新闻：中国'), 'iso-8859-1')), '新闻：中国');
    assert.equal(itemTitle(feedBytes(utf8('Новости'), 'windows-1251')), 'Новости');
    // Real windows-1252 and windows-1251 text (not valid UTF-8) keeps its label.
    assert.equal(itemTitle(feedBytes(hex('436166e9'), 'ISO-8859-1')), 'Café');
    assert.equal(itemTitle(feedBytes(hex('cdeee2eef1f2e8'), 'windows-1251')), 'Новости');
  });

  it('keeps UTF-8 with a stray invalid byte as UTF-8', () => {
    const chinese = [...Buffer.from('新闻：中国经济，今日要闻')];
    const input = feedBytes([...chinese, 0xff, ...chinese]);
    assert.equal(decodeBytes(input).encoding, 'utf-8');
    assert.equal(itemTitle(input), '新闻：中国经济，今日要闻\ufffd新闻：中国经济，今日要闻');
  });

  it('reads undeclared non-UTF-8 Latin text as windows-1252', () => {
    const input = feedBytes(hex('9371756f7465649420803520636166e9'));
    assert.equal(decodeBytes(input).encoding, 'windows-1252');
    assert.equal(itemTitle(input), '\u201cquoted\u201d \u20ac5 café');
  });
});

describe('mislabelled documents', () => {
  it('reads UTF-8 that declares gb2312 (a converted page that kept its declaration) as UTF-8', () => {
    const input = feedBytes([...Buffer.from('新闻：中国经济')], 'gb2312');
    assert.equal(decodeBytes(input).encoding, 'utf-8');
    assert.equal(itemTitle(input), '新闻：中国经济');
    assert.equal(
      itemTitle(feedBytes([...Buffer.from('新聞：臺灣經濟')]), 'big5'),
      '新聞：臺灣經濟',
    );
  });

  it('still follows the declaration when the bytes are not UTF-8', () => {
    assert.equal(decodeBytes(feedBytes(GBK_NEWS, 'gb2312')).encoding, 'gb18030');
  });

  it("reads GBK under a server's default iso-8859-1 / us-ascii header as GBK", () => {
    // Tomcat and Apache's AddDefaultCharset label every answer so, whatever it holds.
    for (const header of ['ISO-8859-1', 'us-ascii', 'windows-1252']) {
      assert.equal(itemTitle(feedBytes(GBK_NEWS), header), '新闻：中国经济', header);
    }
    // Latin text under that header keeps it; so does GBK that its declaration calls Latin.
    assert.equal(itemTitle(feedBytes(hex('436166e920d1616e64fa')), 'iso-8859-1'), 'Café Ñandú');
    assert.equal(decodeBytes(feedBytes(GBK_NEWS, 'iso-8859-1')).encoding, 'windows-1252');
  });
});

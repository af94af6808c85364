import { Buffer, isUtf8 } from 'node:buffer';

/**
 * Bytes → string. Order of evidence: a byte order mark (or the zero-byte pattern of an
 * un-marked UTF-16/32 `<`), then the XML declaration's encoding, then the charset from
 * outside (HTTP), then UTF-8; when UTF-8 fails badly, GB18030 or windows-1252.
 */

export interface DecodedText {
  text: string;
  /** The encoding actually used (WHATWG name, or utf-32le/be). */
  encoding: string;
}

/** windows-1252's characters for bytes 0x80–0x9F (where it differs from ISO-8859-1). */
const WINDOWS_1252_C1 = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152,
  0x8d, 0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122,
  0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

export function windows1252CodePoint(code: number): number {
  return code >= 0x80 && code <= 0x9f ? (WINDOWS_1252_C1[code - 0x80] ?? code) : code;
}

/**
 * Node's TextDecoder reads windows-1252 (and its aliases latin1, iso-8859-1, ascii) as
 * ISO-8859-1, leaving 0x80–0x9F as C1 controls; WHATWG and every browser map them to
 * curly quotes, dashes, the euro sign…
 */
function fixWindows1252(text: string): string {
  return /[\x80-\x9f]/.test(text)
    ? text.replace(/[\x80-\x9f]/g, (c) =>
        String.fromCodePoint(windows1252CodePoint(c.charCodeAt(0))),
      )
    : text;
}

function decodeWith(decoder: InstanceType<typeof TextDecoder>, bytes: Uint8Array): string {
  const text = decoder.decode(bytes);
  return decoder.encoding === 'windows-1252' ? fixWindows1252(text) : text;
}

type Sniffed = 'utf-8' | 'utf-16le' | 'utf-16be' | 'utf-32le' | 'utf-32be';

function sniffByteOrder(bytes: Uint8Array): { encoding: Sniffed; bomLength: number } | null {
  const [b0, b1, b2, b3] = [bytes[0], bytes[1], bytes[2], bytes[3]];
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return { encoding: 'utf-8', bomLength: 3 };
  if (b0 === 0xff && b1 === 0xfe && b2 === 0 && b3 === 0) {
    return { encoding: 'utf-32le', bomLength: 4 };
  }
  if (b0 === 0 && b1 === 0 && b2 === 0xfe && b3 === 0xff) {
    return { encoding: 'utf-32be', bomLength: 4 };
  }
  if (b0 === 0xfe && b1 === 0xff) return { encoding: 'utf-16be', bomLength: 2 };
  if (b0 === 0xff && b1 === 0xfe) return { encoding: 'utf-16le', bomLength: 2 };
  // No mark: a document starts with `<` or whitespace, so zero bytes give the width away.
  if (b0 === 0 && b1 === 0 && b2 === 0 && b3 !== 0) return { encoding: 'utf-32be', bomLength: 0 };
  if (b0 !== 0 && b1 === 0 && b2 === 0 && b3 === 0) return { encoding: 'utf-32le', bomLength: 0 };
  if (b0 === 0 && b1 !== 0 && b2 === 0 && b3 !== 0) return { encoding: 'utf-16be', bomLength: 0 };
  if (b0 !== 0 && b1 === 0 && b2 !== 0 && b3 === 0) return { encoding: 'utf-16le', bomLength: 0 };
  return null;
}

/** TextDecoder has no UTF-32; it is rare enough to decode by hand. */
function decodeUtf32(bytes: Uint8Array, littleEndian: boolean): string {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const parts: string[] = [];
  const chunk: number[] = [];
  for (let i = 0; i + 3 < bytes.length; i += 4) {
    const code = view.getUint32(i, littleEndian);
    chunk.push(code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) ? 0xfffd : code);
    if (chunk.length === 4096) {
      parts.push(String.fromCodePoint(...chunk));
      chunk.length = 0;
    }
  }
  parts.push(String.fromCodePoint(...chunk));
  return parts.join('');
}

/** The encoding named in `<?xml ... encoding="..."?>`, read from the first bytes as ASCII. */
function declaredEncoding(bytes: Uint8Array): string | null {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  const match = /<\?xml[^>]*?encoding\s*=\s*["']\s*([A-Za-z0-9._:-]+)/.exec(head);
  return match?.[1] ?? null;
}

/** Labels feeds use that WHATWG's list lacks or maps to a narrower decoder. */
const LABEL_ALIASES: Record<string, string> = {
  gbk: 'gb18030',
  gb2312: 'gb18030',
  'x-gbk': 'gb18030',
  cp936: 'gb18030',
  ms936: 'gb18030',
  'big5-hkscs': 'big5',
  cp950: 'big5',
  'x-sjis': 'shift_jis',
  sjis: 'shift_jis',
  cp932: 'shift_jis',
  ms932: 'shift_jis',
  'tis-620': 'windows-874',
  'iso-8859-11': 'windows-874',
  utf8: 'utf-8',
  u16: 'utf-16',
  utf16: 'utf-16',
};

function makeDecoder(label: string, fatal: boolean): InstanceType<typeof TextDecoder> | null {
  const key = label.trim().toLowerCase();
  try {
    return new TextDecoder(LABEL_ALIASES[key] ?? key, { fatal });
  } catch {
    return null;
  }
}

function tryDecode(bytes: Uint8Array, label: string, fatal: boolean): string | null {
  const decoder = makeDecoder(label, fatal);
  if (!decoder) return null;
  try {
    return decoder.decode(bytes);
  } catch {
    return null;
  }
}

function countReplacementCharacters(text: string): number {
  let count = 0;
  for (let i = text.indexOf('\ufffd'); i !== -1; i = text.indexOf('\ufffd', i + 1)) count++;
  return count;
}

export function decodeBytes(bytes: Uint8Array, charset?: string): DecodedText {
  const sniffed = sniffByteOrder(bytes);
  if (sniffed) {
    const body = bytes.subarray(sniffed.bomLength);
    if (sniffed.encoding === 'utf-32le' || sniffed.encoding === 'utf-32be') {
      return {
        text: decodeUtf32(body, sniffed.encoding === 'utf-32le'),
        encoding: sniffed.encoding,
      };
    }
    return {
      text: new TextDecoder(sniffed.encoding).decode(body),
      encoding: sniffed.encoding,
    };
  }

  for (const label of [declaredEncoding(bytes), charset]) {
    if (!label) continue;
    const lower = label.toLowerCase();
    // A declaration of UTF-16/32 over bytes that are not (no zero pattern) is a lie.
    if (lower.startsWith('utf-16') || lower.startsWith('utf-32') || lower === 'u16') continue;
    const decoder = makeDecoder(label, false);
    if (!decoder) continue;
    if (decoder.encoding === 'utf-8') break; // handled below, with the fallbacks
    return { text: decodeWith(decoder, bytes), encoding: decoder.encoding };
  }

  // Buffer's validator and decoder are SIMD-fast; a fatal TextDecoder is ~10× slower.
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (isUtf8(buffer)) return { text: buffer.toString('utf8'), encoding: 'utf-8' };
  const lenient = buffer.toString('utf8');
  // A stray bad byte in a UTF-8 feed is common; only many of them mean another encoding.
  if (countReplacementCharacters(lenient) <= Math.max(2, lenient.length / 2000)) {
    return { text: lenient, encoding: 'utf-8' };
  }
  const gb = tryDecode(bytes, 'gb18030', true);
  if (gb !== null && /[\u4e00-\u9fff]/.test(gb)) return { text: gb, encoding: 'gb18030' };
  return { text: decodeWith(new TextDecoder('windows-1252'), bytes), encoding: 'windows-1252' };
}

import { Buffer, isUtf8 } from 'node:buffer';
import { decodeValidUtf8 } from './utf8-text.js';

/**
 * Bytes → string. Order of evidence: a byte order mark (or the zero-byte pattern of an
 * un-marked UTF-16/32 `<`), then the XML declaration's encoding, then the charset from
 * outside (HTTP) unless the bytes are UTF-8 in fact (or GBK under a server's default
 * iso-8859-1), then detection: valid (or nearly valid) UTF-8, else GB18030 when the bytes
 * look like GBK, else windows-1252. Big5, Shift_JIS, EUC-x… need a declaration or a
 * charset: their bytes overlap too much to guess safely.
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

/**
 * How UTF-8-like the non-ASCII bytes are: well-formed multi-byte sequences versus bytes
 * that fit no sequence. UTF-8 with a stray bad byte has many of the first; GBK, Big5,
 * windows-125x… have mostly the second (GBK's `d0c2` is a lead byte and another lead byte).
 */
function utf8Evidence(bytes: Uint8Array): { valid: number; invalid: number } {
  let valid = 0;
  let invalid = 0;
  const length = bytes.length;
  for (let i = 0; i < length; i++) {
    const b = bytes[i] as number;
    if (b < 0x80) continue;
    const need =
      b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : 0;
    let ok = need > 0 && i + need < length;
    for (let k = 1; ok && k <= need; k++) ok = ((bytes[i + k] as number) & 0xc0) === 0x80;
    if (ok) {
      valid++;
      i += need;
    } else if (i + need >= length && need > 0) {
      // A sequence cut by the end of a truncated document is not evidence either way.
    } else {
      invalid++;
    }
  }
  return { valid, invalid };
}

/**
 * GBK-family evidence: of the double-byte characters, how many sit in GB2312's rows
 * (both bytes 0xA1–0xFE) — nearly all of everyday simplified Chinese does, while Big5 and
 * Shift_JIS trail bytes are mostly below 0xA1.
 */
function looksLikeGb(bytes: Uint8Array): boolean {
  let pairs = 0;
  let gb2312 = 0;
  let invalid = 0;
  for (let i = 0; i < bytes.length; i++) {
    const lead = bytes[i] as number;
    if (lead < 0x80) continue;
    const trail = bytes[i + 1];
    if (trail === undefined) break;
    if (lead === 0x80 || lead === 0xff || trail < 0x30 || trail === 0x7f || trail === 0xff) {
      invalid++;
      continue;
    }
    if (trail <= 0x39) {
      i += 3; // a GB18030 four-byte sequence
      pairs++;
      continue;
    }
    pairs++;
    if (lead >= 0xa1 && trail >= 0xa1) gb2312++;
    i++;
  }
  return pairs > 0 && invalid <= Math.max(1, pairs / 50) && gb2312 >= pairs * 0.8;
}

/**
 * Whether bytes labelled `encoding` are UTF-8 in fact. Text in a legacy encoding is
 * practically never valid UTF-8 with multi-byte sequences: in windows-1252 (and its labels
 * iso-8859-1, ascii) one would be a capital letter Â–ß followed by a C1 punctuation or
 * symbol byte, every non-ASCII byte of the document pairing up so; CJK double-byte text
 * and the other single-byte scripts match by chance a little more often, so they need
 * several sequences. Chinese sites often convert to UTF-8 and keep `encoding="gb2312"`;
 * WordPress and servers write `iso-8859-1` over UTF-8.
 */
function isMislabelledUtf8(bytes: Uint8Array, encoding: string): boolean {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (!isUtf8(buffer)) return false;
  return utf8Evidence(bytes).valid >= (encoding === 'windows-1252' ? 1 : 3);
}

/**
 * Whether an HTTP charset of iso-8859-1 / us-ascii / windows-1252 (all read as windows-1252)
 * sits over GBK bytes. Servers send it by default (Tomcat, Apache's AddDefaultCharset) whatever
 * the document is; Chinese read as windows-1252 is all Latin letter pairs ("ÐÂÎÅ"), which
 * real Latin text, a lone accented letter between ASCII ones, practically never is.
 */
function isServerDefaultOverGb(bytes: Uint8Array, encoding: string): boolean {
  return encoding === 'windows-1252' && looksLikeGb(bytes);
}

/**
 * A decision reached before UTF-8 detection: a byte order mark, or a declared/outside
 * charset that is not UTF-8. Null when the bytes are to be read as (detected) UTF-8.
 */
function markedOrDeclared(bytes: Uint8Array, charset: string | undefined): DecodedText | null {
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

  const labels = [
    { label: declaredEncoding(bytes), fromHttp: false },
    { label: charset, fromHttp: true },
  ];
  for (const { label, fromHttp } of labels) {
    if (!label) continue;
    const lower = label.toLowerCase();
    // A declaration of UTF-16/32 over bytes that are not (no zero pattern) is a lie.
    if (lower.startsWith('utf-16') || lower.startsWith('utf-32') || lower === 'u16') continue;
    const decoder = makeDecoder(label, false);
    if (!decoder) continue;
    if (decoder.encoding === 'utf-8') break; // handled below, with the fallbacks
    if (isMislabelledUtf8(bytes, decoder.encoding)) break;
    if (fromHttp && isServerDefaultOverGb(bytes, decoder.encoding)) break;
    return { text: decodeWith(decoder, bytes), encoding: decoder.encoding };
  }
  return null;
}

/** Bytes that are not valid UTF-8 and carry no usable label: nearly-UTF-8, GBK, else 1252. */
function detectInvalidUtf8(bytes: Uint8Array, buffer: Buffer): DecodedText {
  // A stray bad byte in a UTF-8 feed is common; UTF-8 that is mostly well-formed stays so.
  const { valid, invalid } = utf8Evidence(bytes);
  if (valid >= invalid * 4 && valid > 0)
    return { text: buffer.toString('utf8'), encoding: 'utf-8' };
  if (looksLikeGb(bytes)) {
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
  }
  if (valid > invalid) return { text: buffer.toString('utf8'), encoding: 'utf-8' };
  return { text: decodeWith(new TextDecoder('windows-1252'), bytes), encoding: 'windows-1252' };
}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export function decodeBytes(bytes: Uint8Array, charset?: string): DecodedText {
  const decided = markedOrDeclared(bytes, charset);
  if (decided) return decided;
  // Buffer's validator and decoder are SIMD-fast; a fatal TextDecoder is ~10× slower.
  const buffer = asBuffer(bytes);
  if (isUtf8(buffer)) return { text: decodeValidUtf8(buffer), encoding: 'utf-8' };
  return detectInvalidUtf8(bytes, buffer);
}

/**
 * Like decodeBytes, but bytes to be read as UTF-8 that are valid (the usual case) are
 * returned as they are (after any BOM), for the caller to decode a window at a time
 * (feed-text.ts). Everything else comes decoded.
 */
export function decodeOrValidUtf8(
  bytes: Uint8Array,
  charset: string | undefined,
): DecodedText | { validUtf8: Buffer } {
  const sniffed = sniffByteOrder(bytes);
  if (sniffed?.encoding === 'utf-8') {
    // The mark is authoritative, so invalid bytes become U+FFFD (TextDecoder) rather
    // than a reason to guess another encoding.
    let body = asBuffer(bytes.subarray(sniffed.bomLength));
    // TextDecoder (below, for invalid bytes) drops a second mark as well.
    if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) body = body.subarray(3);
    if (isUtf8(body)) return { validUtf8: body };
  }
  const decided = markedOrDeclared(bytes, charset);
  if (decided) return decided;
  const buffer = asBuffer(bytes);
  if (isUtf8(buffer)) return { validUtf8: buffer };
  return detectInvalidUtf8(bytes, buffer);
}

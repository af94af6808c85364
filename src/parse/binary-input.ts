import { Buffer } from 'node:buffer';

/**
 * Input that is binary rather than text, said so by name (gzip, an image…) instead of
 * "XML that is not a feed: unknown root element <¶ô@ÿ…>", which read as if it were XML.
 * Checked on the bytes: decoding drops the control characters that give binary away.
 */

/** Signatures of binary files a feed URL or file turns out to hold (bytes as latin1). */
const SIGNATURES: [pattern: RegExp, what: string][] = [
  [/^\x1f\x8b/, 'gzip-compressed data (decompress it first)'],
  [/^\x28\xb5\x2f\xfd/, 'zstd-compressed data (decompress it first)'],
  [/^PK\x03\x04/, 'a ZIP archive'],
  [/^\x89PNG\r\n\x1a\n/, 'a PNG image'],
  [/^GIF8[79]a/, 'a GIF image'],
  [/^\xff\xd8\xff/, 'a JPEG image'],
  [/^RIFF[\s\S]{4}WEBP/, 'a WebP image'],
  [/^%PDF-/, 'a PDF document'],
];

/** C0 controls other than NUL, tab, newline and carriage return: text never holds these. */
const CONTROL = /[\x01-\x08\x0b\x0c\x0e-\x1f]/g;

/** UTF-16/32, marked or by the zero bytes around an ASCII `<`: any byte may occur. */
function isWideText(bytes: Uint8Array): boolean {
  const [b0, b1] = [bytes[0], bytes[1]];
  if ((b0 === 0xff && b1 === 0xfe) || (b0 === 0xfe && b1 === 0xff)) return true;
  return bytes.length >= 4 && (b0 === 0 || b1 === 0 || bytes[2] === 0 || bytes[3] === 0);
}

/** What binary input is (`a PNG image`, `binary data`), or null for text. */
export function describeBinary(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 1024)).toString(
    'latin1',
  );
  for (const [pattern, what] of SIGNATURES) if (pattern.test(head)) return what;
  // A document that starts like markup or JSON is left to the parsers, however broken.
  if (isWideText(bytes) || /^(?:\xef\xbb\xbf)?\s*[<{[]/.test(head)) return null;
  // A stray control character happens in real text; several in the first kilobyte do not.
  return (head.match(CONTROL)?.length ?? 0) >= 4 ? 'binary data' : null;
}

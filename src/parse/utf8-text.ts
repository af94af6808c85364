import { Buffer, isAscii, transcode } from 'node:buffer';
import { decodeValidUtf8Piece } from './utf8-piece-decoder.js';

/**
 * Bytes already known to be valid UTF-8 → string, as fast as Node 20 allows. V8's own
 * UTF-8 decoder (`buffer.toString('utf8')`) reads mixed Chinese/English feeds at about
 * 100–200 MB/s, a large share of a whole parse; ICU's transcoder to UTF-16 plus a plain
 * copy into a string is three to four times faster. ASCII needs no decoding at all.
 */

/**
 * Above this the transcoder's temporary UTF-16 copy (twice the characters, alive next to
 * the bytes and the string) costs more memory than its speed is worth: a 25 MB feed
 * would peak 60 MB higher. Larger documents are decoded a piece at a time instead
 * (feed-text.ts, json-feed-bytes.ts), by decodeValidUtf8Lean.
 */
export const TRANSCODE_LIMIT = 8 * 1024 * 1024;

export function decodeValidUtf8(buffer: Buffer): string {
  if (isAscii(buffer)) return buffer.toString('latin1');
  if (buffer.length <= TRANSCODE_LIMIT) {
    try {
      return transcode(buffer, 'utf8', 'ucs2').toString('ucs2');
    } catch {
      // A Node built without ICU has no transcoder; fall through.
    }
  }
  return buffer.toString('utf8');
}

/**
 * decodeValidUtf8 for the pieces of a large document (above TRANSCODE_LIMIT): the same
 * string, decoded by a small WebAssembly decoder into memory it reuses
 * (utf8-piece-decoder.ts). Each transcoder call leaves a UTF-16 buffer that is freed
 * only when V8 next collects garbage; over a 25 MB feed read in 64 KB pieces those piled
 * up to 7 MB (0.1–0.4× the file at the peak). The transcoder is about 1.4× faster per
 * byte, so documents decoded whole keep it.
 */
export function decodeValidUtf8Lean(buffer: Buffer): string {
  if (isAscii(buffer)) return buffer.toString('latin1');
  return decodeValidUtf8Piece(buffer) ?? decodeValidUtf8(buffer);
}

/** Start of the character holding byte `at` (UTF-8 continuation bytes are 10xxxxxx). */
export function characterStart(buffer: Uint8Array, at: number): number {
  let i = at;
  while (i > 0 && ((buffer[i] as number) & 0xc0) === 0x80) i--;
  return i;
}

/** End of the character starting at `at` (the next character's start). */
export function characterEnd(buffer: Uint8Array, at: number): number {
  let i = at + 1;
  while (i < buffer.length && ((buffer[i] as number) & 0xc0) === 0x80) i++;
  return i;
}

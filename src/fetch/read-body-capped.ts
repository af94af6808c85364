import { Writable, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { FetchError } from './fetch-result.js';

/**
 * Reads a response body, decompressing gzip/deflate/br, and stops as soon as the
 * decompressed size passes `maxBytes` — so a decompression bomb costs at most the cap.
 */
export async function readBodyCapped(
  body: Readable,
  contentEncoding: string | null,
  maxBytes: number,
): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let total = 0;
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      total += chunk.byteLength;
      if (total > maxBytes) {
        // Failing the sink makes pipeline() destroy the body and the decompressor at once.
        done(new FetchError('too-large', `body is over the ${maxBytes}-byte limit`));
        return;
      }
      chunks.push(chunk);
      done();
    },
  });
  const decompressor = decompressorFor(contentEncoding);
  try {
    await (decompressor ? pipeline(body, decompressor, sink) : pipeline(body, sink));
  } catch (error) {
    if (error instanceof FetchError) throw error;
    if ((error as { code?: string }).code?.startsWith('Z_')) {
      throw new FetchError(
        'network',
        `cannot decompress the ${contentEncoding} body (${(error as Error).message})`,
      );
    }
    throw error;
  }
  return Buffer.concat(chunks, total);
}

function decompressorFor(
  encoding: string | null,
): zlib.Gunzip | zlib.Inflate | zlib.BrotliDecompress | null {
  switch (encoding?.trim().toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return zlib.createGunzip();
    case 'deflate':
      return zlib.createInflate();
    case 'br':
      return zlib.createBrotliDecompress();
    default:
      return null;
  }
}

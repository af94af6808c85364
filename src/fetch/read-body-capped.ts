import { Transform, Writable, type Readable } from 'node:stream';
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
  const decompressor = decompressorFor(contentEncoding);
  // Uncompressed: read the chunks directly. A pipeline into a Writable costs several times
  // as much CPU per response, which shows when a thousand feeds come in at once.
  if (!decompressor) return readPlain(body, maxBytes);
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
  try {
    await pipeline(body, decompressor, sink);
  } catch (error) {
    if (error instanceof FetchError) throw error;
    if (isDecompressionError(error)) {
      throw new FetchError(
        'network',
        `cannot decompress the ${contentEncoding} body (${(error as Error).message})`,
      );
    }
    throw error;
  }
  return Buffer.concat(chunks, total);
}

/**
 * The chunks of an uncompressed body, up to `maxBytes`. Listens to the stream's events rather
 * than iterating it (`for await`), which costs a promise and an iterator step per chunk:
 * ~20–40 µs per response on the main thread, where every response of a run is read.
 */
function readPlain(body: Readable, maxBytes: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const settle = (error: Error | null) => {
      body.off('data', onData).off('end', onEnd).off('error', onError).off('close', onClose);
      // Settled: a later error (the request's abort signal, say) must not go unhandled.
      body.on('error', ignore);
      if (error) reject(error);
      else resolve(Buffer.concat(chunks, total));
    };
    const onData = (chunk: Buffer) => {
      total += chunk.byteLength;
      if (total <= maxBytes) {
        chunks.push(chunk);
        return;
      }
      settle(new FetchError('too-large', `body is over the ${maxBytes}-byte limit`));
      body.destroy();
    };
    const onEnd = () => settle(null);
    const onError = (error: Error) => settle(error);
    // Destroyed without an error (and without its end): cut short, as `for await` would say.
    const premature = () =>
      Object.assign(new Error('Premature close'), { code: 'ERR_STREAM_PREMATURE_CLOSE' });
    const onClose = () => settle(premature());
    if (body.destroyed) {
      // Its 'error' may still be on its way: it is the answer already, not to go unhandled.
      body.on('error', ignore);
      reject(body.errored ?? premature());
      return;
    }
    body.on('data', onData).once('end', onEnd).once('error', onError).once('close', onClose);
  });
}

function ignore(): void {}

/**
 * An error of zlib or brotli about the bytes (`Z_DATA_ERROR`, `Z_BUF_ERROR` for a cut-short
 * stream; brotli's codes read `ERR__ERROR_FORMAT_…` in Node 20), as opposed to one of the
 * connection, which carries no numeric errno (undici's `UND_ERR_…`).
 */
export function isDecompressionError(error: unknown): boolean {
  const { code, errno } = error as { code?: unknown; errno?: unknown };
  return (
    typeof code === 'string' &&
    typeof errno === 'number' &&
    (code.startsWith('Z_') || code.includes('_ERROR_'))
  );
}

type Inflater = zlib.Inflate | zlib.InflateRaw | zlib.Gunzip;

/**
 * A decoder chosen by the body's first two bytes (or all of a shorter body): `pick` gives the
 * zlib stream for them, or null for bytes to pass on as they are.
 */
function sniffingDecoder(pick: (head: Buffer) => Inflater | null): Transform {
  let chosen = false;
  let inner: Inflater | null = null;
  let head = Buffer.alloc(0);
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      let bytes = chunk;
      if (!chosen) {
        head = Buffer.concat([head, chunk]);
        if (head.length < 2) return done();
        inner = choose(this);
        bytes = head;
      }
      if (inner) inner.write(bytes, () => done());
      else done(null, bytes);
    },
    flush(done) {
      if (!chosen && head.length > 0) {
        inner = choose(this);
        if (inner) inner.write(head);
        else this.push(head);
      }
      if (!inner) return done();
      inner.once('end', () => done());
      inner.end();
    },
    destroy(error, done) {
      inner?.destroy();
      done(error);
    },
  });

  function choose(decoder: Transform): Inflater | null {
    chosen = true;
    const picked = pick(head);
    picked?.on('data', (data: Buffer) => decoder.push(data));
    picked?.on('error', (error) => decoder.destroy(error));
    return picked;
  }
}

/**
 * `deflate` is meant to be zlib-wrapped (RFC 9110), but many servers send raw deflate, which
 * browsers, curl and fetch() all accept: the first bytes tell which (a zlib header is
 * `x8` with the two bytes a multiple of 31), as undici's fetch decides too.
 */
function inflaterFor(head: Buffer): Inflater {
  const zlibWrapped =
    (head[0]! & 0x0f) === 8 && (head.length < 2 || ((head[0]! << 8) | head[1]!) % 31 === 0);
  return zlibWrapped ? zlib.createInflate() : zlib.createInflateRaw();
}

/**
 * A `gzip` body starts with the gzip magic `1f 8b`. One that starts as a document does
 * instead (`<`, `{`, white space or a byte order mark) was unpacked on its way, by a proxy
 * or CDN that kept the header: it is read as it is. Anything else is given to gunzip, whose
 * error says what is wrong.
 */
function gunzipperFor(head: Buffer): zlib.Gunzip | null {
  if (head[0] === 0x1f && head[1] === 0x8b) return zlib.createGunzip();
  return DOCUMENT_FIRST_BYTES.has(head[0]!) ? null : zlib.createGunzip();
}

/** `<`, `{`, white space, and the first bytes of UTF-8 and UTF-16 byte order marks. */
const DOCUMENT_FIRST_BYTES = new Set([0x3c, 0x7b, 0x20, 0x09, 0x0a, 0x0d, 0xef, 0xfe, 0xff]);

function decompressorFor(encoding: string | null): Transform | zlib.BrotliDecompress | null {
  switch (encoding?.trim().toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return sniffingDecoder(gunzipperFor);
    case 'deflate':
      return sniffingDecoder(inflaterFor);
    case 'br':
      return zlib.createBrotliDecompress();
    default:
      return null;
  }
}

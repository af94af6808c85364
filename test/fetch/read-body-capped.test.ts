import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { describe, test } from 'node:test';
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { readBodyCapped } from '../../src/fetch/read-body-capped.js';

/** A body that sends `chunks`, then ends (or does whatever `after` does with it). */
function body(chunks: string[], after: (stream: Readable) => void = (s) => s.push(null)): Readable {
  const stream = new Readable({ read() {} });
  setImmediate(() => {
    for (const chunk of chunks) stream.push(Buffer.from(chunk));
    after(stream);
  });
  return stream;
}

describe('readBodyCapped', () => {
  test('an uncompressed body comes back whole, chunks joined', async () => {
    const bytes = await readBodyCapped(body(['<rss>', '<channel/>', '</rss>']), null, 100);
    assert.equal(Buffer.from(bytes).toString(), '<rss><channel/></rss>');
  });

  test('a body over the cap fails as too large and is destroyed at once', async () => {
    const stream = body(['a'.repeat(60), 'b'.repeat(60), 'c'.repeat(60)]);
    await assert.rejects(readBodyCapped(stream, null, 100), {
      kind: 'too-large',
      message: 'body is over the 100-byte limit',
    });
    assert.equal(stream.destroyed, true);
  });

  test('a body cut short without an error fails, rather than waiting for ever', async () => {
    await assert.rejects(
      readBodyCapped(
        body(['<rss>'], (s) => s.destroy()),
        null,
        100,
      ),
      { code: 'ERR_STREAM_PREMATURE_CLOSE' },
    );
  });

  test('a body that errors fails with its error; one already destroyed fails at once', async () => {
    await assert.rejects(
      readBodyCapped(
        body(['<rss>'], (s) => s.destroy(new Error('socket hang up'))),
        null,
        100,
      ),
      /socket hang up/,
    );
    const gone = new Readable({ read() {} });
    gone.destroy(new Error('aborted before reading'));
    await assert.rejects(readBodyCapped(gone, null, 100), /aborted before reading/);
  });

  test('an error after the body was read is not left unhandled', async () => {
    const stream = body(['<rss/>']);
    assert.equal(Buffer.from(await readBodyCapped(stream, null, 100)).toString(), '<rss/>');
    // An uncaught 'error' event would fail this test file.
    stream.emit('error', new Error('the request was aborted afterwards'));
  });

  test('a gzip body is inflated, and the cap holds for the inflated size', async () => {
    const packed = gzipSync('<rss/>'.repeat(10));
    const stream = () => Readable.from([packed]);
    const bytes = await readBodyCapped(stream(), 'gzip', 100);
    assert.equal(Buffer.from(bytes).toString(), '<rss/>'.repeat(10));
    await assert.rejects(readBodyCapped(stream(), 'gzip', 30), { kind: 'too-large' });
  });

  test('deflate is read whether zlib-wrapped or raw, in one chunk or byte by byte', async () => {
    const feed = '<rss><channel><title>新闻</title></channel></rss>'.repeat(20);
    for (const packed of [deflateSync(feed), deflateRawSync(feed)]) {
      for (const chunks of [[packed], [...packed].map((byte) => Buffer.of(byte))]) {
        const bytes = await readBodyCapped(Readable.from(chunks), 'deflate', 10_000);
        assert.equal(Buffer.from(bytes).toString(), feed);
      }
      await assert.rejects(readBodyCapped(Readable.from([packed]), 'deflate', 100), {
        kind: 'too-large',
      });
    }
    const empty = await readBodyCapped(Readable.from([]), 'deflate', 100);
    assert.equal(empty.byteLength, 0);
  });

  test('bytes that are not what Content-Encoding says fail as such, not as a connection error', async () => {
    const bytes = (text: string) => () => Readable.from([Buffer.from(text, 'latin1')]);
    const cases: [string, () => Readable][] = [
      ['gzip', bytes('\x00\x01 not gzip')],
      ['deflate', bytes('<rss><channel/></rss>')],
      ['br', bytes('<rss><channel/></rss>')],
    ];
    for (const [encoding, body] of cases) {
      await assert.rejects(readBodyCapped(body(), encoding, 1000), (error: Error) => {
        assert.match(error.message, new RegExp(`^cannot decompress the ${encoding} body \\(`));
        return true;
      });
    }
    const cut = brotliCompressSync('<rss/>'.repeat(1000) + Math.random()).subarray(0, 8);
    await assert.rejects(readBodyCapped(Readable.from([cut]), 'br', 100_000), {
      message: /^cannot decompress the br body \(unexpected end of file\)/,
    });
    await assert.rejects(readBodyCapped(bytes('\x1f')(), 'gzip', 100), {
      message: /^cannot decompress the gzip body \(unexpected end of file\)/,
    });
  });

  test('a gzip body that is the document itself (unpacked on its way) is read as it is', async () => {
    for (const text of ['<rss><channel/></rss>', '{"version":"x"}', '\n<rss/>', '\ufeff<rss/>']) {
      // Byte by byte too: the first two bytes decide.
      const chunks = [...Buffer.from(text)].map((byte) => Buffer.of(byte));
      for (const body of [Readable.from([Buffer.from(text)]), Readable.from(chunks)]) {
        assert.equal(Buffer.from(await readBodyCapped(body, 'gzip', 1000)).toString(), text);
      }
    }
    await assert.rejects(
      readBodyCapped(Readable.from([Buffer.from('<rss>'.repeat(100))]), 'gzip', 100),
      {
        kind: 'too-large',
      },
    );
    // A real gzip body byte by byte, and an empty one.
    const packed = [...gzipSync('<rss/>')].map((byte) => Buffer.of(byte));
    assert.equal(
      Buffer.from(await readBodyCapped(Readable.from(packed), 'gzip', 100)).toString(),
      '<rss/>',
    );
    assert.equal((await readBodyCapped(Readable.from([]), 'gzip', 100)).byteLength, 0);
  });
});

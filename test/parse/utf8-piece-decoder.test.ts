import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Buffer, transcode } from 'node:buffer';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { PIECE_LIMIT, decodeValidUtf8Piece } from '../../src/parse/utf8-piece-decoder.js';
import { seededRandom } from '../../bench/seeded-random.js';

// Windows of large feeds and JSON Feed item groups are decoded by a small WebAssembly
// decoder (utf8-piece-decoder.ts) instead of ICU's transcoder: it must give exactly the
// transcoder's string for every valid UTF-8 piece, whatever mix of 1–4 byte characters
// and wherever an ASCII run starts or ends within its 16-byte steps.

const source = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../src/parse/utf8-piece-decoder.ts',
);

/** What the transcoder (the decoder used before) gives for the same bytes. */
function transcoded(bytes: Buffer): string {
  return transcode(bytes, 'utf8', 'ucs2').toString('ucs2');
}

/** Characters at the edges of each UTF-8 length, and common ones. */
const ALPHABET = [
  'a', ' ', '<', '\n', '\t', '\u007f', // 1 byte
  '\u0080', 'é', '\u07ff', // 2 bytes
  '\u0800', '中', '，', '\u3000', '\ufeff', '\ufffd', '\uffff', // 3 bytes
  '\u{10000}', '😀', '\u{10ffff}', // 4 bytes (surrogate pairs in a string)
]; // prettier-ignore

function randomText(next: () => number, length: number): string {
  let text = '';
  while (text.length < length) {
    // ASCII runs of 0–40 characters between other characters exercise the 16-byte steps.
    const run = Math.floor(next() * 41);
    text += 'x'.repeat(next() < 0.5 ? run : 0);
    text += ALPHABET[Math.floor(next() * ALPHABET.length)];
  }
  return text;
}

describe('the WebAssembly UTF-8 piece decoder', () => {
  it('gives the transcoder’s string for random mixes of 1–4 byte characters', () => {
    const next = seededRandom(7);
    for (let round = 0; round < 3000; round++) {
      const text = randomText(next, Math.floor(next() * 300));
      const bytes = Buffer.from(text, 'utf8');
      const decoded = decodeValidUtf8Piece(bytes);
      assert.equal(decoded, text, JSON.stringify(text));
      if (bytes.length > 0) assert.equal(decoded, transcoded(bytes));
    }
  });

  it('decodes every character of each UTF-8 length at every offset of a 16-byte step', () => {
    for (const character of ALPHABET) {
      for (let before = 0; before < 20; before++) {
        const text = 'a'.repeat(before) + character + 'b'.repeat(20);
        assert.equal(decodeValidUtf8Piece(Buffer.from(text)), text, `${before} + ${character}`);
      }
    }
  });

  it('decodes pieces up to its limit, the longest output (all ASCII) included', () => {
    const ascii = Buffer.alloc(PIECE_LIMIT, 0x61);
    assert.equal(decodeValidUtf8Piece(ascii), 'a'.repeat(PIECE_LIMIT));
    const chinese = Buffer.from('中'.repeat(PIECE_LIMIT / 3));
    assert.equal(decodeValidUtf8Piece(chinese), '中'.repeat(PIECE_LIMIT / 3));
    // The memory is reused: a short piece after a long one is not mixed with it.
    assert.equal(decodeValidUtf8Piece(Buffer.from('é😀')), 'é😀');
    assert.equal(decodeValidUtf8Piece(Buffer.alloc(0)), '');
  });

  it('declines pieces longer than its memory holds (the transcoder takes them)', () => {
    assert.equal(decodeValidUtf8Piece(Buffer.alloc(PIECE_LIMIT + 1, 0x61)), null);
  });

  it('is the module its WebAssembly text (in the source) assembles to', (t) => {
    let tool: string;
    try {
      tool = execFileSync('which', ['wat2wasm'], { encoding: 'utf8' }).trim();
    } catch {
      t.skip('wat2wasm (Debian package wabt) is not installed');
      return;
    }
    const text = fs.readFileSync(source, 'utf8');
    const wat = /\/\*\*\n \* The decoder[^\n]*\n \*\n((?: \*(?: [^\n]*)?\n)+?) \*\//.exec(
      text,
    )?.[1];
    assert.ok(wat, 'the WebAssembly text is in the comment above DECODE_WASM');
    const base64 = /const DECODE_WASM =\s*((?:'[^']*'\s*\+?\s*)+);/.exec(text)?.[1];
    assert.ok(base64);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'decode-wat-'));
    try {
      fs.writeFileSync(path.join(dir, 'decode.wat'), wat.replace(/^ \*(?: |$)/gm, ''));
      execFileSync(tool, [path.join(dir, 'decode.wat'), '-o', path.join(dir, 'decode.wasm')]);
      const built = fs.readFileSync(path.join(dir, 'decode.wasm'));
      // The string literals joined ('+' is also a base64 character).
      const literals = base64.match(/'[^']*'/g) ?? [];
      const embedded = Buffer.from(literals.map((l) => l.slice(1, -1)).join(''), 'base64');
      assert.deepEqual(embedded, built);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

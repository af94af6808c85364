import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Buffer } from 'node:buffer';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  mayHoldForbidden,
  withoutForbidden,
  withoutForbiddenFrom,
} from '../../src/parse/forbidden-characters.js';

// The bytes are checked by a WebAssembly SIMD scan before the text is searched for the
// characters XML forbids (forbidden-characters.ts): it must see every one of them, at
// every position, and say "none" for text that has none (or the search runs for nothing).

const source = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../src/parse/forbidden-characters.ts',
);

const FORBIDDEN: string[] = [];
for (let c = 0; c < 0x20; c++)
  if (c !== 9 && c !== 10 && c !== 13) FORBIDDEN.push(String.fromCharCode(c));
FORBIDDEN.push('\uFFFE', '\uFFFF');

/** Allowed characters whose bytes come close to forbidden ones. */
const NEAR_MISSES = [
  '\t',
  '\n',
  '\r',
  ' ',
  '\x7f',
  '\u0080',
  '\uFFFD',
  '\uFFEF',
  '\uFFBF',
  '\uFF0C',
  '\uEFBF',
  '中',
  '🙂',
];

function holds(text: string): boolean {
  return /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]/.test(text);
}

/** A deterministic generator (no Math.random, so failures repeat). */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

describe('the scan for characters XML forbids', () => {
  it('says none for text that has none (so the text search is skipped)', () => {
    assert.equal(mayHoldForbidden(Buffer.from('')), false);
    assert.equal(mayHoldForbidden(Buffer.from(NEAR_MISSES.join('x').repeat(5000))), false);
  });

  it('finds each forbidden character at every offset, around every piece boundary', () => {
    const filler = 'ab中，d'; // one- and multi-byte characters
    for (const bad of FORBIDDEN) {
      for (let at = 0; at < 40; at++) {
        const text = filler.repeat(10).slice(0, at) + bad + filler.repeat(5);
        assert.equal(mayHoldForbidden(Buffer.from(text)), true, `${JSON.stringify(bad)} at ${at}`);
      }
      for (const at of [65_533, 65_534, 65_535, 65_536, 65_537, 131_071, 131_072]) {
        const before = Buffer.alloc(at, 0x61);
        const bytes = Buffer.concat([before, Buffer.from(bad), Buffer.from('tail')]);
        assert.equal(mayHoldForbidden(bytes), true, `${JSON.stringify(bad)} at byte ${at}`);
        assert.equal(mayHoldForbidden(bytes.subarray(0, at + Buffer.byteLength(bad))), true);
      }
    }
  });

  it('agrees with a search of the text on random mixtures', () => {
    const next = random(7);
    const alphabet = [...NEAR_MISSES, 'a', 'Z', '0', '<', '&', ...FORBIDDEN];
    for (let round = 0; round < 3000; round++) {
      const length = Math.floor(next() * 60);
      let text = '';
      for (let k = 0; k < length; k++) {
        // Mostly allowed characters, so that both answers come up often.
        const pool = next() < 0.985 ? NEAR_MISSES.length + 5 : alphabet.length;
        text += alphabet[Math.floor(next() * pool)];
      }
      const bytes = Buffer.from(text);
      assert.equal(mayHoldForbidden(bytes), holds(text), JSON.stringify(text));
      assert.equal(withoutForbiddenFrom(bytes, text), withoutForbidden(text));
    }
  });

  it('removes them from the text', () => {
    assert.equal(withoutForbidden('a\u0001b\uFFFEc\td\uFFFF'), 'abc\td');
    const text = 'x\u000by';
    assert.equal(withoutForbiddenFrom(Buffer.from(text), text), 'xy');
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
    const wat = /\/\*\*\n \* The scan[^\n]*\n \*\n((?: \*(?: [^\n]*)?\n)+?) \*\//.exec(text)?.[1];
    assert.ok(wat, 'the WebAssembly text is in the comment above SCAN_WASM');
    const base64 = /const SCAN_WASM =\s*((?:'[^']*'\s*\+?\s*)+);/.exec(text)?.[1];
    assert.ok(base64);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scan-wat-'));
    try {
      fs.writeFileSync(path.join(dir, 'scan.wat'), wat.replace(/^ \*(?: |$)/gm, ''));
      execFileSync(tool, [path.join(dir, 'scan.wat'), '-o', path.join(dir, 'scan.wasm')]);
      const built = fs.readFileSync(path.join(dir, 'scan.wasm'));
      const embedded = Buffer.from(base64.replace(/[\s'+]/g, ''), 'base64');
      assert.deepEqual(embedded, built);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

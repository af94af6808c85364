import { Buffer } from 'node:buffer';

/**
 * Valid UTF-8 → string without a temporary buffer. ICU's transcoder (utf8-text.ts) is
 * fast, but each call returns a new UTF-16 Buffer whose memory is freed only when V8
 * next collects it; reading a 25 MB feed in 64 KB windows, those buffers piled up to
 * 7 MB between collections (0.1–0.4× the file at the peak). This small WebAssembly
 * decoder writes into its own memory, reused for every piece, and the string is copied
 * from there, as it is from the transcoder's buffer. It takes 16 ASCII bytes a step and
 * is about 1.4× slower per byte than the transcoder (a 25 MB mixed Chinese/English feed
 * in 64 KB pieces: 30 vs 20 ms, fastest of 30), 2–5% of a parse. It trusts its input:
 * the bytes were checked to be UTF-8 before (decode-bytes.ts), and a piece never cuts a
 * character.
 */

/**
 * The decoder, assembled by `wat2wasm` (Debian package wabt) from this text:
 *
 * (module
 *   (memory (export "memory") 5)
 *   ;; Decodes the valid UTF-8 at [0, length) to UTF-16LE at `out` (which leaves 2 * length
 *   ;; bytes free, and 3 bytes after the input that may be read); returns the number of
 *   ;; code units written.
 *   (func (export "decode") (param $length i32) (param $out i32) (result i32)
 *     (local $i i32) (local $o i32) (local $x i32) (local $b i32) (local $c i32) (local $v v128)
 *     (local.set $o (local.get $out))
 *     (block $done
 *       (loop $next
 *         (br_if $done (i32.ge_u (local.get $i) (local.get $length)))
 *         ;; this character's bytes (and what follows) in one load
 *         (local.set $x (i32.load (local.get $i)))
 *         (local.set $b (i32.and (local.get $x) (i32.const 0xff)))
 *         (if (i32.lt_u (local.get $b) (i32.const 0x80))
 *           (then
 *             (if (i32.le_u (i32.add (local.get $i) (i32.const 16)) (local.get $length))
 *               (then
 *                 ;; 16 bytes widened at once; as many kept as lead with ASCII (at least one)
 *                 (local.set $v (v128.load (local.get $i)))
 *                 (v128.store (local.get $o) (i16x8.extend_low_i8x16_u (local.get $v)))
 *                 (v128.store offset=16 (local.get $o) (i16x8.extend_high_i8x16_u (local.get $v)))
 *                 (local.set $c (i32.ctz (i32.or (i8x16.bitmask (local.get $v)) (i32.const 0x10000))))
 *                 (local.set $i (i32.add (local.get $i) (local.get $c)))
 *                 (local.set $o (i32.add (local.get $o) (i32.shl (local.get $c) (i32.const 1))))
 *                 (br $next)))
 *             (i32.store16 (local.get $o) (local.get $b))
 *             (local.set $i (i32.add (local.get $i) (i32.const 1)))
 *             (local.set $o (i32.add (local.get $o) (i32.const 2)))
 *             (br $next)))
 *         (if (i32.lt_u (local.get $b) (i32.const 0xe0))
 *           (then
 *             (i32.store16 (local.get $o)
 *               (i32.or
 *                 (i32.shl (i32.and (local.get $b) (i32.const 0x1f)) (i32.const 6))
 *                 (i32.and (i32.shr_u (local.get $x) (i32.const 8)) (i32.const 0x3f))))
 *             (local.set $i (i32.add (local.get $i) (i32.const 2)))
 *             (local.set $o (i32.add (local.get $o) (i32.const 2)))
 *             (br $next)))
 *         (if (i32.lt_u (local.get $b) (i32.const 0xf0))
 *           (then
 *             ;; a run of three-byte characters (CJK text) without going round the outer loop
 *             (loop $three
 *               (i32.store16 (local.get $o)
 *                 (i32.or
 *                   (i32.or
 *                     (i32.shl (i32.and (local.get $x) (i32.const 0x0f)) (i32.const 12))
 *                     (i32.shr_u (i32.and (local.get $x) (i32.const 0x3f00)) (i32.const 2)))
 *                   (i32.and (i32.shr_u (local.get $x) (i32.const 16)) (i32.const 0x3f))))
 *               (local.set $i (i32.add (local.get $i) (i32.const 3)))
 *               (local.set $o (i32.add (local.get $o) (i32.const 2)))
 *               (br_if $done (i32.ge_u (local.get $i) (local.get $length)))
 *               (local.set $x (i32.load (local.get $i)))
 *               (br_if $three (i32.eq (i32.and (local.get $x) (i32.const 0xf0)) (i32.const 0xe0))))
 *             (br $next)))
 *         ;; four bytes: a character above U+FFFF, written as a surrogate pair
 *         (local.set $c
 *           (i32.sub
 *             (i32.or
 *               (i32.or
 *                 (i32.shl (i32.and (local.get $b) (i32.const 0x07)) (i32.const 18))
 *                 (i32.shl (i32.and (i32.shr_u (local.get $x) (i32.const 8)) (i32.const 0x3f)) (i32.const 12)))
 *               (i32.or
 *                 (i32.shl (i32.and (i32.shr_u (local.get $x) (i32.const 16)) (i32.const 0x3f)) (i32.const 6))
 *                 (i32.and (i32.shr_u (local.get $x) (i32.const 24)) (i32.const 0x3f))))
 *             (i32.const 0x10000)))
 *         (i32.store16 (local.get $o) (i32.or (i32.const 0xd800) (i32.shr_u (local.get $c) (i32.const 10))))
 *         (i32.store16 offset=2 (local.get $o)
 *           (i32.or (i32.const 0xdc00) (i32.and (local.get $c) (i32.const 0x3ff))))
 *         (local.set $i (i32.add (local.get $i) (i32.const 4)))
 *         (local.set $o (i32.add (local.get $o) (i32.const 4)))
 *         (br $next)))
 *     (i32.shr_u (i32.sub (local.get $o) (local.get $out)) (i32.const 1))))
 */
const DECODE_WASM =
  'AGFzbQEAAAABBwFgAn9/AX8DAgEABQMBAAUHEwIGbWVtb3J5AgAGZGVjb2RlAAAK/gIB+wICBX8BeyABIQMCQANAIAIg' +
  'AE8NASACKAIAIQQgBEH/AXEhBSAFQYABSQRAIAJBEGogAE0EQCAC/QAEACEHIAMgB/2JAf0LBAAgAyAH/YoB/QsEECAH' +
  '/WRBgIAEcmghBiACIAZqIQIgAyAGQQF0aiEDDAILIAMgBTsBACACQQFqIQIgA0ECaiEDDAELIAVB4AFJBEAgAyAFQR9x' +
  'QQZ0IARBCHZBP3FyOwEAIAJBAmohAiADQQJqIQMMAQsgBUHwAUkEQANAIAMgBEEPcUEMdCAEQYD+AHFBAnZyIARBEHZB' +
  'P3FyOwEAIAJBA2ohAiADQQJqIQMgAiAATw0DIAIoAgAhBCAEQfABcUHgAUYNAAsMAQsgBUEHcUESdCAEQQh2QT9xQQx0' +
  'ciAEQRB2QT9xQQZ0IARBGHZBP3FyckGAgARrIQYgA0GAsAMgBkEKdnI7AQAgA0GAuAMgBkH/B3FyOwECIAJBBGohAiAD' +
  'QQRqIQMMAAsLIAMgAWtBAXYL';

/**
 * The longest piece decoded here: its bytes at 0, its UTF-16 (at most twice as long)
 * after them (the decoder may read 3 bytes past the input: they are there).
 */
export const PIECE_LIMIT = 96 * 1024;
const OUT = PIECE_LIMIT;

interface Decoder {
  decode(length: number, out: number): number;
  input: Uint8Array;
  output: Buffer;
}

/** The little of the WebAssembly API used here (the project's type libraries lack it). */
interface WebAssemblyApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => {
    exports: {
      decode: (length: number, out: number) => number;
      memory: { buffer: ArrayBuffer };
    };
  };
}

let decoder: Decoder | null | undefined;

/** The instantiated decoder, or null where WebAssembly (or its SIMD) is not available. */
function loadDecoder(): Decoder | null {
  const api = (globalThis as { WebAssembly?: WebAssemblyApi }).WebAssembly;
  if (api === undefined) return null; // e.g. `node --jitless`: the transcoder decodes instead
  try {
    const { exports } = new api.Instance(new api.Module(Buffer.from(DECODE_WASM, 'base64')));
    const buffer = exports.memory.buffer;
    return {
      decode: exports.decode,
      input: new Uint8Array(buffer, 0, PIECE_LIMIT),
      output: Buffer.from(buffer, OUT, 2 * PIECE_LIMIT),
    };
  } catch {
    return null; // no SIMD in this engine: likewise
  }
}

/**
 * The string that valid UTF-8 `bytes` (whole characters, at most PIECE_LIMIT of them)
 * encode, or null when they are too long or WebAssembly is not available.
 */
export function decodeValidUtf8Piece(bytes: Uint8Array): string | null {
  if (bytes.length > PIECE_LIMIT) return null;
  if (decoder === undefined) decoder = loadDecoder();
  if (decoder === null) return null;
  decoder.input.set(bytes);
  const units = decoder.decode(bytes.length, OUT);
  return decoder.output.toString('ucs2', 0, 2 * units);
}

/**
 * Decodes valid UTF-8 `bytes` (whole characters, at most PIECE_LIMIT of them) as UTF-16LE
 * into `target` at byte `offset`, which must have room for twice their length; returns
 * the bytes written, or -1 when they are too long or WebAssembly is not available.
 */
export function decodeValidUtf8PieceInto(
  bytes: Uint8Array,
  target: Buffer,
  offset: number,
): number {
  if (bytes.length > PIECE_LIMIT) return -1;
  if (decoder === undefined) decoder = loadDecoder();
  if (decoder === null) return -1;
  decoder.input.set(bytes);
  const units = decoder.decode(bytes.length, OUT);
  return decoder.output.copy(target, offset, 0, 2 * units);
}

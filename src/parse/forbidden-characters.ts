import { Buffer } from 'node:buffer';

/**
 * The characters XML forbids (C0 controls other than tab, LF and CR; U+FFFE; U+FFFF),
 * which feeds carry anyway (pasted text, bad CMS exports) and which are removed before
 * anything reads the text. Looking for them in the decoded text with a regular
 * expression cost a sixth of a whole parse of a 1 MB feed; almost no feed has any, so
 * the bytes are first checked by a small WebAssembly SIMD scan (16 bytes a step), and
 * only text whose bytes may hold one is searched.
 */

const FORBIDDEN_CHARACTERS = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]/g;

/** `text` without the characters XML forbids. */
export function withoutForbidden(text: string): string {
  FORBIDDEN_CHARACTERS.lastIndex = 0;
  if (!FORBIDDEN_CHARACTERS.test(text)) return text;
  FORBIDDEN_CHARACTERS.lastIndex = 0;
  return text.replace(FORBIDDEN_CHARACTERS, '');
}

/**
 * The scan, assembled by `wat2wasm` (Debian package wabt) from this text:
 *
 * (module
 *   (memory (export "memory") 2)
 *   ;; Is any byte in [0, length) a C0 control other than tab, LF, CR, or the start of
 *   ;; EF BF BE / EF BF BF (U+FFFE, U+FFFF)? 18 bytes after length must be spaces.
 *   (func (export "scan") (param $length i32) (result i32)
 *     (local $i i32) (local $a v128) (local $found v128)
 *     (block $done
 *       (loop $next
 *         (br_if $done (i32.ge_u (local.get $i) (local.get $length)))
 *         (local.set $a (v128.load (local.get $i)))
 *         (local.set $found
 *           (v128.or
 *             (local.get $found)
 *             (v128.or
 *               ;; a C0 control that is not tab (9), LF (10) or CR (13)
 *               (v128.andnot
 *                 (i8x16.lt_u (local.get $a) (i8x16.splat (i32.const 0x20)))
 *                 (v128.or
 *                   (i8x16.eq (local.get $a) (i8x16.splat (i32.const 9)))
 *                   (v128.or
 *                     (i8x16.eq (local.get $a) (i8x16.splat (i32.const 10)))
 *                     (i8x16.eq (local.get $a) (i8x16.splat (i32.const 13))))))
 *               ;; EF BF BE or EF BF BF starting here
 *               (v128.and
 *                 (i8x16.eq (local.get $a) (i8x16.splat (i32.const 0xef)))
 *                 (v128.and
 *                   (i8x16.eq (v128.load offset=1 (local.get $i)) (i8x16.splat (i32.const 0xbf)))
 *                   (i8x16.eq
 *                     (v128.or (v128.load offset=2 (local.get $i)) (i8x16.splat (i32.const 1)))
 *                     (i8x16.splat (i32.const 0xbf))))))))
 *         (local.set $i (i32.add (local.get $i) (i32.const 16)))
 *         (br $next)))
 *     (v128.any_true (local.get $found))))
 */
const SCAN_WASM =
  'AGFzbQEAAAABBgFgAX8BfwMCAQAFAwEAAgcRAgZtZW1vcnkCAARzY2FuAAAKhgEBgwECAX8CewJAA0AgASAATw0BIAH9' +
  'AAQAIQIgAyACQSD9D/0mIAJBCf0P/SMgAkEK/Q/9IyACQQ39D/0j/VD9UP1PIAJB7wH9D/0jIAH9AAQBQb8B/Q/9IyAB' +
  '/QAEAkEB/Q/9UEG/Af0P/SP9Tv1O/VD9UCEDIAFBEGohAQwACwsgA/1TCw==';

/** Bytes scanned per call: the module's 128 KB memory holds a piece and its padding. */
const PIECE_BYTES = 1 << 16;
/** Spaces after a piece: the last step reads up to 15 + 2 bytes past its end. */
const PADDING = 18;
const SPACE = 0x20;

interface Scanner {
  scan(length: number): number;
  memory: Uint8Array;
}

/** The little of the WebAssembly API used here (the project's type libraries lack it). */
interface WebAssemblyApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => {
    exports: { scan: (length: number) => number; memory: { buffer: ArrayBuffer } };
  };
}

let scanner: Scanner | null | undefined;

/** The instantiated scan, or null where WebAssembly (or its SIMD) is not available. */
function loadScanner(): Scanner | null {
  const api = (globalThis as { WebAssembly?: WebAssemblyApi }).WebAssembly;
  if (api === undefined) return null; // e.g. `node --jitless`: every text is searched instead
  try {
    const { exports } = new api.Instance(new api.Module(Buffer.from(SCAN_WASM, 'base64')));
    return { scan: exports.scan, memory: new Uint8Array(exports.memory.buffer) };
  } catch {
    return null; // no SIMD in this engine: likewise
  }
}

/**
 * May the text these UTF-8 bytes encode hold a character XML forbids? False is certain
 * (its text need not be searched); true is certain too where WebAssembly runs.
 */
export function mayHoldForbidden(bytes: Uint8Array): boolean {
  if (scanner === undefined) scanner = loadScanner();
  if (scanner === null) return true;
  const { scan, memory } = scanner;
  // Pieces overlap by two bytes, so EF BF BE across a cut is whole in the second piece.
  for (let from = 0; from < bytes.length; from += PIECE_BYTES) {
    const to = Math.min(bytes.length, from + PIECE_BYTES + 2);
    const length = to - from;
    memory.set(bytes.subarray(from, to));
    memory.fill(SPACE, length, length + PADDING);
    if (scan(length) !== 0) return true;
  }
  return false;
}

/**
 * `text`, decoded from `bytes`, without the characters XML forbids; the text is searched
 * only if the bytes may hold one.
 */
export function withoutForbiddenFrom(bytes: Uint8Array, text: string): string {
  return mayHoldForbidden(bytes) ? withoutForbidden(text) : text;
}

import { Buffer, isAscii } from 'node:buffer';
import { decodeOrValidUtf8 } from './decode-bytes.js';
import { withoutForbidden, withoutForbiddenFrom } from './forbidden-characters.js';
import { JSON_GROUP_BYTES, readJsonFeedBytes } from './json-feed-bytes.js';
import { decodeValidUtf8PieceInto } from './utf8-piece-decoder.js';
import {
  TRANSCODE_LIMIT,
  characterEnd,
  characterStart,
  decodeValidUtf8,
  decodeValidUtf8Lean,
} from './utf8-text.js';

/**
 * A document's text, cleaned (no BOM, none of the characters XML forbids), handed to the
 * tokenizer a window at a time. The tokenizer keeps only the window it is in, so the
 * whole text of a UTF-8 feed above 64 KB never exists at once: for a 25 MB feed that is
 * 40–50 MB (Chinese text takes two bytes a character in a string) not held next to the
 * input bytes and the item strings, and for a 1 MB feed no large object in fresh memory
 * (WHOLE_UP_TO_BYTES). Each window is decoded by ICU's transcoder (3–4× faster than V8's
 * UTF-8 decoder, whose speed was a third of a whole parse; above 8 MB by a WebAssembly
 * decoder that leaves no buffers behind, utf8-text.ts) and read while it is in the CPU
 * cache. A JSON Feed in valid UTF-8 is read from its bytes an item
 * group at a time (json-feed-bytes.ts); other JSON, and the messages about documents that
 * are not feeds, take the whole text.
 */

/** The text in windows: the first, then more on request (see xml-tokenizer.ts). */
export interface TextWindows {
  readonly first: string;
  /** Would `next` return null? */
  readonly atEnd: boolean;
  /**
   * Does the parse keep the current window alive anyway? (Most of the window before it was
   * handed out as long CDATA sections, which are slices of their window: item HTML.) The
   * tokenizer then hands out slices of it rather than copies.
   */
  readonly kept: boolean;
  /**
   * `keep` (the unread end of the last window, still needed) followed by the text after
   * that window: at least twice as long as `keep`, or all that is left. Null at the end.
   * `handedOut`: how many characters of the last window were handed out as long CDATA.
   */
  next(keep: string, handedOut: number): string | null;
}

/**
 * Bytes decoded per window. Big enough that the construct cut by a window's end (read
 * again from its start in the next window: half an item, on average) costs little; small
 * enough that a window is an ordinary young-generation object. Measured on the 25 MB
 * bench feeds, peak RSS was lowest at 64 KB (32 KB–2 MB tried; 1 MB and up made V8
 * external strings, freed late, and 5× the file).
 */
export const WINDOW_BYTES = 1 << 16;

/**
 * Documents up to this size are decoded whole; larger ones in windows, however large. A
 * whole text of more than 64 K characters is a V8 large object: fresh memory from the
 * system for every parse, whose first touch of each page costs a page fault (~3.5 µs on
 * the bench VM). Decoding a 1 MB feed whole took 350–870 faults a parse (its string, and
 * the transcoder's UTF-16 buffer): 1.6–2.9 ms of system time on top of 4–12 ms of user
 * time. Windows are ordinary young-generation strings in memory V8 reuses; their own cost
 * (copying short values, reading a cut construct again) is smaller than that.
 * (Session 4 had measured instructions only, which count no page faults, and chose 8 MB.)
 */
export const WHOLE_UP_TO_BYTES = WINDOW_BYTES;

/**
 * Characters in a kept window (TextWindows.kept): a feed whose item HTML comes in CDATA
 * keeps nearly all of its text (the HTML is a slice of its window), and 64 KB windows made
 * that text pass through V8's young generation, which copies what survives twice and grew
 * to its largest size (32 MB) because so much did: 4.0–4.3× the file at the peak. So once
 * most of a window was handed out as CDATA, the windows are decoded into a buffer until
 * they are this long and made strings from there: Node makes a string of more than
 * 1,031,913 characters from a buffer an external string (its characters outside V8's
 * heap, never copied by a collection), and the young generation stays at 16 MB.
 */
export const KEPT_WINDOW_CHARACTERS = 1_100_000;

/** Bytes decoded at a time into a kept window (at most utf8-piece-decoder's PIECE_LIMIT). */
const KEPT_PIECE_BYTES = 1 << 16;

/** How to cut large UTF-8 feeds, and JSON Feeds' items; tests use tiny windows and groups. */
export interface WindowSizes {
  windowBytes: number;
  wholeUpToBytes: number;
  jsonGroupBytes: number;
  keptWindowCharacters: number;
}

const DEFAULT_SIZES: WindowSizes = {
  windowBytes: WINDOW_BYTES,
  wholeUpToBytes: WHOLE_UP_TO_BYTES,
  jsonGroupBytes: JSON_GROUP_BYTES,
  keptWindowCharacters: KEPT_WINDOW_CHARACTERS,
};

/** The first window is at least this long: format detection looks at the first 4 KB. */
const HEAD_BYTES = 1 << 14;

/** The text without a byte order mark (a second one, after the one the bytes lost). */
function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function cleanText(text: string): string {
  return withoutForbidden(withoutBom(text));
}

/** Valid UTF-8 → clean text; the text is searched for forbidden characters only if need be. */
function cleanUtf8(bytes: Buffer): string {
  return withoutForbiddenFrom(bytes, withoutBom(decodeValidUtf8(bytes)));
}

function startsWithBom(bytes: Uint8Array): boolean {
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

/** Does the first byte after white space open a JSON object or array (as detect-format reads it)? */
function startsJson(bytes: Uint8Array): boolean {
  for (const byte of bytes) {
    if (byte === 0x7b || byte === 0x5b) return true; // { [
    // XML forbids the controls below 0x20 (removed before detection), so they are skipped too.
    if (byte > 0x20) return false;
  }
  return false;
}

/** Valid UTF-8 (after any BOM), decoded a window at a time. */
class Utf8Windows implements TextWindows {
  readonly first: string;
  kept = false;
  /** Bytes decoded so far. */
  private position = 0;
  /** Characters in the current window. */
  private length: number;
  /** UTF-16 of the kept window being decoded (allocated when first needed). */
  private scratch: Buffer | null = null;
  /**
   * While no character was removed, the text is the bytes decoded, so `keep` can be
   * decoded again from its bytes into the next window (no copy, no garbage of joined
   * strings). After a removal, windows are joined instead.
   */
  private exact = true;
  /**
   * Decode windows with the WebAssembly decoder rather than ICU's transcoder? Above 8 MB:
   * the transcoder is faster, but its UTF-16 buffers pile up until V8 collects them.
   */
  private readonly lean: boolean;

  constructor(
    private readonly bytes: Buffer,
    private readonly windowBytes: number,
    private readonly keptCharacters: number,
  ) {
    this.lean = bytes.length > TRANSCODE_LIMIT;
    this.first = this.decode(0, Math.max(windowBytes, HEAD_BYTES));
    this.length = this.first.length;
  }

  get atEnd(): boolean {
    return this.position >= this.bytes.length;
  }

  private decode(from: number, size: number): string {
    const bytes = this.bytes;
    let to = from + size;
    if (to >= bytes.length) to = bytes.length;
    else {
      to = characterStart(bytes, to);
      if (to <= from) to = characterEnd(bytes, from);
    }
    const piece = bytes.subarray(from, to);
    const raw = this.lean ? decodeValidUtf8Lean(piece) : decodeValidUtf8(piece);
    const text = withoutForbiddenFrom(piece, raw);
    if (text.length !== raw.length) this.exact = false;
    this.position = to;
    return text;
  }

  /**
   * A window of at least `size` bytes and `keptCharacters` characters (or all that is
   * left) from `from`, decoded into the scratch buffer and made one string from there.
   * A run of ASCII is not decoded at all while it lasts: all-ASCII bytes are their own
   * one-byte string.
   */
  private decodeKept(from: number, size: number): string {
    const bytes = this.bytes;
    let to = from;
    let written = 0; // bytes of UTF-16 in the scratch buffer, once the text is not all ASCII
    let ascii = true;
    while (
      to < bytes.length &&
      (to - from < size || (ascii ? to - from : written / 2) < this.keptCharacters)
    ) {
      let end = to + KEPT_PIECE_BYTES;
      if (end >= bytes.length) end = bytes.length;
      else {
        end = characterStart(bytes, end);
        if (end <= to) end = characterEnd(bytes, to);
      }
      if (ascii && isAscii(bytes.subarray(to, end))) {
        to = end;
        continue;
      }
      if (ascii) {
        ascii = false;
        // The ASCII read so far: into the scratch buffer too, a piece at a time.
        for (let at = from; at < to; at += KEPT_PIECE_BYTES) {
          written += this.decodeInto(
            bytes.subarray(at, Math.min(to, at + KEPT_PIECE_BYTES)),
            written,
          );
        }
      }
      written += this.decodeInto(bytes.subarray(to, end), written);
      to = end;
    }
    const raw = ascii
      ? bytes.toString('latin1', from, to)
      : (this.scratch as Buffer).toString('ucs2', 0, written);
    const text = withoutForbiddenFrom(bytes.subarray(from, to), raw);
    if (text.length !== raw.length) this.exact = false;
    this.position = to;
    return text;
  }

  /** Valid UTF-8 `piece` as UTF-16 into the scratch buffer at `offset`; the bytes written. */
  private decodeInto(piece: Buffer, offset: number): number {
    const needed = offset + 2 * piece.length;
    let scratch = this.scratch;
    if (scratch === null || scratch.length < needed) {
      const larger = Buffer.allocUnsafeSlow(
        Math.max(needed, 2 * this.keptCharacters + 4 * KEPT_PIECE_BYTES),
      );
      if (scratch !== null) scratch.copy(larger, 0, 0, offset);
      this.scratch = scratch = larger;
    }
    const written = decodeValidUtf8PieceInto(piece, scratch, offset);
    return written >= 0 ? written : scratch.write(decodeValidUtf8(piece), offset, 'utf16le');
  }

  next(keep: string, handedOut: number): string | null {
    if (this.atEnd) return null;
    // Kept windows only while the text is the bytes decoded (see `exact`).
    // And only when a kept window can be as long as it should be (the external string); a
    // shorter one would be a large object in V8's heap: fresh pages, nothing gained.
    this.kept =
      this.exact &&
      2 * handedOut >= this.length &&
      this.bytes.length - this.position >= this.keptCharacters;
    const window = this.read(keep);
    this.length = window.length;
    return window;
  }

  private read(keep: string): string {
    const decode = (from: number, size: number): string =>
      this.kept ? this.decodeKept(from, size) : this.decode(from, size);
    if (keep === '') return decode(this.position, this.windowBytes);
    if (this.exact) {
      const keepBytes = Buffer.byteLength(keep, 'utf8');
      // Should the new part have lost a character, `keep` (decoded again) still had none.
      return decode(this.position - keepBytes, Math.max(this.windowBytes, 2 * keepBytes));
    }
    return keep + this.decode(this.position, Math.max(this.windowBytes, 2 * keep.length));
  }
}

/**
 * A string in windows of `size` characters, each joined to what is kept (the path bytes
 * take after a removed character), so that tests can cut any document anywhere.
 */
export class StringWindows implements TextWindows {
  readonly first: string;
  readonly kept = false;
  private position: number;

  constructor(
    private readonly text: string,
    private readonly size: number,
    firstSize = size,
  ) {
    this.position = this.cut(firstSize);
    this.first = text.slice(0, this.position);
  }

  get atEnd(): boolean {
    return this.position >= this.text.length;
  }

  /** `end` moved off the middle of a surrogate pair. */
  private cut(end: number): number {
    if (end >= this.text.length) return this.text.length;
    const code = this.text.charCodeAt(end);
    return code >= 0xdc00 && code <= 0xdfff ? end + 1 : end;
  }

  next(keep: string): string | null {
    if (this.atEnd) return null;
    const from = this.position;
    this.position = this.cut(from + Math.max(this.size, 2 * keep.length));
    return keep + this.text.slice(from, this.position);
  }
}

export class FeedText {
  /** The start of the text (at least 4,096 characters of it, if there are that many). */
  readonly head: string;
  /** Is `head` all of the text? */
  readonly isWhole: boolean;
  private windows: TextWindows | null;

  private constructor(
    source: string | TextWindows,
    private readonly decodeWhole: () => string,
    /** A JSON document's valid UTF-8 bytes (no BOM), for readJson. */
    private readonly json: { bytes: Buffer; groupBytes: number } | null = null,
    headIsWhole = true,
  ) {
    this.windows = typeof source === 'string' ? null : source;
    this.head = typeof source === 'string' ? source : source.first;
    this.isWhole = typeof source === 'string' ? headIsWhole : source.atEnd;
  }

  /** Decoded from bytes (BOM, declaration, `charset`, detection: decode-bytes.ts). */
  static fromBytes(
    bytes: Uint8Array,
    charset?: string,
    sizes: WindowSizes = DEFAULT_SIZES,
  ): FeedText {
    const decoded = decodeOrValidUtf8(bytes, charset);
    if ('text' in decoded) {
      const text = cleanText(decoded.text);
      return new FeedText(text, () => text);
    }
    // A second mark after the first is dropped too, as the whole-string path always has.
    const utf8 = startsWithBom(decoded.validUtf8)
      ? decoded.validUtf8.subarray(3)
      : decoded.validUtf8;
    if (startsJson(utf8)) {
      // Only the head is decoded now: readJson reads the rest from the bytes.
      const head = utf8.subarray(0, characterStart(utf8, Math.min(utf8.length, HEAD_BYTES)));
      const whole = (): string => cleanUtf8(utf8);
      if (head.length === utf8.length) {
        const text = whole();
        return new FeedText(text, () => text, { bytes: utf8, groupBytes: sizes.jsonGroupBytes });
      }
      const json = { bytes: utf8, groupBytes: sizes.jsonGroupBytes };
      return new FeedText(cleanUtf8(head), whole, json, false);
    }
    if (utf8.length <= sizes.wholeUpToBytes) {
      const text = cleanUtf8(utf8);
      return new FeedText(text, () => text);
    }
    const windows = new Utf8Windows(utf8, sizes.windowBytes, sizes.keptWindowCharacters);
    return new FeedText(windows.atEnd ? windows.first : windows, () => cleanUtf8(utf8));
  }

  /** A string given by the caller; `windowCharacters` is for tests of window boundaries. */
  static fromString(input: string, windowCharacters = Infinity): FeedText {
    const text = cleanText(input);
    if (windowCharacters >= text.length) return new FeedText(text, () => text);
    const windows = new StringWindows(text, windowCharacters, Math.max(windowCharacters, 4096));
    return new FeedText(windows.atEnd ? text : windows, () => text);
  }

  /** For the tokenizer: the text whole, or in windows (these can be read only once). */
  take(): string | TextWindows {
    const windows = this.windows;
    this.windows = null;
    return windows ?? this.head;
  }

  /**
   * JSON.parse of all of the text (which throws as it does). A JSON Feed in valid UTF-8 is
   * read from its bytes a group of items at a time, when that is certain to give the same.
   */
  readJson(): unknown {
    const fromBytes = this.json && readJsonFeedBytes(this.json.bytes, this.json.groupBytes);
    return fromBytes ?? JSON.parse(this.whole());
  }

  /** All of the text as one string (decoded again if it is read in windows). */
  whole(): string {
    return this.isWhole ? this.head : this.decodeWhole();
  }
}

import { Buffer } from 'node:buffer';
import { mayHoldForbidden } from './forbidden-characters.js';
import { TRANSCODE_LIMIT, decodeValidUtf8, decodeValidUtf8Lean } from './utf8-text.js';

/**
 * A JSON Feed read from its (valid UTF-8) bytes a group of items at a time. A structural
 * scan over the bytes finds the top-level members and each element of `items`; the
 * members other than `items` are parsed together (with `items` as `[]`), and the
 * elements of `items` a group of about `groupBytes` at a time, each group decoded by
 * ICU's transcoder and given to `JSON.parse` on its own. So neither the whole text (for
 * a 25 MB feed, 35 MB of UTF-16 besides the bytes) nor the whole parsed tree of text
 * exists at once, and every group is read while it is in the CPU cache.
 *
 * The result is exactly `JSON.parse` of the whole cleaned text (feed-text.ts), or null
 * whenever that is not certain, and the caller then does just that: the pieces are the
 * document's bytes cut at separators the scan found, so when every piece parses the
 * whole parses to the same value; anything the scan does not expect (a top-level array,
 * no `items` array or two of them, a key with an escape, an empty element, invalid or
 * truncated JSON, a character the whole path would remove, no WebAssembly to look for
 * those) gives null, so errors and their messages are always the whole path's.
 */

const TAB = 0x09;
const LINE_FEED = 0x0a;
const CARRIAGE_RETURN = 0x0d;
const SPACE = 0x20;
const QUOTE = 0x22;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACKET = 0x5b;
const BACKSLASH = 0x5c;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;

/** `"items"` as bytes. */
const ITEMS_KEY = [QUOTE, 0x69, 0x74, 0x65, 0x6d, 0x73, QUOTE];

/**
 * Bytes of items per JSON.parse call. Peak memory for the 25 MB bench feed was the same
 * from 8 KB to 64 KB groups (3.7–3.9× the file) and higher from 128 KB (4.1–4.2×); a
 * call costs little next to 64 KB of parsing.
 */
export const JSON_GROUP_BYTES = 1 << 16;

/** The first index at or after `at` that is not JSON white space. */
function skipSpace(bytes: Buffer, at: number): number {
  let i = at;
  for (;;) {
    const c = bytes[i];
    if (c !== SPACE && c !== LINE_FEED && c !== CARRIAGE_RETURN && c !== TAB) return i;
    i++;
  }
}

/**
 * The index after the string whose opening quote is at `at`, or -1 if it never ends. A
 * quote ends the string unless an odd run of backslashes comes before it.
 */
function stringEnd(bytes: Buffer, at: number): number {
  let quote = at + 1;
  for (;;) {
    quote = bytes.indexOf(QUOTE, quote);
    if (quote === -1) return -1;
    let k = quote - 1;
    while (bytes[k] === BACKSLASH) k--;
    if ((quote - 1 - k) % 2 === 0) return quote + 1;
    quote++;
  }
}

/**
 * The end of the value starting at `at`: the index of the first `,`, `]` or `}` outside
 * any string or bracket after it, or -1 if the bytes end first. Brackets are counted,
 * not matched: a value they do not balance is invalid and fails its JSON.parse.
 */
function valueEnd(bytes: Buffer, at: number): number {
  const length = bytes.length;
  let depth = 0;
  for (let i = at; i < length; i++) {
    const c = bytes[i];
    if (c === QUOTE) {
      const end = stringEnd(bytes, i);
      if (end === -1) return -1;
      i = end - 1;
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      depth++;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      if (depth === 0) return i;
      depth--;
    } else if (c === COMMA && depth === 0) {
      return i;
    }
  }
  return -1;
}

function isItemsKey(bytes: Buffer, at: number, end: number): boolean {
  if (end - at !== ITEMS_KEY.length) return false;
  for (let k = 0; k < ITEMS_KEY.length; k++) if (bytes[at + k] !== ITEMS_KEY[k]) return false;
  return true;
}

function hasBackslash(bytes: Buffer, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (bytes[k] === BACKSLASH) return true;
  return false;
}

/**
 * JSON.parse of a run of array elements, given `[` and `]` around them. The brackets
 * are added to a copy of the bytes, not to the decoded text: joining strings and
 * flattening the result cost 40% more instructions over a 25 MB feed (callgrind).
 */
class ElementsParser {
  private scratch = Buffer.allocUnsafe(0);

  /** The pieces of a large document are decoded without leaving buffers behind (utf8-text.ts). */
  constructor(private readonly decode: (bytes: Buffer) => string) {}

  parse(bytes: Buffer, from: number, to: number): unknown[] {
    const length = to - from + 2;
    if (this.scratch.length < length) {
      this.scratch = Buffer.allocUnsafe(Math.max(length, 2 * this.scratch.length));
    }
    const scratch = this.scratch;
    scratch[0] = OPEN_BRACKET;
    bytes.copy(scratch, 1, from, to);
    scratch[length - 1] = CLOSE_BRACKET;
    return JSON.parse(this.decode(scratch.subarray(0, length))) as unknown[];
  }
}

/**
 * Reads the `items` array whose `[` is at `open`, a group at a time, into `items`.
 * Returns the index after its `]`, or -1 when unsure.
 */
function readItems(bytes: Buffer, open: number, groupBytes: number, items: unknown[]): number {
  const elements = new ElementsParser(
    bytes.length > TRANSCODE_LIMIT ? decodeValidUtf8Lean : decodeValidUtf8,
  );
  let i = skipSpace(bytes, open + 1);
  if (bytes[i] === CLOSE_BRACKET) return i + 1;
  let groupStart = i;
  for (;;) {
    const c = bytes[i];
    if (c === COMMA || c === CLOSE_BRACKET || c === undefined) return -1; // an empty element
    const end = valueEnd(bytes, i);
    if (end === -1) return -1;
    const last = bytes[end] === CLOSE_BRACKET;
    if (!last && bytes[end] !== COMMA) return -1;
    if (last || end - groupStart >= groupBytes) {
      // The elements from groupStart to end, with the commas between them.
      const group = elements.parse(bytes, groupStart, end);
      for (const item of group) items.push(item);
      if (last) return end + 1;
      groupStart = end + 1;
    }
    i = skipSpace(bytes, end + 1);
  }
}

/** JSON.parse of the whole (cleaned) text of `bytes`, or null when not certain; see above. */
export function readJsonFeedBytes(
  bytes: Buffer,
  groupBytes = JSON_GROUP_BYTES,
): Record<string, unknown> | null {
  // The whole path removes the characters XML forbids before JSON.parse. JSON allows the C0
  // controls among them nowhere (a piece holding one would fail to parse) but U+FFFE and
  // U+FFFF anywhere in a string, so a text that may hold any of them is left to it.
  if (mayHoldForbidden(bytes)) return null;
  try {
    let i = skipSpace(bytes, 0);
    if (bytes[i] !== OPEN_BRACE) return null;
    i = skipSpace(bytes, i + 1);
    const items: unknown[] = [];
    let itemsStart = -1;
    let itemsEnd = -1;
    while (bytes[i] !== CLOSE_BRACE) {
      if (bytes[i] !== QUOTE) return null;
      const keyEnd = stringEnd(bytes, i);
      if (keyEnd === -1) return null;
      // An escaped key could spell "items" (`"ite\u006ds"`): too clever to be sure of.
      if (hasBackslash(bytes, i, keyEnd)) return null;
      const isItems = isItemsKey(bytes, i, keyEnd);
      i = skipSpace(bytes, keyEnd);
      if (bytes[i] !== COLON) return null;
      i = skipSpace(bytes, i + 1);
      if (isItems) {
        if (itemsStart !== -1 || bytes[i] !== OPEN_BRACKET) return null;
        itemsStart = i;
        i = readItems(bytes, i, groupBytes, items);
        itemsEnd = i;
      } else {
        i = valueEnd(bytes, i);
      }
      if (i === -1) return null;
      i = skipSpace(bytes, i);
      if (bytes[i] === COMMA) i = skipSpace(bytes, i + 1);
      else if (bytes[i] !== CLOSE_BRACE) return null;
    }
    if (itemsStart === -1) return null;
    // The rest of the document (and what follows its end) with `items` empty: if this
    // parses, every byte outside the items was valid where it stands.
    const rest: unknown = JSON.parse(
      decodeValidUtf8(bytes.subarray(0, itemsStart)) +
        '[]' +
        decodeValidUtf8(bytes.subarray(itemsEnd)),
    );
    if (
      typeof rest !== 'object' ||
      rest === null ||
      Array.isArray(rest) ||
      !Object.hasOwn(rest, 'items') ||
      !Array.isArray((rest as { items: unknown }).items) ||
      (rest as { items: unknown[] }).items.length !== 0
    ) {
      return null;
    }
    (rest as { items: unknown[] }).items = items;
    return rest as Record<string, unknown>;
  } catch {
    return null; // some piece was not valid JSON: the whole path gives the error
  }
}

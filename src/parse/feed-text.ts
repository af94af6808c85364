import { decodeBytes, decodeBytesInPieces } from './decode-bytes.js';

/**
 * A document's text, cleaned (no BOM, none of the characters XML forbids), handed over
 * piece by piece. The XML tokenizer reads the pieces in order and keeps only the one it
 * is in, so the whole text of a large feed never exists at once: for a 25 MB feed that
 * is 40–50 MB (Chinese text is stored two bytes a character) not held next to the input
 * bytes and the item strings, and each piece is read while it is in the CPU cache.
 * JSON, and the error messages about documents that are not feeds, take the whole text.
 */

// Characters XML forbids; feeds carry them anyway (pasted text, bad CMS exports).
const FORBIDDEN_CHARACTERS = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]/g;

/**
 * Bytes decoded per piece. Big enough that the few constructs cut by a piece's end (read
 * again from their start with the next piece) cost nothing measurable; small enough that
 * the decoder's temporary copy and the piece itself stay out of the peak.
 */
export const PIECE_BYTES = Number(process.env.PIECE ?? 1 << 20);

/** The head is at least this long (or the whole document): format detection looks at it. */
const HEAD_CHARACTERS = 4096;

function withoutForbidden(text: string): string {
  FORBIDDEN_CHARACTERS.lastIndex = 0;
  if (!FORBIDDEN_CHARACTERS.test(text)) return text;
  FORBIDDEN_CHARACTERS.lastIndex = 0;
  return text.replace(FORBIDDEN_CHARACTERS, '');
}

function* cleaned(pieces: Iterable<string>): Generator<string> {
  let first = true;
  for (let piece of pieces) {
    if (first && piece.charCodeAt(0) === 0xfeff) piece = piece.slice(1);
    first = false;
    piece = withoutForbidden(piece);
    if (piece !== '') yield piece;
  }
}

/** `text` in slices of about `size` characters, never splitting a surrogate pair. */
function* stringPieces(text: string, size: number): Generator<string> {
  let start = 0;
  while (start < text.length) {
    let end = Math.min(text.length, start + size);
    const code = text.charCodeAt(end);
    if (end < text.length && code >= 0xdc00 && code <= 0xdfff) end++;
    yield text.slice(start, end);
    start = end;
  }
}

export class FeedText {
  /** The start of the text: at least HEAD_CHARACTERS long, unless it is all of it. */
  readonly head: string;
  /** Is `head` the whole text? */
  readonly isWhole: boolean;
  private rest: Iterator<string> | null;

  private constructor(
    pieces: Iterable<string>,
    private readonly decodeWhole: () => string,
  ) {
    const iterator = cleaned(pieces);
    const start: string[] = [];
    let length = 0;
    let done = false;
    while (length < HEAD_CHARACTERS) {
      const next = iterator.next();
      if (next.done) {
        done = true;
        break;
      }
      start.push(next.value);
      length += next.value.length;
    }
    this.head = start.length === 1 ? (start[0] as string) : start.join('');
    this.isWhole = done;
    this.rest = done ? null : iterator;
  }

  /** Decoded from bytes (BOM, declaration, `charset`, detection: decode-bytes.ts). */
  static fromBytes(bytes: Uint8Array, charset?: string, pieceBytes = PIECE_BYTES): FeedText {
    const { pieces } = decodeBytesInPieces(bytes, charset, pieceBytes);
    return new FeedText(pieces, () => [...cleaned([decodeBytes(bytes, charset).text])].join(''));
  }

  /** A string given by the caller; `pieceCharacters` is for tests of piece boundaries. */
  static fromString(text: string, pieceCharacters = Infinity): FeedText {
    const pieces = pieceCharacters < text.length ? stringPieces(text, pieceCharacters) : [text];
    return new FeedText(pieces, () => [...cleaned([text])].join(''));
  }

  /** The text piece by piece, from the head on; can be taken only once. */
  *pieces(): Generator<string> {
    const rest = this.rest;
    this.rest = null;
    yield this.head;
    if (rest === null) return;
    for (let next = rest.next(); !next.done; next = rest.next()) yield next.value;
  }

  /** All of the text as one string (decoded again if it was read in pieces). */
  whole(): string {
    return this.isWhole ? this.head : this.decodeWhole();
  }
}

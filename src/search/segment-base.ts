import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { searchCore } from './search-core.js';
import { compare, type Segment, type SegmentBuilder } from './search-segment.js';

/**
 * A segment as the previous build wrote it, read back so that new documents can be appended to
 * it without tokenising the old ones again (see segmentBuilder in search-segment.ts).
 *
 * Appending gives exactly the bytes of a build from scratch because of how shards are made: a
 * term's line is its postings in document order, each document number written as the
 * difference from the previous one (the first from 0), each weight depending on its own
 * document only; terms are sorted, and a term's shard depends only on the term and the shard
 * count. New documents come after every old one, so a term's new postings continue its old
 * line, their first document written as the difference from the last one the line names.
 *
 * Old lines are copied as they are, in runs: only the lines that new terms are compared with
 * are looked at, and only those that gain postings are decoded.
 */
export interface SegmentBase {
  /** Each shard's old lines (`term TAB postings NEWLINE`), terms ascending. */
  shards: Buffer[];
}

/**
 * The previous build's shards of a segment could not be appended to (missing, cut short,
 * malformed): the segment must be built from its texts.
 */
export class BaseUnusable extends Error {}

/**
 * Finishes a builder that was given the documents after the previous build's segment, whose
 * `oldShards` shard files are in `folder`: the shards of the whole segment. Throws BaseUnusable
 * when the old shards cannot be read back and appended to.
 */
export function appendToShards(
  builder: SegmentBuilder,
  shardCount: number,
  folder: string,
  oldShards: number,
): Segment {
  try {
    const files = Array.from({ length: oldShards }, (_, n) =>
      readFileSync(join(folder, `${n}.txt`)),
    );
    return builder.finish(shardCount, segmentBase(files, shardCount));
  } catch (error) {
    throw new BaseUnusable(`${folder}: ${(error as Error)?.message ?? String(error)}`);
  }
}

const TAB = 0x09;
const NEWLINE = 0x0a;

/** Value of each posting character (see DIGITS in the core), -1 for anything else. */
const DIGIT_VALUE = new Int8Array(256).fill(-1);
for (let d = 0; d < 64; d++) DIGIT_VALUE[searchCore.digits.charCodeAt(d)] = d;

/**
 * The previous build's shard files, dealt into `shardCount` shards: the appended segment may
 * need more shards than the old one had (a power of two times more; each new shard then takes
 * its lines from one old shard, in their order).
 */
export function segmentBase(shards: readonly Buffer[], shardCount: number): SegmentBase {
  if (shards.length === 0 || shardCount % shards.length !== 0) {
    throw new Error(`${shards.length} shards cannot be dealt into ${shardCount}`);
  }
  shards.forEach((content, shard) => {
    if (content.length > 0 && content[content.length - 1] !== NEWLINE) {
      throw new Error(`shard ${shard}: cut short`);
    }
  });
  if (shardCount === shards.length) return { shards: [...shards] };
  const dealt: Buffer[][] = Array.from({ length: shardCount }, () => []);
  shards.forEach((content, shard) => {
    for (let start = 0, line = 1; start < content.length; line++) {
      const tab = termEnd(content, start, shard, line);
      const stop = content.indexOf(NEWLINE, tab) + 1;
      const term = content.toString('utf8', start, tab);
      if (searchCore.shardOf(term, shards.length) !== shard) {
        throw new Error(`shard ${shard}, line ${line}: term in the wrong shard`);
      }
      dealt[searchCore.shardOf(term, shardCount)]!.push(content.subarray(start, stop));
      start = stop;
    }
  });
  return { shards: dealt.map((lines) => Buffer.concat(lines)) };
}

/** Where the term of the line starting at `start` ends (its TAB); throws when it has none. */
function termEnd(content: Buffer, start: number, shard: number, line: number): number {
  let at = start;
  while (at < content.length && content[at] !== TAB && content[at] !== NEWLINE) at++;
  if (at === start || content[at] !== TAB) throw new Error(`shard ${shard}, line ${line}: no term`);
  return at;
}

/** Where the line whose term ends at `tab` ends (its NEWLINE; the shard ends with one). */
function lineEnd(content: Buffer, tab: number): number {
  let at = tab + 1;
  while (content[at] !== NEWLINE) at++;
  return at;
}

/** A term's new postings: encoded as if the term had no earlier document (the first from 0). */
export interface NewLine {
  term: string;
  postings: Buffer[];
}

/** The UTF-8 bytes of the new term being placed (terms are short: at most 40 characters). */
let scratch = Buffer.allocUnsafe(256);

/**
 * One shard of the appended segment: the old lines, with the new terms (ascending) inserted in
 * order and the postings of terms already there appended to their lines. `first` is the first
 * new document: every old posting must come before it. Old lines are compared and copied as
 * bytes, in runs, into one buffer.
 */
export function mergeShard(
  old: Buffer,
  lines: readonly NewLine[],
  first: number,
  shard: number,
): Buffer {
  // Re-based postings are never longer than they were: this bounds the merged shard.
  let bound = old.length;
  for (const { term, postings } of lines) {
    bound += 3 * term.length + 2;
    for (const part of postings) bound += part.length;
  }
  const out = Buffer.allocUnsafe(bound);
  let length = 0;
  let at = 0; // start of the old line looked at
  let line = 1;
  let copied = 0; // old bytes before this are in `out`
  for (const { term, postings } of lines) {
    if (scratch.length < 3 * term.length) scratch = Buffer.allocUnsafe(3 * term.length);
    const size = scratch.write(term, 0, 'utf8');
    // Byte order is UTF-16 order (the order of terms) unless a term has a code unit ≥ 0xD800.
    const exotic = /[\uD800-\uFFFF]/.test(term);
    let order = 1;
    let tab = 0;
    while (at < old.length) {
      tab = termEnd(old, at, shard, line);
      order = exotic
        ? compare(old.toString('utf8', at, tab), term)
        : compareBytes(old, at, tab, scratch, size);
      if (order >= 0) break;
      at = lineEnd(old, tab) + 1;
      line++;
    }
    length += old.copy(out, length, copied, at);
    copied = at;
    if (order === 0) {
      const stop = lineEnd(old, tab);
      const last = lastDocument(old, tab + 1, stop, shard, line);
      if (last >= first) throw new Error(`shard ${shard}, line ${line}: document past the segment`);
      length += old.copy(out, length, at, stop);
      length = writeRebased(out, length, postings, last);
      at = stop + 1;
      line++;
      copied = at;
    } else {
      length += scratch.copy(out, length, 0, size);
      out[length++] = TAB;
      for (const part of postings) length += part.copy(out, length);
    }
    out[length++] = NEWLINE;
  }
  length += old.copy(out, length, copied);
  return out.subarray(0, length);
}

/** Byte order of a[from, to) and b[0, size). */
function compareBytes(a: Buffer, from: number, to: number, b: Buffer, size: number): number {
  const n = Math.min(to - from, size);
  for (let i = 0; i < n; i++) {
    const difference = a[from + i]! - b[i]!;
    if (difference !== 0) return difference;
  }
  return to - from - size;
}

/** The last document a posting list names: the sum of its document deltas. */
function lastDocument(
  content: Buffer,
  from: number,
  to: number,
  shard: number,
  line: number,
): number {
  let doc = 0;
  let value = 0;
  let numbers = 0;
  for (let at = from; at < to; at++) {
    const digit = DIGIT_VALUE[content[at]!]!;
    if (digit < 0) throw new Error(`shard ${shard}, line ${line}: bad posting character`);
    if (digit >= 32) {
      value = value * 32 + (digit - 32);
    } else {
      if (numbers % 2 === 0) doc += value * 32 + digit;
      numbers++;
      value = 0;
    }
  }
  if (numbers === 0 || numbers % 2 !== 0 || value !== 0) {
    throw new Error(`shard ${shard}, line ${line}: posting list cut short`);
  }
  return doc;
}

/**
 * Writes new postings whose first document is written as the difference from `last` (it was
 * written as its own number, the difference from 0); returns the end.
 */
function writeRebased(
  out: Buffer,
  start: number,
  postings: readonly Buffer[],
  last: number,
): number {
  const head = postings[0]!;
  let end = 0;
  let doc = 0;
  for (;;) {
    const digit = DIGIT_VALUE[head[end++]!]!;
    if (digit < 32) {
      doc = doc * 32 + digit;
      break;
    }
    doc = doc * 32 + (digit - 32);
  }
  let length = writeNumber(out, start, doc - last);
  length += head.copy(out, length, end);
  for (let p = 1; p < postings.length; p++) length += postings[p]!.copy(out, length);
  return length;
}

const DIGIT_BYTES = Buffer.from(searchCore.digits, 'latin1');

/** Writes n in the posting alphabet at `at` (see encodeNumber in the core); returns the end. */
function writeNumber(out: Buffer, at: number, n: number): number {
  let pos = at;
  let shift = 0;
  while (n >>> (shift + 5) > 0) shift += 5;
  for (; shift > 0; shift -= 5) out[pos++] = DIGIT_BYTES[32 + ((n >>> shift) & 31)]!;
  out[pos++] = DIGIT_BYTES[n & 31]!;
  return pos;
}

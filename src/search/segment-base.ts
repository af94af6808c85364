import { searchCore } from './search-core.js';
import { compare } from './search-segment.js';

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
  const tab = content.indexOf(TAB, start);
  const stop = content.indexOf(NEWLINE, start);
  if (tab <= start || tab > stop) throw new Error(`shard ${shard}, line ${line}: no term`);
  return tab;
}

/** A term's new postings: encoded as if the term had no earlier document (the first from 0). */
export interface NewLine {
  term: string;
  postings: Buffer[];
}

/**
 * One shard of the appended segment: the old lines, with the new terms (ascending) inserted in
 * order and the postings of terms already there appended to their lines. `first` is the first
 * new document: every old posting must come before it.
 */
export function mergeShard(
  old: Buffer,
  lines: readonly NewLine[],
  first: number,
  shard: number,
): Buffer {
  const parts: Buffer[] = [];
  let at = 0; // start of the old line looked at
  let line = 1;
  let copied = 0; // old bytes before this are in parts
  for (const { term, postings } of lines) {
    const bytes = Buffer.from(term, 'utf8');
    // Byte order is UTF-16 order (the order of terms) unless a term has a code unit ≥ 0xD800.
    const exotic = /[\uD800-\uFFFF]/.test(term);
    let order = 1;
    while (at < old.length) {
      const tab = termEnd(old, at, shard, line);
      order = exotic ? compare(old.toString('utf8', at, tab), term) : old.compare(bytes, 0, bytes.length, at, tab); // prettier-ignore
      if (order >= 0) break;
      at = old.indexOf(NEWLINE, tab) + 1;
      line++;
    }
    if (at > copied) parts.push(old.subarray(copied, at));
    copied = at;
    if (order === 0) {
      const stop = old.indexOf(NEWLINE, at);
      const last = lastDocument(old, old.indexOf(TAB, at) + 1, stop, shard, line);
      if (last >= first) throw new Error(`shard ${shard}, line ${line}: document past the segment`);
      parts.push(old.subarray(at, stop), rebased(postings, last));
      at = stop + 1;
      line++;
      copied = at;
    } else {
      parts.push(bytes, TAB_BYTE, ...postings);
    }
    parts.push(NEWLINE_BYTE);
  }
  if (copied < old.length) parts.push(old.subarray(copied));
  return Buffer.concat(parts);
}

const TAB_BYTE = Buffer.from('\t');
const NEWLINE_BYTE = Buffer.from('\n');

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

/** New postings whose first document is written as the difference from `last`. */
function rebased(postings: readonly Buffer[], last: number): Buffer {
  const all = Buffer.concat(postings);
  let end = 0;
  let doc = 0;
  for (;;) {
    const digit = DIGIT_VALUE[all[end++]!]!;
    if (digit < 32) {
      doc = doc * 32 + digit;
      break;
    }
    doc = doc * 32 + (digit - 32);
  }
  return Buffer.concat([encodedNumber(doc - last), all.subarray(end)]);
}

/** A number in the posting alphabet: most significant groups first (see encodeNumber). */
function encodedNumber(n: number): Buffer {
  const out: string[] = [];
  searchCore.encodeNumber(n, out);
  return Buffer.from(out.join(''), 'latin1');
}

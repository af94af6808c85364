import { searchCore } from './search-core.js';
import { AsciiWordIds } from './ascii-word-ids.js';
import { CjkTermIds } from './cjk-term-ids.js';
import { mergeShard, type SegmentBase } from './segment-base.js';

/**
 * Building one segment of the index: tokenise its documents, count, weigh, encode the postings
 * and cut them into shard files. Pure and synchronous; runs on the main thread for small
 * segments and on a worker thread (search-index-worker.ts) for large ones.
 */

/** One file of the index folder. */
export interface SearchIndexFile {
  /** Relative to the index folder: `index.json`, `t/<n>.txt`, `d/<n>.json`. */
  path: string;
  /** UTF-8: buffers, not strings, keep a 50,000-item index compact in memory. */
  content: Buffer;
}

/** What a segment is built from: its documents' titles and indexed text, in number order. */
export interface SegmentInput {
  /** Global number of the segment's first document. */
  first: number;
  titles: readonly string[];
  /** Each document's text, already cut to the indexed prefix. */
  texts: readonly string[];
  shardCount: number;
  /** `t` (main segment) or `u` (tail). */
  folder: string;
}

export interface Segment {
  files: SearchIndexFile[];
  terms: number;
  postings: number;
  bytes: number;
}

/** Shard count aims at posting files of about this many bytes. */
export const TARGET_SHARD_BYTES = 8_000;
const MAX_SHARDS = 8192;
/**
 * Posting bytes per indexed character, measured on Chinese news (bench/search-corpus.ts: 0.43
 * distinct terms per character, ~2.5 bytes a posting). English gives about a quarter of that,
 * so its shards come out smaller than the target, which only makes first searches lighter.
 */
const POSTING_BYTES_PER_CHAR = 1.08;

/**
 * Shards of a segment whose titles and indexed texts hold `indexedChars` characters: a power
 * of two, chosen before tokenising so that the file list is known while the segment is still
 * being built (on a worker thread).
 */
export function shardCountFor(indexedChars: number): number {
  const wanted = Math.ceil((indexedChars * POSTING_BYTES_PER_CHAR) / TARGET_SHARD_BYTES);
  let count = 1;
  while (count < wanted && count < MAX_SHARDS) count *= 2;
  return count;
}

/** A growable Int32Array. */
class IntList {
  values: Int32Array<ArrayBuffer> = new Int32Array(1024);
  length = 0;
  push(value: number): void {
    if (this.length === this.values.length) this.values = grown(this.values, this.length * 2);
    this.values[this.length++] = value;
  }
  /** Makes room for `extra` more values, to be written straight into `values`. */
  reserve(extra: number): void {
    let size = this.values.length;
    while (this.length + extra > size) size *= 2;
    if (size !== this.values.length) this.values = grown(this.values, size);
  }
}

function grown(values: Int32Array, size: number): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(size);
  bigger.set(values);
  return bigger;
}

/** Text counts below this have their weight cached per document (weights are 1…31, never 0). */
const TEXT_WEIGHTS = 64;
/** Documents indexed per block (see buildSegment). */
const BLOCK_DOCUMENTS = 4096;
const TAB = 0x09;
/** Posting runs longer than this many bytes are copied with Buffer#copy (see shardFile). */
const LONG_RUN = 48;
const NEWLINE = 0x0a;

/** A block's postings: its term ids ascending, each one's end in the log of encoded postings. */
interface EncodedBlock {
  terms: Int32Array;
  ends: Int32Array;
  log: Buffer;
}

/**
 * Shard files `<folder>/<n>.txt` of the input's documents, which keep their global numbers:
 * lines `term TAB postings`, terms sorted, each term in the shard its hash names.
 * Deterministic: the same input gives the same bytes.
 */
export function buildSegment(input: SegmentInput): Segment {
  const builder = segmentBuilder(input.first, input.folder);
  for (let i = 0; i < input.titles.length; i++) builder.add(input.titles[i]!, input.texts[i]!);
  return builder.finish(input.shardCount);
}

/** Builds a segment from documents added one by one (as a worker receives them). */
export interface SegmentBuilder {
  /** Indexes the next document: its title and indexed text. */
  add(title: string, text: string): void;
  /**
   * The shard files of everything added (see buildSegment). With a base (the segment as the
   * previous build wrote it, documents before the builder's first), the documents added are
   * appended to it: the shards come out as a build of all the documents from scratch would
   * make them (see segment-base.ts), and only the new documents were tokenised.
   */
  finish(shardCount: number, base?: SegmentBase): Segment;
}

export function segmentBuilder(first: number, folder: string): SegmentBuilder {
  const core = searchCore;
  // Term ids: CJK tokens come as code points, words as strings.
  const cjkIds = new CjkTermIds();
  const wordIds = new Map<string, number>();
  const termTexts: string[] = [];
  // Per term, 2 ints: the document that last counted it, and its counts there, the title's
  // times 2^16 plus the text's. Every token is counted here, at a term anywhere in the table:
  // 8 bytes a term (not 4 ints) keep more of it in the cache. A term occurs at most once per
  // character of a title or text (each token starts at its own character), so the counts fit
  // 16 bits each unless the title or text is longer than 0xffff characters (texts are cut to
  // INDEXED_TEXT_CHARS; a title that long is absurd but possible): such a document's counts
  // are kept apart in `wideCounts`, exactly.
  let counters = new Int32Array(2 << 16).fill(-1);
  const newTerm = (text: string): number => {
    const id = termTexts.length;
    termTexts.push(text);
    if (id << 1 === counters.length) {
      counters = grown(counters, counters.length * 2);
      counters.fill(-1, id << 1);
    }
    return id;
  };
  let doc = 0;
  let inTitle = 1;
  let textLength = 0;
  const docTerms = new IntList();
  let wideCounts: Map<number, { title: number; text: number }> | null = null;
  const count = (id: number): void => {
    const at = id << 1;
    if (counters[at] !== doc) {
      counters[at] = doc;
      counters[at + 1] = 0;
      docTerms.push(id);
    }
    if (wideCounts === null) counters[at + 1]! += inTitle === 1 ? 0x10000 : 1;
    else countWide(wideCounts, id, inTitle === 1);
    textLength += 1 - inTitle;
  };
  const onCjk = (first: number, second: number): void => {
    let id = cjkIds.find(first, second);
    if (id < 0) {
      id = newTerm(core.cjkText(first, second));
      cjkIds.add(first, second, id);
    }
    count(id);
  };
  const wordId = (word: string): number => {
    let id = wordIds.get(word);
    if (id === undefined) {
      id = newTerm(word);
      wordIds.set(word, id);
    }
    return id;
  };
  // The text being scanned, whose words come as ranges. Plain ASCII words are found by their
  // characters (no string per occurrence); others, rare, are normalised and looked up by term.
  let scanned = '';
  const asciiIds = new AsciiWordIds();
  // The id of the word onWordAt counted last: a word-and-CJK token (A股, 5月) comes right after
  // its word, and is found by the word's id and the character, with no string.
  let lastWordId = -1;
  const wordCjkIds = new CjkTermIds();
  // The same for a CJK character and the word after it (第5), which comes right after its word.
  const cjkWordIds = new CjkTermIds();
  const onCjkWord = (start: number, end: number, plainAscii: boolean, cjk: number): void => {
    let id = cjkWordIds.find(lastWordId, cjk);
    if (id < 0) {
      id = wordId(core.cjkWordText(scanned, start, end, plainAscii, cjk));
      cjkWordIds.add(lastWordId, cjk, id);
    }
    count(id);
  };
  const onWordAt = (start: number, end: number, plainAscii: boolean): void => {
    if (!plainAscii) {
      lastWordId = wordId(core.wordText(scanned, start, end, false));
      count(lastWordId);
      return;
    }
    let id = asciiIds.find(scanned, start, end);
    if (id < 0) {
      const term = core.wordText(scanned, start, end, true);
      id = wordId(term);
      asciiIds.add(scanned, start, end, id, term);
    }
    lastWordId = id;
    count(id);
  };
  const onWordCjk = (start: number, end: number, plainAscii: boolean, cjk: number): void => {
    let id = wordCjkIds.find(lastWordId, cjk);
    if (id < 0) {
      id = wordId(core.wordCjkText(scanned, start, end, plainAscii, cjk));
      wordCjkIds.add(lastWordId, cjk, id);
    }
    count(id);
  };

  // Documents are indexed in blocks, and each block's postings are encoded at once into a
  // compact byte log (~2.5 bytes a posting) — holding raw postings (8 bytes each) for the whole
  // segment would take ~350 MB at 50,000 items.
  const digits = Buffer.from(core.digits, 'latin1');
  const blocks: EncodedBlock[] = [];
  const postingTerms = new IntList();
  const postingValues = new IntList();
  let byTerm = new Int32Array(0);
  let logSpace = Buffer.alloc(0);
  // Per term, the document of its last posting encoded so far (postings are deltas from it).
  let previousDoc = new Int32Array(1 << 16);
  let postings = 0;
  const textWeights = new Uint8Array(TEXT_WEIGHTS);
  let blockStart = first;
  doc = first;

  function add(title: string, text: string): void {
    docTerms.length = 0;
    textLength = 0;
    wideCounts = title.length > 0xffff || text.length > 0xffff ? new Map() : null;
    inTitle = 1;
    scanned = title;
    core.scanTokenRanges(title, true, onCjk, onWordAt, true, onWordCjk, onCjkWord);
    inTitle = 0;
    scanned = text;
    core.scanTokenRanges(text, false, onCjk, onWordAt, true, onWordCjk, onCjkWord);
    scanned = '';
    // Most postings are a few text occurrences and none in the title: their weights depend
    // on the document only through its length, so they are computed once per document.
    textWeights.fill(0);
    const termsInDoc = docTerms.length;
    postingTerms.reserve(termsInDoc);
    postingValues.reserve(termsInDoc);
    const terms = postingTerms.values;
    const values = postingValues.values;
    let at = postingTerms.length;
    for (let k = 0; k < termsInDoc; k++) {
      const id = docTerms.values[k]!;
      const counts = counters[(id << 1) + 1]!;
      const wide = wideCounts?.get(id);
      const titleCount = wide === undefined ? counts >>> 16 : wide.title;
      const textCount = wide === undefined ? counts & 0xffff : wide.text;
      let weight: number;
      if (titleCount === 0 && textCount < TEXT_WEIGHTS) {
        weight = textWeights[textCount]!;
        if (weight === 0) {
          weight = core.postingWeight(0, textCount, textLength);
          textWeights[textCount] = weight;
        }
      } else {
        weight = core.postingWeight(titleCount, textCount, textLength);
      }
      terms[at] = id;
      values[at] = doc * 32 + weight;
      at++;
    }
    postingTerms.length = at;
    postingValues.length = at;
    doc++;
    if (doc - blockStart === BLOCK_DOCUMENTS) encodeBlock();
  }

  /** Sorts the block's postings by term and appends them, encoded, to the blocks. */
  function encodeBlock(): void {
    const count = postingValues.length;
    postings += count;
    const termCount = termTexts.length;
    if (byTerm.length < count) byTerm = new Int32Array(count);
    const starts = sortByTerm(postingTerms.values, postingValues.values, count, termCount, byTerm);
    if (previousDoc.length < termCount) previousDoc = grown(previousDoc, termCount * 2);

    // The block's terms (ascending ids) and where each one's encoded postings end.
    const present = new IntList();
    for (let t = 0; t < termCount; t++) if (starts[t + 1]! > starts[t]!) present.push(t);
    const terms = present.values.slice(0, present.length);
    const ends = new Int32Array(terms.length);
    // At most 6 characters per number (2^30), two numbers per posting. One buffer serves
    // every block: a new one each time (~15 MB at 4,096 documents) counted as external memory
    // and brought on collections of the young generation.
    if (logSpace.length < count * 12) logSpace = Buffer.allocUnsafe(count * 12);
    const log = logSpace;
    const length = encodeTerms(terms, starts, byTerm, previousDoc, digits, log, ends);
    blocks.push({ terms, ends, log: Buffer.from(log.subarray(0, length)) });
    postingTerms.length = 0;
    postingValues.length = 0;
    blockStart = doc;
  }

  function finish(shardCount: number, base?: SegmentBase): Segment {
    if (doc > blockStart) encodeBlock();
    logSpace = Buffer.alloc(0);
    if (base !== undefined && base.shards.length !== shardCount) {
      throw new Error(
        `Cannot append to a segment of ${base.shards.length} shards with ${shardCount} shards`,
      );
    }

    const termCount = termTexts.length;
    const shardTerms: number[][] = Array.from({ length: shardCount }, () => []);
    for (let t = 0; t < termCount; t++)
      shardTerms[core.shardOf(termTexts[t]!, shardCount)]!.push(t);

    // A shard's lines are written straight into one reused buffer, then copied out once: a
    // Buffer per term and per posting run, joined by Buffer.concat, cost more than the bytes.
    let out = Buffer.allocUnsafe(1 << 16);
    let length = 0;
    const reserve = (extra: number): void => {
      if (length + extra <= out.length) return;
      const bigger = Buffer.allocUnsafe(Math.max(out.length * 2, length + extra));
      out.copy(bigger, 0, 0, length);
      out = bigger;
    };
    // Per block, each term's place in it + 1 (0: not in the block), by id: the shards take
    // terms in their text order, and a binary search per term and block missed the cache at
    // every step.
    const places = blocks.map((block) => {
      const byId = new Int32Array(termCount);
      for (let k = 0; k < block.terms.length; k++) byId[block.terms[k]!] = k + 1;
      return byId;
    });
    /** Lines `term TAB postings` of the terms (sorted), each one's postings from every block. */
    const shardFile = (ids: readonly number[]): Buffer => {
      length = 0;
      for (const id of ids) {
        const term = termTexts[id]!;
        reserve(3 * term.length + 1);
        length += out.write(term, length, 'utf8');
        out[length++] = TAB;
        for (let b = 0; b < blocks.length; b++) {
          const k = places[b]![id]! - 1;
          if (k < 0) continue;
          const block = blocks[b]!;
          const end = block.ends[k]!;
          let p = k === 0 ? 0 : block.ends[k - 1]!;
          reserve(end - p);
          const log = block.log;
          // Long runs (a term in many documents) are copied natively; a call costs more than
          // the few bytes of most runs.
          if (end - p > LONG_RUN) {
            length += log.copy(out, length, p, end);
          } else {
            while (p < end) out[length++] = log[p++]!;
          }
        }
        reserve(1);
        out[length++] = NEWLINE;
      }
      return Buffer.from(out.subarray(0, length));
    };

    const files: SearchIndexFile[] = [];
    let bytes = 0;
    for (let shard = 0; shard < shardCount; shard++) {
      const ids = shardTerms[shard]!;
      ids.sort((a, b) => compare(termTexts[a]!, termTexts[b]!));
      const postingsOf = (id: number, into: Buffer[]): Buffer[] => {
        for (let b = 0; b < blocks.length; b++) {
          const block = blocks[b]!;
          const k = places[b]![id]! - 1;
          if (k < 0) continue;
          into.push(block.log.subarray(k === 0 ? 0 : block.ends[k - 1]!, block.ends[k]!));
        }
        return into;
      };
      let content: Buffer;
      if (base === undefined) {
        content = shardFile(ids);
      } else {
        const lines = ids.map((id) => ({ term: termTexts[id]!, postings: postingsOf(id, []) }));
        content = mergeShard(base.shards[shard]!, lines, first, shard);
      }
      bytes += content.length;
      files.push({ path: `${folder}/${shard}.txt`, content });
    }

    return { files, terms: termCount, postings, bytes };
  }

  return { add, finish };
}

/** Counts an occurrence of a term in a document too long for packed counts (see `count`). */
function countWide(
  counts: Map<number, { title: number; text: number }>,
  id: number,
  inTitle: boolean,
): void {
  let entry = counts.get(id);
  if (entry === undefined) counts.set(id, (entry = { title: 0, text: 0 }));
  if (inTitle) entry.title++;
  else entry.text++;
}

/**
 * Counting sort of a block's postings by term: `values` (document × 32 + weight) into `into`,
 * grouped by term in id order, documents still ascending within a term. Returns where each
 * term's postings start (and, at termCount, where the last ones end). The block's loops are
 * functions of their own: in one big function, each loop reached for the first time threw
 * away the code optimised for the loop before it (no type feedback yet), block after block.
 */
function sortByTerm(
  terms: Int32Array,
  values: Int32Array,
  count: number,
  termCount: number,
  into: Int32Array,
): Int32Array {
  const starts = new Int32Array(termCount + 1);
  for (let p = 0; p < count; p++) starts[terms[p]! + 1]!++;
  for (let t = 0; t < termCount; t++) starts[t + 1]! += starts[t]!;
  const fill = starts.slice(0, termCount);
  for (let p = 0; p < count; p++) into[fill[terms[p]!]!++] = values[p]!;
  return starts;
}

/**
 * Writes the postings of the given terms (sorted by sortByTerm) to `log`: per posting, the
 * document as a difference from the term's previous one (`previousDoc`, updated), then the
 * weight digit. Records where each term's postings end; returns the log's length.
 */
function encodeTerms(
  terms: Int32Array,
  starts: Int32Array,
  sorted: Int32Array,
  previousDoc: Int32Array,
  digits: Buffer,
  log: Buffer,
  ends: Int32Array,
): number {
  let length = 0;
  for (let k = 0; k < terms.length; k++) {
    const t = terms[k]!;
    let previous = previousDoc[t]!;
    const end = starts[t + 1]!;
    for (let p = starts[t]!; p < end; p++) {
      const value = sorted[p]!;
      const current = value >>> 5;
      length = writeNumber(log, length, current - previous, digits);
      log[length++] = digits[value & 31]!; // a weight is one digit
      previous = current;
    }
    previousDoc[t] = previous;
    ends[k] = length;
  }
  return length;
}

/** Writes n (< 2^30) in the posting alphabet (see encodeNumber in the core) at pos; returns the end. */
function writeNumber(out: Buffer, pos: number, n: number, digits: Buffer): number {
  if (n >= 32) {
    let shift = 5;
    while (n >>> (shift + 5) > 0) shift += 5;
    for (; shift > 0; shift -= 5) out[pos++] = digits[32 + ((n >>> shift) & 31)]!;
  }
  out[pos++] = digits[n & 31]!;
  return pos;
}

/** Code-unit order: the same on every machine and locale. */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

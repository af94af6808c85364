import { createHash } from 'node:crypto';
import { SEARCH_CORE_SOURCE } from './search-core-source.js';
import { searchCore } from './search-core.js';
import type { SearchDocument } from './search-document.js';

/**
 * Characters of an item's text that are indexed (its title is always indexed whole). News puts
 * the who/what/where first, and the excerpt shown in results is the text's start too; indexing
 * whole 2–12 KB bodies would make the index ~5× larger and the shards a query loads ~5×
 * heavier, for matches deep in an article that the results list could not show anyway.
 */
export const INDEXED_TEXT_CHARS = 1000;
/** Documents per metadata chunk (`d/<n>.json`): a results page of 10 loads at most 10 chunks. */
export const CHUNK_SIZE = 16;
/** Shard count aims at posting files of about this many bytes. */
const TARGET_SHARD_BYTES = 8_000;
const MAX_SHARDS = 8192;
/** The index folder, relative to the site root. */
export const SEARCH_FOLDER = 'search';
export const SEARCH_INDEX_FORMAT = 1;

export interface SearchIndexFile {
  /** Relative to the index folder: `index.json`, `t/<n>.txt`, `d/<n>.json`. */
  path: string;
  /** UTF-8: buffers, not strings, keep a 50,000-item index compact in memory. */
  content: Buffer;
}

export interface SearchIndexStats {
  documents: number;
  /** Terms and postings of the segments built (a reused main segment is not counted). */
  terms: number;
  postings: number;
  /** The main segment's shards were taken from the previous build. */
  reusedMain: boolean;
  shards: number;
  chunks: number;
  bytes: number;
}

export interface SearchIndex {
  files: SearchIndexFile[];
  stats: SearchIndexStats;
}

/** The manifest, `index.json`. */
export interface SearchManifest {
  format: number;
  documents: number;
  /** Shard count of the main segment (documents below tailStart) and of the tail. */
  shards: number;
  /** Fingerprint of everything the main segment's shards depend on. */
  mainKey: string;
  tailStart: number;
  tailShards: number;
  chunkSize: number;
  indexedTextChars: number;
  sources: string[];
}

/** A growable Int32Array. */
class IntList {
  values: Int32Array<ArrayBuffer> = new Int32Array(1024);
  length = 0;
  push(value: number): void {
    if (this.length === this.values.length) this.values = grown(this.values, this.length * 2);
    this.values[this.length++] = value;
  }
}

function grown(values: Int32Array, size: number): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(size);
  bigger.set(values);
  return bigger;
}

/**
 * Term ids of CJK tokens by their code points, in an open-addressing table of typed arrays: a
 * Map keyed by packed pairs would allocate a heap number per bigram, and bigrams are most of
 * the tokens.
 */
class CjkTermTable {
  private firsts = new Int32Array(1 << 16);
  private seconds = new Int32Array(1 << 16);
  private ids = new Int32Array(1 << 16).fill(-1);
  private size = 0;

  /** The id of (first, second), calling create() for a new id when it is not there yet. */
  idOf(first: number, second: number, create: () => number): number {
    const mask = this.ids.length - 1;
    let slot = Math.imul(first, 0x9e3779b1) ^ second;
    slot = Math.imul(slot ^ (slot >>> 15), 0x85ebca6b);
    slot ^= slot >>> 13;
    for (;;) {
      slot &= mask;
      const id = this.ids[slot]!;
      if (id < 0) break;
      if (this.firsts[slot] === first && this.seconds[slot] === second) return id;
      slot++;
    }
    const id = create();
    this.ids[slot] = id;
    this.firsts[slot] = first;
    this.seconds[slot] = second;
    if (++this.size * 2 > this.ids.length) this.grow();
    return id;
  }

  private grow(): void {
    const { firsts, seconds, ids } = this;
    this.firsts = new Int32Array(ids.length * 2);
    this.seconds = new Int32Array(ids.length * 2);
    this.ids = new Int32Array(ids.length * 2).fill(-1);
    this.size = 0;
    for (let slot = 0; slot < ids.length; slot++) {
      const id = ids[slot]!;
      if (id >= 0) this.idOf(firsts[slot]!, seconds[slot]!, () => id);
    }
  }
}

/** Smallest power of two ≥ n (n ≥ 1). */
function powerOfTwoAtLeast(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}

/**
 * Documents are split in two segments with their own shards: the main segment holds the first
 * floor(N / TAIL_BLOCK) * TAIL_BLOCK documents, the tail the rest. New items are appended (see
 * search-document.ts), so a build that adds a few items rewrites only the tail's small shards;
 * the main segment's shards change once every TAIL_BLOCK new items. A query fetches one shard
 * of each segment per term.
 */
export const TAIL_BLOCK = 1024;

interface Segment {
  files: SearchIndexFile[];
  shards: number;
  terms: number;
  postings: number;
  bytes: number;
}

/**
 * Builds the static search index for the documents, numbered in the given order.
 * Deterministic: the same documents give the same bytes. Layout (see docs/search.md):
 *   index.json     manifest: counts, shard counts, chunk size, source labels
 *   t/<n>.txt      main segment shard n: lines `term TAB postings`, terms sorted; term → shard
 *                  by a hash of the term
 *   u/<n>.txt      tail segment shard n, the same way
 *   d/<n>.json     documents n*CHUNK_SIZE…: [path, title, time, timeText, source, excerpt]
 */
export function buildSearchIndex(
  documents: readonly SearchDocument[],
  previous?: PreviousIndex,
): SearchIndex {
  if (documents.length >= 2 ** 26) throw new Error('Too many documents for the search index');
  const tailStart = Math.floor(documents.length / TAIL_BLOCK) * TAIL_BLOCK;
  const mainKey = segmentKey(documents, tailStart);
  const reused = previous ? reuseMainSegment(previous, mainKey, tailStart) : undefined;
  const main = reused ?? buildSegment(documents, 0, tailStart, 't');
  const tail = buildSegment(documents, tailStart, documents.length, 'u');
  const files = [...main.files, ...tail.files];
  let bytes = main.bytes + tail.bytes;

  const sources = [...new Set(documents.map((d) => d.source))].sort(compare);
  const sourceIndex = new Map(sources.map((source, i) => [source, i]));
  let chunks = 0;
  for (let first = 0; first < documents.length; first += CHUNK_SIZE) {
    const rows = documents
      .slice(first, first + CHUNK_SIZE)
      .map((d) => [d.path, d.title, d.time, d.timeText, sourceIndex.get(d.source)!, d.excerpt]);
    const content = Buffer.from(JSON.stringify(rows));
    bytes += content.length;
    files.push({ path: `d/${first / CHUNK_SIZE}.json`, content });
    chunks++;
  }

  const manifest: SearchManifest = {
    format: SEARCH_INDEX_FORMAT,
    documents: documents.length,
    shards: main.shards,
    mainKey,
    tailStart,
    tailShards: tail.shards,
    chunkSize: CHUNK_SIZE,
    indexedTextChars: INDEXED_TEXT_CHARS,
    sources,
  };
  const manifestBytes = Buffer.from(JSON.stringify(manifest));
  bytes += manifestBytes.length;
  files.push({ path: 'index.json', content: manifestBytes });

  return {
    files,
    stats: {
      documents: documents.length,
      terms: main.terms + tail.terms,
      postings: main.postings + tail.postings,
      reusedMain: reused !== undefined,
      shards: main.shards + tail.shards,
      chunks,
      bytes,
    },
  };
}

/** The previous build's index files, to reuse what did not change. */
export interface PreviousIndex {
  /** The bytes of a file of the index folder (`index.json`, `t/3.txt`), or undefined. */
  read(path: string): Buffer | undefined;
}

/**
 * A fingerprint of what the main segment's shards are made from: the core (tokenizer, codec,
 * weights), the sizing constants, and each main document's title and indexed text, in order.
 */
function segmentKey(documents: readonly SearchDocument[], end: number): string {
  const hash = createHash('sha256');
  hash.update(`${SEARCH_CORE_SOURCE}\0${INDEXED_TEXT_CHARS}\0${TARGET_SHARD_BYTES}\0${end}\0`);
  for (let doc = 0; doc < end; doc++) {
    const { title, text } = documents[doc]!;
    hash.update(`${title}\u0000${text.slice(0, INDEXED_TEXT_CHARS)}\u0001`);
  }
  return hash.digest('hex').slice(0, 32);
}

/**
 * The previous build's main segment, when its documents are the same as now (same key): the
 * main shards are then byte-identical to what building them would give, and most of the
 * index's build time is saved. Undefined when anything is missing or different.
 */
function reuseMainSegment(
  previous: PreviousIndex,
  mainKey: string,
  tailStart: number,
): Segment | undefined {
  let manifest: Partial<SearchManifest>;
  try {
    manifest = JSON.parse(
      previous.read('index.json')?.toString('utf8') ?? 'null',
    ) as Partial<SearchManifest>;
  } catch {
    return undefined;
  }
  if (
    !manifest ||
    manifest.format !== SEARCH_INDEX_FORMAT ||
    manifest.mainKey !== mainKey ||
    manifest.tailStart !== tailStart ||
    typeof manifest.shards !== 'number'
  ) {
    return undefined;
  }
  const files: SearchIndexFile[] = [];
  let bytes = 0;
  for (let shard = 0; shard < manifest.shards; shard++) {
    const path = `t/${shard}.txt`;
    const content = previous.read(path);
    if (content === undefined) return undefined;
    files.push({ path, content });
    bytes += content.length;
  }
  return { files, shards: manifest.shards, terms: 0, postings: 0, bytes };
}

/** Shard files of documents [from, to) in `folder`; documents keep their global numbers. */
function buildSegment(
  documents: readonly SearchDocument[],
  from: number,
  to: number,
  folder: string,
): Segment {
  const core = searchCore;
  // Term ids: CJK tokens come as code points, words as strings.
  const cjkIds = new CjkTermTable();
  const wordIds = new Map<string, number>();
  const termTexts: string[] = [];
  // Per term: the document that last counted it, and its counts there (title, text).
  let stamps = new Int32Array(1 << 16).fill(-1);
  let titleCounts = new Int32Array(1 << 16);
  let textCounts = new Int32Array(1 << 16);
  const newTerm = (text: string): number => {
    const id = termTexts.length;
    termTexts.push(text);
    if (id === stamps.length) {
      stamps = grown(stamps, id * 2);
      stamps.fill(-1, id);
      titleCounts = grown(titleCounts, id * 2);
      textCounts = grown(textCounts, id * 2);
    }
    return id;
  };
  let doc = 0;
  let inTitle = true;
  let textLength = 0;
  const docTerms = new IntList();
  const count = (id: number): void => {
    if (stamps[id] !== doc) {
      stamps[id] = doc;
      titleCounts[id] = 0;
      textCounts[id] = 0;
      docTerms.push(id);
    }
    if (inTitle) titleCounts[id]!++;
    else {
      textCounts[id]!++;
      textLength++;
    }
  };
  let pendingFirst = 0;
  let pendingSecond = 0;
  const createCjk = (): number => newTerm(core.cjkText(pendingFirst, pendingSecond));
  const onCjk = (first: number, second: number): void => {
    pendingFirst = first;
    pendingSecond = second;
    count(cjkIds.idOf(first, second, createCjk));
  };
  const onWord = (word: string): void => {
    let id = wordIds.get(word);
    if (id === undefined) {
      id = newTerm(word);
      wordIds.set(word, id);
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
  let previousDoc = new Int32Array(1 << 16);
  let postings = 0;
  for (let blockStart = from; blockStart < to; blockStart += BLOCK_DOCUMENTS) {
    postingTerms.length = 0;
    postingValues.length = 0;
    const blockEnd = Math.min(to, blockStart + BLOCK_DOCUMENTS);
    for (doc = blockStart; doc < blockEnd; doc++) {
      const document = documents[doc]!;
      docTerms.length = 0;
      textLength = 0;
      inTitle = true;
      core.scanTokens(document.title, true, onCjk, onWord);
      inTitle = false;
      core.scanTokens(document.text.slice(0, INDEXED_TEXT_CHARS), false, onCjk, onWord);
      for (let k = 0; k < docTerms.length; k++) {
        const id = docTerms.values[k]!;
        postingTerms.push(id);
        postingValues.push(
          doc * 32 + core.postingWeight(titleCounts[id]!, textCounts[id]!, textLength),
        );
      }
    }
    postings += postingValues.length;

    // Counting sort by term; documents stay ascending within a term.
    const termCount = termTexts.length;
    const starts = new Int32Array(termCount + 1);
    for (let p = 0; p < postingTerms.length; p++) starts[postingTerms.values[p]! + 1]!++;
    for (let t = 0; t < termCount; t++) starts[t + 1]! += starts[t]!;
    if (byTerm.length < postingValues.length) byTerm = new Int32Array(postingValues.length);
    const fill = starts.slice(0, termCount);
    for (let p = 0; p < postingTerms.length; p++) {
      byTerm[fill[postingTerms.values[p]!]!++] = postingValues.values[p]!;
    }
    if (previousDoc.length < termCount) previousDoc = grown(previousDoc, termCount * 2);

    // The block's terms (ascending ids) and where each one's encoded postings end.
    const present = new IntList();
    for (let t = 0; t < termCount; t++) if (starts[t + 1]! > starts[t]!) present.push(t);
    const terms = present.values.slice(0, present.length);
    const ends = new Int32Array(terms.length);
    // At most 6 characters per number (2^30), two numbers per posting.
    const log = Buffer.allocUnsafe(postingValues.length * 12);
    let length = 0;
    for (let k = 0; k < terms.length; k++) {
      const t = terms[k]!;
      let previous = previousDoc[t]!;
      for (let p = starts[t]!; p < starts[t + 1]!; p++) {
        const value = byTerm[p]!;
        const current = value >>> 5;
        length = writeNumber(log, length, current - previous, digits);
        length = writeNumber(log, length, value & 31, digits);
        previous = current;
      }
      previousDoc[t] = previous;
      ends[k] = length;
    }
    blocks.push({ terms, ends, log: Buffer.from(log.subarray(0, length)) });
  }

  // ~2.5 characters per posting: size the shards from that.
  const termCount = termTexts.length;
  const shardCount = Math.min(
    MAX_SHARDS,
    powerOfTwoAtLeast(Math.ceil((postings * 2.5) / TARGET_SHARD_BYTES)),
  );
  const shardTerms: number[][] = Array.from({ length: shardCount }, () => []);
  for (let t = 0; t < termCount; t++) shardTerms[core.shardOf(termTexts[t]!, shardCount)]!.push(t);

  const files: SearchIndexFile[] = [];
  let bytes = 0;
  for (let shard = 0; shard < shardCount; shard++) {
    const ids = shardTerms[shard]!;
    ids.sort((a, b) => compare(termTexts[a]!, termTexts[b]!));
    const parts: Buffer[] = [];
    for (const id of ids) {
      parts.push(Buffer.from(`${termTexts[id]}\t`));
      for (let b = 0; b < blocks.length; b++) {
        const block = blocks[b]!;
        const k = indexOf(block.terms, id);
        if (k < 0) continue;
        parts.push(block.log.subarray(k === 0 ? 0 : block.ends[k - 1]!, block.ends[k]!));
      }
      parts.push(NEWLINE);
    }
    const content = Buffer.concat(parts);
    bytes += content.length;
    files.push({ path: `${folder}/${shard}.txt`, content });
  }

  return { files, shards: shardCount, terms: termCount, postings, bytes };
}

/** A block's postings: its term ids ascending, each one's end in the log of encoded postings. */
interface EncodedBlock {
  terms: Int32Array;
  ends: Int32Array;
  log: Buffer;
}

const NEWLINE = Buffer.from('\n');
/** Documents indexed per block (see buildSegment). */
const BLOCK_DOCUMENTS = 4096;

/** Position of value in an ascending array, or -1. */
function indexOf(sorted: Int32Array, value: number): number {
  let low = 0;
  let high = sorted.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const found = sorted[middle]!;
    if (found === value) return middle;
    if (found < value) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
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
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

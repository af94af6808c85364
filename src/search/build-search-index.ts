import { digestOf } from '../site/one-shot-digest.js';
import { rendererFingerprint } from '../site/renderer-fingerprint.js';
import type { SearchDocument, SearchEntry } from './search-document.js';
import {
  buildSegment,
  compare,
  shardCountFor,
  TARGET_SHARD_BYTES,
  type Segment,
  type SearchIndexFile,
} from './search-segment.js';

export type { SearchIndexFile } from './search-segment.js';

/**
 * Characters of an item's text that are indexed (its title is always indexed whole). News puts
 * the who/what/where first, and the excerpt shown in results is the text's start too; indexing
 * whole 2–12 KB bodies would make the index ~5× larger and the shards a query loads ~5×
 * heavier, for matches deep in an article that the results list could not show anyway.
 */
export const INDEXED_TEXT_CHARS = 1000;
/** Documents per metadata chunk (`d/<n>.json`): a results page of 10 loads at most 10 chunks. */
export const CHUNK_SIZE = 16;
/** The index folder, relative to the site root. */
export const SEARCH_FOLDER = 'search';
export const SEARCH_INDEX_FORMAT = 1;

/**
 * Documents are split in two segments with their own shards: the main segment holds the first
 * floor(N / TAIL_BLOCK) * TAIL_BLOCK documents, the tail the rest. New items are appended (see
 * search-document.ts), so a build that adds a few items rebuilds only the tail's small shards
 * (from the tail's texts alone); the main segment changes once every TAIL_BLOCK new items. A
 * query fetches one shard of each segment per term.
 */
export const TAIL_BLOCK = 1024;

export interface SearchIndexStats {
  documents: number;
  /** Terms and postings of the segments built (a reused segment is not counted). */
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
  /**
   * Characters of the main segment's titles and indexed texts (what its shard count is made
   * from): a later build appending documents to the segment knows its shard count without
   * reading the old texts.
   */
  mainChars: number;
  tailStart: number;
  tailShards: number;
  /** Fingerprint of everything the tail segment's shards depend on. */
  tailKey: string;
  tailChars: number;
  chunkSize: number;
  indexedTextChars: number;
  sources: string[];
}

/** The two segments, what they are keyed by, and the source labels: all known without texts. */
export interface IndexPlan {
  documents: number;
  tailStart: number;
  mainKey: string;
  tailKey: string;
  sources: string[];
}

/** Plans the index of the entries, numbered in the given order. */
export function planSearchIndex(entries: readonly SearchEntry[]): IndexPlan {
  if (entries.length >= 2 ** 26) throw new Error('Too many documents for the search index');
  const tailStart = Math.floor(entries.length / TAIL_BLOCK) * TAIL_BLOCK;
  return {
    documents: entries.length,
    tailStart,
    mainKey: segmentKey(entries, 0, tailStart),
    tailKey: segmentKey(entries, tailStart, entries.length),
    sources: [...new Set(entries.map((d) => d.source))].sort(compare),
  };
}

/**
 * A fingerprint of what a segment's shards are made from: the code (the site's and search's
 * modules, so an upgrade rebuilds the index with no version number to bump), the constants,
 * the range, and each document's title and revision. Texts are not read: the revision changes
 * whenever the text may have.
 */
export function segmentKey(entries: readonly SearchEntry[], from: number, to: number): string {
  // One string hashed at once: a hash update per document (10,000 of them on every build)
  // cost more than the hashing.
  let text = `${rendererFingerprint()}\0${INDEXED_TEXT_CHARS}\0${TARGET_SHARD_BYTES}\0${from}\0${to}\0`;
  for (let doc = from; doc < to; doc++) {
    const { title, revision } = entries[doc]!;
    text += `${title}\u0000${revision}\u0001`;
  }
  return digestOf('sha256', text, 'hex').slice(0, 32);
}

/** The part of an item's text that is indexed. */
export function indexedText(text: string): string {
  return text.length > INDEXED_TEXT_CHARS ? text.slice(0, INDEXED_TEXT_CHARS) : text;
}

/** Characters of these titles and indexed texts: what a segment's shard count is made from. */
export function segmentChars(titles: readonly string[], texts: readonly string[]): number {
  let chars = 0;
  for (let i = 0; i < titles.length; i++) chars += titles[i]!.length + texts[i]!.length;
  return chars;
}

/** A built (or kept) segment's size, as the manifest records it. */
export interface SegmentSize {
  shards: number;
  chars: number;
}

/**
 * Metadata chunks `d/<n>.json`: [path, title, time, timeText, source index, excerpt] rows, and
 * a seventh element, the document's `lang`, only in rows of documents that have one.
 */
export function metadataChunks(
  entries: readonly SearchEntry[],
  sources: readonly string[],
): SearchIndexFile[] {
  return chunkStarts(entries).map((first) => metadataChunk(entries, sourceIndexOf(sources), first));
}

/** The first document of each metadata chunk. */
export function chunkStarts(entries: readonly SearchEntry[]): number[] {
  return Array.from({ length: Math.ceil(entries.length / CHUNK_SIZE) }, (_, n) => n * CHUNK_SIZE);
}

/** Each source's number in a metadata row: its place in the manifest's sorted list. */
export function sourceIndexOf(sources: readonly string[]): Map<string, number> {
  return new Map(sources.map((source, i) => [source, i]));
}

/** The metadata chunk of the documents from `first` (a multiple of CHUNK_SIZE) on. */
export function metadataChunk(
  entries: readonly SearchEntry[],
  sourceIndex: ReadonlyMap<string, number>,
  first: number,
): SearchIndexFile {
  const rows = entries.slice(first, first + CHUNK_SIZE).map((d) => {
    const row = [d.path, d.title, d.time, d.timeText, sourceIndex.get(d.source)!, d.excerpt];
    // Most documents are in the site's language: their rows carry no language at all.
    if (d.lang) row.push(d.lang);
    return row;
  });
  return { path: `d/${first / CHUNK_SIZE}.json`, content: Buffer.from(JSON.stringify(rows)) };
}

/**
 * A key of what the metadata chunk from `first` shows, without making it: the code, the list of
 * sources (a row holds its source's number in it), and each document's path, times, language
 * (a feed's language changes without its items changing) and revision (which changes whenever
 * its title or excerpt may have). `timesKey`, when given, names
 * how documents' `timeKey`s become their time texts (the site's language and zone): documents
 * with a `timeKey` are then keyed by it and their time texts are not made.
 */
export function metadataChunkKey(
  entries: readonly SearchEntry[],
  sourcesKey: string,
  first: number,
  timesKey?: string,
): string {
  let text = `${rendererFingerprint()}\0${CHUNK_SIZE}\0${sourcesKey}\0${first}`;
  if (timesKey !== undefined) text += `\0${timesKey}`;
  const end = Math.min(entries.length, first + CHUNK_SIZE);
  for (let doc = first; doc < end; doc++) {
    const entry = entries[doc]!;
    const times =
      timesKey !== undefined && entry.timeKey !== undefined
        ? `\u0002${entry.timeKey}`
        : `${entry.time}\u0001${entry.timeText}`;
    text += `\0${entry.path}\u0001${times}\u0001${entry.lang ?? ''}\u0001${entry.revision}`;
  }
  return digestOf('sha1', text, 'base64url');
}

/** The manifest `index.json` of a planned index with segments of these sizes. */
export function manifestFile(
  plan: IndexPlan,
  main: SegmentSize,
  tail: SegmentSize,
): SearchIndexFile {
  const manifest: SearchManifest = {
    format: SEARCH_INDEX_FORMAT,
    documents: plan.documents,
    shards: main.shards,
    mainKey: plan.mainKey,
    mainChars: main.chars,
    tailStart: plan.tailStart,
    tailShards: tail.shards,
    tailKey: plan.tailKey,
    tailChars: tail.chars,
    chunkSize: CHUNK_SIZE,
    indexedTextChars: INDEXED_TEXT_CHARS,
    sources: plan.sources,
  };
  return { path: 'index.json', content: Buffer.from(JSON.stringify(manifest)) };
}

/** The previous build's manifest, if it is one this builder wrote; undefined otherwise. */
export function parseManifest(content: Buffer | undefined): SearchManifest | undefined {
  if (content === undefined) return undefined;
  try {
    const manifest = JSON.parse(content.toString('utf8')) as Partial<SearchManifest> | null;
    if (
      manifest?.format === SEARCH_INDEX_FORMAT &&
      typeof manifest.mainKey === 'string' &&
      typeof manifest.tailKey === 'string' &&
      Number.isInteger(manifest.documents) &&
      Number.isInteger(manifest.tailStart) &&
      Number.isInteger(manifest.shards) &&
      Number.isInteger(manifest.tailShards) &&
      Number.isInteger(manifest.mainChars) &&
      Number.isInteger(manifest.tailChars)
    ) {
      return manifest as SearchManifest;
    }
  } catch {
    // unreadable: build anew
  }
  return undefined;
}

/** The main segment's size in a previous build's manifest. */
export function oldMain(manifest: SearchManifest): SegmentSize {
  return { shards: manifest.shards, chars: manifest.mainChars };
}

/** The tail segment's size in a previous build's manifest. */
export function oldTail(manifest: SearchManifest): SegmentSize {
  return { shards: manifest.tailShards, chars: manifest.tailChars };
}

/** The previous build's index files, to reuse what did not change. */
export interface PreviousIndex {
  /** The bytes of a file of the index folder (`index.json`, `t/3.txt`), or undefined. */
  read(path: string): Buffer | undefined;
}

/**
 * Builds the whole static search index for the documents, numbered in the given order, in this
 * thread (the site builds large segments on a worker: search-site-files.ts). Deterministic: the
 * same documents give the same bytes. Layout (see docs/search.md):
 *   index.json     manifest: counts, shard counts, segment keys, chunk size, source labels
 *   t/<n>.txt      main segment shard n: lines `term TAB postings`, terms sorted; term → shard
 *                  by a hash of the term
 *   u/<n>.txt      tail segment shard n, the same way
 *   d/<n>.json     documents n*CHUNK_SIZE…: [path, title, time, timeText, source, excerpt],
 *                  then `lang` in the rows of documents not in the site's language
 * A segment whose key equals the previous build's is copied from it.
 */
export function buildSearchIndex(
  documents: readonly SearchDocument[],
  previous?: PreviousIndex,
): SearchIndex {
  const entries: SearchEntry[] = documents.map((d) => ({
    ...d,
    revision: d.revision ?? indexedText(d.text),
  }));
  const plan = planSearchIndex(entries);
  const old = parseManifest(previous?.read('index.json'));
  const segment = (
    from: number,
    to: number,
    folder: string,
    key: string,
  ): Segment & SegmentSize & { reused: boolean } => {
    const oldKey = folder === 't' ? old?.mainKey : old?.tailKey;
    const oldSize = old && (folder === 't' ? oldMain(old) : oldTail(old));
    if (previous && oldKey === key && oldSize) {
      const files = copiedShards(previous, folder, oldSize.shards);
      if (files) {
        const bytes = files.reduce((sum, f) => sum + f.content.length, 0);
        return { files, terms: 0, postings: 0, bytes, ...oldSize, reused: true };
      }
    }
    const titles = documents.slice(from, to).map((d) => d.title);
    const texts = documents.slice(from, to).map((d) => indexedText(d.text));
    const chars = segmentChars(titles, texts);
    const shards = shardCountFor(chars);
    const built = buildSegment({ first: from, titles, texts, shardCount: shards, folder });
    return { ...built, shards, chars, reused: false };
  };
  const main = segment(0, plan.tailStart, 't', plan.mainKey);
  const tail = segment(plan.tailStart, documents.length, 'u', plan.tailKey);
  const chunks = metadataChunks(entries, plan.sources);
  const manifest = manifestFile(plan, main, tail);
  const files = [...main.files, ...tail.files, ...chunks, manifest];
  return {
    files,
    stats: {
      documents: documents.length,
      terms: main.terms + tail.terms,
      postings: main.postings + tail.postings,
      reusedMain: main.reused,
      shards: main.shards + tail.shards,
      chunks: chunks.length,
      bytes: files.reduce((sum, f) => sum + f.content.length, 0),
    },
  };
}

/** The previous build's shards of a segment, or undefined when one is missing. */
function copiedShards(
  previous: PreviousIndex,
  folder: string,
  shards: number,
): SearchIndexFile[] | undefined {
  const files: SearchIndexFile[] = [];
  for (let shard = 0; shard < shards; shard++) {
    const path = `${folder}/${shard}.txt`;
    const content = previous.read(path);
    if (content === undefined) return undefined;
    files.push({ path, content });
  }
  return files;
}

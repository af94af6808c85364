import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { digestOf } from '../site/one-shot-digest.js';
import type { ItemView } from '../site/site-structure.js';
import type { OutputFile } from '../site/write-output.js';
import {
  CHUNK_SIZE,
  chunkStarts,
  INDEXED_TEXT_CHARS,
  indexedText,
  manifestFile,
  metadataChunk,
  metadataChunkKey,
  oldMain,
  oldTail,
  parseManifest,
  planSearchIndex,
  SEARCH_FOLDER,
  segmentChars,
  segmentKey,
  sourceIndexOf,
  type SearchManifest,
  type SegmentSize,
} from './build-search-index.js';
import { searchEntries, type ItemSearchEntry } from './search-document.js';
import { SegmentWorker } from './search-index-thread.js';
import { SEARCH_SCRIPT } from './search-script.js';
import { buildSegment, segmentBuilder, shardCountFor, type Segment } from './search-segment.js';
import { appendToShards, BaseUnusable } from './segment-base.js';
import { SEARCH_CSS } from './search-style.js';

/**
 * Segments of at least this many documents (together) are built on a worker thread, in
 * parallel with the page rendering; smaller ones cost less than starting a thread.
 */
export const WORKER_MIN_DOCUMENTS = 2000;
/**
 * Appending at least this many documents is done on the worker too: with the old shards to
 * read back and merge, an append of 100 items costs the main thread ~0.1–0.2 s (most of it in
 * code not yet optimised by V8 in a short build), more than starting the thread.
 */
export const WORKER_MIN_APPENDED = 50;

export interface SearchFilesOptions {
  /** Overrides WORKER_MIN_DOCUMENTS and WORKER_MIN_APPENDED (tests: force or forbid the worker). */
  workerMinDocuments?: number;
  /**
   * Everything besides an item's own time that its time texts depend on (the site's language
   * and time zone). Given, metadata chunks are keyed by the items' times rather than their
   * texts, so a rebuild formats the times of the chunks it writes only.
   */
  timesKey?: string;
  /**
   * The store file the items come from. Given, a segment built on the worker thread has the
   * worker read its texts from the file itself (`readText` is then not used for it), so the
   * main thread reads none; its size is known only once the worker built it (see
   * startSearchSiteFiles).
   */
  storeFile?: string;
  /** With `storeFile`: the site's window (SiteModel.shownSince), whose texts alone are read. */
  shownSince?: string | null;
  /**
   * An index thread started earlier (reading the texts of `storeFile` ahead, see
   * SegmentWorker.readTexts; or only started, in an incremental build): used when a worker is
   * wanted, else stopped.
   */
  worker?: SegmentWorker;
}

/** The search files of a build whose index is being made (startSearchSiteFiles). */
export interface StartedSearchFiles {
  /**
   * The files. Segments built on the worker from the store file are waited for here (their
   * shard count comes from their texts), so ask as late as possible.
   */
  files(): OutputFile[];
}

/**
 * Everything search adds to the site's output, besides the search page itself: search.js,
 * search.css and the index folder.
 *
 * Texts are read only for documents that must be indexed. A segment whose key (a hash of its
 * documents' revisions, see build-search-index.ts) equals the previous build's keeps its
 * shards — their manifest keys are the segment key, so the writer does not even render them.
 * A segment that only gained documents at its end (new items) is appended to: its old shards
 * are read back from `previousDir` and only the new documents are read and tokenised (see
 * segment-base.ts). Any other segment is read now and, when large, built on a worker thread
 * while the pages are rendered; its shards wait for it only when they are written.
 * `previousDir` is the site folder of the previous build; without it (a first or `--full`
 * build) every segment is built from the texts.
 */
export function searchSiteFiles(
  items: readonly ItemView[],
  readText: (feedKey: string, key: string) => string,
  previousDir?: string,
  options: SearchFilesOptions = {},
): OutputFile[] {
  return startSearchSiteFiles(items, readText, previousDir, options).files();
}

/**
 * searchSiteFiles in two steps: starts reading and indexing now (on the worker thread when
 * large), and gives the files when asked.
 */
export function startSearchSiteFiles(
  items: readonly ItemView[],
  readText: (feedKey: string, key: string) => string,
  previousDir?: string,
  options: SearchFilesOptions = {},
): StartedSearchFiles {
  const entries = searchEntries(items);
  const plan = planSearchIndex(entries);
  const old = previousDir === undefined ? undefined : previousManifest(previousDir);
  const read = (entry: ItemSearchEntry): string => indexedText(readText(entry.feedKey, entry.key));

  const segments: PlannedSegment[] = [
    {
      folder: 't',
      from: 0,
      to: plan.tailStart,
      key: plan.mainKey,
      old: old && { from: 0, to: old.tailStart, key: old.mainKey, ...oldMain(old) },
    },
    {
      folder: 'u',
      from: plan.tailStart,
      to: entries.length,
      key: plan.tailKey,
      old: old && {
        from: old.tailStart,
        to: old.documents,
        key: old.tailKey,
        ...oldTail(old),
      },
    },
  ];
  const toBuild = segments.filter((s) => s.old?.key !== s.key && !appendable(s, entries));
  const buildCount = toBuild.reduce((sum, s) => sum + s.to - s.from, 0);
  const appendCount = segments
    .filter((s) => s.old?.key !== s.key && !toBuild.includes(s))
    .reduce((sum, s) => sum + s.to - s.old!.to, 0);
  const wanted =
    buildCount >= (options.workerMinDocuments ?? WORKER_MIN_DOCUMENTS) ||
    appendCount >= (options.workerMinDocuments ?? WORKER_MIN_APPENDED);
  if (!wanted) options.worker?.stop();
  const worker = wanted ? (options.worker ?? new SegmentWorker()) : undefined;

  let sources: SegmentSource[];
  try {
    sources = segments.map((segment) => {
      if (segment.old?.key === segment.key) {
        return keptSegment(segment, segment.old, entries, read);
      }
      if (toBuild.includes(segment)) {
        return worker !== undefined && options.storeFile !== undefined
          ? storedSegment(segment, entries, worker, options.storeFile, options.shownSince ?? null)
          : segmentToBuild(segment, entries, read, worker);
      }
      return appendedSegment(segment, entries, read, previousDir!, worker);
    });
  } catch (error) {
    worker?.stop(); // a text could not be read: the build fails, the thread must not linger
    throw error;
  }
  worker?.endInput();
  const [main, tail] = sources as [SegmentSource, SegmentSource];
  return { files: () => searchFiles(plan, entries, main, tail, options.timesKey) };
}

function searchFiles(
  plan: ReturnType<typeof planSearchIndex>,
  entries: readonly ItemSearchEntry[],
  main: SegmentSource,
  tail: SegmentSource,
  timesKey: string | undefined,
): OutputFile[] {
  const sources = [main, tail];

  const files: OutputFile[] = [
    { path: 'search.js', key: keyOf(SEARCH_SCRIPT), render: () => SEARCH_SCRIPT },
    { path: 'search.css', key: keyOf(SEARCH_CSS), render: () => SEARCH_CSS },
  ];
  for (const source of sources) {
    for (let shard = 0; shard < source.size.shards; shard++) {
      const path = `${source.folder}/${shard}.txt`;
      files.push({
        path: `${SEARCH_FOLDER}/${path}`,
        // The shards are a function of the segment key and the shard count.
        key: `${source.key}.${source.size.shards}`,
        render: () => source.content(path),
      });
    }
  }
  // Metadata chunks are keyed by what they show, and made only when written.
  const sourceIndex = sourceIndexOf(plan.sources);
  const sourcesKey = digestOf('sha1', JSON.stringify(plan.sources), 'base64url');
  for (const first of chunkStarts(entries)) {
    files.push({
      path: `${SEARCH_FOLDER}/d/${first / CHUNK_SIZE}.json`,
      key: metadataChunkKey(entries, sourcesKey, first, timesKey),
      render: () => metadataChunk(entries, sourceIndex, first).content,
    });
  }
  const manifest = manifestFile(plan, main.size, tail.size);
  files.push({
    path: `${SEARCH_FOLDER}/${manifest.path}`,
    key: keyOf(manifest.content),
    render: () => manifest.content,
  });
  return files;
}

/** A segment of the index: documents [from, to), and what the previous build had of it. */
interface PlannedSegment {
  folder: string;
  from: number;
  to: number;
  key: string;
  old: (SegmentSize & { from: number; to: number; key: string }) | undefined;
}

/**
 * Whether the previous build's segment holds the first documents of this one, unchanged, and
 * this one only adds documents after them: then the new ones can be appended to its shards.
 */
function appendable(segment: PlannedSegment, entries: readonly ItemSearchEntry[]): boolean {
  const { old } = segment;
  return (
    old !== undefined &&
    old.from === segment.from &&
    old.to > segment.from &&
    old.to < segment.to &&
    segmentKey(entries, segment.from, old.to) === old.key
  );
}

/** A segment's shard files, built when first asked for. */
interface SegmentSource {
  folder: string;
  key: string;
  size: SegmentSize;
  content(path: string): Buffer;
}

function lazySource(
  segment: PlannedSegment,
  size: SegmentSize,
  build: () => Segment,
): SegmentSource {
  let files: Map<string, Buffer> | undefined;
  return {
    folder: segment.folder,
    key: segment.key,
    size,
    content(path) {
      files ??= new Map(build().files.map((file) => [file.path, file.content]));
      const content = files.get(path);
      if (content === undefined) throw new Error(`The search index has no shard ${path}`);
      return content;
    },
  };
}

/**
 * A segment whose key changed, built on the worker, which reads the texts from the store file
 * itself: its size is known once it is built, so asking for it waits for the worker.
 */
function storedSegment(
  segment: PlannedSegment,
  entries: readonly ItemSearchEntry[],
  worker: SegmentWorker,
  storeFile: string,
  shownSince: string | null,
): SegmentSource {
  const { folder, from, to } = segment;
  worker.buildStored(
    folder,
    from,
    entries.slice(from, to),
    storeFile,
    INDEXED_TEXT_CHARS,
    shownSince,
  );
  let built: { files: Map<string, Buffer>; size: SegmentSize } | undefined;
  const result = (): NonNullable<typeof built> => {
    if (built === undefined) {
      const { segment: made, size } = worker.sizedResult(folder);
      built = { files: new Map(made.files.map((file) => [file.path, file.content])), size };
    }
    return built;
  };
  return {
    folder,
    key: segment.key,
    get size() {
      return result().size;
    },
    content(path) {
      const content = result().files.get(path);
      if (content === undefined) throw new Error(`The search index has no shard ${path}`);
      return content;
    },
  };
}

/** A segment whose key changed: its texts are read now and it is built (on the worker if any). */
function segmentToBuild(
  segment: PlannedSegment,
  entries: readonly ItemSearchEntry[],
  read: (entry: ItemSearchEntry) => string,
  worker: SegmentWorker | undefined,
): SegmentSource {
  const { folder, from, to } = segment;
  const slice = entries.slice(from, to);
  if (worker) {
    const documents = (function* () {
      for (const entry of slice) yield { title: entry.title, text: read(entry) };
    })();
    const size = worker.build(folder, from, documents);
    return lazySource(segment, size, () => worker.result(folder));
  }
  const titles = slice.map((entry) => entry.title);
  // Flat copies: a slice would keep the item's whole text alive until the segment is built.
  const texts = slice.map((entry) => flatCopy(read(entry)));
  const chars = segmentChars(titles, texts);
  const shardCount = shardCountFor(chars);
  return lazySource(segment, { shards: shardCount, chars }, () =>
    buildSegment({ first: from, titles, texts, shardCount, folder }),
  );
}

/**
 * A segment that gained documents at its end (see appendable): the new documents are read now,
 * and its shards are the previous build's with their postings appended (dealt into more shards
 * when the segment outgrew its count), on the worker if any. When an old shard is missing or
 * not what a build writes, the segment is built from all its texts instead.
 */
function appendedSegment(
  segment: PlannedSegment,
  entries: readonly ItemSearchEntry[],
  read: (entry: ItemSearchEntry) => string,
  previousDir: string,
  worker: SegmentWorker | undefined,
): SegmentSource {
  const old = segment.old!;
  const { folder, from, to } = segment;
  const added = entries.slice(old.to, to);
  const oldFolder = join(previousDir, SEARCH_FOLDER, folder);
  const fromTexts = (shardCount: number): Segment => {
    const all = entries.slice(from, to);
    const titles = all.map((entry) => entry.title);
    const texts = all.map(read);
    return buildSegment({ first: from, titles, texts, shardCount, folder });
  };
  if (worker) {
    const documents = (function* () {
      for (const entry of added) yield { title: entry.title, text: read(entry) };
    })();
    const appendTo = { folder: oldFolder, shards: old.shards, chars: old.chars };
    const size = worker.build(folder, old.to, documents, appendTo);
    return lazySource(segment, size, () => {
      try {
        return worker.result(folder);
      } catch (error) {
        if (error instanceof BaseUnusable) return fromTexts(size.shards);
        throw error;
      }
    });
  }
  const titles = added.map((entry) => entry.title);
  const texts = added.map((entry) => flatCopy(read(entry)));
  const chars = old.chars + segmentChars(titles, texts);
  const shardCount = shardCountFor(chars);
  return lazySource(segment, { shards: shardCount, chars }, () => {
    const builder = segmentBuilder(old.to, folder);
    for (let i = 0; i < titles.length; i++) builder.add(titles[i]!, texts[i]!);
    try {
      return appendToShards(builder, shardCount, oldFolder, old.shards);
    } catch (error) {
      if (error instanceof BaseUnusable) return fromTexts(shardCount);
      throw error;
    }
  });
}

/**
 * A segment the previous build already has: the writer keeps its files by their keys. Only a
 * build that renders everything (a lost manifest) asks for its content, which is then built
 * again from the texts.
 */
function keptSegment(
  segment: PlannedSegment,
  size: SegmentSize,
  entries: readonly ItemSearchEntry[],
  read: (entry: ItemSearchEntry) => string,
): SegmentSource {
  const { folder, from, to } = segment;
  return lazySource(segment, size, () => {
    const slice = entries.slice(from, to);
    const titles = slice.map((entry) => entry.title);
    const texts = slice.map(read);
    return buildSegment({ first: from, titles, texts, shardCount: size.shards, folder });
  });
}

function previousManifest(outputDir: string): SearchManifest | undefined {
  try {
    return parseManifest(readFileSync(join(outputDir, SEARCH_FOLDER, 'index.json')));
  } catch {
    return undefined; // no previous index: build it all
  }
}

/** A flat copy: a slice would keep its whole parent string alive. */
function flatCopy(text: string): string {
  return Buffer.from(text, 'utf8').toString('utf8');
}

/** The search page, rendered now so that its key is the hash of its bytes. */
export function searchPageFile(path: string, render: () => string): OutputFile {
  const html = render();
  return { path, key: keyOf(html), render: () => html };
}

function keyOf(content: string | Buffer): string {
  return digestOf('sha1', content, 'base64url');
}

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ItemView } from '../site/site-structure.js';
import type { OutputFile } from '../site/write-output.js';
import {
  indexedText,
  manifestFile,
  metadataChunks,
  parseManifest,
  planSearchIndex,
  SEARCH_FOLDER,
  segmentShardCount,
  type SearchManifest,
} from './build-search-index.js';
import { searchEntries, type ItemSearchEntry } from './search-document.js';
import { SegmentWorker } from './search-index-thread.js';
import { SEARCH_SCRIPT } from './search-script.js';
import { buildSegment, type Segment } from './search-segment.js';
import { SEARCH_CSS } from './search-style.js';

/**
 * Segments of at least this many documents (together) are built on a worker thread, in
 * parallel with the page rendering; smaller ones cost less than starting a thread.
 */
export const WORKER_MIN_DOCUMENTS = 2000;

export interface SearchFilesOptions {
  /** Overrides WORKER_MIN_DOCUMENTS (tests: force or forbid the worker). */
  workerMinDocuments?: number;
}

/**
 * Everything search adds to the site's output, besides the search page itself: search.js,
 * search.css and the index folder.
 *
 * Texts are read only for segments that must be built: a segment whose key (a hash of its
 * documents' revisions, see build-search-index.ts) equals the previous build's keeps its
 * shards — their manifest keys are the segment key, so the writer does not even render them.
 * A segment to build is read now and, when large, built on a worker thread while the pages
 * are rendered; its shards wait for it only when they are written.
 */
export function searchSiteFiles(
  items: readonly ItemView[],
  readText: (feedKey: string, key: string) => string,
  outputDir?: string,
  options: SearchFilesOptions = {},
): OutputFile[] {
  const entries = searchEntries(items);
  const plan = planSearchIndex(entries);
  const old = outputDir === undefined ? undefined : previousManifest(outputDir);

  const segments: PlannedSegment[] = [
    { folder: 't', from: 0, to: plan.tailStart, key: plan.mainKey },
    { folder: 'u', from: plan.tailStart, to: entries.length, key: plan.tailKey },
  ].map((segment) => {
    const oldKey = segment.folder === 't' ? old?.mainKey : old?.tailKey;
    const oldShards = segment.folder === 't' ? old?.shards : old?.tailShards;
    return {
      ...segment,
      keep: oldKey === segment.key ? oldShards : undefined,
    };
  });
  const toBuild = segments.filter((s) => s.keep === undefined);
  const buildCount = toBuild.reduce((sum, s) => sum + s.to - s.from, 0);
  const worker =
    buildCount >= (options.workerMinDocuments ?? WORKER_MIN_DOCUMENTS)
      ? new SegmentWorker()
      : undefined;

  const read = (entry: ItemSearchEntry): string => indexedText(readText(entry.feedKey, entry.key));
  let sources: SegmentSource[];
  try {
    sources = segments.map((segment) =>
      segment.keep === undefined
        ? segmentToBuild(segment, entries, read, worker)
        : keptSegment(segment, segment.keep, entries, read),
    );
  } catch (error) {
    worker?.stop(); // a text could not be read: the build fails, the thread must not linger
    throw error;
  }
  worker?.endInput();
  const [main, tail] = sources as [SegmentSource, SegmentSource];

  const files: OutputFile[] = [
    { path: 'search.js', key: keyOf(SEARCH_SCRIPT), render: () => SEARCH_SCRIPT },
    { path: 'search.css', key: keyOf(SEARCH_CSS), render: () => SEARCH_CSS },
  ];
  for (const source of sources) {
    for (let shard = 0; shard < source.shards; shard++) {
      const path = `${source.folder}/${shard}.txt`;
      files.push({
        path: `${SEARCH_FOLDER}/${path}`,
        // The shards are a function of the segment key and the shard count.
        key: `${source.key}.${source.shards}`,
        render: () => source.content(path),
      });
    }
  }
  for (const file of [
    ...metadataChunks(entries, plan.sources),
    manifestFile(plan, main.shards, tail.shards),
  ]) {
    files.push({
      path: `${SEARCH_FOLDER}/${file.path}`,
      key: keyOf(file.content),
      render: () => file.content,
    });
  }
  return files;
}

interface PlannedSegment {
  folder: string;
  from: number;
  to: number;
  key: string;
  /** The previous build's shard count, when that build's segment had the same key. */
  keep: number | undefined;
}

/** A segment's shard files, built when first asked for. */
interface SegmentSource {
  folder: string;
  key: string;
  shards: number;
  content(path: string): Buffer;
}

function lazySource(segment: PlannedSegment, shards: number, build: () => Segment): SegmentSource {
  let files: Map<string, Buffer> | undefined;
  return {
    folder: segment.folder,
    key: segment.key,
    shards,
    content(path) {
      files ??= new Map(build().files.map((file) => [file.path, file.content]));
      const content = files.get(path);
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
    const shardCount = worker.build(folder, from, documents);
    return lazySource(segment, shardCount, () => worker.result(folder));
  }
  const titles = slice.map((entry) => entry.title);
  // Flat copies: a slice would keep the item's whole text alive until the segment is built.
  const texts = slice.map((entry) => flatCopy(read(entry)));
  const shardCount = segmentShardCount(titles, texts);
  return lazySource(segment, shardCount, () =>
    buildSegment({ first: from, titles, texts, shardCount, folder }),
  );
}

/**
 * A segment the previous build already has: the writer keeps its files by their keys. Only a
 * build that renders everything (`--full`, a lost manifest) asks for its content, which is then
 * built again from the texts.
 */
function keptSegment(
  segment: PlannedSegment,
  shards: number,
  entries: readonly ItemSearchEntry[],
  read: (entry: ItemSearchEntry) => string,
): SegmentSource {
  const { folder, from, to } = segment;
  return lazySource(segment, shards, () => {
    const slice = entries.slice(from, to);
    const titles = slice.map((entry) => entry.title);
    const texts = slice.map(read);
    return buildSegment({ first: from, titles, texts, shardCount: shards, folder });
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
  return createHash('sha1').update(content).digest('base64url');
}

import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  MessageChannel,
  receiveMessageOnPort,
  Worker,
  type MessagePort,
} from 'node:worker_threads';
import type { SegmentSize } from './build-search-index.js';
import { shardCountFor, type Segment } from './search-segment.js';
import { BaseUnusable } from './segment-base.js';

/** What the main thread sends the index worker (search-index-worker.ts). */
export type SegmentRequest =
  | { type: 'start'; folder: string; first: number }
  | { type: 'documents'; titles: string[]; texts: string[] }
  | StoredDocuments
  /** Read every item's text from the store file now, for the stored documents to come. */
  | { type: 'read-texts'; storeFile: string; maxChars: number; shownSince: string | null }
  /** Without `shardCount`, the worker sizes the segment from the characters it indexed. */
  | { type: 'finish'; shardCount?: number; base?: BaseShards }
  | { type: 'end' };

/**
 * Documents whose texts the worker reads itself from the store file (StoredTexts), each cut
 * after `maxChars` characters, in the order given.
 */
export interface StoredDocuments {
  type: 'stored-documents';
  storeFile: string;
  maxChars: number;
  /** The site's window (SiteModel.shownSince): the texts outside it are not read. */
  shownSince: string | null;
  titles: string[];
  feedKeys: string[];
  keys: string[];
}

/** The previous build's shards of a segment that documents are appended to. */
export interface BaseShards {
  /** The folder holding them: `<site>/search/u`. */
  folder: string;
  shards: number;
}

/** A segment to append to, as the previous build's manifest describes it. */
export interface AppendTo extends BaseShards {
  /** Its characters (see SearchManifest.mainChars). */
  chars: number;
}

/** What the worker answers, once per finished segment. */
export type SegmentReply =
  | {
      type: 'built';
      folder: string;
      paths: string[];
      /** Each file's bytes when they came in a buffer of their own (transferred), else null. */
      own: (ArrayBuffer | null)[];
      /** End of each file's bytes in `packed` (for those not in `own`). */
      ends: number[];
      packed: ArrayBuffer;
      terms: number;
      postings: number;
      /** Characters of the titles and indexed texts sent (not of a base appended to). */
      chars: number;
    }
  | { type: 'failed'; folder: string; message: string }
  | { type: 'base-unusable'; folder: string; message: string };

/**
 * The worker's first code: loads search-index-worker, and if that fails answers every wait
 * with the error (the main thread may be blocked and would not see the worker's error event).
 */
const WORKER_BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
(async () => {
  try {
    if (workerData.tsx) (await import('tsx/esm/api')).register();
    await import(workerData.script);
  } catch (error) {
    const message = String((error && error.stack) || error);
    workerData.port.postMessage({ type: 'failed', folder: '*', message });
    Atomics.add(workerData.signal, 0, 1);
    Atomics.notify(workerData.signal, 0);
  }
})();
`;

/** Documents per `documents` message: small enough to start the worker early, few messages. */
const BATCH = 512;
/** How long a wait for a segment may take before the worker is declared lost. */
const WAIT_LIMIT_MS = 10 * 60_000;

/**
 * Builds index segments on a worker thread. The site's files are rendered synchronously, so
 * the main thread collects a segment with a blocking wait (Atomics.wait on a shared counter the
 * worker bumps after each answer, then receiveMessageOnPort) — by the time the search files
 * are rendered, the item pages before them usually gave the worker all the time it needed.
 */
export class SegmentWorker {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly signal = new Int32Array(new SharedArrayBuffer(4));
  private readonly replies = new Map<string, SegmentReply>();
  private pending = 0;
  private closed = false;
  /** Whether the worker was sent stored documents: it may then be inside a store read. */
  private readsStore = false;

  constructor() {
    const channel = new MessageChannel();
    this.port = channel.port1;
    // Built (dist/*.js), or run from source under tsx (src/*.ts): Node 20 does not pass the
    // tsx loader on to worker threads, so the bootstrap registers it first.
    const here = fileURLToPath(import.meta.url);
    const script = new URL(`./search-index-worker${extname(here)}`, import.meta.url).href;
    this.worker = new Worker(WORKER_BOOTSTRAP, {
      eval: true,
      workerData: {
        port: channel.port2,
        signal: this.signal,
        script,
        tsx: extname(here) === '.ts',
      },
      transferList: [channel.port2],
    });
    // Never keep the process alive for the index (a build that failed before using it).
    this.worker.unref();
    this.port.unref();
  }

  /**
   * Has the worker read every item's text from the store file at once (what buildStored needs),
   * before its documents are known: a full build starts the index thread this way while the
   * main thread still plans the site, when the second core has nothing else to do.
   */
  readTexts(storeFile: string, maxChars: number, shownSince: string | null): void {
    this.readsStore = true;
    this.send({ type: 'read-texts', storeFile, maxChars, shownSince });
  }

  /**
   * Sends a segment's documents as they are read (in batches, so the main thread never holds
   * them all); the worker builds the segment once they are all there, or appends them to the
   * previous build's shards (`appendTo`). Returns its size.
   */
  build(
    folder: string,
    first: number,
    documents: Iterable<{ title: string; text: string }>,
    appendTo?: AppendTo,
  ): SegmentSize {
    this.pending++;
    this.send({ type: 'start', folder, first });
    let titles: string[] = [];
    let texts: string[] = [];
    let chars = appendTo?.chars ?? 0;
    for (const { title, text } of documents) {
      titles.push(title);
      texts.push(text);
      chars += title.length + text.length;
      if (titles.length === BATCH) {
        this.send({ type: 'documents', titles, texts });
        titles = [];
        texts = [];
      }
    }
    if (titles.length > 0) this.send({ type: 'documents', titles, texts });
    const shards = shardCountFor(chars);
    const base = appendTo && { folder: appendTo.folder, shards: appendTo.shards };
    this.send({ type: 'finish', shardCount: shards, ...(base ? { base } : {}) });
    return { shards, chars };
  }

  /**
   * Has the worker read the documents' texts itself from the store file (cut after `maxChars`
   * characters) and build the segment, sized by their characters: the main thread reads no
   * text. The size comes with the result (sizedResult).
   */
  buildStored(
    folder: string,
    first: number,
    documents: readonly { title: string; feedKey: string; key: string }[],
    storeFile: string,
    maxChars: number,
    shownSince: string | null,
  ): void {
    this.pending++;
    this.readsStore = true;
    this.send({ type: 'start', folder, first });
    this.send({
      type: 'stored-documents',
      storeFile,
      maxChars,
      shownSince,
      titles: documents.map((document) => document.title),
      feedKeys: documents.map((document) => document.feedKey),
      keys: documents.map((document) => document.key),
    });
    this.send({ type: 'finish' });
  }

  /** The built segment, waiting for the worker if it is not done yet. */
  result(folder: string): Segment {
    return this.sizedResult(folder).segment;
  }

  /** The built segment and its size, waiting for the worker if it is not done yet. */
  sizedResult(folder: string): { segment: Segment; size: SegmentSize } {
    const started = Date.now();
    for (;;) {
      const seen = Atomics.load(this.signal, 0);
      for (let message = receiveMessageOnPort(this.port); message;) {
        const reply = message.message as SegmentReply;
        this.replies.set(reply.folder, reply);
        message = receiveMessageOnPort(this.port);
      }
      const reply = this.replies.get(folder) ?? this.replies.get('*');
      if (reply) {
        if (reply.folder === folder) this.replies.delete(folder);
        if (--this.pending === 0) this.close();
        if (reply.type === 'failed') {
          throw new Error(
            `Building the search index (segment ${folder}) on a worker thread failed: ${reply.message}`,
          );
        }
        if (reply.type === 'base-unusable') throw new BaseUnusable(reply.message);
        const segment = unpacked(reply);
        return { segment, size: { shards: segment.files.length, chars: reply.chars } };
      }
      if (Date.now() - started > WAIT_LIMIT_MS) {
        this.stop();
        throw new Error(
          `The search index worker gave no answer for segment ${folder} in ${WAIT_LIMIT_MS / 60_000} minutes`,
        );
      }
      Atomics.wait(this.signal, 0, seen, 1000);
    }
  }

  /** Tells the worker that no more segments come: it exits once it has answered them all. */
  endInput(): void {
    this.send({ type: 'end' });
  }

  /**
   * Stops the worker (the build failed before it was needed): at once, unless it reads the
   * store, which must not be interrupted (terminating a thread inside better-sqlite3 can abort
   * the whole process); then the closed port ends it once its current work is done.
   */
  stop(): void {
    this.close();
    if (!this.readsStore) void this.worker.terminate();
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    this.port.close();
  }

  private send(request: SegmentRequest): void {
    this.port.postMessage(request);
  }
}

function unpacked(reply: Extract<SegmentReply, { type: 'built' }>): Segment {
  const packed = Buffer.from(reply.packed);
  let start = 0;
  let bytes = 0;
  const files = reply.paths.map((path, i) => {
    const own = reply.own[i];
    const content = own ? Buffer.from(own) : packed.subarray(start, reply.ends[i]);
    start = reply.ends[i]!;
    bytes += content.length;
    return { path, content };
  });
  return { files, terms: reply.terms, postings: reply.postings, bytes };
}

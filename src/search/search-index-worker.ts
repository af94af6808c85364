/**
 * The worker thread that builds large index segments while the main thread renders pages (the
 * build has two cores). Protocol (search-index-thread.ts is the other side), on the port it was
 * given: `start` opens a segment; `documents` adds titles and indexed texts, indexed at once
 * while the main thread reads the next ones; `stored-documents` adds titles and the items whose
 * texts the worker reads itself from the store file (StoredTexts: the main thread reads none),
 * which `read-texts` may have read ahead, before the documents were known; `finish` encodes the shards and answers `built`
 * (every shard in one transferred buffer) or `failed`; given the previous build's shards, it
 * appends the documents to them, or answers `base-unusable` when they cannot be read back.
 * Each answer is followed by a bump of
 * the shared signal, which the main thread may be blocked waiting on. `end` closes the port
 * once everything is answered, and the thread exits.
 */
import { workerData, type MessagePort } from 'node:worker_threads';
import {
  segmentBuilder,
  shardCountFor,
  type Segment,
  type SegmentBuilder,
} from './search-segment.js';
import { appendToShards, BaseUnusable } from './segment-base.js';
import type { SegmentReply, SegmentRequest, StoredDocuments } from './search-index-thread.js';
import { StoredTexts } from './stored-texts.js';

const { port, signal } = workerData as { port: MessagePort; signal: Int32Array };

/**
 * The segment being received: documents are indexed as they arrive, overlapping the reads.
 * `chars` counts their titles' and texts' characters (what sizes a segment sent without a
 * shard count).
 */
let open: { folder: string; builder: SegmentBuilder; chars: number } | null = null;
/** The store's texts, when documents come as `stored-documents`; kept for the next segment. */
let storedTexts: StoredTexts | null = null;

/** Why reading the texts ahead (`read-texts`) failed: the segments that need them fail with it. */
let readFailure: unknown = null;

function readTexts(storeFile: string, maxChars: number, shownSince: string | null): void {
  try {
    storedTexts = new StoredTexts(storeFile, maxChars, shownSince);
    storedTexts.scan();
  } catch (error) {
    storedTexts?.close();
    storedTexts = null;
    readFailure = error;
  }
}

function addStored(request: StoredDocuments): void {
  if (!open) throw new Error('documents sent before a segment was started');
  if (readFailure !== null) throw readFailure;
  storedTexts ??= new StoredTexts(request.storeFile, request.maxChars, request.shownSince);
  const { titles, feedKeys, keys } = request;
  for (let i = 0; i < titles.length; i++) {
    const title = titles[i]!;
    const text = storedTexts.get(feedKeys[i]!, keys[i]!);
    open.builder.add(title, text);
    open.chars += title.length + text.length;
  }
}

function reply(message: SegmentReply, transfer: ArrayBuffer[] = []): void {
  port.postMessage(message, transfer);
  Atomics.add(signal, 0, 1);
  Atomics.notify(signal, 0);
}

port.on('message', (request: SegmentRequest) => {
  if (request.type === 'end') {
    storedTexts?.close();
    storedTexts = null;
    port.close();
    return;
  }
  if (request.type === 'read-texts') {
    readTexts(request.storeFile, request.maxChars, request.shownSince);
    return;
  }
  const folder = request.type === 'start' ? request.folder : (open?.folder ?? '?');
  try {
    if (request.type === 'start') {
      open = {
        folder: request.folder,
        builder: segmentBuilder(request.first, request.folder),
        chars: 0,
      };
    } else if (request.type === 'documents') {
      if (!open) throw new Error('documents sent before a segment was started');
      const { titles, texts } = request;
      for (let i = 0; i < titles.length; i++) {
        open.builder.add(titles[i]!, texts[i]!);
        open.chars += titles[i]!.length + texts[i]!.length;
      }
    } else if (request.type === 'stored-documents') {
      addStored(request);
    } else {
      if (!open) throw new Error('finish sent before a segment was started');
      let segment: Segment;
      const { chars } = open;
      const shardCount = request.shardCount ?? shardCountFor(chars);
      if (request.base) {
        const { folder: dir, shards } = request.base;
        try {
          segment = appendToShards(open.builder, shardCount, dir, shards);
        } catch (error) {
          if (!(error instanceof BaseUnusable)) throw error;
          open = null;
          reply({ type: 'base-unusable', folder, message: error.message });
          return;
        }
      } else {
        segment = open.builder.finish(shardCount);
      }
      open = null;
      // A shard in a buffer of its own (most, at 4 KB and more) is handed over as it is; the
      // others, views of Node's shared pool, are copied into one buffer. Copying every shard
      // had the index twice in memory at its end (~240 MB each at 100,000 items).
      const own: (ArrayBuffer | null)[] = [];
      const transfer: ArrayBuffer[] = [];
      let size = 0;
      for (const { content } of segment.files) {
        const whole = ownBuffer(content);
        own.push(whole);
        if (whole === null) size += content.length;
        else transfer.push(whole);
      }
      const packed = new Uint8Array(size);
      const ends: number[] = [];
      let at = 0;
      segment.files.forEach((file, i) => {
        if (own[i] === null) {
          packed.set(file.content, at);
          at += file.content.length;
        }
        ends.push(at);
      });
      reply(
        {
          type: 'built',
          folder,
          paths: segment.files.map((file) => file.path),
          own,
          ends,
          packed: packed.buffer,
          terms: segment.terms,
          postings: segment.postings,
          chars,
        },
        [packed.buffer, ...transfer],
      );
    }
  } catch (error) {
    open = null;
    reply({ type: 'failed', folder, message: (error as Error)?.stack ?? String(error) });
  }
});

/** The ArrayBuffer that holds `bytes` and nothing else, which can be transferred; else null. */
function ownBuffer(bytes: Buffer): ArrayBuffer | null {
  const { buffer } = bytes;
  return buffer instanceof ArrayBuffer &&
    bytes.byteOffset === 0 &&
    bytes.byteLength === buffer.byteLength
    ? buffer
    : null;
}

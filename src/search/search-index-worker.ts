/**
 * The worker thread that builds large index segments while the main thread renders pages (the
 * build has two cores). Protocol (search-index-thread.ts is the other side), on the port it was
 * given: `start` opens a segment; `documents` adds titles and indexed texts, indexed at once
 * while the main thread reads the next ones; `finish` encodes the shards and answers `built`
 * (every shard in one transferred buffer) or `failed`; given the previous build's shards, it
 * appends the documents to them, or answers `base-unusable` when they cannot be read back.
 * Each answer is followed by a bump of
 * the shared signal, which the main thread may be blocked waiting on. `end` closes the port
 * once everything is answered, and the thread exits.
 */
import { workerData, type MessagePort } from 'node:worker_threads';
import { segmentBuilder, type Segment, type SegmentBuilder } from './search-segment.js';
import { appendToShards, BaseUnusable } from './segment-base.js';
import type { SegmentReply, SegmentRequest } from './search-index-thread.js';

const { port, signal } = workerData as { port: MessagePort; signal: Int32Array };

/** The segment being received: documents are indexed as they arrive, overlapping the reads. */
let open: { folder: string; builder: SegmentBuilder } | null = null;

function reply(message: SegmentReply, transfer: ArrayBuffer[] = []): void {
  port.postMessage(message, transfer);
  Atomics.add(signal, 0, 1);
  Atomics.notify(signal, 0);
}

port.on('message', (request: SegmentRequest) => {
  if (request.type === 'end') {
    port.close();
    return;
  }
  const folder = request.type === 'start' ? request.folder : (open?.folder ?? '?');
  try {
    if (request.type === 'start') {
      open = { folder: request.folder, builder: segmentBuilder(request.first, request.folder) };
    } else if (request.type === 'documents') {
      if (!open) throw new Error('documents sent before a segment was started');
      const { titles, texts } = request;
      for (let i = 0; i < titles.length; i++) open.builder.add(titles[i]!, texts[i]!);
    } else {
      if (!open) throw new Error('finish sent before a segment was started');
      let segment: Segment;
      if (request.base) {
        const { folder: dir, shards } = request.base;
        try {
          segment = appendToShards(open.builder, request.shardCount, dir, shards);
        } catch (error) {
          if (!(error instanceof BaseUnusable)) throw error;
          open = null;
          reply({ type: 'base-unusable', folder, message: error.message });
          return;
        }
      } else {
        segment = open.builder.finish(request.shardCount);
      }
      open = null;
      let size = 0;
      for (const file of segment.files) size += file.content.length;
      const packed = new Uint8Array(size);
      const ends: number[] = [];
      let at = 0;
      for (const file of segment.files) {
        packed.set(file.content, at);
        at += file.content.length;
        ends.push(at);
      }
      reply(
        {
          type: 'built',
          folder,
          paths: segment.files.map((file) => file.path),
          ends,
          packed: packed.buffer,
          terms: segment.terms,
          postings: segment.postings,
        },
        [packed.buffer],
      );
    }
  } catch (error) {
    open = null;
    reply({ type: 'failed', folder, message: (error as Error)?.stack ?? String(error) });
  }
});

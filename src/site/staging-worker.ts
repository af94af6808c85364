/**
 * A thread that stages an incremental build's files (staging-thread.ts starts it): for each
 * file it is sent, it compares the bytes with the old site's file and, when they differ,
 * creates the staged file. Creating, stat-ing and reading files is system time the main
 * thread then spends rendering the next pages instead. Answers once, at `end`, with the
 * numbers of the files it wrote, or at the first failure with what failed.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { sameAsOld, writeNewFile, type FileBytes } from './staged-file.js';
import type { StagingReply, StagingRequest, StagingWorkerData } from './staging-thread.js';

const { progress } = workerData as StagingWorkerData;

const written: number[] = [];
let unchanged = 0;
let failed = false;

function reply(message: StagingReply): void {
  parentPort?.postMessage(message);
}

/** A Buffer arrives as a plain Uint8Array (structured clone): a Buffer again, no copy. */
function asFileBytes(bytes: FileBytes): FileBytes {
  if (typeof bytes === 'string' || Buffer.isBuffer(bytes)) return bytes;
  if (ArrayBuffer.isView(bytes))
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return (bytes as readonly Uint8Array[]).map((chunk) =>
    Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength),
  );
}

parentPort?.on('message', (request: StagingRequest) => {
  if (request.type === 'end') {
    if (!failed) reply({ type: 'done', written, unchanged });
    parentPort?.close();
    return;
  }
  if (failed) return; // the build is failing: the main thread stops it
  for (const file of request.files) {
    try {
      const bytes = asFileBytes(file.bytes);
      if (sameAsOld(file.old, bytes)) unchanged++;
      else {
        writeNewFile(file.staged, bytes);
        written.push(file.n);
      }
      Atomics.add(progress, 0, 1);
      Atomics.notify(progress, 0);
    } catch (error) {
      failed = true;
      Atomics.store(progress, 1, 1); // the main thread may be waiting for progress
      Atomics.notify(progress, 0);
      reply({ type: 'failed', message: `${file.staged}: ${(error as Error).message}` });
      return;
    }
  }
});

import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { unpackItems } from '../content/packed-items.js';
import { openSqliteStore } from './sqlite-store.js';
import type { WriteReply, WriteRequest, WriterMessage } from './store-writer-thread.js';

/**
 * Worker-thread entry of `StoreWriterThread`: opens the store file it is given and runs each
 * write it is sent, answering once it is committed (or why it failed). Writes that arrive
 * within a few milliseconds are committed together, each in a savepoint of one transaction: a
 * failing write undoes only its own changes, and none is answered before the commit, so what
 * the pipeline reports is on disk. A commit for every few feeds instead of every feed: ~30%
 * less CPU for the writes of 1,000 feeds.
 */

if (parentPort === null) throw new Error('store-writer-worker.ts runs as a worker thread only');
const port = parentPort;
const store = openSqliteStore((workerData as { file: string }).file);

/**
 * How long a write waits for others to commit with. Writes come one at a time as the feeds are
 * prepared (~1 ms apart): taken as they come, 1,000 feeds made ~690 commits; 5 ms makes a few
 * feeds a commit, and costs each feed's report at most that long.
 */
const GROUP_MS = 5;
const waiting: WriteRequest[] = [];
let flushing: NodeJS.Timeout | null = null;

/** Ports prepare workers send their feeds' saves on (forwarded-save.ts). */
const workerPorts: MessagePort[] = [];

port.on('message', (message: WriterMessage) => {
  if (message === 'close') {
    // Sent once every write was answered; anything still waiting is committed first.
    flush();
    store.close();
    for (const workerPort of workerPorts) workerPort.close();
    // Said before the thread winds down (its heap torn down, ~20–30 ms): the connection is
    // closed, which is all the main thread waits for before it closes its own.
    port.postMessage('closed');
    port.close();
    return;
  }
  if ('port' in message) {
    workerPorts.push(message.port);
    message.port.on('message', enqueue);
    return;
  }
  enqueue(message);
});

function enqueue(request: WriteRequest): void {
  waiting.push(request);
  flushing ??= setTimeout(flush, GROUP_MS);
}

function flush(): void {
  if (flushing !== null) clearTimeout(flushing);
  flushing = null;
  const writes = waiting.splice(0);
  if (writes.length > 0) port.postMessage(commitTogether(writes));
}

function commitTogether(writes: WriteRequest[]): WriteReply[] {
  try {
    return store.inOneTransaction(() => writes.map(run));
  } catch (error) {
    // The commit itself failed (a full disk): none of them is stored.
    return writes.map(({ id }) => failed(id, error));
  }
}

/** A failed write's answer: the message, and SQLite's code (a full disk is SQLITE_FULL). */
function failed(id: number, error: unknown): WriteReply {
  const message = (error as Error)?.message ?? String(error);
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? { id, ok: false, message, code } : { id, ok: false, message };
}

function run(request: WriteRequest): WriteReply {
  try {
    switch (request.op) {
      case 'save':
        return {
          id: request.id,
          ok: true,
          saved: store.saveFeed(
            request.source,
            request.meta,
            unpackItems(request.items),
            request.fetch,
          ),
        };
      case 'unchanged':
        store.recordUnchanged(request.source, request.fetch);
        return { id: request.id, ok: true };
      case 'failure':
        store.recordFailure(request.source, request.failure);
        return { id: request.id, ok: true };
    }
  } catch (error) {
    return failed(request.id, error);
  }
}

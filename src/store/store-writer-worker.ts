import { parentPort, workerData } from 'node:worker_threads';
import { unpackItems } from '../content/packed-items.js';
import { openSqliteStore } from './sqlite-store.js';
import type { WriteReply, WriteRequest } from './store-writer-thread.js';

/**
 * Worker-thread entry of `StoreWriterThread`: opens the store file it is given and runs each
 * write it is sent as one transaction, answering when it is committed (or why it failed).
 */

if (parentPort === null) throw new Error('store-writer-worker.ts runs as a worker thread only');
const port = parentPort;
const store = openSqliteStore((workerData as { file: string }).file);

port.on('message', (request: WriteRequest | 'close') => {
  if (request === 'close') {
    store.close();
    port.close();
    return;
  }
  let reply: WriteReply;
  try {
    switch (request.op) {
      case 'save':
        reply = {
          id: request.id,
          ok: true,
          saved: store.saveFeed(
            request.source,
            request.meta,
            unpackItems(request.items),
            request.fetch,
          ),
        };
        break;
      case 'unchanged':
        store.recordUnchanged(request.source, request.fetch);
        reply = { id: request.id, ok: true };
        break;
      case 'failure':
        store.recordFailure(request.source, request.failure);
        reply = { id: request.id, ok: true };
        break;
    }
  } catch (error) {
    reply = { id: request.id, ok: false, message: (error as Error)?.message ?? String(error) };
  }
  port.postMessage(reply);
});

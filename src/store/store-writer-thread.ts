import type { Worker } from 'node:worker_threads';
import type { ItemList } from '../content/packed-items.js';
import type { FeedSource } from '../sources/feed-source.js';
import { siblingModule, startModuleWorker } from '../threads/start-module-worker.js';
import { inlineFeedWriter, type FeedWriter } from './feed-writer.js';
import type { FailureRecord, FeedMeta, FetchRecord, SaveFeedResult, Store } from './store.js';

/** A write sent to the writer thread. */
export type WriteRequest =
  | {
      id: number;
      op: 'save';
      source: FeedSource;
      meta: FeedMeta;
      items: ItemList;
      fetch: FetchRecord;
    }
  | { id: number; op: 'unchanged'; source: FeedSource; fetch: FetchRecord }
  | { id: number; op: 'failure'; source: FeedSource; failure: FailureRecord };

/** Its answer, sent once its transaction is committed (or has failed), in a list of them. */
export type WriteReply =
  | { id: number; ok: true; saved?: SaveFeedResult }
  /** `code`: SQLite's result code, when the write failed in SQLite (e.g. SQLITE_FULL). */
  | { id: number; ok: false; message: string; code?: string };

type WriteOrder = WriteRequest extends infer R
  ? R extends unknown
    ? Omit<R, 'id'>
    : never
  : never;

interface Pending {
  resolve: (saved: SaveFeedResult | undefined) => void;
  reject: (error: Error) => void;
}

/**
 * Runs the store writes of an update on a thread of its own, with its own connection to the
 * store file (SQLite in WAL mode: the main thread's reads go on meanwhile). Each write is one
 * transaction, as on the main thread, and is answered only once committed, so what the
 * pipeline reports is on disk. If the thread cannot start or dies, writes go on through
 * `store` on this thread; only the writes in flight when it died fail, with the reason.
 */
export class StoreWriterThread implements FeedWriter {
  private worker: Worker | null;
  private readonly fallback: FeedWriter;
  private readonly pending = new Map<number, Pending>();
  /** Writes asked for and not yet answered: close() waits for them. */
  private readonly inFlight = new Set<Promise<unknown>>();
  private nextId = 1;
  /** Settled once the thread has closed its connection to the store, or has exited. */
  private connectionClosed: Promise<void> = Promise.resolve();

  constructor(file: string, store: Store) {
    this.fallback = inlineFeedWriter(store);
    try {
      this.worker = startModuleWorker(siblingModule(import.meta.url, 'store-writer-worker'), {
        workerData: { file },
      });
    } catch {
      this.worker = null;
      return;
    }
    const worker = this.worker;
    let connectionClosed = () => {};
    this.connectionClosed = new Promise((resolve) => (connectionClosed = resolve));
    worker.once('exit', () => connectionClosed());
    // The writes committed together are answered together.
    worker.on('message', (replies: WriteReply[] | 'closed') => {
      if (replies === 'closed') {
        connectionClosed();
        return;
      }
      for (const reply of replies) {
        const pending = this.pending.get(reply.id);
        if (!pending) continue;
        this.pending.delete(reply.id);
        if (reply.ok) pending.resolve(reply.saved);
        else pending.reject(Object.assign(new Error(reply.message), { code: reply.code }));
      }
    });
    worker.on('error', (error) => this.lost(error.message));
    worker.on('exit', (code) => this.lost(`exit code ${code}`));
  }

  /** Whether writes go to the thread (false once it could not start or has died). */
  get threaded(): boolean {
    return this.worker !== null;
  }

  async saveFeed(
    source: FeedSource,
    meta: FeedMeta,
    items: ItemList,
    fetch: FetchRecord,
  ): Promise<SaveFeedResult> {
    if (!this.worker) return this.fallback.saveFeed(source, meta, items, fetch);
    return (await this.send({ op: 'save', source: storedPart(source), meta, items, fetch }))!;
  }

  async recordUnchanged(source: FeedSource, fetch: FetchRecord): Promise<void> {
    if (!this.worker) return this.fallback.recordUnchanged(source, fetch);
    await this.send({ op: 'unchanged', source: storedPart(source), fetch });
  }

  async recordFailure(source: FeedSource, failure: FailureRecord): Promise<void> {
    if (!this.worker) return this.fallback.recordFailure(source, failure);
    await this.send({ op: 'failure', source: storedPart(source), failure });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    await Promise.allSettled(this.inFlight);
    worker.postMessage('close');
    // Not its exit: the thread's last teardown goes on beside whatever the caller does next.
    await this.connectionClosed;
    this.worker = null;
  }

  private send(order: WriteOrder): Promise<SaveFeedResult | undefined> {
    const id = this.nextId++;
    const answered = new Promise<SaveFeedResult | undefined>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker!.postMessage({ ...order, id });
    });
    this.inFlight.add(answered);
    const settled = () => void this.inFlight.delete(answered);
    answered.then(settled, settled);
    return answered;
  }

  private lost(reason: string): void {
    if (this.worker === null) return;
    this.worker = null;
    const error = new Error(`the store writer thread stopped (${reason})`);
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
  }
}

/** What the store keeps of a feed's settings: not its content rules (less to copy across). */
function storedPart(source: FeedSource): FeedSource {
  const { key, category, site, name, location, timeZone, interval, retention } = source;
  return {
    key,
    category,
    site,
    name,
    location,
    timeZone,
    interval,
    ...(retention ? { retention } : {}),
  };
}

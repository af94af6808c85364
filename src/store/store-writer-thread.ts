import { MessageChannel, type MessagePort, type Worker } from 'node:worker_threads';
import type { SuccessSchedule } from '../fetch/schedule.js';
import type { StorableItems } from '../content/packed-items.js';
import type { FeedSource } from '../sources/feed-source.js';
import { siblingModule, startModuleWorker } from '../threads/start-module-worker.js';
import { inlineFeedWriter, type FeedWriter } from './feed-writer.js';
import type { ForwardedSave } from './forwarded-save.js';
import type { FailureRecord, FeedMeta, FetchRecord, SaveFeedResult, Store } from './store.js';

/** A write sent to the writer thread. */
export type WriteRequest =
  | {
      id: number;
      op: 'save';
      source: FeedSource;
      meta: FeedMeta;
      items: StorableItems;
      fetch: FetchRecord;
    }
  | { id: number; op: 'unchanged'; source: FeedSource; fetch: FetchRecord }
  | { id: number; op: 'failure'; source: FeedSource; failure: FailureRecord };

/**
 * What the writer thread is sent by the main thread: a write; a port on which a prepare worker
 * sends it writes (forwarded-save.ts); or 'close', once every write has been answered.
 */
export type WriterMessage = WriteRequest | { port: MessagePort } | 'close';

/** A save reserved for a prepare worker to send (see ForwardedSave). */
export interface ReservedSave {
  /** What the prepare worker needs to send it. */
  save: ForwardedSave;
  /** Settled with the writer thread's answer; with undefined once cancelled. */
  saved: Promise<SaveFeedResult | undefined>;
  /** The worker will not send it (the feed failed, or was prepared elsewhere): stop waiting. */
  cancel(): void;
}

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
    items: StorableItems,
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

  /**
   * A port for a prepare worker to send saves on, straight to this thread; null when writes do
   * not go to a thread.
   */
  openPort(): MessagePort | null {
    if (!this.worker) return null;
    const { port1, port2 } = new MessageChannel();
    this.worker.postMessage({ port: port1 } satisfies WriterMessage, [port1]);
    return port2;
  }

  /**
   * Reserves a save of `source` that a prepare worker sends on one of this thread's ports
   * (openPort); null when writes do not go to a thread. Cancel it if the worker does not send it.
   */
  reserveSave(
    source: FeedSource,
    fetch: ForwardedSave['fetch'],
    schedule: SuccessSchedule,
  ): ReservedSave | null {
    if (!this.worker) return null;
    const id = this.nextId++;
    return {
      save: { id, source: storedPart(source), fetch, schedule },
      saved: this.answer(id),
      cancel: () => this.pending.get(id)?.resolve(undefined),
    };
  }

  async close(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    await Promise.allSettled(this.inFlight);
    worker.postMessage('close' satisfies WriterMessage);
    // Not its exit: the thread's last teardown goes on beside whatever the caller does next.
    await this.connectionClosed;
    this.worker = null;
  }

  private send(order: WriteOrder): Promise<SaveFeedResult | undefined> {
    const id = this.nextId++;
    const answered = this.answer(id);
    this.worker!.postMessage({ ...order, id } satisfies WriterMessage);
    return answered;
  }

  /** The answer to write `id`, which close() waits for. */
  private answer(id: number): Promise<SaveFeedResult | undefined> {
    const answered = new Promise<SaveFeedResult | undefined>((resolve, reject) => {
      const settle = () => this.pending.delete(id);
      this.pending.set(id, {
        resolve: (saved) => (settle(), resolve(saved)),
        reject: (error) => (settle(), reject(error)),
      });
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
    for (const pending of [...this.pending.values()]) pending.reject(error);
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

import { availableParallelism } from 'node:os';
import type { MessagePort, ResourceLimits, Worker } from 'node:worker_threads';
import type { ForwardedSave } from '../store/forwarded-save.js';
import { siblingModule, startModuleWorker } from '../threads/start-module-worker.js';
import type { ItemList } from './packed-items.js';
import type { PreparedFeed, PrepareFeedRequest } from './prepare-feed.js';
import { failureError, type PrepareFailure } from './prepare-failure.js';
import type { RepreparationBatch, RepreparedBatch } from './reprepare-batch.js';

/**
 * Runs `prepareFeed` (parse + content, the CPU-heavy part of an update) on worker threads,
 * so the main thread is free for HTTP and SQLite and every core does its share; and, after an
 * upgrade or a changed cleaning rule, the preparing again of stored items (reprepare-batch.ts).
 * Workers start when there is work for them (a run where every feed answers 304 starts none).
 * A worker that dies fails the feed it was preparing, not the run: the pool replaces it.
 */

/** A message to a worker: a feed to prepare, or stored items to prepare again. */
export type PrepareJob =
  | {
      id: number;
      request: PrepareFeedRequest;
      /** Send the feed's save straight to the store writer thread, if the worker has a port to it. */
      save?: ForwardedSave;
    }
  | { id: number; reprepare: RepreparationBatch };

/** What a worker is started with. */
export interface PrepareWorkerData {
  /** A port to the store writer thread, for the saves of jobs that have one. */
  writerPort: MessagePort | null;
}

/** A worker's answer. */
export type PrepareReply = { id: number } & (
  | { ok: true; feed: PreparedFeed<ItemList> }
  | { ok: true; reprepared: RepreparedBatch }
  | { ok: false; failure: PrepareFailure }
);

/** What a job's answer carries. */
type JobResult = PreparedFeed<ItemList> | RepreparedBatch;

/** Prepares feeds, inline or on workers: what the pipeline calls. */
export interface FeedPreparer {
  /**
   * Takes the request's bytes: a pool moves them to its worker, so do not use them after.
   * With `save`, a worker that has a port to the store writer thread sends the feed's save there
   * and answers its items as `ForwardedItems`; otherwise the items come back.
   */
  prepare(request: PrepareFeedRequest): Promise<PreparedFeed>;
  prepare(request: PrepareFeedRequest, save?: ForwardedSave): Promise<PreparedFeed<ItemList>>;
  /** Stored items prepared again (the batch is copied to a worker, not moved). */
  reprepare(batch: RepreparationBatch): Promise<RepreparedBatch>;
  close(): Promise<void>;
}

/**
 * Runs on the calling thread: for runs too small to pay for starting workers. The parser and
 * content modules load with the first feed, so a process whose feeds all go to workers (or all
 * answer 304) never loads them.
 */
export const INLINE_PREPARER: FeedPreparer = {
  prepare: async (request) => (await import('./prepare-feed.js')).prepareFeed(request),
  reprepare: async (batch) => (await import('./reprepare-batch.js')).reprepareBatch(batch),
  close: () => Promise.resolve(),
};

/** A job's work done on this thread (the pool's fallback when no worker can start). */
function runInline(job: PrepareJob): Promise<JobResult> {
  return 'reprepare' in job
    ? INLINE_PREPARER.reprepare(job.reprepare)
    : INLINE_PREPARER.prepare(job.request);
}

/** Pool size by default: one worker per core the process may use. */
export function defaultPoolSize(): number {
  return availableParallelism();
}

interface Pending {
  job: PrepareJob;
  resolve: (result: JobResult) => void;
  reject: (error: Error) => void;
}

interface PoolWorker {
  worker: Worker;
  /** The job it is preparing, if any. */
  current: Pending | null;
  /** Whether it has answered a job: a worker that dies before that may not start at all. */
  answered: boolean;
}

/** Workers dying before their first answer: after this many, the pool works inline. */
const BROKEN_STARTUPS = 3;

/** A worker running prepare-worker, next to this module. */
function startWorker(
  resourceLimits: ResourceLimits | undefined,
  writerPort: MessagePort | null,
): Worker {
  const entry = siblingModule(import.meta.url, 'prepare-worker');
  const workerData: PrepareWorkerData = { writerPort };
  return startModuleWorker(entry, {
    ...(resourceLimits ? { resourceLimits } : {}),
    workerData,
    transferList: writerPort ? [writerPort] : [],
  });
}

export interface PreparePoolOptions {
  /**
   * Bounds each worker's heap: a feed that needs more fails, with the worker, and a new worker
   * takes the next one. Not below a few MB: from Node 22 on, a heap too small for V8's startup
   * snapshot aborts the whole process, not just the worker.
   */
  resourceLimits?: ResourceLimits;
  /** Gives each worker, as it starts, a port to the store writer thread (forwarded-save.ts). */
  openWriterPort?: () => MessagePort | null;
}

export class PreparePool implements FeedPreparer {
  private readonly workers: PoolWorker[] = [];
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private closed = false;
  private brokenStartups = 0;

  /** `size` workers at most. */
  constructor(
    private readonly size: number = defaultPoolSize(),
    private readonly options: PreparePoolOptions = {},
  ) {
    if (!Number.isInteger(size) || size < 1) {
      throw new RangeError(`prepare pool size must be a positive integer, not ${size}`);
    }
  }

  /** Workers running now (they start with the first jobs that find none idle). */
  get workerCount(): number {
    return this.workers.length;
  }

  /**
   * Starts every worker now, so they are ready when the first bodies arrive (a worker takes a
   * few tens of milliseconds to load the parser). For runs that will surely parse feeds.
   */
  warmUp(): void {
    if (this.closed || this.brokenStartups >= BROKEN_STARTUPS) return;
    try {
      while (this.workers.length < this.size) this.start();
    } catch {
      this.brokenStartups = BROKEN_STARTUPS;
    }
  }

  prepare(request: PrepareFeedRequest): Promise<PreparedFeed>;
  prepare(request: PrepareFeedRequest, save?: ForwardedSave): Promise<PreparedFeed<ItemList>>;
  prepare(request: PrepareFeedRequest, save?: ForwardedSave): Promise<PreparedFeed<ItemList>> {
    const job: PrepareJob = { id: this.nextId++, request, ...(save ? { save } : {}) };
    return this.run(job) as Promise<PreparedFeed<ItemList>>;
  }

  reprepare(batch: RepreparationBatch): Promise<RepreparedBatch> {
    return this.run({ id: this.nextId++, reprepare: batch }) as Promise<RepreparedBatch>;
  }

  private run(job: PrepareJob): Promise<JobResult> {
    if (this.closed) return Promise.reject(new Error('the prepare pool is closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ job, resolve, reject });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const closing = new Error('the prepare pool was closed');
    for (const pending of this.queue.splice(0)) pending.reject(closing);
    const workers = this.workers.splice(0);
    for (const entry of workers) entry.current?.reject(closing);
    await Promise.all(workers.map(({ worker }) => worker.terminate()));
  }

  private dispatch(): void {
    if (this.brokenStartups >= BROKEN_STARTUPS) {
      // Workers cannot start here at all: prepare on this thread rather than fail every feed.
      for (const pending of this.queue.splice(0)) {
        runInline(pending.job).then(pending.resolve, pending.reject);
      }
      return;
    }
    while (this.queue.length > 0) {
      // One job a worker at a time. Sent ahead (4 jobs queued at a worker, so that a busy one
      // is not woken for each), jobs cost the main thread less time posting them, but the fetch
      // bench took 2–4% longer: the worker then kept its core between jobs, when the main
      // thread needed it for the answers arriving (alternating runs, session 22).
      let idle = this.workers.find((entry) => entry.current === null);
      if (idle === undefined) {
        if (this.workers.length >= this.size) return;
        try {
          idle = this.start();
        } catch {
          // No worker can be made here (say, TypeScript sources run by a loader other than tsx).
          this.brokenStartups = BROKEN_STARTUPS;
          this.dispatch();
          return;
        }
      }
      const pending = this.queue.shift()!;
      idle.current = pending;
      const { job } = pending;
      if ('reprepare' in job) {
        idle.worker.postMessage(job);
        continue;
      }
      const body = ownedBytes(job.request.body);
      // The bytes are moved to the worker, not copied: the caller is done with them.
      idle.worker.postMessage({ ...job, request: { ...job.request, body } }, [body.buffer]);
    }
  }

  private start(): PoolWorker {
    const port = this.options.openWriterPort?.() ?? null;
    let worker: Worker;
    try {
      worker = startWorker(this.options.resourceLimits, port);
    } catch (error) {
      port?.close();
      throw error;
    }
    const entry: PoolWorker = { worker, current: null, answered: false };
    worker.on('message', (reply: PrepareReply) => {
      entry.answered = true;
      const pending = entry.current;
      entry.current = null;
      if (pending !== null && pending.job.id === reply.id) {
        if (!reply.ok) pending.reject(failureError(reply.failure));
        else pending.resolve('feed' in reply ? reply.feed : reply.reprepared);
      }
      this.dispatch();
    });
    // An uncaught error or an exit (out of memory, a crash in native code): the feed being
    // prepared fails with the reason, and a new worker takes the next job.
    const lost = (reason: string) => {
      const index = this.workers.indexOf(entry);
      if (index === -1) return;
      this.workers.splice(index, 1);
      if (!entry.answered) this.brokenStartups++;
      entry.current?.reject(new Error(`the worker preparing this feed stopped (${reason})`));
      entry.current = null;
      if (!this.closed) this.dispatch();
    };
    worker.on('error', (error) => {
      lost(error.message);
      void worker.terminate();
    });
    worker.on('exit', (code) => lost(`exit code ${code}`));
    this.workers.push(entry);
    return entry;
  }
}

/**
 * `bytes` as a view of a buffer of its own, which can be transferred. A small Node Buffer is
 * a slice of a shared pool: transferring that would take the pool away, so it is copied.
 */
function ownedBytes(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  const { buffer } = bytes;
  if (
    buffer instanceof ArrayBuffer &&
    bytes.byteOffset === 0 &&
    bytes.byteLength === buffer.byteLength
  )
    return bytes as Uint8Array<ArrayBuffer>;
  return new Uint8Array(bytes);
}

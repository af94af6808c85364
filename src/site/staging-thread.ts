import type { Worker } from 'node:worker_threads';
import { siblingModule, startModuleWorker } from '../threads/start-module-worker.js';
import type { FileBytes } from './staged-file.js';

/**
 * From how many files rendered on the main thread an incremental build stages them on a thread
 * of its own (StagingThread). Starting a thread costs the main thread a few milliseconds and
 * every file a copy of its bytes; creating a file costs ~0.1 ms of system time on this kind of
 * disk, so below a few hundred files writing them in place is as fast.
 */
export const STAGING_THREAD_MIN_FILES = 200;

/** One file to stage: compared with `old`, created at `staged` when its bytes differ. */
export interface StagedFileOrder {
  /** The caller's number of the file, answered back when it was written. */
  n: number;
  old: string;
  staged: string;
  bytes: FileBytes;
}

/**
 * How many files the main thread may be ahead of the thread: it waits beyond that, so a
 * rebuild that renders thousands of files (a template change) holds only a few in flight.
 */
const MAX_FILES_AHEAD = 256;
/** A thread that counted nothing for this long while the main thread waited is given up on. */
const STALLED_MS = 10_000;
/** The slots of StagingWorkerData.progress. */
const DONE = 0;
const FAILED = 1;

/** What the thread starts with. */
export interface StagingWorkerData {
  /**
   * [files done so far (staged or found unchanged), 1 once the thread failed]: counted up and
   * set by the thread, waited on by the main thread.
   */
  progress: Int32Array;
}

/** What the main thread sends the thread (staging-worker.ts). */
export type StagingRequest = { type: 'files'; files: StagedFileOrder[] } | { type: 'end' };

/** The thread's one answer. */
export type StagingReply =
  { type: 'done'; written: number[]; unchanged: number } | { type: 'failed'; message: string };

/** Files sent together: a message per file would cost more than its copy. */
const FILES_PER_MESSAGE = 8;

/**
 * The files of an incremental build written on their own thread (staging-worker.ts) while the
 * main thread renders: `stage` hands a file over, `finish` waits until all are on disk. The
 * thread only creates files in the staging folder, never touches the site, so the commit
 * (journal, renames) and its crash safety stay the writer's (write-output.ts).
 */
export class StagingThread {
  private readonly worker: Worker;
  private readonly answer: Promise<StagingReply>;
  private readonly exited: Promise<void>;
  private batch: StagedFileOrder[] = [];
  private readonly progress = new Int32Array(new SharedArrayBuffer(8));
  private sent = 0;
  private over = false;

  constructor() {
    const workerData: StagingWorkerData = { progress: this.progress };
    this.worker = startModuleWorker(siblingModule(import.meta.url, 'staging-worker'), {
      workerData,
    });
    this.exited = new Promise((resolve) => this.worker.once('exit', () => resolve()));
    this.answer = new Promise((resolve) => {
      const failed = (message: string): void => resolve({ type: 'failed', message });
      this.worker.once('message', (reply: StagingReply) => resolve(reply));
      this.worker.once('error', (error) => failed(error.stack ?? error.message));
      this.worker.once('exit', (code) => failed(`the thread exited (code ${code}) early`));
    });
    // A thread that failed or ended counts no more: never wait for it.
    void this.answer.then(() => {
      this.over = true;
    });
  }

  /** Hands a file over (its bytes are copied: the caller may drop them). */
  stage(file: StagedFileOrder): void {
    this.batch.push(file);
    if (this.batch.length >= FILES_PER_MESSAGE) this.flush();
    // Too far ahead: wait (blocking: events cannot run meanwhile) for the thread to catch up.
    // A thread that failed says so in its flag; one that stopped counting without saying so
    // (it died) is waited for no more after STALLED_MS, and finish() reports it.
    let last = Atomics.load(this.progress, DONE);
    let since = performance.now();
    while (!this.over && Atomics.load(this.progress, FAILED) === 0) {
      const done = Atomics.load(this.progress, DONE);
      if (this.sent - done <= MAX_FILES_AHEAD) break;
      if (done !== last) {
        last = done;
        since = performance.now();
      } else if (performance.now() - since > STALLED_MS) {
        this.over = true;
        break;
      }
      Atomics.wait(this.progress, DONE, done, 50);
    }
  }

  private flush(): void {
    if (this.batch.length === 0) return;
    const request: StagingRequest = { type: 'files', files: this.batch };
    this.worker.postMessage(request);
    this.sent += this.batch.length;
    this.batch = [];
  }

  /** Once every file handed over is staged: the numbers of those written (bytes differed). */
  async finish(): Promise<{ written: number[]; unchanged: number }> {
    this.flush();
    const end: StagingRequest = { type: 'end' };
    this.worker.postMessage(end);
    const reply = await this.answer;
    if (reply.type === 'failed') {
      await this.stop();
      throw new Error(`Staging files on a worker thread failed: ${reply.message}`);
    }
    await this.exited;
    return { written: reply.written, unchanged: reply.unchanged };
  }

  /**
   * Stops the thread and waits until it can write nothing more (the build failed and its
   * staging folder is about to be removed). It holds no database or lock: terminating is safe.
   */
  async stop(): Promise<void> {
    await this.worker.terminate();
    await this.exited;
  }
}

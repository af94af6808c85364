import os from 'node:os';
import { basename, dirname, join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import {
  acquireLockFile,
  isLockHeldHere,
  type LockHolder,
  type StoreLock,
  StoreLockedError,
} from '../store/store-lock.js';
import { SiteOutputError } from './site-output-error.js';

/**
 * The output folder's lock: `.<output>.tidings.lock` beside it (named like the fragment cache,
 * and outside the `.<output>.tidings-` names of a build's own folders, which tell a build the
 * folder is not settled). A build holds it only while it changes the folder (moving staged
 * pages in, swapping a full build in: well under a second), `deploy git` while git reads the
 * folder: so a deploy never publishes half of one build and half of the next, or fails on
 * files moved away under it. Not the store's lock: `watch` holds that for its whole life, so a
 * deploy beside it could never run; this one is free between two builds. Same file format and
 * rules as the store's (a lock left by a run that is gone is taken over).
 */
export function outputLockPath(outputDir: string): string {
  return join(dirname(outputDir), `.${basename(outputDir)}.tidings.lock`);
}

export interface OutputLockWait {
  /** How long to wait for another run holding the lock before giving up (ms). */
  waitMs: number;
  /** Told once when this run waits, and when it took over a lock of a run that is gone. */
  onNotice?: (message: string) => void;
}

/** Runs `work` holding the output folder's lock, waiting for another run that holds it. */
export async function withOutputLock<T>(
  outputDir: string,
  command: string,
  wait: OutputLockWait,
  work: () => Promise<T> | T,
): Promise<T> {
  const lock = await acquireOutputLock(outputDir, command, wait);
  try {
    const old = lock.recoveredFrom;
    if (old) {
      wait.onNotice?.(
        `took over the output folder's lock of "${old.command}" (pid ${old.pid}, since ` +
          `${old.startedAt}), which is no longer running`,
      );
    }
    return await work();
  } finally {
    lock.release();
  }
}

/**
 * How long a build waits for the output folder's lock (a build holds it only to move a new
 * site in). A deploy holds it while git reads the folder (about a minute for 100,000 files):
 * a build waits for that, and fails only past this bound.
 */
export const BUILD_LOCK_WAIT_MS = 10 * 60_000;

/** The output folder's lock, taken at once or not: see `tryOutputLock`. */
export type OutputLockAttempt =
  { taken: true; release: () => void } | { taken: false; reason: string };

/**
 * Takes the output folder's lock without waiting, for a synchronous exit handler (a signal
 * handler that waited would keep the process from exiting). If this process holds it already
 * (a build of ours stopped while moving its pages in), that counts: no other run reads the
 * folder meanwhile. Otherwise `reason` says who holds it, or why the lock file could not be
 * made; never throws (a throw in a signal handler ends the run with a stack trace).
 */
export function tryOutputLock(outputDir: string, command: string): OutputLockAttempt {
  const lockPath = outputLockPath(outputDir);
  if (isLockHeldHere(lockPath)) return { taken: true, release: () => {} };
  try {
    const lock = acquireLockFile(lockPath, outputDir, 'output folder', command);
    return { taken: true, release: () => lock.release() };
  } catch (error) {
    if (error instanceof StoreLockedError && error.holder !== null) {
      return { taken: false, reason: `${outputDir} is in use by ${holderText(error.holder)}` };
    }
    return { taken: false, reason: error instanceof Error ? error.message : String(error) };
  }
}

async function acquireOutputLock(
  outputDir: string,
  command: string,
  wait: OutputLockWait,
): Promise<StoreLock> {
  const lockPath = outputLockPath(outputDir);
  const deadline = Date.now() + wait.waitMs;
  let waited = false;
  for (;;) {
    try {
      return acquireLockFile(lockPath, outputDir, 'output folder', command);
    } catch (error) {
      // Held by a live run (null: the lock file is unreadable, which waiting does not mend).
      if (!(error instanceof StoreLockedError) || error.holder === null) throw error;
      if (Date.now() >= deadline) {
        throw new SiteOutputError(
          `${outputDir} is in use by ${holderText(error.holder)}, which still held ` +
            `${lockPath} after ${seconds(wait.waitMs)}; wait for it to finish or stop it, ` +
            'then run again',
        );
      }
      if (!waited) {
        wait.onNotice?.(
          `${outputDir} is in use by ${holderText(error.holder)}: waiting up to ` +
            `${seconds(wait.waitMs)} for it (${lockPath})`,
        );
        waited = true;
      }
    }
    await delay(POLL_MS);
  }
}

const POLL_MS = 100;

function holderText(holder: LockHolder): string {
  const where = holder.hostname === os.hostname() ? '' : ` on host ${holder.hostname}`;
  return `"${holder.command}" (pid ${holder.pid}${where}, since ${holder.startedAt})`;
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

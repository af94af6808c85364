import type { FeedOutcome } from '../pipeline.js';
import type { ReprepareSummary } from '../reprepare-stored-items.js';
import type { BuildReport } from '../site/build-site.js';
import type { LockHolder } from '../store/store-lock.js';

/** What a running `tidings watch` reports, in order of occurrence. */
export type WatchEvent =
  | {
      event: 'start';
      feeds: number;
      config: string | null;
      pid: number;
      /** The lock of a run that crashed, taken over. */
      recoveredLock: LockHolder | null;
    }
  /**
   * About the output folder's lock (src/site/output-lock.ts), which a build takes to move its
   * pages in, and the start to clean up after a build that was killed: another run (a deploy
   * reading the folder) holds it and is waited for, or the lock of a run that is gone was
   * taken over.
   */
  | { event: 'output-lock'; message: string }
  | { event: 'serve'; url: string }
  /** Many stored items are to be prepared again before the first build (said once, at start). */
  | { event: 'reprepare-start'; items: number }
  /** Stored items were prepared again (their feed's cleaning or Tidings changed). */
  | { event: 'reprepared'; summary: ReprepareSummary; durationMs: number }
  | {
      event: 'feed';
      outcome: FeedOutcome;
      /** Fetched fine after failing: healthy again, whether or not it brought anything new. */
      recovered: boolean;
    }
  | { event: 'build-start' }
  | { event: 'build'; report: BuildReport }
  | { event: 'build-failed'; error: string }
  | { event: 'error'; error: string }
  /** The config file was edited; `problem` says why the edit could not be used. */
  | { event: 'config-changed'; config: string; problem: string | null }
  | { event: 'stopping'; signal: string; fetching: number; building: boolean; graceMs: number }
  /**
   * The build given up at the stop left its temporary folders beside the output folder:
   * another run held the folder's lock (`reason`), which an exit cannot wait for. The next
   * build or watch start cleans them up; the previous site stays whole.
   */
  | { event: 'build-left'; outputDir: string; reason: string }
  | {
      event: 'stopped';
      /** Work still running when the grace period ran out, dropped at exit. */
      abandoned: { fetches: number; build: boolean };
      /** Changes stored but not built yet: the next build (or watch) shows them. */
      unbuilt: boolean;
    };

export type WatchListener = (event: WatchEvent) => void;

import fs from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { tryOutputLock, withOutputLock, type OutputLockWait } from '../site/output-lock.js';
import { buildFolders, JOURNAL } from '../site/write-output.js';

/**
 * Cleans up after a site build that was cut short by exiting. The site writer
 * (src/site/write-output.ts) builds into `.<output>.tidings-new-<pid>-<random>` beside the
 * output folder, and swaps it in by moving the old site to `.<output>.tidings-old-<pid>-…`
 * first. Leftover folders of the given runs are removed; if a run stopped between the two
 * renames of the swap (no output folder, an old one beside it), the previous site is moved
 * back. An incremental build stages its pages in `.<output>.tidings-commit-<pid>-…`: removed
 * too while its journal is not written; once it is, pages are being moved in, and the folder
 * stays for the next build to finish the move (returns true then). Synchronous, so no other
 * callback of ours runs in between.
 *
 * `owner(pid)` says which runs' leftovers are ours to clean: our own at exit, those of dead
 * processes at start. Takes no lock: runs use the two below, which hold the output folder's.
 */
export function recoverInterruptedBuild(
  outputDir: string,
  owner: (pid: number) => boolean,
): boolean {
  const found = leftoversOf(outputDir, owner);
  if (found === null) return false;
  const parent = dirname(outputDir);
  for (const retired of found.old) {
    if (fs.existsSync(outputDir)) removeFolder(join(parent, retired));
    else fs.renameSync(join(parent, retired), outputDir);
  }
  for (const staging of found.new) removeFolder(join(parent, staging));
  let moving = false;
  for (const staging of found.commit) {
    if (fs.existsSync(join(parent, staging, JOURNAL))) moving = true;
    else removeFolder(join(parent, staging));
  }
  return moving;
}

/**
 * `recoverInterruptedBuild` holding the output folder's lock (src/site/output-lock.ts),
 * waiting for a run that holds it: it may move the previous site back into place, which a
 * `deploy git` reading the folder meanwhile would publish half of. With no leftovers it takes
 * no lock and waits for no one.
 */
export async function recoverInterruptedBuildLocked(
  outputDir: string,
  owner: (pid: number) => boolean,
  command: string,
  wait: OutputLockWait,
): Promise<boolean> {
  if (leftoversOf(outputDir, owner) === null) return false;
  return withOutputLock(outputDir, command, wait, () => recoverInterruptedBuild(outputDir, owner));
}

/** What `recoverOwnBuildAtExit` did. */
export type ExitRecovery =
  /** Nothing of ours was left, or it was cleaned up; `moving`: see recoverInterruptedBuild. */
  | { left: false; moving: boolean }
  /**
   * Another run held the output folder's lock (`reason` says which): nothing was touched; or
   * cleaning up failed part-way (`reason`: "cleaning up failed: CODE; …").
   */
  | { left: true; reason: string };

/**
 * At exit, cleans up after this process's own build cut short, holding the output folder's
 * lock. An exit handler cannot wait for it: if another run holds it (a deploy reading the
 * folder), nothing is touched, and the next build or watch start-up cleans up (our pid is
 * gone by then). Either way the previous site stays whole and nothing stored is affected.
 */
export function recoverOwnBuildAtExit(outputDir: string, command: string): ExitRecovery {
  const ours = (pid: number) => pid === process.pid;
  if (leftoversOf(outputDir, ours) === null) return { left: false, moving: false };
  const lock = tryOutputLock(outputDir, command);
  if (!lock.taken) return { left: true, reason: lock.reason };
  try {
    return { left: false, moving: recoverInterruptedBuild(outputDir, ours) };
  } catch (error) {
    // An exit handler must not end in a stack trace (a rename of our own swap may still be
    // in flight when the signal lands): what is left, the next build or start-up recovers.
    const { code, message } = error as NodeJS.ErrnoException;
    return {
      left: true,
      reason: `cleaning up failed: ${code ?? message}; the next build finishes it`,
    };
  } finally {
    lock.release();
  }
}

/** Says that the exit left a build's folders, and why (ExitRecovery's `reason`). */
export function leftText(reason: string): string {
  return `its temporary folders are left beside the site for the next build to remove (${reason})`;
}

interface Leftovers {
  old: string[];
  new: string[];
  commit: string[];
}

/** The folders beside the output left by builds of the given runs; null when there are none. */
function leftoversOf(outputDir: string, owner: (pid: number) => boolean): Leftovers | null {
  const folders = buildFolders(outputDir, owner);
  if (folders.length === 0) return null;
  const found: Leftovers = { old: [], new: [], commit: [] };
  for (const { kind, path } of folders) found[kind].push(basename(path));
  return found;
}

/**
 * Removes a folder, or leaves it to the next build if it cannot: at exit, the build's worker
 * threads may still be writing pages into it (rmdir then fails with ENOTEMPTY), and a signal
 * handler that throws would end with a stack trace instead of its message.
 */
function removeFolder(folder: string): void {
  try {
    fs.rmSync(folder, { recursive: true, force: true, maxRetries: 3, retryDelay: 10 });
  } catch {
    // The next build removes the leftovers of runs that are gone (write-output.ts).
  }
}

/** True when no process with this pid runs on this machine. */
export function processIsGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

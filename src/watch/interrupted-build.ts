import fs from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { JOURNAL } from '../site/write-output.js';

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
 * processes at start.
 */
export function recoverInterruptedBuild(
  outputDir: string,
  owner: (pid: number) => boolean,
): boolean {
  const parent = dirname(outputDir);
  const prefix = `.${basename(outputDir)}.tidings-`;
  let entries: string[];
  try {
    entries = fs.readdirSync(parent);
  } catch {
    return false;
  }
  const leftovers = (kind: 'new' | 'old' | 'commit') =>
    entries.filter((entry) => {
      const match = new RegExp(`^${kind}-(\\d+)-`).exec(entry.slice(prefix.length));
      return entry.startsWith(prefix) && match !== null && owner(Number(match[1]));
    });
  for (const retired of leftovers('old')) {
    if (fs.existsSync(outputDir)) removeFolder(join(parent, retired));
    else fs.renameSync(join(parent, retired), outputDir);
  }
  for (const staging of leftovers('new')) removeFolder(join(parent, staging));
  let moving = false;
  for (const staging of leftovers('commit')) {
    if (fs.existsSync(join(parent, staging, JOURNAL))) moving = true;
    else removeFolder(join(parent, staging));
  }
  return moving;
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

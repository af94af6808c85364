import fs from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Cleans up after a site build that was cut short by exiting. The site writer
 * (src/site/write-output.ts) builds into `.<output>.tidings-new-<pid>-<random>` beside the
 * output folder, and swaps it in by moving the old site to `.<output>.tidings-old-<pid>-…`
 * first. Leftover folders of the given runs are removed; if a run stopped between the two
 * renames of the swap (no output folder, an old one beside it), the previous site is moved
 * back. Synchronous, so no other callback of ours runs in between.
 *
 * `owner(pid)` says which runs' leftovers are ours to clean: our own at exit, those of dead
 * processes at start.
 */
export function recoverInterruptedBuild(outputDir: string, owner: (pid: number) => boolean): void {
  const parent = dirname(outputDir);
  const prefix = `.${basename(outputDir)}.tidings-`;
  let entries: string[];
  try {
    entries = fs.readdirSync(parent);
  } catch {
    return;
  }
  const leftovers = (kind: 'new' | 'old') =>
    entries.filter((entry) => {
      const match = new RegExp(`^${kind}-(\\d+)-`).exec(entry.slice(prefix.length));
      return entry.startsWith(prefix) && match !== null && owner(Number(match[1]));
    });
  for (const retired of leftovers('old')) {
    if (fs.existsSync(outputDir))
      fs.rmSync(join(parent, retired), { recursive: true, force: true });
    else fs.renameSync(join(parent, retired), outputDir);
  }
  for (const staging of leftovers('new')) {
    fs.rmSync(join(parent, staging), { recursive: true, force: true });
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

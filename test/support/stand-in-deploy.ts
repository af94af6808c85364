import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';

/** What a lock file holds (src/store/store-lock.ts). */
export interface LockHolder {
  pid: number;
  hostname: string;
  command: string;
  startedAt: string;
}

/**
 * A live process standing for `tidings deploy git` reading an output folder: it holds the
 * folder's lock at `lockPath` (written only if no run holds it: never over a build's own).
 * The caller kills `child` when done.
 */
export async function standInDeploy(
  lockPath: string,
): Promise<{ child: ChildProcess; holder: LockHolder }> {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' }); // prettier-ignore
  await once(child, 'spawn');
  const holder: LockHolder = {
    pid: child.pid!,
    hostname: os.hostname(),
    command: 'tidings deploy git',
    startedAt: new Date().toISOString(),
  };
  fs.writeFileSync(lockPath, JSON.stringify(holder), { flag: 'wx' });
  return { child, holder };
}

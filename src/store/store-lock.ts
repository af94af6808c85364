import { makeFolders } from '../make-folders.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { StoreError } from './store-error.js';

/**
 * One writer per store: `update` and `watch` hold a lock file beside the SQLite file
 * (`tidings.db.lock`) for as long as they run. SQLite itself would serialise the writes, but
 * two runs on one store would fetch every feed twice, race on each feed's schedule and
 * rebuild the site over each other; the lock makes the second one stop at once and say who
 * holds the store.
 */
export interface LockHolder {
  pid: number;
  hostname: string;
  /** What runs, e.g. `tidings watch`. */
  command: string;
  /** When it took the lock (ISO UTC). */
  startedAt: string;
}

export interface StoreLock {
  readonly path: string;
  readonly holder: LockHolder;
  /** Set when the lock was taken over from a crashed run. */
  readonly recoveredFrom: LockHolder | null;
  /** Removes the lock file if it is still ours. Safe to call more than once. */
  release(): void;
}

/** The store is in use by another run; the message names it (a StoreError: the CLI exits 1). */
/** The lock file could not be created: the file system refused it (`code`: ENOENT, EACCES…). */
export class LockFileUnwritableError extends StoreError {
  constructor(
    readonly lockPath: string,
    what: string,
    readonly code: string,
  ) {
    super(`${lockPath}: cannot create the ${what}'s lock file (${code})`);
  }
}

export class StoreLockedError extends StoreError {
  constructor(
    message: string,
    readonly holder: LockHolder | null,
  ) {
    super(message);
    this.name = 'StoreLockedError';
  }
}

const PID_REUSE_SLACK_MS = 60_000;

/** Locks this process holds: a lock file naming our own pid is stale unless it is one of these. */
const heldHere = new Set<string>();

/** True when this process holds the lock file `lockPath` (taken and not released yet). */
export function isLockHeldHere(lockPath: string): boolean {
  return heldHere.has(lockPath);
}

export function lockPathFor(storePath: string): string {
  return `${storePath}.lock`;
}

/**
 * Takes the store's lock or throws StoreLockedError naming the holder. A lock left by a run
 * that is gone (same host, its process no longer exists, or its pid now belongs to a process
 * that started after the lock was taken) is stale and taken over. The lock is released when
 * `release()` is called and, as a last resort, when the process exits.
 */
export function acquireStoreLock(storePath: string, command: string): StoreLock {
  const lockPath = lockPathFor(storePath);
  try {
    makeFolders(path.dirname(lockPath));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new StoreError(`${path.dirname(lockPath)}: cannot create the store's folder (${code})`);
  }
  return acquireLockFile(lockPath, storePath, 'store', command);
}

/**
 * Takes the lock file `lockPath` of `lockedPath` (its folder must exist), by the rules above:
 * the store's lock, and the output folder's (src/site/output-lock.ts). `what` names the
 * locked thing in messages ("the store's lock file").
 */
export function acquireLockFile(
  lockPath: string,
  lockedPath: string,
  what: string,
  command: string,
): StoreLock {
  const holder: LockHolder = {
    pid: process.pid,
    hostname: os.hostname(),
    command,
    startedAt: new Date().toISOString(),
  };
  let recoveredFrom: LockHolder | null = null;
  let removedStale = false;
  // Another attempt after a stale lock is removed, or while another run takes one over.
  for (let attempt = 0; attempt < TAKEOVER_ATTEMPTS; attempt++) {
    if (createExclusively(lockPath, JSON.stringify(holder, null, 2) + '\n', what)) {
      return ownedLock(lockPath, holder, recoveredFrom);
    }
    const existing = readHolder(lockPath);
    if (existing === 'missing') continue; // released between our two calls: try again
    if (existing === 'unreadable') {
      throw new StoreLockedError(
        `${lockPath}: the ${what}'s lock file is unreadable; if no Tidings run uses ` +
          `${lockedPath}, delete the lock file and run again`,
        null,
      );
    }
    if (heldHere.has(lockPath) || !isStale(existing) || removedStale) {
      throw lockedError(lockPath, lockedPath, existing);
    }
    const takeover = takeOverStale(lockPath, existing, holder, what);
    if (takeover === 'busy') {
      sleepSync(TAKEOVER_WAIT_MS); // another run is removing it: then one of us gets the lock
      continue;
    }
    recoveredFrom = existing;
    removedStale = true;
  }
  const now = readHolder(lockPath);
  if (typeof now === 'object' && !isStale(now)) throw lockedError(lockPath, lockedPath, now);
  throw new StoreLockedError(
    `${lockPath}: another run was taking over this lock, left by a run that crashed, for ` +
      `longer than ${(TAKEOVER_ATTEMPTS * TAKEOVER_WAIT_MS) / 1000} s; run again (if ` +
      `${lockPath}.takeover stays, no run is doing it: delete that file)`,
    null,
  );
}

const TAKEOVER_ATTEMPTS = 100;
const TAKEOVER_WAIT_MS = 10;

/**
 * Removes a stale lock while holding `<lock>.takeover`, taken exclusively as the lock is. Two
 * runs that both found the lock stale could otherwise interleave their read and removal, one
 * removing the lock the other had just taken, and both would go on holding the store. With
 * it, only the run holding the takeover removes the stale lock, and only if it is still the
 * one found; the runs then race for the lock itself, which exactly one wins. A takeover file
 * left by a run that died holding it (microseconds) is stale by the same rules, and removed.
 */
function takeOverStale(
  lockPath: string,
  stale: LockHolder,
  holder: LockHolder,
  what: string,
): 'removed' | 'busy' {
  const takeoverPath = `${lockPath}.takeover`;
  if (!createExclusively(takeoverPath, JSON.stringify(holder) + '\n', what)) {
    const other = readHolder(takeoverPath);
    if (typeof other === 'object' && isStale(other)) removeIfUnchanged(takeoverPath, other);
    return 'busy';
  }
  try {
    removeIfUnchanged(lockPath, stale);
  } finally {
    fs.rmSync(takeoverPath, { force: true });
  }
  return 'removed';
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Creates the file with its full content in one step: written to a private temporary file,
 * then hard-linked into place, which fails if the lock exists. So no reader ever sees a
 * half-written lock, and of two runs racing for it exactly one wins.
 */
function createExclusively(lockPath: string, content: string, what: string): boolean {
  const temporary = `${lockPath}.${process.pid}.${Date.now()}.tmp`;
  try {
    fs.writeFileSync(temporary, content, { flag: 'wx' });
    fs.linkSync(temporary, lockPath);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    throw new LockFileUnwritableError(lockPath, what, code ?? String(error));
  } finally {
    fs.rmSync(temporary, { force: true });
  }
}

function readHolder(lockPath: string): LockHolder | 'missing' | 'unreadable' {
  let text: string;
  try {
    text = fs.readFileSync(lockPath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    return 'unreadable';
  }
  try {
    const value = JSON.parse(text) as Partial<LockHolder>;
    if (
      typeof value.pid === 'number' &&
      typeof value.hostname === 'string' &&
      typeof value.command === 'string' &&
      typeof value.startedAt === 'string'
    ) {
      return value as LockHolder;
    }
  } catch {
    // fall through
  }
  return 'unreadable';
}

/** Stale: taken on this host by a process that no longer runs. Another host's lock never is. */
function isStale(holder: LockHolder): boolean {
  if (holder.hostname !== os.hostname()) return false;
  // Our own pid but not our lock: a container restarted and handed us the old run's pid.
  if (holder.pid === process.pid) return true;
  if (!processExists(holder.pid) || isZombie(holder.pid)) return true;
  const started = processStartTime(holder.pid);
  // The pid was reused by a process that started after the lock was taken. The minute of
  // slack covers wall-clock steps (NTP, a resumed VM) between taking the lock and now: a
  // live holder must never look stale, while a real reuse comes much later than that.
  return started !== null && started > Date.parse(holder.startedAt) + PID_REUSE_SLACK_MS;
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * A process that has exited but was not yet reaped by its parent (state Z in Linux's /proc)
 * still answers kill(pid, 0). A run killed with kill -9 in a container whose first process
 * reaps no children stays such a zombie for good: its lock was never taken over. False where
 * /proc cannot tell.
 */
function isZombie(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return false;
  }
}

/** When a process started (ms since the epoch), from Linux's /proc; null elsewhere. */
function processStartTime(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 22 (starttime, in clock ticks since boot) follows the command name in parentheses.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[19]);
    const bootLine = /^btime (\d+)$/m.exec(fs.readFileSync('/proc/stat', 'utf8'));
    if (!bootLine || !Number.isFinite(ticks)) return null;
    const CLOCK_TICKS_PER_SECOND = 100; // USER_HZ, 100 on every Linux architecture Node runs on
    return Number(bootLine[1]) * 1000 + (ticks / CLOCK_TICKS_PER_SECOND) * 1000;
  } catch {
    return null;
  }
}

/** Removes a stale lock (or takeover file), unless another run replaced it meanwhile. */
function removeIfUnchanged(lockPath: string, stale: LockHolder): void {
  const current = readHolder(lockPath);
  if (typeof current !== 'object') return;
  if (current.pid !== stale.pid || current.startedAt !== stale.startedAt) return;
  fs.rmSync(lockPath, { force: true });
}

function lockedError(lockPath: string, lockedPath: string, holder: LockHolder): StoreLockedError {
  const where = holder.hostname === os.hostname() ? '' : ` on host ${holder.hostname}`;
  const hint =
    holder.hostname === os.hostname()
      ? 'wait for it to finish or stop it'
      : `if it no longer runs there, delete ${lockPath}`;
  return new StoreLockedError(
    `${lockedPath} is in use by "${holder.command}" (pid ${holder.pid}${where}, ` +
      `since ${holder.startedAt}); ${hint}`,
    holder,
  );
}

function ownedLock(
  lockPath: string,
  holder: LockHolder,
  recoveredFrom: LockHolder | null,
): StoreLock {
  let held = true;
  heldHere.add(lockPath);
  const release = (): void => {
    if (!held) return;
    held = false;
    heldHere.delete(lockPath);
    process.removeListener('exit', release);
    const current = readHolder(lockPath);
    if (
      typeof current === 'object' &&
      current.pid === holder.pid &&
      current.startedAt === holder.startedAt
    ) {
      fs.rmSync(lockPath, { force: true });
    }
  };
  // Last resort for paths that skip `finally` (process.exit); a kill -9 leaves a stale lock.
  process.on('exit', release);
  return { path: lockPath, holder, recoveredFrom, release };
}

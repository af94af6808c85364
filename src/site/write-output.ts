import { makeFolders } from '../make-folders.js';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, renameSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { isFileSystemError, SiteOutputError } from './site-output-error.js';
import { folderMaker, reuseOldFile, sameAsOld, writeNewFile } from './staged-file.js';
import { BUILD_LOCK_WAIT_MS, withOutputLock, type OutputLockWait } from './output-lock.js';
import { LockFileUnwritableError } from '../store/store-lock.js';

/** A file to write: site-relative path with `/` separators, its key, and how to make it. */
export interface OutputFile {
  path: string;
  /**
   * A hash of everything the file shows. When it equals the key the previous build recorded
   * for the same path, the file is not rendered: its bytes would be the same. A file without
   * a key is rendered on every build and written only when its bytes changed (never stale,
   * but it costs its rendering each time).
   */
  key?: string;
  /**
   * Called at most once, when the file is written, so the site is never in memory at once. The
   * bytes may be a view of a buffer the next file's rendering reuses (page-buffer.ts): they are
   * written (or compared) before another file is rendered.
   */
  render: () => string | Buffer;
  /**
   * Files of a group are rendered and written together by the group, off the main thread,
   * when enough of them are to be written; else one by one with `render`, like any other.
   */
  group?: FileGroup;
}

/** Files that can be rendered and written together, off the main thread (item pages). */
export interface FileGroup {
  /** Below this many files of the group to write, they are rendered on the main thread. */
  readonly minFiles: number;
  /** Starts rendering and writing the files at `paths` (all of them of this group). */
  start(paths: readonly string[], target: GroupTarget): GroupWrite;
}

/** Where a group writes its files, and what it compares them with. */
export interface GroupTarget {
  /** Folder the files go into (a staging folder). */
  folder: string;
  /** Folder of the site being replaced, whose files are compared with the new ones; or null. */
  old: string | null;
  /**
   * A file whose bytes equal the old one's: `link` it into `folder` (a full build, whose
   * staging folder becomes the site) or `skip` it (an incremental build leaves it in place).
   */
  same: 'link' | 'skip';
}

/** A group's files being written. */
export interface GroupWrite {
  /** Files done so far (written or found unchanged). */
  progress(): number;
  /** The paths written (not unchanged), once all are done; rejects when one could not be. */
  readonly done: Promise<{ written: string[]; unchanged: number }>;
  /** Stops writing (the build failed elsewhere); settles once nothing more will be written. */
  cancel(): Promise<void>;
}

export interface WriteOptions {
  /** Ignore the previous build's manifest: render every file (bytes are still compared). */
  full?: boolean;
  /**
   * A key of everything the whole site was made from (see build-inputs.ts), recorded in the
   * manifest: a later build with the same inputs can stop before reading any item.
   */
  inputs?: string;
  /**
   * The store file the site is built from, relative to the output folder (the manifest is
   * published with the site: no absolute local path in it), recorded in the manifest: update
   * refuses to start a new, empty store while the site shows the items of one
   * (previous-build-store.ts).
   */
  store?: string;
  onFile?: (done: number, total: number) => void;
  /**
   * More files, slow to make (the search index reads every item's text and is built on a
   * thread of its own). A full build starts them only once its groups (item-page threads)
   * run, and asks for their files only after writing all the others, so they cost no time the
   * threads are not working: `askedLast` is then true, and `files()` may wait for work done
   * meanwhile on other threads. An incremental build needs every key first: it starts them
   * and asks at once (`askedLast` false). Same rules as `files`.
   */
  lateFiles?: (askedLast: boolean) => LateFiles;
  /**
   * The output's manifest as `readBuiltInputs` read it at the start of this build, when that
   * found the folder settled: an incremental build then does not read and parse it again
   * (~15,000 entries at 10,000 items: 20–30 ms).
   */
  manifest?: Manifest;
  /**
   * How long to wait for another run holding the output folder's lock, and who is told when
   * the build waits; default BUILD_LOCK_WAIT_MS, untold.
   */
  outputLock?: OutputLockWait;
}

/** Files being made (WriteOptions.lateFiles). */
export interface LateFiles {
  files(): readonly OutputFile[];
}

export interface WriteResult {
  written: number;
  unchanged: number;
  removed: number;
}

/**
 * Written into every output folder. A folder that exists, is not empty and lacks it was not
 * made by Tidings (a Hexo `public/`, a home folder by mistake): we refuse to replace it.
 */
export const OUTPUT_MARKER = '.tidings-site';
const MARKER_TEXT = 'This folder is generated by Tidings and replaced on every build.\n';
/** The previous build's files and their keys: what an incremental build compares against. */
export const MANIFEST = '.tidings-manifest.json';
/** In a commit folder: the list of moves and deletions; once it exists the commit must finish. */
export const JOURNAL = '.tidings-journal.json';

export interface Manifest {
  version: 1;
  inputs?: string;
  /** The store file the site was built from, relative to the output folder (WriteOptions.store). */
  store?: string;
  files: Record<string, string>;
}

/**
 * A move is a site path (staged at that same path: item pages written by threads) or a pair
 * [name in the staging folder, site path]: files written on the main thread are staged flat,
 * under numbered names, so staging them makes no folders.
 */
type Move = string | readonly [staged: string, path: string];

interface Journal {
  moves: Move[];
  removes: string[];
}

/**
 * Name of the n-th file staged flat (see Move). Files staged at their site path are item pages,
 * inside a folder (items/, p/), and the journal and manifest have names of their own: no clash.
 */
function flatName(n: number): string {
  return `.staged-${n}`;
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

async function assertReplaceable(outputDir: string): Promise<void> {
  let entries: string[];
  try {
    entries = await readdir(outputDir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return;
    if (code === 'ENOTDIR') {
      throw new SiteOutputError(
        `Cannot write the site to ${outputDir}: it, or a folder on its path, is a file. ` +
          `Choose another output folder (site.output).`,
      );
    }
    throw error;
  }
  if (entries.length > 0 && !entries.includes(OUTPUT_MARKER)) {
    throw new SiteOutputError(
      `Refusing to replace ${outputDir}: it is not empty and was not made by Tidings ` +
        `(no ${OUTPUT_MARKER} file). Empty it, delete it, or choose another output folder.`,
    );
  }
}

async function readManifest(outputDir: string): Promise<Manifest | null> {
  try {
    const manifest = JSON.parse(await readFile(join(outputDir, MANIFEST), 'utf8')) as Manifest;
    if (manifest.version !== 1 || typeof manifest.files !== 'object' || manifest.files === null) {
      return null;
    }
    return manifest;
  } catch {
    return null; // none, or unreadable: build in full
  }
}

function manifestText(files: readonly OutputFile[], options: WriteOptions): string {
  const entries: Record<string, string> = {};
  for (const file of files) entries[file.path] = file.key ?? '';
  const { inputs, store } = options;
  const manifest: Manifest = {
    version: 1,
    ...(inputs === undefined ? {} : { inputs }),
    ...(store === undefined ? {} : { store }),
    files: entries,
  };
  return JSON.stringify(manifest);
}

/**
 * The inputs key the site in `outputDir` was last built from, with its number of files; null
 * when there is none or the folder is not in a settled state (no manifest, a build of another
 * process still staged beside it, or an interrupted one that the next build must finish).
 */
export async function readBuiltInputs(
  outputDir: string,
): Promise<{ inputs: string; files: () => number; manifest: Manifest } | null> {
  const prefix = `.${basename(outputDir)}.tidings-`;
  try {
    if ((await readdir(dirname(outputDir))).some((name) => name.startsWith(prefix))) return null;
  } catch {
    return null;
  }
  const manifest = await readManifest(outputDir);
  if (!manifest || typeof manifest.inputs !== 'string') return null;
  return {
    inputs: manifest.inputs,
    files: () => Object.keys(manifest.files).length,
    manifest,
  };
}

// Writing files is synchronous. Writing them in the thread pool (at most 8 in flight) while the
// next pages render was tried: it cost ~1 s more main-thread CPU at 10,000 items (a Buffer and
// three callbacks a file) and won no wall time on this 2-core VM. Pages are written as strings
// (no Buffer copy); the old file is read only when its size matches. Item pages, most of the
// files, are written by worker threads instead (FileGroup, item-page-threads.ts).

/**
 * Starts the groups that have enough files among `files` to write off the main thread; returns
 * the files left for the main thread, and the groups' writes.
 */
function startGroups(
  files: readonly OutputFile[],
  target: GroupTarget,
): { local: OutputFile[]; writes: GroupWrite[] } {
  const byGroup = new Map<FileGroup, string[]>();
  for (const file of files) {
    if (file.group === undefined) continue;
    const paths = byGroup.get(file.group);
    if (paths) paths.push(file.path);
    else byGroup.set(file.group, [file.path]);
  }
  const started = new Set<FileGroup>();
  const writes: GroupWrite[] = [];
  try {
    for (const [group, paths] of byGroup) {
      if (paths.length < group.minFiles) continue;
      writes.push(group.start(paths, target));
      started.add(group);
    }
  } catch (error) {
    void Promise.allSettled(writes.map((write) => write.cancel()));
    throw error;
  }
  const local = files.filter((file) => file.group === undefined || !started.has(file.group));
  return { local, writes };
}

/**
 * Waits for the groups' writes, reporting their progress meanwhile; if one fails, cancels the
 * others (a failed build must not go on writing into a staging folder being removed).
 */
async function finishGroups(
  writes: readonly GroupWrite[],
  report: (groupsDone: number) => void,
): Promise<{ written: string[]; unchanged: number }> {
  const total = { written: [] as string[], unchanged: 0 };
  if (writes.length === 0) return total;
  const progress = (): number => writes.reduce((sum, write) => sum + write.progress(), 0);
  const timer = setInterval(() => report(progress()), 200);
  try {
    for (const result of await Promise.all(writes.map((write) => write.done))) {
      // One by one: push(...paths) passes each path as an argument on the stack, which
      // overflowed ("Maximum call stack size exceeded") at ~125,000 item pages.
      for (const path of result.written) total.written.push(path);
      total.unchanged += result.unchanged;
    }
  } catch (error) {
    await Promise.allSettled(writes.map((write) => write.cancel()));
    throw error;
  } finally {
    clearInterval(timer);
  }
  report(progress());
  return total;
}

/**
 * A build changes the output folder only holding its lock (output-lock.ts), so that `deploy
 * git` never reads it half-changed; it waits for a deploy holding it.
 */
const BUILD_LOCK: OutputLockWait = { waitMs: BUILD_LOCK_WAIT_MS };
const BUILD_COMMAND = 'site build';

function siblingName(outputDir: string, kind: 'new' | 'old' | 'commit'): string {
  const suffix = `${process.pid}-${randomBytes(4).toString('hex')}`;
  return join(dirname(outputDir), `.${basename(outputDir)}.tidings-${kind}-${suffix}`);
}

function isRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A folder a build leaves beside the output folder while it runs (siblingName). */
export interface BuildFolder {
  kind: 'new' | 'old' | 'commit';
  pid: number;
  path: string;
}

/**
 * The folders beside the output folder that builds of the runs `owner` picks left, sorted by
 * name: here those of runs no longer running; `watch` also its own at exit
 * (src/watch/interrupted-build.ts).
 */
export function buildFolders(outputDir: string, owner: (pid: number) => boolean): BuildFolder[] {
  const parent = dirname(outputDir);
  const prefix = `.${basename(outputDir)}.tidings-`;
  let names: string[];
  try {
    names = readdirSync(parent);
  } catch {
    return [];
  }
  const found: BuildFolder[] = [];
  for (const name of names.sort()) {
    if (!name.startsWith(prefix)) continue;
    const match = /^(new|old|commit)-(\d+)-[0-9a-f]+$/.exec(name.slice(prefix.length));
    if (!match || !owner(Number(match[2]))) continue;
    const kind = match[1] as BuildFolder['kind'];
    found.push({ kind, pid: Number(match[2]), path: join(parent, name) });
  }
  return found;
}

/** Folders of builds that died (killed, power cut). */
const interruptedFolders = (outputDir: string): BuildFolder[] =>
  buildFolders(outputDir, (pid) => !isRunning(pid));

/**
 * Cleans up after a build that died (killed, power cut): a commit whose journal was written
 * is finished (rolled forward); a half-written staging folder is deleted; an output folder
 * lost between the two renames of a swap is put back. Folders of builds still running are
 * left alone.
 */
async function recoverInterrupted(outputDir: string): Promise<void> {
  for (const { kind, path } of interruptedFolders(outputDir)) {
    if (kind === 'commit') {
      let journal: Journal | null = null;
      try {
        journal = JSON.parse(await readFile(join(path, JOURNAL), 'utf8')) as Journal;
      } catch {
        journal = null;
      }
      if (journal) await commit(path, outputDir, journal);
      else await rm(path, { recursive: true, force: true });
    } else if (kind === 'old' && !(await exists(outputDir))) {
      await rename(path, outputDir);
    } else {
      await rm(path, { recursive: true, force: true });
    }
  }
}

/**
 * Moves the staged files into the output folder (each rename replaces one file atomically),
 * deletes what the site no longer has, and installs the new manifest last. Safe to run again
 * after an interruption: moves already done are skipped.
 */
async function commit(staging: string, outputDir: string, journal: Journal): Promise<void> {
  const makeFolder = folderMaker(outputDir);
  for (const move of journal.moves) {
    const [staged, path] = typeof move === 'string' ? [move, move] : move;
    const from = join(staging, staged);
    const to = join(outputDir, path);
    // Nearly every folder exists already: rename first, make the folder only when it is missing.
    try {
      renameSync(from, to);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      if (!existsSync(from)) continue; // moved before an interruption
      makeFolder(path);
      renameSync(from, to);
    }
  }
  const folders = new Set<string>();
  for (const path of journal.removes) {
    await rm(join(outputDir, path), { force: true });
    for (let folder = dirname(path); folder !== '.'; folder = dirname(folder)) folders.add(folder);
  }
  // Deepest first; a folder that still holds something stays.
  for (const folder of [...folders].sort((a, b) => b.length - a.length)) {
    await rmdir(join(outputDir, folder)).catch(() => undefined);
  }
  try {
    await rename(join(staging, MANIFEST), join(outputDir, MANIFEST));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await rm(staging, { recursive: true, force: true });
}

/**
 * Writes the site. Either way a failed build leaves the previous site whole:
 *
 * - Incremental (the previous build left a manifest): only files whose key changed are
 *   rendered, into a staging folder beside the output. A rendered file whose bytes equal the
 *   old one is dropped (the old file keeps its mtime: cheap uploads, honest Last-Modified).
 *   Once everything is staged, a journal is written and the files are renamed into place,
 *   then deletions, then the new manifest. A crash before the journal leaves the old site; a
 *   crash after it is finished by the next build. Nothing changed: nothing is written at all.
 * - Full (first build, `--full`, or no readable manifest): every file is rendered into a
 *   temporary folder (files with unchanged bytes hard-linked from the old site), which then
 *   replaces the old folder with two renames.
 */
export async function writeOutput(
  outputDir: string,
  files: readonly OutputFile[],
  options: WriteOptions = {},
): Promise<WriteResult> {
  try {
    return await writeOutputFolder(outputDir, files, options);
  } catch (error) {
    // What the file system refused is the user's to fix (a path, a permission, a full disk):
    // one clear line naming the folder, not a stack.
    if (error instanceof LockFileUnwritableError) {
      throw new SiteOutputError(
        `Cannot write the site to ${outputDir}: ${error.code}: cannot create its lock file ${error.lockPath}`,
      );
    }
    if (!isFileSystemError(error)) throw error;
    throw new SiteOutputError(`Cannot write the site to ${outputDir}: ${error.message}`);
  }
}

async function writeOutputFolder(
  outputDir: string,
  files: readonly OutputFile[],
  options: WriteOptions,
): Promise<WriteResult> {
  await assertReplaceable(outputDir);
  makeFolders(dirname(outputDir));
  const lockWait = options.outputLock ?? BUILD_LOCK;
  // The lock only when a killed build left something: a deploy reading the folder does not
  // hold up a build's rendering, only its moving the pages in (looked at again under the lock).
  if (interruptedFolders(outputDir).length > 0) {
    await withOutputLock(outputDir, BUILD_COMMAND, lockWait, () => recoverInterrupted(outputDir));
  }
  const first: OutputFile[] = [
    { path: OUTPUT_MARKER, key: 'marker-1', render: () => MARKER_TEXT },
    ...files,
  ];
  // Read at the start of the build (readBuiltInputs), when the folder was settled: nothing
  // was left to recover then, so recoverInterrupted changed nothing since.
  const manifest = options.full ? null : (options.manifest ?? (await readManifest(outputDir)));
  if (manifest) {
    const all = [...first, ...(options.lateFiles?.(false).files() ?? [])];
    return writeIncremental(outputDir, all, assertDistinctPaths(all), manifest, options);
  }
  assertDistinctPaths(first);
  return writeInFull(outputDir, first, options);
}

/** Throws unless the files' paths are distinct (and none is the manifest's); returns them. */
function assertDistinctPaths(files: readonly OutputFile[]): Set<string> {
  const seen = new Set<string>();
  for (const file of files) {
    if (seen.has(file.path) || file.path === MANIFEST) {
      throw new Error(`Two files of the site would be written to ${file.path}`);
    }
    seen.add(file.path);
  }
  return seen;
}

async function writeIncremental(
  outputDir: string,
  all: readonly OutputFile[],
  planned: ReadonlySet<string>,
  manifest: Manifest,
  options: WriteOptions,
): Promise<WriteResult> {
  const changed = all.filter(
    (file) => file.key === undefined || manifest.files[file.path] !== file.key,
  );
  const removes = Object.keys(manifest.files).filter((path) => !planned.has(path));
  const result: WriteResult = { written: 0, unchanged: all.length - changed.length, removed: 0 };
  if (changed.length === 0 && removes.length === 0 && manifest.inputs === options.inputs) {
    options.onFile?.(all.length, all.length);
    return result;
  }
  const staging = siblingName(outputDir, 'commit');
  const moves: Move[] = [];
  let done = result.unchanged;
  let writes: GroupWrite[] = [];
  try {
    await mkdir(staging);
    const groups = startGroups(changed, { folder: staging, old: outputDir, same: 'skip' });
    writes = groups.writes;
    const groupProgress = (): number => writes.reduce((sum, write) => sum + write.progress(), 0);
    for (const file of groups.local) {
      const content = file.render();
      if (sameAsOld(join(outputDir, file.path), content)) {
        result.unchanged++;
      } else {
        const staged = flatName(moves.length);
        writeNewFile(join(staging, staged), content);
        moves.push([staged, file.path]);
        result.written++;
      }
      options.onFile?.(++done + groupProgress(), all.length);
    }
    const grouped = await finishGroups(writes, (groupsDone) =>
      options.onFile?.(done + groupsDone, all.length),
    );
    writes = [];
    for (const path of grouped.written) moves.push(path); // not push(...): see finishGroups
    result.written += grouped.written.length;
    result.unchanged += grouped.unchanged;
    const newManifest = manifestText(all, options);
    if (moves.length === 0 && removes.length === 0 && newManifest === JSON.stringify(manifest)) {
      // Files without a key were rendered to the same bytes: nothing to commit, not even the
      // manifest, so a rebuild with nothing changed writes no file at all.
      await rm(staging, { recursive: true, force: true });
      return result;
    }
    await writeFile(join(staging, MANIFEST), newManifest);
    await withOutputLock(outputDir, BUILD_COMMAND, options.outputLock ?? BUILD_LOCK, async () => {
      // The commit point: once the journal exists, the next build finishes this commit.
      const journal: Journal = { moves, removes };
      await writeFile(join(staging, `${JOURNAL}.tmp`), JSON.stringify(journal));
      await rename(join(staging, `${JOURNAL}.tmp`), join(staging, JOURNAL));
      await commit(staging, outputDir, journal);
    });
  } catch (error) {
    await Promise.allSettled(writes.map((write) => write.cancel()));
    if (!(await exists(join(staging, JOURNAL))))
      await rm(staging, { recursive: true, force: true });
    throw error;
  }
  result.removed = removes.length;
  return result;
}

async function writeInFull(
  outputDir: string,
  first: readonly OutputFile[],
  options: WriteOptions,
): Promise<WriteResult> {
  let all = first;
  const staging = siblingName(outputDir, 'new');
  const retired = siblingName(outputDir, 'old');
  const result: WriteResult = { written: 0, unchanged: 0, removed: 0 };
  const oldFiles = new Set<string>();
  const oldManifest = await readManifest(outputDir);
  if (oldManifest) for (const path of Object.keys(oldManifest.files)) oldFiles.add(path);
  let writes: GroupWrite[] = [];
  try {
    await mkdir(staging);
    const makeFolder = folderMaker(staging);
    // A first build has nothing to compare with.
    const hadOutput = existsSync(outputDir);
    const groups = startGroups(first, {
      folder: staging,
      old: hadOutput ? outputDir : null,
      same: 'link',
    });
    writes = groups.writes;
    const started = options.lateFiles?.(true);
    const groupProgress = (): number => writes.reduce((sum, write) => sum + write.progress(), 0);
    let done = 0;
    const write = (file: OutputFile): void => {
      const content = file.render();
      const oldPath = join(outputDir, file.path);
      const newPath = join(staging, file.path);
      makeFolder(file.path);
      if (hadOutput && sameAsOld(oldPath, content)) {
        reuseOldFile(oldPath, newPath);
        result.unchanged++;
      } else {
        writeNewFile(newPath, content);
        result.written++;
      }
      options.onFile?.(++done + groupProgress(), all.length);
    };
    for (const file of groups.local) write(file);
    // Asked for now: by the time the main thread wrote its files, the threads making them
    // (the search index) have had that long to work.
    const late = started?.files() ?? [];
    if (late.length > 0) {
      all = [...first, ...late];
      assertDistinctPaths(all);
      for (const file of late) write(file);
    }
    const grouped = await finishGroups(writes, (groupsDone) =>
      options.onFile?.(done + groupsDone, all.length),
    );
    writes = [];
    result.written += grouped.written.length;
    result.unchanged += grouped.unchanged;
    for (const file of all) oldFiles.delete(file.path);
    await writeFile(join(staging, MANIFEST), manifestText(all, options));

    const replaced = await withOutputLock(
      outputDir,
      BUILD_COMMAND,
      options.outputLock ?? BUILD_LOCK,
      async () => {
        if (!(await exists(outputDir))) {
          renameSync(staging, outputDir);
          return false;
        }
        await rename(outputDir, retired);
        try {
          await rename(staging, outputDir);
        } catch (error) {
          await rename(retired, outputDir);
          throw error;
        }
        return true;
      },
    );
    if (replaced) await rm(retired, { recursive: true, force: true });
  } finally {
    // A failed build: no group may still be writing into the folder removed here.
    await Promise.allSettled(writes.map((write) => write.cancel()));
    await rm(staging, { recursive: true, force: true });
  }
  result.removed = oldFiles.size;
  return result;
}

import { closeSync, copyFileSync, fsyncSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { CLI_PATH } from './build-dist.js';
import { failureReason, measureCommand, type Measurement } from './build-measure.js';
import { countWritten, snapshotOutput, summarizeOutput, type OutputSnapshot } from './build-output-files.js'; // prettier-ignore
import type { ToolRun } from './build-tool-result.js';
import { addNewItems, type Corpus } from './generate-corpus.js';
import { setAside } from './set-aside.js';

/**
 * Our builds, run as a user runs them (`node dist/cli/main.js build --config …`, Node's
 * default heap): a full build into an empty output folder, a rebuild with nothing changed,
 * and a rebuild after `newItems` items were added to the store.
 */

/**
 * A fresh working copy of the corpus store (each run adds items to it), flushed to the disk:
 * otherwise the copy's hundreds of MB are written back during the timed build that follows.
 */
export function resetWorkStore(corpus: Corpus): void {
  for (const suffix of ['', '-wal', '-shm']) setAside(corpus.workStorePath + suffix);
  copyFileSync(corpus.pristineStorePath, corpus.workStorePath);
  flushFile(corpus.workStorePath);
}

/** Waits until the file's bytes are on the disk. */
export function flushFile(path: string): void {
  const fd = openSync(path, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export interface TidingsOptions {
  timeoutSeconds: number;
  newItems: number;
  /** After the timed builds, profile one more full build into this folder; null = don't. */
  cpuProfileDir: string | null;
  log: (line: string) => void;
}

/** "1,234 file(s) written" in the CLI's summary line, if it prints one. */
function reportedWritten(stdout: string): number | null {
  const match = /([\d,]+)\s+files?(?:\(s\))?\s+written/i.exec(stdout);
  return match ? Number(match[1]!.replace(/,/g, '')) : null;
}

export async function runTidings(corpus: Corpus, options: TidingsOptions): Promise<ToolRun[]> {
  const outputDir = join(corpus.dir, 'public');
  setAside(outputDir);
  const runs: ToolRun[] = [];
  let before: OutputSnapshot = new Map();
  const build = async (run: string): Promise<Measurement> => {
    options.log(`  tidings: ${run} …`);
    const measurement = await measureCommand({
      command: process.execPath,
      args: [CLI_PATH, 'build', '--config', corpus.configPath],
      cwd: corpus.dir,
      timeoutSeconds: options.timeoutSeconds,
    });
    const after = snapshotOutput(outputDir);
    runs.push({
      tool: 'tidings',
      run,
      measurement,
      problem: measurement.ok ? null : failureReason(measurement, options.timeoutSeconds),
      reportedWritten: reportedWritten(measurement.stdout),
      observedWritten: countWritten(before, after),
      output: summarizeOutput(after),
      notes: [],
    });
    before = after;
    return measurement;
  };

  if (!(await build('full build')).ok) return runs;
  if (!(await build('no-change rebuild')).ok) return runs;
  await addNewItems(corpus, corpus.workStorePath, options.newItems);
  if (!(await build(`rebuild after ${options.newItems} new items`)).ok) return runs;
  if (options.cpuProfileDir) await profileFullBuild(corpus, outputDir, options);
  return runs;
}

/**
 * One more full build (into an empty folder, of the items plus the ones just added) under
 * `node --cpu-prof`: the profiler slows the build it watches, so it is kept out of the table.
 */
async function profileFullBuild(
  corpus: Corpus,
  outputDir: string,
  options: TidingsOptions,
): Promise<void> {
  const dir = options.cpuProfileDir as string;
  options.log(`  tidings: full build under --cpu-prof (not in the table) …`);
  setAside(outputDir);
  const measurement = await measureCommand({
    command: process.execPath,
    args: ['--cpu-prof', '--cpu-prof-dir', dir, CLI_PATH, 'build', '--config', corpus.configPath],
    cwd: corpus.dir,
    timeoutSeconds: options.timeoutSeconds,
  });
  options.log(
    measurement.ok
      ? `  profile in ${dir} (summarise: node --import tsx bench/build-cpu-profile.ts FILE)`
      : `  profiled build failed: ${failureReason(measurement, options.timeoutSeconds)}`,
  );
}

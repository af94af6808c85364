import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'; // prettier-ignore
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CLI_PATH } from './build-dist.js';
import { flushFile } from './build-tidings.js';
import { printMedians, roundLine, type Variant } from './ab-rounds.js';
import { failureReason, measureCommand } from './build-measure.js';
import { ensureCorpus } from './generate-corpus.js';
import { median } from './median.js';

/**
 * Same-run A/B of our full build: `node --import tsx bench/build-ab.ts --base OLD_CLI [options]`
 * alternates full builds (into an empty output folder) of the same corpus by two builds of the
 * CLI — OLD_CLI (a copy of an earlier `dist/`, kept inside the repository folder so that it
 * finds the same node_modules) and this tree's `dist/cli/main.js` — and prints each round and
 * the medians of wall, user and system time. On a machine shared with other work, wall times
 * swing with the load; builds alternated in one run see the same load, so their ratios are
 * what to trust. With --compare, the two outputs of the last round are compared byte for byte
 * (`diff -r`): a speed-up must not change a single output byte.
 */

const USAGE = `Usage: node --import tsx bench/build-ab.ts --base CLI [options]

  --base CLI      the other build's CLI entry point (e.g. .ab-base/dist/cli/main.js)
  --items N       corpus size (default 10000; generated on first use like bench:build)
  --rounds R      pairs of builds (default 3)
  --dir DIR       the A/B's work folder (default: the corpus folder's ab/), e.g. on tmpfs
                  (/dev/shm/…) to keep the disk's file-creation noise out of the times
  --compare       diff -r the two outputs of the last round (exit code 1 if they differ)
  --threads       also the CPU time of the main thread and of the item-page thread(s) (Linux:
                  each thread reads its own from /proc as it ends, bench/thread-cpu.mjs)
  --keep          keep the two outputs of the last round (public-base, public-new)
  -h, --help      this text

Exit codes: 0 done; 1 a build failed or the outputs differ; 2 bad arguments.`;

/** Preloaded into each build with --threads: every thread logs its CPU time as it ends. */
const THREAD_CPU_PRELOAD = join(import.meta.dirname, 'thread-cpu.mjs');

/** CPU seconds of the main thread and of the item-page threads, from a --threads log. */
function threadSeconds(log: string): { main: number; itemPages: number } {
  let main = 0;
  let itemPages = 0;
  const lines = existsSync(log) ? readFileSync(log, 'utf8').split('\n') : [];
  for (const line of lines) {
    const [label, ms] = line.split('\t');
    if (label === 'main') main += Number(ms) / 1000;
    // An item-page thread's workerData (item-page-threads.ts).
    else if (label === 'settings,storeFile,styleVersion') itemPages += Number(ms) / 1000;
  }
  return { main, itemPages };
}

/** The two search manifests, but for their segment keys (which hash the renderer's code). */
function sameSearchManifest(dir: string): boolean {
  const read = (name: string): string => {
    const manifest = JSON.parse(readFileSync(join(dir, name, 'search', 'index.json'), 'utf8')) as Record<string, unknown>; // prettier-ignore
    return JSON.stringify({ ...manifest, mainKey: null, tailKey: null });
  };
  return read('public-base') === read('public-new');
}

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        base: { type: 'string' },
        items: { type: 'string' },
        rounds: { type: 'string' },
        dir: { type: 'string' },
        compare: { type: 'boolean' },
        keep: { type: 'boolean' },
        threads: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    console.error(`build-ab: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const items = Number(values.items ?? '10000');
  const rounds = Number(values.rounds ?? '3');
  if (
    !values.base ||
    !Number.isInteger(items) ||
    items < 1 ||
    !Number.isInteger(rounds) ||
    rounds < 1
  ) {
    // prettier-ignore
    console.error(`build-ab: --base is required; --items and --rounds are positive whole numbers\n\n${USAGE}`); // prettier-ignore
    return 2;
  }
  const base = resolve(values.base);
  if (!existsSync(base)) {
    console.error(`build-ab: --base ${base} does not exist`);
    return 2;
  }

  const corpus = await ensureCorpus(items, (line) => console.log(line));
  // Its own folder: a copy of the corpus store and config, outputs named per variant.
  const dir = values.dir === undefined ? join(corpus.dir, 'ab') : resolve(values.dir, 'ab');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const config = join(dir, 'tidings.yaml');
  writeFileSync(config, readFileSync(corpus.configPath));
  copyFileSync(corpus.pristineStorePath, join(dir, 'tidings.db'));
  flushFile(join(dir, 'tidings.db'));

  const variants: Variant[] = [
    { name: 'base', cli: base, runs: [] },
    { name: 'new', cli: CLI_PATH, runs: [] },
  ];
  // Per variant: CPU seconds of the main thread and of the item-page threads (summed), by round.
  const threadCpu = new Map(variants.map((v) => [v.name, { main: [] as number[], itemPages: [] as number[] }])); // prettier-ignore
  console.log(`A/B of full builds, ${items} items, ${rounds} rounds; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`); // prettier-ignore
  for (let round = 1; round <= rounds; round++) {
    // Alternate which goes first, so neither always follows the other's disk writeback.
    const order = round % 2 === 1 ? variants : [...variants].reverse();
    for (const variant of order) {
      const output = join(dir, 'public');
      rmSync(output, { recursive: true, force: true });
      const threadLog = join(dir, `threads-${variant.name}.log`);
      rmSync(threadLog, { force: true });
      const run = await measureCommand({
        command: process.execPath,
        args: [...(values.threads ? ['--import', THREAD_CPU_PRELOAD] : []), variant.cli, 'build', '--config', config], // prettier-ignore
        cwd: dir,
        timeoutSeconds: 600,
        ...(values.threads ? { env: { ...process.env, THREAD_CPU_LOG: threadLog } } : {}),
      });
      if (!run.ok) {
        console.error(`${variant.name}: ${failureReason(run, 600)}`);
        return 1;
      }
      variant.runs.push(run);
      const kept = join(dir, `public-${variant.name}`);
      rmSync(kept, { recursive: true, force: true });
      renameSync(output, kept);
      let extra = '';
      if (values.threads) {
        const { main, itemPages } = threadSeconds(threadLog);
        threadCpu.get(variant.name)?.main.push(main);
        threadCpu.get(variant.name)?.itemPages.push(itemPages);
        extra = `main thread ${main.toFixed(2)} s  item-page threads ${itemPages.toFixed(2)} s  `;
      }
      console.log(roundLine(round, variant, run, extra));
    }
  }
  printMedians(variants);
  if (values.threads) {
    for (const [name, cpu] of threadCpu) {
      console.log(`  ${name.padEnd(4)} main thread ${median(cpu.main).toFixed(2)} s  item-page threads ${median(cpu.itemPages).toFixed(2)} s (CPU, medians)`); // prettier-ignore
    }
  }

  let status = 0;
  if (values.compare) {
    // The manifest and the search index's segment keys hold a hash of the renderer's code,
    // which differs between the two by design; everything else must be the same bytes.
    const diff = spawnSync('diff', ['-r', '-q', '-x', '.tidings-manifest.json', 'public-base', 'public-new'], { cwd: dir, encoding: 'utf8' }); // prettier-ignore
    const lines = (diff.stdout + diff.stderr).split('\n').filter((line) => line !== '');
    const differ = lines.filter((line) => !(line === 'Files public-base/search/index.json and public-new/search/index.json differ' && sameSearchManifest(dir))); // prettier-ignore
    if (diff.status !== 0 && diff.status !== 1) differ.push(`diff failed: exit ${diff.status}`);
    if (differ.length === 0)
      console.log('\noutputs: byte-identical (diff -r; the manifest and code hashes in search/index.json aside)'); // prettier-ignore
    else {
      console.log(`\noutputs DIFFER:\n${differ.slice(0, 20).join('\n')}`);
      status = 1;
    }
  }
  if (!values.keep) {
    for (const variant of variants) rmSync(join(dir, `public-${variant.name}`), { recursive: true, force: true }); // prettier-ignore
  }
  return status;
}

process.exitCode = await main();

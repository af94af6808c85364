import { cpus, loadavg, totalmem } from 'node:os';
import { existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { prepareHexoSite, runHexo, type HexoSite } from './build-hexo.js';
import { hugoVersion, prepareHugoSite, runHugo } from './build-hugo.js';
import { printRuns, printVerdicts } from './build-report.js';
import { resetWorkStore, runTidings } from './build-tidings.js';
import { emptySetAside } from './set-aside.js';
import type { ToolRun } from './build-tool-result.js';
import { ensureCorpus } from './generate-corpus.js';

/**
 * `npm run bench:build [-- N… options]`: builds the same generated items with Tidings
 * (full build, no-change rebuild, rebuild after 100 new items), Hexo 8 and Hugo, in one
 * run, and prints wall time, CPU time, peak RSS and files written for each, the ratios
 * and the targets. See --help.
 */

const USAGE = `Usage: npm run bench:build -- [N …] [options]

Builds a generated corpus of N items (default: 10000 50000) with Tidings, Hexo 8 and Hugo.

Options:
  --only LIST        tools to run, comma-separated: tidings,hexo,hugo (default: all three)
  --timeout SECONDS  per build; a build still running is killed and reported (default 1200)
  --new-items K      items added before the incremental rebuild (default 100)
  --rounds R         run our three builds R times (fresh store and output each time) and
                     report the median of each by wall time (default 1)
  --hexo-max N       skip Hexo above this many items (default 20000: at 20,000 Hexo exhausts
                     its default heap, and 50,000 would take well over 10 minutes)
  --hexo-heap MB     give Hexo --max-old-space-size=MB from the start (default: Node's
                     default heap, retried with 8000 MB if it runs out)
  --cpu-prof DIR     after the timed builds, one more full build of ours under
                     node --cpu-prof, its profile written into DIR (not in the table)
  --corpus-root DIR  keep the corpora, and every tool's input and output, in DIR instead of
                     bench/.corpus: a tmpfs (e.g. /dev/shm/tidings-bench) takes the disk out
                     of the comparison. A corpus already in bench/.corpus is copied there
  -h, --help         this text

Exit codes: 0 every requested build ran; 1 a build failed or timed out; 2 bad arguments.`;

type Tool = 'tidings' | 'hexo' | 'hugo';
const TOOLS: Tool[] = ['tidings', 'hexo', 'hugo'];

interface Options {
  counts: number[];
  tools: Set<Tool>;
  timeoutSeconds: number;
  newItems: number;
  rounds: number;
  hexoMax: number;
  hexoHeapMb: number | null;
  cpuProfileDir: string | null;
  /** null: bench/.corpus. */
  corpusRoot: string | null;
}

class UsageError extends Error {}

function positiveInteger(name: string, text: string): number {
  const value = Number(text.replace(/[_,]/g, ''));
  if (!Number.isInteger(value) || value < 1) {
    throw new UsageError(`${name} must be a positive whole number, got "${text}"`);
  }
  return value;
}

function readOptions(argv: string[]): Options | null {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      only: { type: 'string' },
      timeout: { type: 'string' },
      'new-items': { type: 'string' },
      rounds: { type: 'string' },
      'hexo-max': { type: 'string' },
      'hexo-heap': { type: 'string' },
      'cpu-prof': { type: 'string' },
      'corpus-root': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return null;
  const tools = new Set<Tool>();
  for (const name of (values.only ?? TOOLS.join(',')).split(',').map((s) => s.trim())) {
    if (!TOOLS.includes(name as Tool)) {
      throw new UsageError(`--only: unknown tool "${name}" (choose from ${TOOLS.join(', ')})`);
    }
    tools.add(name as Tool);
  }
  return {
    counts: positionals.length > 0 ? positionals.map((p) => positiveInteger('N', p)) : [10_000, 50_000], // prettier-ignore
    tools,
    timeoutSeconds: positiveInteger('--timeout', values.timeout ?? '1200'),
    newItems: positiveInteger('--new-items', values['new-items'] ?? '100'),
    rounds: positiveInteger('--rounds', values.rounds ?? '1'),
    hexoMax: positiveInteger('--hexo-max', values['hexo-max'] ?? '20000'),
    hexoHeapMb: values['hexo-heap'] ? positiveInteger('--hexo-heap', values['hexo-heap']) : null,
    // Absolute: the build runs with the corpus folder as its working directory.
    cpuProfileDir: values['cpu-prof'] ? resolve(values['cpu-prof']) : null,
    corpusRoot: values['corpus-root'] ? resolve(values['corpus-root']) : null,
  };
}

const log = (line: string): void => console.log(line);

/**
 * The Hexo site resolves its plugins by walking up from its folder to bench/node_modules; in
 * another corpus root a `node_modules` link there finds them.
 */
function linkPeerModules(root: string): void {
  mkdirSync(root, { recursive: true });
  const link = join(root, 'node_modules');
  if (!existsSync(link)) symlinkSync(fileURLToPath(new URL('node_modules', import.meta.url)), link, 'dir'); // prettier-ignore
}

/** Per run name, the round with the median wall time (all rounds' walls in its notes). */
function medianRuns(rounds: ToolRun[][]): ToolRun[] {
  if (rounds.length === 1) return rounds[0] ?? [];
  return (rounds[0] ?? []).map((first) => {
    const same = rounds
      .map((runs) => runs.find((r) => r.run === first.run))
      .filter((r): r is ToolRun => r !== undefined);
    const wall = (r: ToolRun): number => r.measurement?.wallSeconds ?? Infinity;
    const sorted = [...same].sort((a, b) => wall(a) - wall(b));
    const median = sorted[Math.floor((sorted.length - 1) / 2)] ?? first;
    const walls = same.map((r) => wall(r).toFixed(2)).join(', ');
    return { ...median, notes: [...median.notes, `median of ${same.length} rounds; walls ${walls} s`] }; // prettier-ignore
  });
}

function skipped(tool: Tool, why: string): ToolRun {
  return {
    tool,
    run: 'full build',
    measurement: null,
    problem: why,
    reportedWritten: null,
    observedWritten: null,
    output: null,
    notes: [],
  };
}

async function benchCount(n: number, options: Options, hugo: string | null): Promise<ToolRun[]> {
  console.log(`\n=== N = ${n.toLocaleString('en')} items ===`);
  const corpus = await ensureCorpus(n, log, options.corpusRoot ?? undefined);
  const body = corpus.bodyBytes;
  console.log(
    `corpus: ${corpus.dir} — 200 feeds (10 categories × 5 sites × 4 feeds), item HTML ` +
      `${(body.min / 1024).toFixed(1)}–${(body.max / 1024).toFixed(1)} KB (mean ${(body.mean / 1024).toFixed(1)} KB)`, // prettier-ignore
  );
  resetWorkStore(corpus);
  const wantHexo = options.tools.has('hexo') && n <= options.hexoMax;
  const wantHugo = options.tools.has('hugo') && hugo !== null;
  // Peers' inputs are made before our rebuild adds items, from the same N items (not timed).
  let hexoSite: HexoSite | null = null;
  if (wantHexo) {
    log('preparing the Hexo posts (not timed) …');
    hexoSite = prepareHexoSite(corpus);
  }
  let hugoSite: string | null = null;
  if (wantHugo) {
    log('preparing the Hugo content (not timed) …');
    hugoSite = prepareHugoSite(corpus, corpus.pristineStorePath);
  }

  const runs: ToolRun[] = [];
  if (options.tools.has('tidings')) {
    const rounds: ToolRun[][] = [];
    for (let round = 1; round <= options.rounds; round++) {
      if (options.rounds > 1) log(`  round ${round} of ${options.rounds}`);
      if (round > 1) resetWorkStore(corpus);
      // One profile is enough: made after round 1's timed builds (see runTidings).
      const cpuProfileDir = round === 1 ? options.cpuProfileDir : null;
      rounds.push(await runTidings(corpus, { ...options, cpuProfileDir, log }));
    }
    runs.push(...medianRuns(rounds));
  }
  if (hexoSite) {
    log('  hexo: full build (hexo generate) …');
    runs.push(await runHexo(hexoSite, n, { timeoutSeconds: options.timeoutSeconds, heapMb: options.hexoHeapMb, log })); // prettier-ignore
  } else if (options.tools.has('hexo')) {
    runs.push(skipped('hexo', `not run above ${options.hexoMax.toLocaleString('en')} items (--hexo-max): the issue measured Hexo 8 exhausting its default heap at 20,000 posts, and at ~10 s per 1,000 posts on this machine ${n.toLocaleString('en')} would take over 10 minutes`)); // prettier-ignore
  }
  if (hugoSite) {
    log('  hugo: full build …');
    runs.push(await runHugo(hugoSite, n, options.timeoutSeconds));
  } else if (options.tools.has('hugo')) {
    runs.push(skipped('hugo', 'no `hugo` on the PATH: install Debian\'s package (apt-get install -y hugo) to compare with it')); // prettier-ignore
  }
  console.log('');
  printRuns(runs);
  printVerdicts(n, runs);
  return runs;
}

async function main(): Promise<number> {
  let options: Options | null;
  try {
    options = readOptions(process.argv.slice(2));
  } catch (error) {
    console.error(`bench:build: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (options === null) {
    console.log(USAGE);
    return 0;
  }
  if (options.corpusRoot) linkPeerModules(options.corpusRoot);
  const hugo = options.tools.has('hugo') ? hugoVersion() : null;
  const hugoLine = options.tools.has('hugo')
    ? (hugo ?? 'Hugo: not installed')
    : 'Hugo: not run (--only)';
  console.log(
    `bench:build — ${new Date().toISOString()}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ` +
      `${(totalmem() / 2 ** 30).toFixed(0)} GB RAM, Node ${process.version}, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`, // prettier-ignore
  );
  console.log(`Hexo 8.1.2 (hexo-cli 4.3.2); ${hugoLine}`);
  let failed = false;
  try {
    for (const n of options.counts) {
      const runs = await benchCount(n, options, hugo);
      // A peer skipped on purpose is not a failure; a build that ran and failed is.
      failed ||= runs.some((r) => r.measurement !== null && r.problem !== null);
    }
  } finally {
    // Old outputs are deleted only now that nothing is timed (see set-aside.ts).
    log('deleting the outputs set aside (not timed) …');
    emptySetAside();
  }
  console.log(
    `\nload average at the end: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  return failed ? 1 : 0;
}

process.exitCode = await main();

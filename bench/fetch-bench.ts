import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { median } from './median.js';

/**
 * `npm run bench:fetch`: the real CLI (`tidings update --force --json --no-build`, built
 * code, one process, as a user runs it) against 1,000 feeds on a loopback server that takes
 * 100 ms to produce each full answer (bench/loopback-feed-server.ts, a separate process).
 *
 * Each round: run 1 on a fresh store at concurrency 32, wall time against the ideal
 * 1,000 × 0.1 s ÷ 32 = 3.125 s (target ≤ 1.3×); run 2 on the same store, where the server
 * answers the conditional requests 304 (target ≥ 95% 304 and under a third of run 1).
 * Wall time is measured here, from spawning the CLI to its exit, so it includes Node's
 * start-up, loading the config and opening the store; peak RSS is the CLI's
 * "Maximum resident set size" from GNU time (`/usr/bin/time -v`).
 *
 * `BENCH_BASELINE_CLI=/path/to/other/dist/cli/main.js` adds a peer: another build of Tidings
 * (an older commit, say) does a run 1 on its own fresh store in every round, right after
 * ours (before ours in even rounds), and the ratios ours ÷ baseline are printed. On a machine
 * shared with other work, that ratio says more than either wall time.
 */

const FEEDS = Number(process.env.BENCH_FEEDS ?? 1000);
const ITEMS = 10;
const DELAY_MS = 100;
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const TARGET_RATIO = 1.3;
const TARGET_304_SHARE = 0.95;
const TARGET_SECOND_RUN_SHARE = 1 / 3;

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = join(root, 'dist/cli/main.js');
const serverScript = join(root, 'bench/loopback-feed-server.ts');
const GNU_TIME = '/usr/bin/time';
const BASELINE_CLI = process.env.BENCH_BASELINE_CLI ?? null;

interface ServerStats {
  firstRequestAt: number | null;
  lastAnswerAt: number | null;
  fullBusyMs: number;
  requests: number;
  full: number;
  notModified: number;
  other: number;
  maxInFlight: number;
  conditional: number;
}

/**
 * Where a run's wall time went, in seconds, by the clocks of the bench and of the server (one
 * machine): what happens before the first request and after the last answer is ours alone.
 */
interface Phases {
  /** Spawning the CLI to its `start` event: Node, the config, the store. */
  toStart: number;
  /** `start` to the first request the server saw. */
  toFirstRequest: number;
  /** The first request to the last answer sent. */
  span: number;
  /** Full answers in flight on average over the span (at most the concurrency). */
  meanInFlight: number;
  /** The last answer sent to the `summary` event: the last feeds prepared and stored. */
  drain: number;
  /** `summary` to the exit. */
  exit: number;
}

interface RunResult {
  wallSeconds: number;
  phases: Phases | null;
  /** From the CLI's `start` event to its `summary` event, as seen on its stdout. */
  fetchSeconds: number;
  peakRssKb: number | null;
  /** 1-minute load average when the run started: other work on the machine skews the times. */
  loadBefore: number;
  /** User + system CPU time of the CLI process (GNU time). */
  cpuSeconds: number | null;
  exitCode: number | null;
  statuses: Record<string, number>;
  failures: string[];
  summary: Record<string, unknown> | null;
  server: ServerStats;
}

async function main(): Promise<void> {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run npm run build first`);
  const hasGnuTime = existsSync(GNU_TIME);
  if (!hasGnuTime)
    console.warn(`${GNU_TIME} not found (Debian package "time"): peak RSS will not be measured`);

  const workDir = await mkdtemp(join(tmpdir(), 'tidings-fetch-bench-'));
  const server = await startServer();
  try {
    console.log(
      `fetch bench: ${FEEDS} feeds × ${ITEMS} items, ${DELAY_MS} ms per full answer, ` +
        `concurrency ${CONCURRENCY}, ${ROUNDS} round(s)`,
    );
    console.log(
      `machine: ${cpus().length} CPUs, ${cpus()[0]?.model ?? '?'}, Node ${process.version}\n`,
    );
    const ideal = (FEEDS * DELAY_MS) / 1000 / CONCURRENCY;
    if (BASELINE_CLI !== null && !existsSync(BASELINE_CLI))
      throw new Error(`BENCH_BASELINE_CLI: ${BASELINE_CLI} does not exist`);
    const rounds: { first: RunResult; second: RunResult; baseline: RunResult | null }[] = [];
    let correct = true;
    for (let round = 1; round <= ROUNDS; round++) {
      const dir = join(workDir, `round-${round}`);
      await mkdir(dir, { recursive: true });
      const configPath = join(dir, 'tidings.json');
      await writeFile(configPath, JSON.stringify(benchConfig(server.port), null, 1));

      const runBaseline = async (): Promise<RunResult | null> => {
        if (BASELINE_CLI === null) return null;
        const baseDir = join(workDir, `round-${round}-baseline`);
        await mkdir(baseDir, { recursive: true });
        const baseConfig = join(baseDir, 'tidings.json');
        await writeFile(baseConfig, JSON.stringify(benchConfig(server.port), null, 1));
        const run = await runUpdate(baseConfig, server.port, hasGnuTime, BASELINE_CLI);
        correct = checkFirstRun(run, join(baseDir, 'tidings.db')) && correct;
        return run;
      };
      let baseline = round % 2 === 0 ? await runBaseline() : null;
      const first = await runUpdate(configPath, server.port, hasGnuTime);
      correct = checkFirstRun(first, join(dir, 'tidings.db')) && correct;
      const second = await runUpdate(configPath, server.port, hasGnuTime);
      correct = checkSecondRun(second, join(dir, 'tidings.db')) && correct;
      if (round % 2 === 1) baseline = await runBaseline();
      rounds.push({ first, second, baseline });
      console.log(
        `round ${round}: run 1 ${first.wallSeconds.toFixed(3)} s, ` +
          `run 2 ${second.wallSeconds.toFixed(3)} s` +
          (baseline ? `, baseline run 1 ${baseline.wallSeconds.toFixed(3)} s` : ''),
      );
    }
    report(rounds, ideal, hasGnuTime);
    if (!correct) {
      console.error('\nA correctness check failed (see above): the timings do not count.');
      process.exitCode = 1;
    }
  } finally {
    server.child.kill('SIGTERM');
    await rm(workDir, { recursive: true, force: true });
  }
}

function benchConfig(port: number) {
  const perSite = 100;
  const sites = Array.from({ length: Math.ceil(FEEDS / perSite) }, (_, s) => ({
    name: `Site ${s}`,
    feeds: Array.from({ length: Math.min(perSite, FEEDS - s * perSite) }, (_, f) => {
      const n = s * perSite + f;
      return { name: `Feed ${n}`, url: `http://127.0.0.1:${port}/feed/${n}.xml` };
    }),
  }));
  return {
    site: { title: 'Fetch bench' },
    store: 'tidings.db',
    fetch: { concurrency: CONCURRENCY, perHost: CONCURRENCY },
    sources: [{ category: 'Bench', sites }],
  };
}

async function startServer(): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', serverScript], {
    cwd: root,
    env: {
      ...process.env,
      BENCH_FEEDS: String(FEEDS),
      BENCH_ITEMS: String(ITEMS),
      BENCH_DELAY_MS: String(DELAY_MS),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! });
  for await (const line of lines) {
    const { port } = JSON.parse(line) as { port: number };
    return { child, port };
  }
  throw new Error('the loopback feed server exited before listening');
}

async function serverStats(port: number, reset: boolean): Promise<ServerStats> {
  const response = await fetch(`http://127.0.0.1:${port}/__stats${reset ? '?reset=1' : ''}`);
  return (await response.json()) as ServerStats;
}

async function runUpdate(
  configPath: string,
  port: number,
  gnuTime: boolean,
  program: string = cli,
): Promise<RunResult> {
  await serverStats(port, true);
  const args = [program, 'update', '--config', configPath, '--force', '--json', '--no-build'];
  const command = gnuTime ? GNU_TIME : process.execPath;
  const commandArgs = gnuTime ? ['-v', process.execPath, ...args] : args;
  // The config cache (src/cli/config-cache.ts) goes to the bench's folder, not the user's home.
  // Every run 1 reads a config at a new path, so it misses: the timings are a first run's.
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NO_COLOR: '1',
    XDG_CACHE_HOME: join(dirname(configPath), 'cache'),
  };
  delete env.NODE_OPTIONS;

  const loadBefore = loadavg()[0]!;
  const started = performance.now();
  const clock = (at: number) => performance.timeOrigin + at;
  const child = spawn(command, commandArgs, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));

  const statuses: Record<string, number> = {};
  const failures: string[] = [];
  let startAt = started;
  let summaryAt = started;
  let summary: Record<string, unknown> | null = null;
  for await (const line of createInterface({ input: child.stdout! })) {
    const event = JSON.parse(line) as Record<string, unknown>;
    if (event.event === 'start') startAt = performance.now();
    else if (event.event === 'summary') {
      summaryAt = performance.now();
      summary = event;
    } else if (event.event === 'feed') {
      const status = String(event.status);
      statuses[status] = (statuses[status] ?? 0) + 1;
      if (status === 'failed') failures.push(`${String(event.feed)}: ${String(event.error)}`);
    }
  }
  const exitCode = await exited;
  const endedAt = performance.now();
  const wallSeconds = (endedAt - started) / 1000;
  const server = await serverStats(port, false);
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
  const cpu = ['User', 'System'].map((kind) =>
    Number(new RegExp(`${kind} time \\(seconds\\): ([\\d.]+)`).exec(stderr)?.[1] ?? NaN),
  );
  const cliStderr = stderr.split(/^\s*Command being timed:/m)[0]!.trim();
  if (cliStderr) console.error(`tidings stderr:\n${cliStderr}`);
  const { firstRequestAt: first, lastAnswerAt: last } = server;
  const phases: Phases | null =
    first === null || last === null || last <= first
      ? null
      : {
          toStart: (startAt - started) / 1000,
          toFirstRequest: (first - clock(startAt)) / 1000,
          span: (last - first) / 1000,
          meanInFlight: server.fullBusyMs / (last - first),
          drain: (clock(summaryAt) - last) / 1000,
          exit: (endedAt - summaryAt) / 1000,
        };
  return {
    wallSeconds,
    phases,
    fetchSeconds: (summaryAt - startAt) / 1000,
    peakRssKb: rss ? Number(rss[1]) : null,
    loadBefore,
    cpuSeconds: gnuTime ? cpu[0]! + cpu[1]! : null,
    exitCode,
    statuses,
    failures,
    summary,
    server,
  };
}

function check(ok: boolean, message: string): boolean {
  if (!ok) console.error(`CHECK FAILED: ${message}`);
  return ok;
}

function checkFirstRun(run: RunResult, dbPath: string): boolean {
  const db = new Database(dbPath, { readonly: true });
  try {
    const feeds = db
      .prepare<[], { n: number; ok: number; withEtag: number }>(
        `SELECT count(*) AS n, count(last_success_at) AS ok, count(etag) AS withEtag FROM feeds`,
      )
      .get()!;
    const items = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM items').get()!.n;
    return [
      check(run.exitCode === 0, `run 1 exit code ${run.exitCode}`),
      check(
        run.statuses.ok === FEEDS,
        `run 1: ${run.statuses.ok ?? 0} of ${FEEDS} feeds ok; failures: ${run.failures.slice(0, 5).join('; ')}`,
      ),
      check(run.server.full === FEEDS, `run 1: the server sent ${run.server.full} full answers`),
      check(
        feeds.n === FEEDS && feeds.ok === FEEDS && feeds.withEtag === FEEDS,
        `store after run 1: ${feeds.n} feeds, ${feeds.ok} with a success, ${feeds.withEtag} with an ETag`,
      ),
      check(items === FEEDS * ITEMS, `store after run 1: ${items} items, not ${FEEDS * ITEMS}`),
    ].every(Boolean);
  } finally {
    db.close();
  }
}

function checkSecondRun(run: RunResult, dbPath: string): boolean {
  const db = new Database(dbPath, { readonly: true });
  try {
    const items = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM items').get()!.n;
    return [
      check(run.exitCode === 0, `run 2 exit code ${run.exitCode}`),
      check(
        (run.statuses.failed ?? 0) === 0,
        `run 2: failures: ${run.failures.slice(0, 5).join('; ')}`,
      ),
      check(items === FEEDS * ITEMS, `store after run 2: ${items} items, not ${FEEDS * ITEMS}`),
    ].every(Boolean);
  } finally {
    db.close();
  }
}

function report(
  rounds: { first: RunResult; second: RunResult; baseline: RunResult | null }[],
  ideal: number,
  gnuTime: boolean,
): void {
  const mb = (kb: number | null) => (kb === null ? 'n/a' : `${(kb / 1024).toFixed(1)} MB`);
  const label = ['fresh store', 'conditional', 'baseline, fresh store'];
  const rows = rounds.flatMap(({ first, second, baseline }, i) =>
    [first, second, ...(baseline ? [baseline] : [])].map((run, r) => ({
      run: `${i + 1}.${r + 1} ${label[r]}`,
      wall: `${run.wallSeconds.toFixed(3)} s`,
      'start→summary': `${run.fetchSeconds.toFixed(3)} s`,
      // spawn→start | start→1st request | span (mean in flight) | last answer→summary | →exit
      phases: run.phases
        ? [
            run.phases.toStart,
            run.phases.toFirstRequest,
            `${run.phases.span.toFixed(3)} (${run.phases.meanInFlight.toFixed(1)})`,
            run.phases.drain,
            run.phases.exit,
          ]
            .map((v) => (typeof v === 'number' ? v.toFixed(3) : v))
            .join(' | ')
        : 'n/a',
      ok: run.statuses.ok ?? 0,
      '304': run.statuses['not-modified'] ?? 0,
      failed: run.statuses.failed ?? 0,
      'server 200/304': `${run.server.full}/${run.server.notModified}`,
      'max in flight': run.server.maxInFlight,
      'CPU (user+sys)': run.cpuSeconds === null ? 'n/a' : `${run.cpuSeconds.toFixed(2)} s`,
      'peak RSS': mb(run.peakRssKb),
      load: run.loadBefore.toFixed(1),
    })),
  );
  console.log();
  console.table(rows);
  console.log(
    'phases (s): spawn→start | start→first request | first request→last answer (full answers ' +
      'in flight on average) | last answer→summary | summary→exit',
  );

  const firstWall = median(rounds.map((r) => r.first.wallSeconds));
  const secondWall = median(rounds.map((r) => r.second.wallSeconds));
  const firstFetch = median(rounds.map((r) => r.first.fetchSeconds));
  const ratio = firstWall / ideal;
  const share304 = Math.min(...rounds.map((r) => (r.second.statuses['not-modified'] ?? 0) / FEEDS));
  const secondShare = secondWall / firstWall;
  const peak = (runs: RunResult[]) =>
    gnuTime ? Math.max(...runs.map((run) => run.peakRssKb ?? 0)) : null;
  const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');

  console.log(`\nmedians over ${rounds.length} round(s):`);
  console.log(
    `  ideal                 ${ideal.toFixed(3)} s  (${FEEDS} × ${DELAY_MS / 1000} s ÷ ${CONCURRENCY})`,
  );
  console.log(
    `  run 1 wall            ${firstWall.toFixed(3)} s  = ${ratio.toFixed(3)}× ideal ` +
      `(target ≤ ${TARGET_RATIO}×: ${verdict(ratio <= TARGET_RATIO)}); ` +
      `start→summary ${firstFetch.toFixed(3)} s = ${(firstFetch / ideal).toFixed(3)}×`,
  );
  console.log(
    `  run 2 wall            ${secondWall.toFixed(3)} s  = ${(secondShare * 100).toFixed(1)}% of run 1 ` +
      `(target < 33.3%: ${verdict(secondShare < TARGET_SECOND_RUN_SHARE)})`,
  );
  console.log(
    `  run 2 answered 304    ${(share304 * 100).toFixed(1)}% (lowest round; target ≥ ${TARGET_304_SHARE * 100}%: ` +
      `${verdict(share304 >= TARGET_304_SHARE)})`,
  );
  const baselines = rounds.flatMap((r) =>
    r.baseline ? [{ ours: r.first, base: r.baseline }] : [],
  );
  if (baselines.length > 0) {
    const wallRatio = median(baselines.map((b) => b.ours.wallSeconds / b.base.wallSeconds));
    const cpu = baselines.filter((b) => b.ours.cpuSeconds !== null && b.base.cpuSeconds !== null);
    const cpuRatio = cpu.length
      ? median(cpu.map((b) => b.ours.cpuSeconds! / b.base.cpuSeconds!)).toFixed(3)
      : 'n/a';
    console.log(
      `  vs baseline (run 1)   wall ${wallRatio.toFixed(3)}×, CPU ${cpuRatio}× ` +
        `(median of per-round ratios ours ÷ ${BASELINE_CLI})`,
    );
  }
  console.log(
    `  peak RSS (max)        run 1 ${mb(peak(rounds.map((r) => r.first)))}, ` +
      `run 2 ${mb(peak(rounds.map((r) => r.second)))}`,
  );
}

await main();

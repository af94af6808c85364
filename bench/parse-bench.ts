import { execFileSync } from 'node:child_process';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FEED_SIZES, writeAllFeeds, type GeneratedFeed } from './generate-feeds.js';
import { loadPeers, loadTokenizerFloor, type Contender, type FeedKind } from './peers.js';

/**
 * `npm run bench:parse`: our parseFeed against feedsmith, rss-parser and
 * @extractus/feed-extractor, in one process on the same bytes, with a bare htmlparser2
 * tokenizer pass as the floor, then our peak memory on each 25 MB feed in a child process.
 * Every contender is first checked for the right item count and first title; a wrong
 * one is reported as wrong and not timed.
 */

type ParseFeed = typeof import('../src/index.js').parseFeed;

const here = fileURLToPath(new URL('.', import.meta.url));
const distEntry = new URL('../dist/index.js', import.meta.url).href;

/** Enough runs for a stable median without making the 25 MB round take minutes. */
function runsFor(bytes: number): { warmup: number; runs: number } {
  if (bytes < 500_000) return { warmup: 20, runs: 41 };
  if (bytes < 5_000_000) return { warmup: 5, runs: 15 };
  return { warmup: 1, runs: 5 };
}

/**
 * Times every task the same number of times, round-robin (one run of each, then the next
 * round), and returns each task's median. The machine is shared: interleaving makes a
 * burst of someone else's load fall on all rows alike, so the ratios stay meaningful even
 * when the MB/s figures do not.
 */
async function interleavedMedians(
  tasks: (() => unknown)[],
  plan: { warmup: number; runs: number },
): Promise<number[]> {
  for (let i = 0; i < plan.warmup; i++) for (const task of tasks) await task();
  const times: number[][] = tasks.map(() => []);
  for (let i = 0; i < plan.runs; i++) {
    for (const [k, task] of tasks.entries()) {
      const start = process.hrtime.bigint();
      await task();
      times[k]?.push(Number(process.hrtime.bigint() - start) / 1e9);
    }
  }
  return times.map((list) => {
    list.sort((x, y) => x - y);
    return list[Math.floor(list.length / 2)] as number;
  });
}

interface Row {
  name: string;
  input: string;
  seconds: number | null;
  note: string;
}

function normalizeTitle(title: string | null): string {
  return (title ?? '').replace(/\s+/g, ' ').trim();
}

const pad = (text: string, width: number): string => text.padEnd(width);
const num = (value: number, digits = 1): string => value.toFixed(digits).padStart(9);

function printTable(feed: GeneratedFeed, sizeLabel: string, rows: Row[]): void {
  const mb = feed.bytes.length / 1e6;
  const ours = rows[0]?.seconds ?? null;
  console.log(`\n${feed.format} ${sizeLabel} (${mb.toFixed(2)} MB, ${feed.items} items)`);
  console.log(
    `  ${pad('parser', 40)}${pad('given', 32)}${'MB/s'.padStart(9)}${'items/s'.padStart(11)}${'ours ×'.padStart(9)}`,
  );
  for (const row of rows) {
    if (row.seconds === null) {
      console.log(`  ${pad(row.name, 40)}${pad(row.input, 32)}${row.note}`);
      continue;
    }
    const speedup = ours === null ? '' : num(row.seconds / ours, 2);
    console.log(
      `  ${pad(row.name, 40)}${pad(row.input, 32)}${num(mb / row.seconds)}${num(feed.items / row.seconds, 0).padStart(11)}${speedup}`,
    );
  }
}

async function benchFeed(
  feed: GeneratedFeed,
  contenders: Contender[],
  floor: (text: string) => void,
): Promise<Row[]> {
  const kind: FeedKind = feed.format === 'json' ? 'json' : 'xml';
  const plan = runsFor(feed.bytes.length);
  const rows: Row[] = [];
  const timed: { row: Row; task: () => unknown }[] = [];
  for (const contender of contenders) {
    const row: Row = { name: contender.name, input: contender.input, seconds: null, note: '' };
    rows.push(row);
    if (!contender.supports(kind)) {
      row.note = 'n/a (no JSON Feed)';
      continue;
    }
    let check;
    try {
      check = await contender.parse(feed.bytes, kind);
    } catch (error) {
      row.note = `WRONG: threw ${(error as Error).message}`;
      continue;
    }
    if (check.items !== feed.items || normalizeTitle(check.firstTitle) !== feed.firstTitle) {
      row.note = `WRONG: ${check.items} items, first title ${JSON.stringify(check.firstTitle)}`;
      continue;
    }
    timed.push({ row, task: () => contender.parse(feed.bytes, kind) });
  }
  // The floor starts from the same bytes as every other row (decode + bare tokenizer);
  // the tokenizer alone, on a string decoded beforehand, is shown under it.
  const decode = (): string => Buffer.from(feed.bytes).toString('utf8');
  const text = decode();
  const extra = (name: string, input: string, task: () => unknown): void => {
    const row: Row = { name, input, seconds: null, note: '' };
    rows.push(row);
    timed.push({ row, task });
  };
  extra('floor: htmlparser2 Parser, no handlers', 'Uint8Array (utf-8 decode timed)', () =>
    floor(decode()),
  );
  extra('  same, tokenizer alone', 'string (decode not timed)', () => floor(text));
  if (kind === 'json') {
    extra('floor: JSON.parse', 'Uint8Array (utf-8 decode timed)', () => JSON.parse(decode()));
    extra('  JSON.parse alone', 'string (decode not timed)', () => JSON.parse(text));
  }
  extra('  utf-8 decode alone', 'Uint8Array', decode);
  const medians = await interleavedMedians(
    timed.map((entry) => entry.task),
    plan,
  );
  timed.forEach((entry, k) => (entry.row.seconds = medians[k] ?? null));
  return rows;
}

interface MemoryReport {
  bytes: number;
  items: number;
  baselineKb: number;
  peakKb: number;
}

function measurePeakRss(path: string): MemoryReport {
  const out = execFileSync(process.execPath, [join(here, 'measure-peak-rss.mjs'), path], {
    encoding: 'utf8',
  });
  return JSON.parse(out) as MemoryReport;
}

/**
 * Separate children measuring the same parse: the peak moves by a few MB from run to run (when
 * V8's collections happen to fall), so one sample can land either side of a target.
 */
const MEMORY_RUNS = 5;

async function main(): Promise<void> {
  const { parseFeed } = (await import(distEntry)) as { parseFeed: ParseFeed };
  const ours: Contender = {
    name: 'tidings parseFeed',
    input: 'Uint8Array (decodes itself)',
    supports: () => true,
    parse(bytes) {
      const feed = parseFeed(bytes);
      return { items: feed.items.length, firstTitle: feed.items[0]?.title ?? null };
    },
  };
  const contenders = [ours, ...(await loadPeers())];
  const floor = await loadTokenizerFloor();

  console.log(
    `Node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model ?? 'unknown'}); ` +
      `median of runs interleaved round-robin across the rows, after warm-up`,
  );
  console.log('"ours ×" = this row\'s time ÷ ours (above 1: we are that many times faster).');

  // Optional filters for quick runs while optimising: `-- 1MB rss-cdata` (sizes, formats).
  const only = process.argv.slice(2);
  const wanted = (label: string, format: string): boolean =>
    (!only.some((a) => /^\d+[KM]B$/.test(a)) || only.includes(label)) &&
    (!only.some((a) => !/^\d+[KM]B$/.test(a)) || only.includes(format));
  const feeds = writeAllFeeds().filter((f) => wanted(f.sizeLabel, f.feed.format));
  const targets: string[] = [];
  for (const size of FEED_SIZES) {
    for (const { feed, sizeLabel } of feeds.filter((f) => f.sizeLabel === size.label)) {
      const rows = await benchFeed(feed, contenders, floor);
      printTable(feed, sizeLabel, rows);
      if (sizeLabel === '100KB') continue;
      const ourTime = rows[0]?.seconds;
      const feedsmith = rows.find((row) => row.name === 'feedsmith')?.seconds;
      const bare = rows.find((row) => row.name.startsWith('floor: htmlparser2'))?.seconds;
      const tokenizerAlone = rows.find((row) => row.name.includes('tokenizer alone'))?.seconds;
      if (ourTime && feedsmith && bare && tokenizerAlone) {
        const vsFeedsmith = feedsmith / ourTime;
        const vsFloor = ourTime / bare;
        const vsTokenizer = ourTime / tokenizerAlone;
        targets.push(
          `${pad(`${feed.format} ${sizeLabel}`, 20)} ≥2× feedsmith: ${vsFeedsmith.toFixed(2)}× ${vsFeedsmith >= 2 ? 'met' : 'NOT met'}` +
            `   ≤2× floor: ${vsFloor.toFixed(2)}× ${vsFloor <= 2 ? 'met' : 'NOT met'}` +
            ` (vs tokenizer alone: ${vsTokenizer.toFixed(2)}×)`,
        );
      } else {
        targets.push(`${feed.format} ${sizeLabel}: could not compare (a row is missing or wrong)`);
      }
    }
  }

  console.log(
    `\nPeak RSS of our parse, 25 MB feeds (${MEMORY_RUNS} separate child processes each, kernel VmHWM):`,
  );
  for (const { path, feed } of feeds.filter((f) => f.sizeLabel === '25MB')) {
    const grownOf = (r: MemoryReport): number => ((r.peakKb - r.baselineKb) * 1024) / 1e6;
    const reports = Array.from({ length: MEMORY_RUNS }, () => measurePeakRss(path));
    reports.sort((x, y) => grownOf(x) - grownOf(y));
    const report = reports[Math.floor((reports.length - 1) / 2)]!;
    const fileMb = report.bytes / 1e6;
    const peakMb = (report.peakKb * 1024) / 1e6;
    const grownMb = grownOf(report);
    const maxMb = grownOf(reports[reports.length - 1]!);
    const verdict = maxMb < 4 * fileMb ? 'met' : grownMb < 4 * fileMb ? 'met by the median only' : 'NOT met'; // prettier-ignore
    const line =
      `${pad(feed.format, 14)} file ${fileMb.toFixed(1)} MB; median of ${MEMORY_RUNS} runs: peak ${peakMb.toFixed(1)} MB ` + // prettier-ignore
      `(${(peakMb / fileMb).toFixed(2)}×), of which ${grownMb.toFixed(1)} MB above the process ` +
      `baseline (${(grownMb / fileMb).toFixed(2)}× file; highest run ${(maxMb / fileMb).toFixed(2)}×) → < 4× ${verdict}`; // prettier-ignore
    console.log(`  ${line}`);
    targets.push(`RSS ${line}`);
  }

  console.log('\nTargets:');
  for (const line of targets) console.log(`  ${line}`);
}

await main();

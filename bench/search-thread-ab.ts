import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { ensureCorpus } from './generate-corpus.js';

/**
 * Same-run A/B of the search index thread's work in a full build, without the rest of the
 * build: `node --import tsx bench/search-thread-ab.ts --base OLD_DIST [--items N] [--rounds R]`
 * runs search-thread-run.mjs, a fresh process each time (the thread runs its code once, cold),
 * alternately with OLD_DIST (a copy of an earlier `dist/` whose folder finds node_modules) and
 * this tree's `dist/`, on the bench corpus's store, and prints the medians of the CPU time of
 * reading the texts, indexing them and encoding the shards. In a full build both cores are
 * busy, so the thread's CPU is what it can save; this measures it apart from the other
 * threads' (a build's profile counts a thread's samples also while it waits for a core).
 * Exits 1 if the two builds' shards differ.
 */

const here = dirname(fileURLToPath(import.meta.url));

const { values } = parseArgs({
  options: { base: { type: 'string' }, items: { type: 'string' }, rounds: { type: 'string' } },
});
if (!values.base) {
  console.error('Usage: node --import tsx bench/search-thread-ab.ts --base OLD_DIST [--items N] [--rounds R]'); // prettier-ignore
  process.exit(2);
}
const items = Number(values.items ?? '10000');
const rounds = Number(values.rounds ?? '8');
const corpus = await ensureCorpus(items, (line) => console.log(line));
const store = corpus.pristineStorePath;

// Documents in index order (first seen, then feed, then key), as the main thread sends them.
const db = new Database(store, { readonly: true });
const documents = db
  .prepare<[], { title: string; feed_key: string; key: string }>(
    'SELECT title, feed_key, key FROM items ORDER BY first_seen, feed_key, key',
  )
  .all()
  .map((row) => [row.title, row.feed_key, row.key]);
db.close();
const work = mkdtempSync(join(tmpdir(), 'tidings-search-thread-'));
const documentsFile = join(work, 'documents.json');
writeFileSync(documentsFile, JSON.stringify(documents));

interface Run {
  read: number;
  index: number;
  finish: number;
  total: number;
  digest: number;
}
const variants = [
  { name: 'base', dist: resolve(values.base), runs: [] as Run[] },
  { name: 'new', dist: resolve(here, '../dist'), runs: [] as Run[] },
];
console.log(`search thread A/B, ${documents.length} documents, ${rounds} rounds; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`); // prettier-ignore
for (let round = 1; round <= rounds; round++) {
  for (const variant of round % 2 === 1 ? variants : [...variants].reverse()) {
    const output = execFileSync(process.execPath, [join(here, 'search-thread-run.mjs'), variant.dist, store, documentsFile], { encoding: 'utf8' }); // prettier-ignore
    const run = JSON.parse(output) as Run;
    variant.runs.push(run);
    console.log(`round ${round} ${variant.name.padEnd(4)} read ${run.read.toFixed(0)} ms  index ${run.index.toFixed(0)} ms  finish ${run.finish.toFixed(0)} ms  total ${run.total.toFixed(0)} ms  (load ${loadavg()[0]!.toFixed(1)})`); // prettier-ignore
  }
}
rmSync(work, { recursive: true, force: true });

const median = (numbers: number[]): number => {
  const sorted = [...numbers].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
};
console.log('\nmedians (CPU ms):');
const totals: number[] = [];
for (const { name, runs } of variants) {
  const parts = (['read', 'index', 'finish', 'total'] as const).map((part) => `${part} ${median(runs.map((run) => run[part])).toFixed(0)}`); // prettier-ignore
  totals.push(median(runs.map((run) => run.total)));
  console.log(`  ${name.padEnd(4)} ${parts.join('  ')}`);
}
console.log(`  base ÷ new: total ${(totals[0]! / totals[1]!).toFixed(2)}×`);
const digests = new Set(variants.flatMap((variant) => variant.runs.map((run) => run.digest)));
console.log(digests.size === 1 ? 'shards: the same bytes in every run' : 'shards DIFFER');
process.exitCode = digests.size === 1 ? 0 : 1;

import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'; // prettier-ignore
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CLI_PATH } from './build-dist.js';
import { flushFile } from './build-tidings.js';
import { printMedians, roundLine, seconds, type Variant } from './ab-rounds.js';
import { failureReason, measureCommand, type Measurement } from './build-measure.js';
import { addNewItems, ensureCorpus } from './generate-corpus.js';

/**
 * Same-run A/B of the incremental rebuild after new items (issue 6's "rebuild after 100 new
 * items"): `node --import tsx bench/build-incremental-ab.ts --base OLD_CLI [options]`.
 *
 * Each variant (OLD_CLI, and this tree's `dist/cli/main.js`) first builds the site of the
 * corpus once in full (its own "before" site, with whatever it keeps for the next build).
 * Then each round, alternating which goes first, restores that site (a hard-link copy: the
 * builder replaces files by rename, never in place), puts the store with the new items in
 * place, and times `tidings build`. The medians of wall, user and system time are printed.
 * With --compare, the new variant's last rebuilt site is compared byte for byte (`diff -r`,
 * the manifest included) with a full build of the same store by the same CLI.
 * With --profile DIR, one more rebuild of the new variant runs under `node --cpu-prof`.
 */

const USAGE = `Usage: node --import tsx bench/build-incremental-ab.ts --base CLI [options]

  --base CLI      the other build's CLI entry point (e.g. .ab-base/dist/cli/main.js)
  --items N       corpus size (default 10000; generated on first use like bench:build)
  --new-items K   items added before the timed rebuilds (default 100)
  --rounds R      pairs of rebuilds (default 3)
  --compare       diff -r the new variant's rebuilt site with its full build of the same store
  --profile DIR   one more rebuild of the new variant under --cpu-prof, into DIR
  -h, --help      this text

Exit codes: 0 done; 1 a build failed or the outputs differ; 2 bad arguments.`;

/** "1,234 files written" in the CLI's summary line. */
const written = (stdout: string): string =>
  /([\d,]+)\s+file(?:s|\(s\))?\s+written/i.exec(stdout)?.[1] ?? '?';

/** Puts a copy of `from` in place as the store the config names, flushed to the disk. */
function placeStore(from: string, store: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(store + suffix, { force: true });
  copyFileSync(from, store);
  flushFile(store);
}

/** A hard-link copy of a site folder (`cp -al`). */
function linkCopy(from: string, to: string): void {
  rmSync(to, { recursive: true, force: true });
  const copy = spawnSync('cp', ['-al', from, to], { encoding: 'utf8' });
  if (copy.status !== 0) throw new Error(`cp -al ${from} ${to} failed: ${copy.stderr}`);
}

/**
 * What a build keeps beside its output folder (`.public…`: the fragment cache) moved to
 * `to` (a snapshot of the state after the full build) or copied back from it.
 */
function moveBeside(dir: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const name of readdirSync(dir)) {
    if (name.startsWith('.public')) renameSync(join(dir, name), join(to, name));
  }
}

function restoreBeside(from: string, dir: string): void {
  for (const name of readdirSync(dir)) {
    if (name.startsWith('.public')) rmSync(join(dir, name), { recursive: true, force: true });
  }
  for (const name of readdirSync(from)) copyFileSync(join(from, name), join(dir, name));
}

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        base: { type: 'string' },
        items: { type: 'string' },
        'new-items': { type: 'string' },
        rounds: { type: 'string' },
        compare: { type: 'boolean' },
        profile: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    console.error(`build-incremental-ab: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const items = Number(values.items ?? '10000');
  const newItems = Number(values['new-items'] ?? '100');
  const rounds = Number(values.rounds ?? '3');
  if (!values.base || ![items, newItems, rounds].every((n) => Number.isInteger(n) && n >= 1)) {
    console.error(`build-incremental-ab: --base is required; --items, --new-items and --rounds are positive whole numbers\n\n${USAGE}`); // prettier-ignore
    return 2;
  }
  const base = resolve(values.base);
  if (!existsSync(base)) {
    console.error(`build-incremental-ab: --base ${base} does not exist`);
    return 2;
  }

  const corpus = await ensureCorpus(items, (line) => console.log(line));
  const dir = join(corpus.dir, 'inc-ab');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir);
  const config = join(dir, 'tidings.yaml');
  writeFileSync(config, readFileSync(corpus.configPath));
  const store = join(dir, 'tidings.db');
  const output = join(dir, 'public');
  // The store before and after the new items, made once.
  const before = join(dir, 'before.db');
  const after = join(dir, 'after.db');
  copyFileSync(corpus.pristineStorePath, before);
  copyFileSync(corpus.pristineStorePath, after);
  await addNewItems(corpus, after, newItems);
  for (const suffix of ['-wal', '-shm']) rmSync(after + suffix, { force: true });

  const build = (cli: string, extra: string[] = []): Promise<Measurement> =>
    measureCommand({
      command: process.execPath,
      args: [...extra, cli, 'build', '--config', config],
      cwd: dir,
      timeoutSeconds: 600,
    });

  const variants: Variant[] = [
    { name: 'base', cli: base, runs: [] },
    { name: 'new', cli: CLI_PATH, runs: [] },
  ];
  // Each variant's site before the new items: a full build of the store without them.
  for (const variant of variants) {
    placeStore(before, store);
    rmSync(output, { recursive: true, force: true });
    const run = await build(variant.cli);
    if (!run.ok) {
      console.error(`${variant.name}: full build failed: ${failureReason(run, 600)}`);
      return 1;
    }
    renameSync(output, join(dir, `before-${variant.name}`));
    moveBeside(dir, join(dir, `beside-${variant.name}`));
  }

  console.log(`A/B of rebuilds after ${newItems} new items, ${items} items, ${rounds} rounds; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`); // prettier-ignore
  for (let round = 1; round <= rounds; round++) {
    const order = round % 2 === 1 ? variants : [...variants].reverse();
    for (const variant of order) {
      placeStore(after, store);
      linkCopy(join(dir, `before-${variant.name}`), output);
      restoreBeside(join(dir, `beside-${variant.name}`), dir);
      const run = await build(variant.cli);
      if (!run.ok) {
        console.error(`${variant.name}: ${failureReason(run, 600)}`);
        return 1;
      }
      variant.runs.push(run);
      const kept = join(dir, `after-${variant.name}`);
      rmSync(kept, { recursive: true, force: true });
      renameSync(output, kept);
      console.log(roundLine(round, variant, run, `written ${written(run.stdout)}  `));
    }
  }
  printMedians(variants);

  if (values.profile) {
    const profileDir = resolve(values.profile);
    placeStore(after, store);
    linkCopy(join(dir, 'before-new'), output);
    restoreBeside(join(dir, 'beside-new'), dir);
    const run = await build(CLI_PATH, ['--cpu-prof', '--cpu-prof-dir', profileDir]);
    console.log(
      run.ok
        ? `\nprofiled rebuild: wall ${seconds(run.wallSeconds)}, profile in ${profileDir} (node --import tsx bench/build-cpu-profile.ts FILE)` // prettier-ignore
        : `\nprofiled rebuild failed: ${failureReason(run, 600)}`,
    );
  }

  let status = 0;
  if (values.compare) {
    restoreBeside(join(dir, 'beside-base'), dir); // none: a full build makes its own
    placeStore(after, store);
    rmSync(output, { recursive: true, force: true });
    const full = await build(CLI_PATH);
    if (!full.ok) {
      console.error(`new: full build of the store with the new items failed: ${failureReason(full, 600)}`); // prettier-ignore
      return 1;
    }
    const diff = spawnSync('diff', ['-r', '-q', 'public', 'after-new'], { cwd: dir, encoding: 'utf8' }); // prettier-ignore
    const lines = (diff.stdout + diff.stderr).split('\n').filter((line) => line !== '');
    if (diff.status === 0) {
      console.log('\nrebuilt site: byte-identical to a full build of the same store (diff -r, manifest included)'); // prettier-ignore
    } else {
      console.log(`\nrebuilt site DIFFERS from a full build:\n${lines.slice(0, 20).join('\n')}`);
      status = 1;
    }
  }
  return status;
}

process.exitCode = await main();

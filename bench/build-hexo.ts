import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CLI_PATH } from './build-dist.js';
import { writeLegacyHexoPosts } from './build-hexo-posts-legacy.js';
import { failureReason, measureCommand } from './build-measure.js';
import { countUnder, snapshotOutput, summarizeOutput } from './build-output-files.js';
import type { ToolRun } from './build-tool-result.js';
import type { Corpus } from './generate-corpus.js';

/**
 * Hexo 8 on the same items: the stored items as Hexo posts (by `tidings export hexo` when
 * the CLI has it, else the stopgap writer), in a copy of bench/hexo-site/, built with
 * `hexo generate` (hexo-cli, in one Node process, as the old system ran it).
 */

const here = fileURLToPath(new URL('.', import.meta.url));
const TEMPLATE = join(here, 'hexo-site');
const HEXO_CLI = join(here, 'node_modules', 'hexo-cli', 'bin', 'hexo');
/** What the old system's users had to give Hexo (`--max_old_space_size=8000`). */
export const BIG_HEAP_MB = 8000;

function cliHasHexoExport(): boolean {
  const probe = spawnSync(process.execPath, [CLI_PATH, 'export', 'hexo', '--help'], {
    encoding: 'utf8',
  });
  // An unknown command's --help prints the top-level help and exits 0: look for its usage line.
  return probe.status === 0 && /^Usage: \S+ export hexo\b/m.test(probe.stdout);
}

export interface HexoSite {
  dir: string;
  postsFrom: string;
}

/** A fresh Hexo site in `<corpus>/hexo` holding the items of `storePath` as posts. */
export function prepareHexoSite(corpus: Corpus, storePath: string): HexoSite {
  const dir = join(corpus.dir, 'hexo');
  rmSync(dir, { recursive: true, force: true });
  cpSync(TEMPLATE, dir, { recursive: true });
  const posts = join(dir, 'source', '_posts');
  if (cliHasHexoExport()) {
    const out = join(corpus.dir, 'hexo-export');
    rmSync(out, { recursive: true, force: true });
    const result = spawnSync(
      process.execPath,
      [CLI_PATH, 'export', 'hexo', '--config', corpus.configPath, '--out', out],
      { encoding: 'utf8' },
    );
    if (result.status !== 0) {
      throw new Error(
        `tidings export hexo failed (exit ${result.status}): ${result.stderr.trim()}`,
      );
    }
    // The export writes either a site folder (source/_posts/…) or the posts folder itself.
    const exported = existsSync(join(out, 'source', '_posts'))
      ? join(out, 'source', '_posts')
      : out;
    mkdirSync(join(dir, 'source'), { recursive: true });
    renameSync(exported, posts);
    rmSync(out, { recursive: true, force: true });
    return { dir, postsFrom: 'posts by `tidings export hexo`' };
  }
  writeLegacyHexoPosts(storePath, posts);
  return {
    dir,
    postsFrom:
      'posts by the stopgap writer (bench/build-hexo-posts-legacy.ts): `tidings export hexo` is not on this branch yet',
  };
}

export interface HexoOptions {
  timeoutSeconds: number;
  /** --max-old-space-size for Hexo; null = Node's default heap, retried with 8 GB if it runs out. */
  heapMb: number | null;
  log: (line: string) => void;
}

async function generate(site: HexoSite, heapMb: number | null, timeoutSeconds: number) {
  rmSync(join(site.dir, 'public'), { recursive: true, force: true });
  rmSync(join(site.dir, 'db.json'), { force: true }); // Hexo's cache: a full build starts without it
  const heap = heapMb === null ? [] : [`--max-old-space-size=${heapMb}`];
  return measureCommand({
    command: process.execPath,
    args: [...heap, HEXO_CLI, 'generate', '--cwd', site.dir],
    cwd: site.dir,
    timeoutSeconds,
  });
}

export async function runHexo(
  site: HexoSite,
  expectedItems: number,
  options: HexoOptions,
): Promise<ToolRun> {
  const notes = [site.postsFrom];
  let heapMb = options.heapMb;
  notes.push(heapMb === null ? 'default Node heap' : `heap --max-old-space-size=${heapMb}`);
  let measurement = await generate(site, heapMb, options.timeoutSeconds);
  if (!measurement.ok && heapMb === null && /heap/.test(failureReason(measurement, 0))) {
    options.log(
      `  Hexo ran out of its default heap; again with --max-old-space-size=${BIG_HEAP_MB}`,
    );
    notes.push(`ran out of the default heap after ${measurement.wallSeconds.toFixed(1)} s; retried with --max-old-space-size=${BIG_HEAP_MB}`); // prettier-ignore
    heapMb = BIG_HEAP_MB;
    measurement = await generate(site, heapMb, options.timeoutSeconds);
  }
  const snapshot = measurement.ok ? snapshotOutput(join(site.dir, 'public')) : null;
  const output = snapshot ? summarizeOutput(snapshot) : null;
  // Every item must have its page (p/…): a peer that silently drops posts is not faster.
  const itemPages = snapshot ? countUnder(snapshot, 'p') : 0;
  const missing =
    snapshot && itemPages < expectedItems
      ? `only ${itemPages} item pages for ${expectedItems} items`
      : null;
  return {
    tool: 'hexo',
    run: 'full build',
    measurement,
    problem: measurement.ok ? missing : failureReason(measurement, options.timeoutSeconds),
    reportedWritten: null,
    observedWritten: output?.files ?? null,
    output,
    notes,
  };
}

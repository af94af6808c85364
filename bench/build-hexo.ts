import { spawnSync } from 'node:child_process';
import { cpSync, rmSync } from 'node:fs';
import { setAside } from './set-aside.js';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CLI_PATH } from './build-dist.js';
import { failureReason, measureCommand } from './build-measure.js';
import { peerFullBuild } from './build-peer-run.js';
import type { ToolRun } from './build-tool-result.js';
import type { Corpus } from './generate-corpus.js';

/**
 * Hexo 8 on the same items: the stored items as Hexo posts (by `tidings export hexo`), in a copy of bench/hexo-site/, built with
 * `hexo generate` (hexo-cli, in one Node process, as the old system ran it).
 */

const here = fileURLToPath(new URL('.', import.meta.url));
const TEMPLATE = join(here, 'hexo-site');
const HEXO_CLI = join(here, 'node_modules', 'hexo-cli', 'bin', 'hexo');
/** What the old system's users had to give Hexo (`--max_old_space_size=8000`). */
export const BIG_HEAP_MB = 8000;

export interface HexoSite {
  dir: string;
  postsFrom: string;
}

/** A fresh Hexo site in `<corpus>/hexo` holding the corpus's stored items as posts. */
export function prepareHexoSite(corpus: Corpus): HexoSite {
  const dir = join(corpus.dir, 'hexo');
  setAside(dir);
  cpSync(TEMPLATE, dir, { recursive: true });
  const posts = join(dir, 'source', '_posts');
  const result = spawnSync(
    process.execPath,
    [CLI_PATH, 'export', 'hexo', '--config', corpus.configPath, '--out', posts],
    { encoding: 'utf8' },
  );
  if (result.status !== 0) {
    throw new Error(`tidings export hexo failed (exit ${result.status}): ${result.stderr.trim()}`);
  }
  return { dir, postsFrom: 'posts by `tidings export hexo`' };
}

export interface HexoOptions {
  timeoutSeconds: number;
  /** --max-old-space-size for Hexo; null = Node's default heap, retried with 8 GB if it runs out. */
  heapMb: number | null;
  log: (line: string) => void;
}

async function generate(site: HexoSite, heapMb: number | null, timeoutSeconds: number) {
  setAside(join(site.dir, 'public'));
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
  return peerFullBuild('hexo', measurement, site.dir, expectedItems, options.timeoutSeconds, notes);
}

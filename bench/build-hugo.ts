import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { setAside } from './set-aside.js';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { measureCommand } from './build-measure.js';
import { peerFullBuild } from './build-peer-run.js';
import { forEachStoredPost } from './build-stored-posts.js';
import type { ToolRun } from './build-tool-result.js';
import type { Corpus } from './generate-corpus.js';

/**
 * Hugo (Debian's `hugo` package) on the same items: one `.html` content file per item
 * (YAML front matter, then the same HTML the Hexo posts carry) in a copy of
 * bench/hugo-site/, built with `hugo`.
 */

const here = fileURLToPath(new URL('.', import.meta.url));
const TEMPLATE = join(here, 'hugo-site');

/** Hugo's version line, or null when no `hugo` is on the PATH. */
export function hugoVersion(): string | null {
  const probe = spawnSync('hugo', ['version'], { encoding: 'utf8' });
  return probe.status === 0 ? probe.stdout.trim() : null;
}

/** A fresh Hugo site in `<corpus>/hugo` holding the items of `storePath` as content. */
export function prepareHugoSite(corpus: Corpus, storePath: string): string {
  const dir = join(corpus.dir, 'hugo');
  setAside(dir);
  cpSync(TEMPLATE, dir, { recursive: true });
  const content = join(dir, 'content', 'p');
  mkdirSync(content, { recursive: true });
  forEachStoredPost(storePath, (post) => {
    const name = createHash('sha1').update(`${post.feedKey}\n${post.key}`).digest('hex').slice(0, 16); // prettier-ignore
    const frontMatter = stringify({
      title: post.title,
      date: post.published ?? post.firstSeen,
      categories: [post.category, post.site, post.feed],
      ...(post.author ? { author: post.author } : {}),
    });
    writeFileSync(join(content, `${name}.html`), `---\n${frontMatter}---\n${post.sourceHtml}\n`);
  });
  return dir;
}

export async function runHugo(
  siteDir: string,
  expectedItems: number,
  timeoutSeconds: number,
): Promise<ToolRun> {
  setAside(join(siteDir, 'public'));
  setAside(join(siteDir, 'resources'));
  const measurement = await measureCommand({
    command: 'hugo',
    args: ['--source', siteDir, '--destination', join(siteDir, 'public'), '--quiet'],
    cwd: siteDir,
    timeoutSeconds,
  });
  return peerFullBuild('hugo', measurement, siteDir, expectedItems, timeoutSeconds, []);
}

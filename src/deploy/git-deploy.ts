import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { withOutputLock } from '../site/output-lock.js';
import { DeployError, git, type GitRun, redactCredentials, runGit, stopGit } from './run-git.js';

export interface GitDeployOptions {
  /** The built site folder. */
  outputDir: string;
  /** Where to push: any URL or path git accepts (https, ssh, a local bare repository). */
  repo: string;
  branch: string;
  /** Commit message; default "Site updated: <UTC time>". */
  message?: string;
  /**
   * False: the new commit has no parent and replaces the branch (a push that fails if the
   * branch moved meanwhile), so the repository holds one site, not every deploy's changes.
   * Default true.
   */
  history?: boolean;
  now?: Date;
  /**
   * How long to wait while another run holds the output folder's lock (a build moving its
   * pages in, another deploy reading them) before failing (ms); default 60 s.
   */
  lockWaitMs?: number;
  /** Told when the deploy waits for that lock, or took it over from a run that is gone. */
  onLockNotice?: (message: string) => void;
}

/** A build holds the output folder's lock for well under a second; another deploy, longer. */
export const DEPLOY_LOCK_WAIT_MS = 60_000;
const LOCK_COMMAND = 'tidings deploy git';

export interface GitDeployResult {
  /** False when the branch already held exactly these files: nothing was committed. */
  changed: boolean;
  /** The commit pushed, or the branch's current commit when nothing changed (null: none yet). */
  commit: string | null;
  added: number;
  modified: number;
  deleted: number;
}

/**
 * Publishes the output folder as one commit on `branch` of `repo` (as hexo-deployer-git
 * does), only when its files differ from the branch's. The branch's latest commit is fetched
 * alone (depth 1) into a temporary repository whose work tree is the output folder itself,
 * so nothing is copied; the new commit's parent is that commit, so the branch keeps its
 * history and the push is a fast-forward. Without history the commit has no parent and
 * replaces the branch; git still sends only the files that changed, since the old commit's
 * files are at hand. The output folder is never modified.
 */
export async function deployToGitBranch(options: GitDeployOptions): Promise<GitDeployResult> {
  const { outputDir, repo, branch } = options;
  // Git reads the output folder only while it stages it: the deploy holds the output folder's
  // lock then, never the store's, which `watch` holds for its whole life. A build moves its
  // pages in, or swaps a new site in, only holding the same lock, so the commit is one
  // build's site, whole, however the deploy and builds interleave.
  const lockWait = {
    waitMs: options.lockWaitMs ?? DEPLOY_LOCK_WAIT_MS,
    ...(options.onLockNotice ? { onNotice: options.onLockNotice } : {}),
  };
  const holdingOutput = <T>(work: () => Promise<T> | T) =>
    withOutputLock(outputDir, LOCK_COMMAND, lockWait, work);
  // A first look, before any network. It fails too in the instant a build swaps a whole new
  // site in (the old folder moved aside, then the new one in): looked at again under the lock.
  try {
    assertBuiltSite(outputDir);
  } catch (error) {
    if (!fs.existsSync(path.dirname(outputDir))) throw error; // no folder to hold a lock in
    await holdingOutput(() => assertBuiltSite(outputDir));
  }
  const check = await runGit(['check-ref-format', '--branch', branch]);
  if (check.code !== 0) throw new DeployError(`--branch ${branch}: not a valid branch name`);

  const temporary = fs.mkdtempSync(path.join(os.tmpdir(), 'tidings-deploy-'));
  const gitDir = path.join(temporary, 'git');
  const ref = `refs/heads/${branch}`;
  // Every command sees the temporary repository, with the output folder as its work tree.
  const inSite = ['--git-dir', gitDir, '--work-tree', outputDir];
  // Ctrl-C would end the process without the finally below, leaving a repository holding the
  // whole site in the temporary folder: remove it, then exit as the signal would have.
  const stop = async (signal: NodeJS.Signals) => {
    await stopGit();
    removeTemporary(temporary);
    // A push updates the branch at once or not at all (git's ref update is atomic).
    process.stderr.write(
      `tidings: stopped by ${signal}; ${branch} of ${redactCredentials(repo)} holds the ` +
        'previous site or this one, never part of one\n',
    );
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    await git('git init', ['init', '--quiet', '--bare', gitDir]);
    await git('git config', ['--git-dir', gitDir, 'config', 'core.bare', 'false']);
    // A first deploy writes thousands of loose objects, which starts git's automatic
    // housekeeping in the background: it would still be writing into this repository while
    // it is removed below. The repository lives for one deploy, so it needs none.
    await git('git config', ['--git-dir', gitDir, 'config', 'gc.auto', '0']);
    await git('git config', ['--git-dir', gitDir, 'config', 'maintenance.auto', 'false']);

    const remote = await runGit(['ls-remote', '--heads', repo, ref]);
    if (remote.code !== 0) {
      const fatal = remote.stderr.split('\n').find((line) => line.startsWith('fatal:'));
      throw new DeployError(
        `cannot reach ${repo}: ${(fatal ?? remote.stderr).replace(/^fatal:\s*/, '').trim()}`,
      );
    }
    const exists = remote.stdout.trim() !== '';
    if (exists) {
      await git(`fetching ${branch}`, [
        '--git-dir',
        gitDir,
        'fetch',
        '--quiet',
        '--depth=1',
        '--no-tags',
        repo,
        `${ref}:${ref}`,
      ]);
    }
    await git('git symbolic-ref', ['--git-dir', gitDir, 'symbolic-ref', 'HEAD', ref]);
    if (exists) await git('git read-tree', [...inSite, 'read-tree', ref]);
    await holdingOutput(async () => {
      assertBuiltSite(outputDir);
      await git('staging the site', [...inSite, 'add', '--all', '--force', '.'], {
        cwd: outputDir,
      });
    });

    const status = await git('comparing', [
      ...inSite,
      'diff',
      '--cached',
      '--name-status',
      '--no-renames',
    ]);
    const counts = { added: 0, modified: 0, deleted: 0 };
    for (const line of status.split('\n')) {
      if (line.startsWith('A')) counts.added++;
      else if (line.startsWith('D')) counts.deleted++;
      else if (line.trim() !== '') counts.modified++;
    }
    if (exists && counts.added + counts.modified + counts.deleted === 0) {
      const head = (await git('git rev-parse', ['--git-dir', gitDir, 'rev-parse', ref])).trim();
      return { changed: false, commit: head, ...counts };
    }

    const message =
      options.message ??
      `Site updated: ${(options.now ?? new Date()).toISOString().replace('T', ' ').slice(0, 19)} UTC`;
    const env = await identityEnv(gitDir);
    let commit: string;
    let push: GitRun;
    if (options.history === false) {
      const tree = (await git('git write-tree', [...inSite, 'write-tree'])).trim();
      commit = (
        await git('committing', ['--git-dir', gitDir, 'commit-tree', tree, '-m', message], { env })
      ).trim();
      // Replaces the branch only if it is still the commit fetched above (or still absent).
      const old = exists
        ? (await git('git rev-parse', ['--git-dir', gitDir, 'rev-parse', ref])).trim()
        : '';
      push = await runGit([
        '--git-dir',
        gitDir,
        'push',
        '--quiet',
        `--force-with-lease=${ref}:${old}`,
        repo,
        `${commit}:${ref}`,
      ]);
    } else {
      await git('committing', [...inSite, 'commit', '--quiet', '--no-verify', '-m', message], {
        env,
      });
      commit = (await git('git rev-parse', ['--git-dir', gitDir, 'rev-parse', ref])).trim();
      push = await runGit(['--git-dir', gitDir, 'push', '--quiet', repo, `${ref}:${ref}`]);
    }
    if (push.code !== 0) {
      throw new DeployError(
        branchMoved(push.stderr)
          ? `${branch} of ${repo} changed while publishing (someone else pushed); run the deploy again`
          : `pushing to ${repo} failed: ${pushRefusal(push.stderr)}`,
      );
    }
    return { changed: true, commit, ...counts };
  } finally {
    process.removeListener('SIGINT', stop);
    process.removeListener('SIGTERM', stop);
    removeTemporary(temporary);
  }
}

/**
 * git's own refusals of a push because the branch is no longer the commit fetched: "(fetch
 * first)" or "(non-fast-forward)" on top of it, "(stale info)" for --no-history's lease. Not
 * "[remote rejected]": that is the server refusing (a hook, a protected branch, a file over
 * GitHub's limit), which a second deploy would meet again.
 */
function branchMoved(stderr: string): boolean {
  return /^ ! \[rejected\] .*\((?:fetch first|non-fast-forward|stale info)\)$/m.test(stderr);
}

/** Why a push failed: the server's own words ("remote:" lines) and git's verdict on the ref. */
function pushRefusal(stderr: string): string {
  const lines = stderr.split('\n').map((line) => line.trim());
  const reasons = lines.filter(
    (line) =>
      (line.startsWith('remote:') && line.length > 'remote:'.length) ||
      line.startsWith('!') ||
      (/^(?:fatal|error):/.test(line) && !line.includes('failed to push some refs')),
  );
  return (reasons.length > 0 ? reasons.slice(0, 6) : lines.filter(Boolean).slice(-3)).join(' / ');
}

function removeTemporary(temporary: string): void {
  try {
    fs.rmSync(temporary, { recursive: true, force: true, maxRetries: 5 });
  } catch {
    // A temporary folder left behind is harmless; the deploy's outcome stands.
  }
}

function assertBuiltSite(outputDir: string): void {
  let entries: string[];
  try {
    entries = fs.readdirSync(outputDir);
  } catch {
    throw new DeployError(
      `${outputDir}: no built site here; run "tidings update" or "tidings build" first`,
    );
  }
  if (!entries.includes('index.html')) {
    throw new DeployError(
      `${outputDir}: has no index.html, so it is not a built site; run "tidings build" first`,
    );
  }
}

/**
 * A commit needs an author. Use the one git is configured with; where there is none (a fresh
 * CI machine), commit as "Tidings" rather than fail.
 */
async function identityEnv(gitDir: string): Promise<NodeJS.ProcessEnv> {
  const known = await runGit(['--git-dir', gitDir, 'var', 'GIT_AUTHOR_IDENT']);
  const committer = await runGit(['--git-dir', gitDir, 'var', 'GIT_COMMITTER_IDENT']);
  if (known.code === 0 && committer.code === 0) return {};
  return {
    GIT_AUTHOR_NAME: process.env['GIT_AUTHOR_NAME'] ?? 'Tidings',
    GIT_AUTHOR_EMAIL: process.env['GIT_AUTHOR_EMAIL'] ?? 'tidings@localhost',
    GIT_COMMITTER_NAME: process.env['GIT_COMMITTER_NAME'] ?? 'Tidings',
    GIT_COMMITTER_EMAIL: process.env['GIT_COMMITTER_EMAIL'] ?? 'tidings@localhost',
  };
}

import { spawnSync } from 'node:child_process';
import path from 'node:path';

/**
 * What `npm install --global` should install in the GitHub Actions workflow so that it runs
 * the Tidings that wrote it. Tidings is not on npm: a user runs it from a clone of its
 * repository (the README's way), so the workflow installs that repository at the very commit
 * in use (`github:OWNER/REPO#SHA`: the same code, and nothing a later push or a squatted npm
 * name could swap in). Null when the code here is not such a clone, or its origin is not an
 * address GitHub's runners can fetch (a local path).
 */
export interface DetectedInstall {
  spec: string;
  /** False when no remote branch holds the commit: it must be pushed before the run. */
  pushed: boolean;
}

export function detectInstall(root: string): DetectedInstall | null {
  const git = (...args: string[]): string | null => {
    const result = spawnSync('git', ['-C', root, ...args], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 10_000,
    });
    return result.status === 0 ? result.stdout.trim() : null;
  };
  const top = git('rev-parse', '--show-toplevel');
  // Tidings' own clone, not a repository it happens to sit in (node_modules of a project).
  if (top === null || path.resolve(top) !== path.resolve(root)) return null;
  const origin = git('remote', 'get-url', 'origin');
  const commit = git('rev-parse', '--verify', 'HEAD');
  if (origin === null || commit === null || !/^[0-9a-f]{40}$/.test(commit)) return null;
  const spec = npmSpecOfRemote(origin, commit);
  if (spec === null) return null;
  const holders = git('branch', '--remotes', '--contains', commit);
  return { spec, pushed: holders !== null && holders !== '' };
}

/** A git remote's address as npm's install spec at `commit`; null for a local path. */
export function npmSpecOfRemote(remote: string, commit: string): string | null {
  const github =
    /^(?:https:\/\/(?:[^@/]+@)?github\.com\/|git@github\.com:|ssh:\/\/git@github\.com\/)([\w.-]+)\/([\w.-]+?)(?:\.git)?\/?$/.exec(
      remote,
    );
  if (github) return `github:${github[1]}/${github[2]}#${commit}`;
  // Another host: npm takes git+https and git+ssh addresses (without a password in them).
  if (/^https:\/\/[^/@]+\/\S+$/.test(remote)) return `git+${remote}#${commit}`;
  if (/^ssh:\/\/\S+$/.test(remote)) return `git+${remote}#${commit}`;
  const scp = /^([\w.-]+@[\w.-]+):(\S+)$/.exec(remote);
  if (scp) return `git+ssh://${scp[1]}/${scp[2]}#${commit}`;
  return null;
}

/** The repository part of a git spec (before `#`), to tell a pin of the same repository. */
export function repositoryOf(spec: string): string {
  return spec.replace(/#.*$/, '');
}

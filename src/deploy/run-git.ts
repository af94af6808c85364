import {
  type ChildProcess,
  execFile,
  type ExecFileOptionsWithStringEncoding,
} from 'node:child_process';

/** The git processes running now, each the leader of its own process group (see runGit). */
const running = new Set<ChildProcess>();

/** A git command failed; the message says which step, with git's own words. */
export class DeployError extends Error {
  constructor(message: string) {
    super(redactCredentials(message));
    this.name = 'DeployError';
  }
}

export interface GitRun {
  stdout: string;
  stderr: string;
  code: number;
}

/**
 * Runs the system `git` with arguments (never through a shell). Resolves with the exit code
 * rather than rejecting, so callers can tell "no such branch" from "cannot reach the
 * repository"; rejects only when git cannot be started at all.
 */
export function runGit(
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<GitRun> {
  return new Promise((resolve, reject) => {
    // `detached` (passed on to spawn, missing from execFile's types): a process group of its
    // own, so stopGit ends git and what it started (pack-objects, ssh).
    const spawnOptions: ExecFileOptionsWithStringEncoding & { detached: boolean } = {
      cwd: options.cwd,
      // Never wait for a password prompt: a deploy runs unattended.
      env: { ...withoutRepositoryVariables(process.env), GIT_TERMINAL_PROMPT: '0', ...options.env },
      maxBuffer: 64 * 1024 * 1024,
      encoding: 'utf8',
      detached: true,
    };
    const child = execFile('git', args, spawnOptions, (error, stdout, stderr) => {
      running.delete(child);
      if (error && typeof error.code !== 'number') {
        reject(
          new DeployError(
            error.code === 'ENOENT'
              ? 'git is not installed (or not on PATH); tidings deploy git needs it'
              : `cannot run git: ${error.message}`,
          ),
        );
        return;
      }
      resolve({ stdout, stderr, code: error ? (error.code as number) : 0 });
    });
    running.add(child);
  });
}

/**
 * The variables with which git tells a command which repository it works in (git's own list,
 * `git rev-parse --local-env-vars`, but the config ones, which may carry credentials). A git
 * hook runs with them set for its own repository: a deploy started from one would have
 * written the site's files into that repository's index (GIT_INDEX_FILE).
 */
const REPOSITORY_VARIABLES = [
  'GIT_DIR',
  'GIT_WORK_TREE',
  'GIT_IMPLICIT_WORK_TREE',
  'GIT_INDEX_FILE',
  'GIT_OBJECT_DIRECTORY',
  'GIT_ALTERNATE_OBJECT_DIRECTORIES',
  'GIT_COMMON_DIR',
  'GIT_GRAFT_FILE',
  'GIT_SHALLOW_FILE',
  'GIT_NO_REPLACE_OBJECTS',
  'GIT_REPLACE_REF_BASE',
  'GIT_PREFIX',
  'GIT_INTERNAL_SUPER_PREFIX',
  'GIT_NAMESPACE',
];

function withoutRepositoryVariables(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const clean = { ...env };
  for (const name of REPOSITORY_VARIABLES) delete clean[name];
  return clean;
}

/**
 * Ends the git processes still running (a deploy stopped by a signal): else they go on
 * writing into the temporary repository being removed, or pushing after the stop. Resolves
 * once they have exited, or after `waitMs`.
 */
export async function stopGit(waitMs = 2000): Promise<void> {
  const exits = [...running].map((child) => {
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      child.kill('SIGTERM'); // the group is gone already; the process alone, if it is not
    }
    return exited;
  });
  await Promise.race([Promise.all(exits), new Promise((resolve) => setTimeout(resolve, waitMs))]);
}

/** Runs git and returns its stdout, or throws DeployError naming the step. */
export async function git(
  step: string,
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<string> {
  const run = await runGit(args, options);
  if (run.code !== 0) {
    const said = (run.stderr || run.stdout).trim().split('\n').slice(-3).join(' / ');
    throw new DeployError(`${step} failed: ${said || `git exited with code ${run.code}`}`);
  }
  return run.stdout;
}

/**
 * `https://user:token@host/…` → `https://***@host/…`: tokens never reach a log. Up to the
 * last `@` before the path: a password with an `@` left unencoded is hidden whole.
 */
export function redactCredentials(text: string): string {
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/)[^/\s]+@/gi, '$1***@');
}

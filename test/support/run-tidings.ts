import { execFile, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, and the built CLI that tests drive as a user would (npm test builds it). */
export const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const cli = path.join(repo, 'dist/cli/main.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `tidings …` to completion. */
export function runTidingsSync(args: string[], cwd = repo, env: NodeJS.ProcessEnv = {}): CliResult {
  const result = spawnSync(process.execPath, [cli, ...args], {
    cwd,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The same without blocking: for tests whose loopback server runs in this process. */
export function runTidings(
  args: string[],
  cwd = repo,
  env: NodeJS.ProcessEnv = {},
  timeoutMs = 60_000,
): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [cli, ...args],
      { cwd, encoding: 'utf8', timeout: timeoutMs, env: { ...process.env, ...env } },
      (error, stdout, stderr) => {
        // Killed for taking too long: say so, rather than fail as a silent exit 1.
        const killed = error && (error as { killed?: boolean }).killed;
        const note = killed ? `\n(killed by the test after ${timeoutMs / 1000} s)` : '';
        resolve({
          code: error ? ((error as { code?: number }).code ?? 1) : 0,
          stdout,
          stderr: stderr + note,
        });
      },
    );
  });
}

import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { cli } from '../support/run-tidings.js';

/** A JSON event of `tidings watch --json`. */
export interface WatchEventLine {
  event: string;
  at: string;
  [key: string]: unknown;
}

/** `tidings watch --json` running as a child process, its events collected as they come. */
export class WatchProcess {
  readonly child: ChildProcess;
  readonly events: WatchEventLine[] = [];
  stderr = '';
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private waiters: (() => void)[] = [];

  constructor(args: string[]) {
    this.child = spawn(process.execPath, [cli, 'watch', '--json', ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let buffered = '';
    this.child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines)
        if (line.trim()) this.events.push(JSON.parse(line) as WatchEventLine);
      for (const wake of this.waiters.splice(0)) wake();
    });
    this.child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (this.stderr += chunk));
    this.exited = new Promise((resolve) =>
      this.child.on('exit', (code, signal) => {
        for (const wake of this.waiters.splice(0)) wake();
        resolve({ code, signal });
      }),
    );
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** Resolves with the first event (from index `from` on) matching, or rejects after `ms`. */
  async waitFor(
    match: (event: WatchEventLine) => boolean,
    ms: number,
    from = 0,
  ): Promise<WatchEventLine> {
    const deadline = Date.now() + ms;
    for (;;) {
      const found = this.events.slice(from).find(match);
      if (found) return found;
      if (this.child.exitCode !== null || this.child.signalCode !== null) {
        throw new Error(`watch exited before the event came; stderr: ${this.stderr}`);
      }
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new Error(
          `no matching watch event within ${ms} ms; last events: ${JSON.stringify(this.events.slice(-5))}; stderr: ${this.stderr}`,
        );
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 1000));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Kills it if it still runs (cleanup after a failed assertion). */
  kill(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
  }
}

/** Resident set size of a process in KiB, from /proc (Linux). */
export function rssKiB(pid: number): number | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /^VmRSS:\s+(\d+) kB/m.exec(status);
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

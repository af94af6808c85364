import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Runs one command as a child process and measures it: wall time (spawn to exit, by us),
 * CPU time (user + sys) and peak RSS of the child. GNU time (`/usr/bin/time -v`) gives the
 * last two exactly; without it, the child's /proc entries are sampled every 50 ms (VmHWM is
 * a high-water mark, so only growth in the last 50 ms could be missed). A timeout kills the
 * child's whole process group, so a hung or swapping peer cannot stop the benchmark.
 *
 * Before each command the file system's pending writes are flushed (`sync`), so that what the
 * harness did just before (removing the last output: 15,000 files; copying a store) is not
 * written back and committed during the timed command. On this VM's ext4 (mounted with
 * `discard`) creating 15,000 files right after deleting as many took 1.1–1.9× as long without
 * the flush in between (same minutes, alternating); every tool gets the same flush.
 */

export interface Measurement {
  ok: boolean;
  wallSeconds: number;
  cpuSeconds: number | null;
  /** The two parts of cpuSeconds (GNU time only; null when sampled from /proc). */
  userSeconds: number | null;
  sysSeconds: number | null;
  peakRssMb: number | null;
  exitCode: number | null;
  timedOut: boolean;
  stdout: string;
  stderr: string;
  /** How CPU and RSS were measured. */
  method: 'gnu-time' | 'proc-sampling';
}

export interface CommandSpec {
  command: string;
  args: string[];
  cwd: string;
  timeoutSeconds: number;
  env?: NodeJS.ProcessEnv;
}

const GNU_TIME = '/usr/bin/time';

function hasGnuTime(): boolean {
  return existsSync(GNU_TIME);
}

/** CPU (user + sys) and peak RSS from GNU time's `-v` report; wall time we measure ourselves. */
function parseGnuTime(report: string): {
  cpuSeconds: number | null;
  userSeconds: number | null;
  sysSeconds: number | null;
  peakRssMb: number | null;
} {
  const field = (name: string): number | null => {
    const match = new RegExp(`^\\s*${name}:\\s*([\\d.]+)\\s*$`, 'm').exec(report);
    return match ? Number(match[1]) : null;
  };
  const user = field('User time \\(seconds\\)');
  const sys = field('System time \\(seconds\\)');
  const rssKb = field('Maximum resident set size \\(kbytes\\)');
  return {
    cpuSeconds: user === null || sys === null ? null : user + sys,
    userSeconds: user,
    sysSeconds: sys,
    peakRssMb: rssKb === null ? null : rssKb / 1024,
  };
}

/** Samples a running process's peak RSS and CPU from /proc (Linux). */
class ProcSampler {
  peakKb = 0;
  cpuTicks = 0;
  private readonly timer: NodeJS.Timeout;
  private static readonly TICKS_PER_SECOND = 100;

  constructor(private readonly pid: number) {
    this.timer = setInterval(() => this.sample(), 50);
  }

  private sample(): void {
    try {
      const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
      const hwm = /^VmHWM:\s*(\d+)/m.exec(status);
      if (hwm) this.peakKb = Math.max(this.peakKb, Number(hwm[1]));
      // Fields 14 and 15 of /proc/<pid>/stat, counted after the ")" that ends the name.
      const stat = readFileSync(`/proc/${this.pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      this.cpuTicks = Number(fields[11]) + Number(fields[12]);
    } catch {
      // The process has exited between samples.
    }
  }

  stop(): { cpuSeconds: number; peakRssMb: number } {
    clearInterval(this.timer);
    return {
      cpuSeconds: this.cpuTicks / ProcSampler.TICKS_PER_SECOND,
      peakRssMb: this.peakKb / 1024,
    };
  }
}

export async function measureCommand(spec: CommandSpec): Promise<Measurement> {
  spawnSync('sync', { stdio: 'ignore' });
  const gnu = hasGnuTime();
  const scratch = mkdtempSync(join(tmpdir(), 'tidings-bench-'));
  const timeReport = join(scratch, 'time.txt');
  const [command, args] = gnu
    ? [GNU_TIME, ['-v', '-o', timeReport, spec.command, ...spec.args]]
    : [spec.command, spec.args];
  const started = performance.now();
  const child = spawn(command, args, {
    cwd: spec.cwd,
    env: spec.env ?? process.env,
    detached: true, // its own process group, so a timeout can kill everything it started
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const sampler = !gnu && child.pid !== undefined ? new ProcSampler(child.pid) : null;
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    // Keep the tail only: a failing peer can print a lot.
    stderr = (stderr + chunk).slice(-20_000);
  });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    if (child.pid !== undefined) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
  }, spec.timeoutSeconds * 1000);
  const exitCode = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve(code));
  }).finally(() => clearTimeout(timer));
  const wallSeconds = (performance.now() - started) / 1000;
  let cpuSeconds: number | null = null;
  let userSeconds: number | null = null;
  let sysSeconds: number | null = null;
  let peakRssMb: number | null = null;
  if (sampler) ({ cpuSeconds, peakRssMb } = sampler.stop());
  if (gnu && existsSync(timeReport)) {
    ({ cpuSeconds, userSeconds, sysSeconds, peakRssMb } = parseGnuTime(
      readFileSync(timeReport, 'utf8'),
    ));
  }
  rmSync(scratch, { recursive: true, force: true });
  return {
    ok: exitCode === 0 && !timedOut,
    wallSeconds,
    cpuSeconds,
    userSeconds,
    sysSeconds,
    peakRssMb,
    exitCode,
    timedOut,
    stdout,
    stderr,
    method: gnu ? 'gnu-time' : 'proc-sampling',
  };
}

/** One line saying why a measured command failed, for the report. */
export function failureReason(measurement: Measurement, timeoutSeconds: number): string {
  if (measurement.timedOut) return `timed out after ${timeoutSeconds} s (killed)`;
  if (/heap out of memory|Allocation failed - JavaScript heap/i.test(measurement.stderr)) {
    return 'ran out of JavaScript heap';
  }
  const lastLine = measurement.stderr.trim().split('\n').slice(-1)[0] ?? '';
  return `exit code ${measurement.exitCode}${lastLine ? `: ${lastLine.slice(0, 200)}` : ''}`;
}

import { loadavg } from 'node:os';
import type { Measurement } from './build-measure.js';

/** One side of a same-run A/B (build-ab.ts, build-incremental-ab.ts): a CLI and its timed runs. */
export interface Variant {
  name: 'base' | 'new';
  cli: string;
  runs: Measurement[];
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? NaN;
};

export const seconds = (value: number | null): string =>
  value === null ? '–' : `${value.toFixed(2)} s`;

/** The line printed for one timed run; `extra` goes before the load average. */
export function roundLine(round: number, variant: Variant, run: Measurement, extra = ''): string {
  return (
    `round ${round} ${variant.name.padEnd(4)} wall ${seconds(run.wallSeconds)}  user ${seconds(run.userSeconds)}  sys ${seconds(run.sysSeconds)}  ` + // prettier-ignore
    `CPU ${seconds(run.cpuSeconds)}  peak RSS ${run.peakRssMb?.toFixed(0) ?? '–'} MB  ${extra}(load ${loadavg()[0]!.toFixed(1)})` // prettier-ignore
  );
}

/** Prints each variant's medians and the base ÷ new ratios (what to trust under load). */
export function printMedians(variants: readonly Variant[]): void {
  const medians = variants.map((variant) => ({
    name: variant.name,
    wall: median(variant.runs.map((r) => r.wallSeconds)),
    user: median(variant.runs.map((r) => r.userSeconds ?? NaN)),
    sys: median(variant.runs.map((r) => r.sysSeconds ?? NaN)),
    cpu: median(variant.runs.map((r) => r.cpuSeconds ?? NaN)),
    rss: median(variant.runs.map((r) => r.peakRssMb ?? NaN)),
  }));
  console.log('\nmedians:');
  for (const m of medians) {
    console.log(`  ${m.name.padEnd(4)} wall ${seconds(m.wall)}  user ${seconds(m.user)}  sys ${seconds(m.sys)}  CPU ${seconds(m.cpu)}  peak RSS ${m.rss.toFixed(0)} MB`); // prettier-ignore
  }
  const [old, now] = medians as [(typeof medians)[0], (typeof medians)[0]];
  console.log(`  base ÷ new: wall ${(old.wall / now.wall).toFixed(2)}×, user ${(old.user / now.user).toFixed(2)}×, CPU ${(old.cpu / now.cpu).toFixed(2)}×`); // prettier-ignore
}

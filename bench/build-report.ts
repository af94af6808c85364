import type { ToolRun } from './build-tool-result.js';

/** Prints one corpus size's runs, the same-run ratios and the targets (issue 6). */

const seconds = (value: number | null | undefined): string =>
  value === null || value === undefined ? 'n/a' : `${value.toFixed(2)} s`;
const megabytes = (value: number | null | undefined): string =>
  value === null || value === undefined ? 'n/a' : `${value.toFixed(0)} MB`;
const count = (value: number | null | undefined): string =>
  value === null || value === undefined ? 'n/a' : value.toLocaleString('en');

export function printRuns(runs: ToolRun[]): void {
  const header = ['tool', 'run', 'wall', 'CPU', 'peak RSS', 'written (says / seen)', 'output'];
  const rows = runs.map((r) => {
    const m = r.measurement;
    if (r.problem !== null) {
      return [r.tool, r.run, m ? seconds(m.wallSeconds) : '', '', '', '', `FAILED/SKIPPED: ${r.problem}`]; // prettier-ignore
    }
    return [
      r.tool,
      r.run,
      seconds(m?.wallSeconds),
      seconds(m?.cpuSeconds),
      megabytes(m?.peakRssMb),
      `${count(r.reportedWritten)} / ${count(r.observedWritten)}`,
      r.output ? `${count(r.output.files)} files, ${r.output.megabytes.toFixed(0)} MB` : '',
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length))); // prettier-ignore
  const line = (cells: string[]): string =>
    cells.map((cell, i) => (i >= 2 && i <= 4 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join('  '); // prettier-ignore
  console.log(line(header));
  for (const row of rows) console.log(line(row));
  for (const r of runs)
    for (const note of r.notes) console.log(`  note (${r.tool}, ${r.run}): ${note}`);
}

interface Target {
  name: string;
  /** The corpus size the issue sets it for. */
  forN: number;
  measured: string;
  met: boolean | null;
}

const find = (runs: ToolRun[], tool: ToolRun['tool'], run: string): ToolRun | undefined =>
  runs.find((r) => r.tool === tool && r.run.startsWith(run) && r.problem === null);

/** Same-run ratios (peer ÷ ours, wall and CPU) and the targets, each met / missed / n/a. */
export function printVerdicts(n: number, runs: ToolRun[]): void {
  const full = find(runs, 'tidings', 'full build');
  const noChange = find(runs, 'tidings', 'no-change rebuild');
  const afterNew = find(runs, 'tidings', 'rebuild after');
  const ratio = (peer: ToolRun['tool']): number | null => {
    const other = find(runs, peer, 'full build');
    if (!full?.measurement || !other?.measurement) return null;
    return other.measurement.wallSeconds / full.measurement.wallSeconds;
  };
  for (const peer of ['hexo', 'hugo'] as const) {
    const other = find(runs, peer, 'full build');
    if (!full?.measurement || !other?.measurement) continue;
    const wall = other.measurement.wallSeconds / full.measurement.wallSeconds;
    const cpu =
      other.measurement.cpuSeconds !== null && full.measurement.cpuSeconds
        ? other.measurement.cpuSeconds / full.measurement.cpuSeconds
        : null;
    console.log(
      `${peer === 'hexo' ? 'Hexo' : 'Hugo'} ÷ ours, full build: wall ${wall.toFixed(2)}×` +
        (cpu === null ? '' : `, CPU ${cpu.toFixed(2)}×`),
    );
  }
  const hexo = ratio('hexo');
  const hugo = ratio('hugo');
  const peak = full?.measurement?.peakRssMb ?? null;
  const fullWall = full?.measurement?.wallSeconds ?? null;
  const afterWall = afterNew?.measurement?.wallSeconds ?? null;
  const targets: Target[] = [
    { name: 'full build ≥ 40× faster than Hexo', forN: 10_000, measured: hexo === null ? 'n/a' : `${hexo.toFixed(1)}×`, met: hexo === null ? null : hexo >= 40 }, // prettier-ignore
    { name: 'full build ≥ 10× faster than Hugo', forN: 10_000, measured: hugo === null ? 'n/a' : `${hugo.toFixed(1)}×`, met: hugo === null ? null : hugo >= 10 }, // prettier-ignore
    { name: 'no-change rebuild < 1 s', forN: 10_000, measured: seconds(noChange?.measurement?.wallSeconds), met: noChange?.measurement ? noChange.measurement.wallSeconds < 1 : null }, // prettier-ignore
    { name: 'no-change rebuild writes no files', forN: 10_000, measured: `${count(noChange?.observedWritten)} written`, met: noChange ? noChange.observedWritten === 0 : null }, // prettier-ignore
    { name: 'rebuild after 100 new items < 10% of a full build', forN: 10_000, measured: fullWall && afterWall ? `${((afterWall / fullWall) * 100).toFixed(1)}%` : 'n/a', met: fullWall && afterWall ? afterWall / fullWall < 0.1 : null }, // prettier-ignore
    { name: 'peak RSS < 1 GB (1,024 MB), default heap', forN: 50_000, measured: megabytes(peak), met: peak === null ? null : peak < 1024 }, // prettier-ignore
  ];
  console.log('Targets (issue 6):');
  for (const t of targets) {
    const verdict = t.met === null ? 'n/a' : t.met ? 'met' : 'MISSED';
    const scope = n === t.forN ? '' : `  (set for N = ${t.forN.toLocaleString('en')}; shown for reference)`; // prettier-ignore
    console.log(`  ${t.name}: ${t.measured} → ${verdict}${scope}`);
  }
}

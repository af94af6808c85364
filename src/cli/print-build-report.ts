import type { BuildReport } from '../site/build-site.js';

export function printBuildReport(
  report: BuildReport,
  out: NodeJS.WritableStream = process.stdout,
): void {
  const removed = report.removed > 0 ? `, ${report.removed} removed` : '';
  // Why older items are not on the site: they are stored, outside the window.
  const window = report.window
    ? `; items of the last ${report.window.days} day(s), from ${report.window.firstDay} (site.maxAgeDays)`
    : '';
  out.write(
    `Built ${report.outputDir}: ${report.written} file(s) written, ${report.unchanged} unchanged${removed} (${Math.round(report.durationMs)} ms)${window}\n`,
  );
}

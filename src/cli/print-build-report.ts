import type { BuildReport } from '../site/build-site.js';

export function printBuildReport(
  report: BuildReport,
  out: NodeJS.WritableStream = process.stdout,
): void {
  const removed = report.removed > 0 ? `, ${report.removed} removed` : '';
  out.write(
    `Built ${report.outputDir}: ${report.written} file(s) written, ${report.unchanged} unchanged${removed} (${Math.round(report.durationMs)} ms)\n`,
  );
}

import type { BuildReport } from '../site/build-site.js';

export function printBuildReport(
  report: BuildReport,
  out: NodeJS.WritableStream = process.stdout,
): void {
  out.write(
    `Built ${report.outputDir}: ${report.written} file(s) written, ${report.unchanged} unchanged (${Math.round(report.durationMs)} ms)\n`,
  );
}

import type { BuildReport } from '../site/build-site.js';

export function printBuildReport(report: BuildReport, outputDir: string): void {
  process.stdout.write(
    `Built ${outputDir}: ${report.written} file(s) written, ${report.unchanged} unchanged (${Math.round(report.durationMs)} ms)\n`,
  );
}

import { join } from 'node:path';
import { failureReason, type Measurement } from './build-measure.js';
import { countUnder, snapshotOutput, summarizeOutput } from './build-output-files.js';
import type { ToolRun } from './build-tool-result.js';

/** A peer's full build as the report shows it: its output counted, missing item pages a problem. */
export function peerFullBuild(
  tool: 'hexo' | 'hugo',
  measurement: Measurement,
  siteDir: string,
  expectedItems: number,
  timeoutSeconds: number,
  notes: string[],
): ToolRun {
  const snapshot = measurement.ok ? snapshotOutput(join(siteDir, 'public')) : null;
  const output = snapshot ? summarizeOutput(snapshot) : null;
  // Every item must have its page (p/…): a peer that silently drops posts is not faster.
  const itemPages = snapshot ? countUnder(snapshot, 'p') : 0;
  const missing =
    snapshot && itemPages < expectedItems
      ? `only ${itemPages} item pages for ${expectedItems} items`
      : null;
  return {
    tool,
    run: 'full build',
    measurement,
    problem: measurement.ok ? missing : failureReason(measurement, timeoutSeconds),
    reportedWritten: null,
    observedWritten: output?.files ?? null,
    output,
    notes,
  };
}

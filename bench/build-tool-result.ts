import type { Measurement } from './build-measure.js';
import type { OutputSummary } from './build-output-files.js';

/** One timed build of one tool, as the report shows it. */
export interface ToolRun {
  tool: 'tidings' | 'hexo' | 'hugo';
  /** `full build`, `no-change rebuild`, `rebuild after 100 new items`. */
  run: string;
  measurement: Measurement | null;
  /** Set when the run was not made or failed: why, in one line. */
  problem: string | null;
  /** Files the tool says it wrote (ours), else null. */
  reportedWritten: number | null;
  /** Files we saw change in the output folder (new inode or mtime). */
  observedWritten: number | null;
  output: OutputSummary | null;
  /** Anything the reader must know to read the figures (heap, posts' origin, …). */
  notes: string[];
}

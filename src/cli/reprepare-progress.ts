import { describeRepreparing, REPREPARE_ANNOUNCED_FROM } from '../reprepared-text.js';
import { progressLine, type Progress, type ProgressLine } from './progress-line.js';

/**
 * Progress of preparing stored items again (reprepare-stored-items.ts), which holds up the
 * feeds' reading while it runs: a line redrawn on a terminal, drawn only once there is such
 * work; elsewhere one line on stderr when the work is large, so a long run is not silent.
 */
export function reprepareProgress(
  show: boolean,
  log: NodeJS.WritableStream = process.stderr,
): { onProgress: (progress: Progress) => void; clear: () => void } {
  let line: ProgressLine | null = null;
  return {
    onProgress(progress) {
      if (!show) return;
      if (line === null) {
        line = progressLine('Preparing stored items again', 'items');
        // Not a terminal (no redrawn line): one line on the log, when the work is large.
        if (line.onProgress === undefined && progress.total >= REPREPARE_ANNOUNCED_FROM) {
          log.write(
            `tidings: ${describeRepreparing(progress.total)}; the feeds are read after that\n`,
          );
        }
      }
      line.onProgress?.(progress);
    },
    clear() {
      line?.clear();
    },
  };
}

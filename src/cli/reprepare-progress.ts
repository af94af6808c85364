import { progressLine, type Progress, type ProgressLine } from './progress-line.js';

/** From this many stored items to prepare again, a log (not a terminal) is told it began. */
const ANNOUNCED_FROM = 1000;

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
        if (line.onProgress === undefined && progress.total >= ANNOUNCED_FROM) {
          log.write(
            `tidings: preparing ${progress.total} stored items again (their feeds' cleaning or ` +
              'Tidings changed); the feeds are read after that\n',
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

import type { BuildProgress } from '../site/build-site.js';

/** What a command hands the build, and takes the line away with before it prints its report. */
export interface BuildProgressLine {
  /** Absent when nothing is shown (not a terminal): the build then counts nothing for it. */
  onProgress?: (progress: BuildProgress) => void;
  /** Erases the line, if one was drawn. */
  clear(): void;
}

/** Redraws at most this often: a build reports every file (15,000 at 10,000 items). */
const REDRAW_MS = 100;

/**
 * On a terminal, one line redrawn in place while a build runs: "Building public …" at once
 * (planning a 50,000-item site takes seconds before the first file), then "Building public:
 * 12,345 of 75,182 files (16%)". Elsewhere (a log, a pipe) nothing: only the report line that
 * follows, as before.
 */
export function buildProgressLine(
  outputDir: string,
  out: NodeJS.WriteStream = process.stdout,
): BuildProgressLine {
  if (out.isTTY !== true) return { clear: () => undefined };
  let drawn = false;
  let last = 0;
  // The total grows once, late: the search index's files are counted when the index is done.
  // The percentage does not go back when it does.
  let shownPercent = 0;
  const draw = (text: string): void => {
    out.write(`\r\x1b[2K${text}`);
    drawn = true;
  };
  draw(`Building ${outputDir} …`);
  const count = new Intl.NumberFormat('en-US');
  return {
    onProgress({ done, total }) {
      const now = performance.now();
      if (now - last < REDRAW_MS && done < total) return;
      last = now;
      const percent = Math.max(shownPercent, total === 0 ? 100 : Math.floor((done / total) * 100));
      shownPercent = percent;
      draw(
        `Building ${outputDir}: ${count.format(done)} of ${count.format(total)} files (${percent}%)`,
      );
    },
    clear() {
      if (drawn) out.write('\r\x1b[2K');
      drawn = false;
    },
  };
}

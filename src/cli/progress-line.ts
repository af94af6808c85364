/** Work counted as it is done: `done` of `total` things. */
export interface Progress {
  done: number;
  total: number;
}

/** What a command hands its long work, and takes the line away with before it reports. */
export interface ProgressLine {
  /** Absent when nothing is shown (not a terminal): the work then counts nothing for it. */
  onProgress?: (progress: Progress) => void;
  /** Erases the line, if one was drawn. */
  clear(): void;
}

/** Redraws at most this often: a build reports every file (15,000 at 10,000 items). */
const REDRAW_MS = 100;

/**
 * On a terminal, one line redrawn in place while long work runs (a build, an export): `label …`
 * at once (planning a 50,000-item site takes seconds before the first file), then e.g.
 * "Building public: 12,345 of 75,182 files (16%)". Elsewhere (a log, a pipe) nothing: only the
 * report line that follows, as before.
 */
export function progressLine(
  label: string,
  unit: string,
  out: NodeJS.WriteStream = process.stdout,
): ProgressLine {
  if (out.isTTY !== true) return { clear: () => undefined };
  let drawn = false;
  let last = 0;
  // A build's total grows once, late: the search index's files are counted when the index is
  // done. The percentage does not go back when it does.
  let shownPercent = 0;
  const draw = (text: string): void => {
    out.write(`\r\x1b[2K${text}`);
    drawn = true;
  };
  draw(`${label} …`);
  const count = new Intl.NumberFormat('en-US');
  return {
    onProgress({ done, total }) {
      const now = performance.now();
      if (now - last < REDRAW_MS && done < total) return;
      last = now;
      const percent = Math.max(shownPercent, total === 0 ? 100 : Math.floor((done / total) * 100));
      shownPercent = percent;
      draw(`${label}: ${count.format(done)} of ${count.format(total)} ${unit} (${percent}%)`);
    },
    clear() {
      if (drawn) out.write('\r\x1b[2K');
      drawn = false;
    },
  };
}

/**
 * Runs `work` beside a progress line (none when `show` is false, e.g. for --json, or when not
 * on a terminal), erased when the work ends, however it ends, so the report that follows
 * starts on a clean line.
 */
export async function withProgressLine<T>(
  label: string,
  unit: string,
  show: boolean,
  work: (onProgress?: (progress: Progress) => void) => T | Promise<T>,
  out: NodeJS.WriteStream = process.stdout,
): Promise<T> {
  const line = show ? progressLine(label, unit, out) : null;
  try {
    return await work(line?.onProgress);
  } finally {
    line?.clear();
  }
}
